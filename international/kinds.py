"""The kinds of record the section publishes, each declared once.

An entry names a kind's model, its address segment in both languages (translated in
locale/ under the "URL" context), its templates, the querysets its pages read, where
it stands on the section page, its open data columns and its structured data. The
addresses (public/urls.py), the section page and the list pages (public/views.py),
sitemap.xml (publishing/sitemaps.py), the JSON and CSV files (publishing/open_data.py)
and the Atom feed (publishing/feeds.py) are all built from KINDS. docs/adding-a-kind.md
says what else a new kind needs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Call, Event, Organization, Participation, Programme, TwinCity, Visit
from .models.documents import approved_documents
from .publishing import structured_data
from .publishing.columns import (
    choice_columns,
    common_columns,
    coordinate_column,
    country_columns,
    date_column,
    documents_column,
    field_column,
    image_columns,
    local_datetime_column,
    photos_column,
    reference_column,
    timestamp_columns,
    translated_columns,
    verbose_name,
)
from .publishing.event_groups import event_groups


@dataclass(frozen=True)
class SectionBlock:
    """How a kind appears on the section page: its place, its cards' layout, its "all" link."""

    position: int
    more_label: object  # lazily translated: the link to the kind's list page
    list_class: str = "card-list"
    #: How many records the block shows at most (public/views.py has the default).
    limit: int | None = None
    #: A template shown under the cards, given the block (e.g. the map of the twin cities).
    extra_template: str = ""
    #: The records the block shows, when not all the kind's pages (the open calls only).
    records: Callable | None = None
    #: A template the block shows when it has no records; without one, no block then.
    empty_template: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of record and everything the public side needs to publish it."""

    model: type
    #: The plural in code: the section page's context variable and the open data's key.
    plural: str
    #: The English address segment, untranslated: the section's anchor, the sitemap section.
    slug: str
    #: The address segment, translated: /bg/mezhdunarodna-deynost/<segment>/<slug>/.
    segment: object
    detail_template: str
    card_template: str
    #: The published records for the section page and the list page, with what they show.
    pages: Callable
    #: The columns of the kind's CSV file and its list in the JSON file.
    columns: tuple
    #: The title of the kind's list page and section; None: no list page of its own.
    title: object = None
    #: What the list page is about, in a sentence: its description for search and previews.
    description: object = None
    section: SectionBlock | None = None
    #: The published records for a record's own page; pages when None.
    detail: Callable | None = None
    #: (record, request, municipality node) -> the JSON-LD node a record's page is about.
    main_entity: Callable | None = None
    #: The published records for the open data (read as values() rows, so prefetches are
    #: not used: a column reads related rows itself); pages when None.
    exported: Callable | None = None
    #: records -> the groups the section and list pages show them in, under headings
    #: (events: upcoming, regular, past); None: one list with no headings.
    groups: Callable | None = None
    #: The template of the kind's list page.
    list_template: str = "international/record_list.html"

    @property
    def name(self):
        """Return the URL name of a record's page, without the namespace: "twin_city"."""
        return self.model.url_name.split(":", 1)[1]

    @property
    def list_name(self):
        return f"{self.name}_list"

    def detail_queryset(self):
        return (self.detail or self.pages)()

    def exported_queryset(self):
        return (self.exported or self.pages)()


def programmes_with_participations():
    """Return the published programmes with their published projects."""
    return Programme.objects.published().prefetch_related(
        Prefetch("participations", queryset=Participation.objects.published())
    )


def published_visits():
    """Return the prefetch of a twin city's or an organisation's published visits."""
    return Prefetch("visits", queryset=Visit.objects.published())


def visits_with_photos():
    """Return the published visits and news, newest first, with what their cards show."""
    return (
        Visit.objects.published()
        .select_related("twin_city", "organization")
        .prefetch_related("photos")
    )


def open_calls():
    """Return the prefetch of a programme's open calls, as its page lists them: open_calls."""
    return Prefetch("calls", queryset=Call.objects.published().open(), to_attr="open_calls")


def published_projects():
    # published(): a project is public only under a published programme.
    return Participation.objects.published().select_related("programme")


KINDS = (
    Kind(
        model=Organization,
        plural="organizations",
        slug="organisations",
        segment=pgettext_lazy("URL", "organisations"),
        title=_("Membership in international organisations"),
        description=_(
            "The international organisations, European networks and associations Stara Zagora "
            "Municipality is a member of, and its part in them."
        ),
        detail_template="international/organization_detail.html",
        card_template="international/cards/organization.html",
        pages=lambda: Organization.objects.published(),
        detail=lambda: Organization.objects.published().prefetch_related(
            Prefetch("events", queryset=Event.objects.published().in_calendar_order()),
            published_visits(),
        ),
        section=SectionBlock(position=20, more_label=_("All memberships")),
        main_entity=structured_data.organization_entity,
        columns=(
            *common_columns(Organization),
            *choice_columns(Organization, "kind"),
            *translated_columns(Organization, "name"),
            field_column(Organization, "original_name"),
            field_column(Organization, "original_name_language"),
            field_column(Organization, "website", "url"),
            field_column(Organization, "founded_year", "integer"),
            *translated_columns(Organization, "founded_note"),
            *translated_columns(Organization, "size"),
            field_column(Organization, "member_since", "integer"),
            *translated_columns(Organization, "role"),
            *translated_columns(Organization, "description", "html"),
            *translated_columns(Organization, "highlights", "html"),
            *image_columns(Organization),
            field_column(Organization, "order", "integer"),
            *timestamp_columns(),
        ),
    ),
    Kind(
        model=Event,
        plural="events",
        slug="events",
        segment=pgettext_lazy("URL", "events"),
        title=_("Participation in significant European events"),
        description=_("The significant European events Stara Zagora Municipality takes part in."),
        detail_template="international/event_detail.html",
        card_template="international/cards/event.html",
        pages=lambda: Event.objects.published().in_calendar_order().select_related("organization"),
        groups=event_groups,
        # The open data keeps the editors' order: a file's rows do not move with the day.
        exported=lambda: Event.objects.published().select_related("organization"),
        section=SectionBlock(position=30, more_label=_("All European events")),
        main_entity=structured_data.event_entity,
        columns=(
            *common_columns(Event),
            *translated_columns(Event, "name"),
            *translated_columns(Event, "organiser"),
            *translated_columns(Event, "place"),
            *translated_columns(Event, "recurrence"),
            date_column(Event, "start_date"),
            date_column(Event, "end_date"),
            field_column(Event, "repeats"),
            field_column(Event, "repeat_until_year", "integer"),
            field_column(Event, "website", "url"),
            *translated_columns(Event, "description", "html"),
            reference_column(
                "organization_id", verbose_name(Event, "organization"), "organization"
            ),
            *image_columns(Event),
            field_column(Event, "order", "integer"),
            *timestamp_columns(),
        ),
    ),
    Kind(
        model=Programme,
        plural="programmes",
        slug="programmes",
        segment=pgettext_lazy("URL", "programmes"),
        title=_("European programmes"),
        description=_(
            "The European programmes Stara Zagora Municipality works in, "
            "and its projects under them."
        ),
        detail_template="international/programme_detail.html",
        card_template="international/cards/programme.html",
        pages=programmes_with_participations,
        # Documents on the programme's own page only: the list pages do not show them.
        detail=lambda: programmes_with_participations().prefetch_related(
            approved_documents(), open_calls()
        ),
        section=SectionBlock(position=40, more_label=_("All European programmes")),
        columns=(
            *common_columns(Programme),
            *translated_columns(Programme, "name"),
            *translated_columns(Programme, "funder"),
            field_column(Programme, "period_start", "integer"),
            field_column(Programme, "period_end", "integer"),
            field_column(Programme, "website", "url"),
            *translated_columns(Programme, "description", "html"),
            documents_column(),
            field_column(Programme, "order", "integer"),
            *timestamp_columns(),
        ),
        # The open data lists the projects apart: not read with their programmes.
        exported=lambda: Programme.objects.published(),
    ),
    # A project is shown with its programme: it has its own page, but no list or section.
    Kind(
        model=Participation,
        plural="participations",
        slug="projects",
        segment=pgettext_lazy("URL", "projects"),
        detail_template="international/participation_detail.html",
        card_template="",
        pages=published_projects,
        detail=lambda: published_projects().prefetch_related(approved_documents()),
        columns=(
            *common_columns(Participation),
            reference_column("programme_id", verbose_name(Participation, "programme"), "programme"),
            *translated_columns(Participation, "title"),
            *choice_columns(Participation, "role"),
            *translated_columns(Participation, "partners"),
            field_column(Participation, "start_year", "integer"),
            field_column(Participation, "end_year", "integer"),
            field_column(Participation, "website", "url"),
            *translated_columns(Participation, "description", "html"),
            documents_column(),
            field_column(Participation, "order", "integer"),
            *timestamp_columns(),
        ),
    ),
    Kind(
        model=TwinCity,
        plural="twin_cities",
        slug="twin-cities",
        segment=pgettext_lazy("URL", "twin-cities"),
        title=_("Twin and partner cities"),
        description=_("The twin and partner cities of Stara Zagora and what they cooperate in."),
        detail_template="international/twincity_detail.html",
        card_template="international/cards/twincity.html",
        pages=lambda: TwinCity.objects.published(),
        detail=lambda: TwinCity.objects.published().prefetch_related(published_visits()),
        section=SectionBlock(
            position=10,
            more_label=_("All twin and partner cities"),
            list_class="card-grid card-grid--compact",
            extra_template="international/includes/twin_city_section_map.html",
        ),
        main_entity=structured_data.place_entity,
        columns=(
            *common_columns(TwinCity),
            *translated_columns(TwinCity, "name"),
            *translated_columns(TwinCity, "region"),
            *country_columns(TwinCity),
            *choice_columns(TwinCity, "kind"),
            field_column(TwinCity, "since_year", "integer"),
            field_column(TwinCity, "website", "url"),
            *translated_columns(TwinCity, "cooperation_areas", "html"),
            coordinate_column(TwinCity, "latitude"),
            coordinate_column(TwinCity, "longitude"),
            *image_columns(TwinCity),
            field_column(TwinCity, "order", "integer"),
            *timestamp_columns(),
        ),
    ),
    Kind(
        model=Visit,
        plural="visits",
        slug="visits",
        segment=pgettext_lazy("URL", "visits"),
        title=_("Visits and news"),
        description=_(
            "Delegation visits and international news of Stara Zagora Municipality, newest first."
        ),
        detail_template="international/visit_detail.html",
        card_template="international/cards/visit.html",
        pages=visits_with_photos,
        # The open data reads values() rows: the photos in one query of their own.
        exported=lambda: Visit.objects.published(),
        section=SectionBlock(position=50, more_label=_("All visits and news"), limit=3),
        main_entity=structured_data.visit_entity,
        columns=(
            *common_columns(Visit),
            *choice_columns(Visit, "kind"),
            date_column(Visit, "date"),
            *translated_columns(Visit, "title"),
            *translated_columns(Visit, "text", "html"),
            reference_column("twin_city_id", verbose_name(Visit, "twin_city"), "twin_city"),
            reference_column(
                "organization_id", verbose_name(Visit, "organization"), "organization"
            ),
            photos_column(),
            field_column(Visit, "order", "integer"),
            *timestamp_columns(),
        ),
    ),
    Kind(
        model=Call,
        plural="calls",
        slug="calls",
        segment=pgettext_lazy("URL", "calls"),
        title=_("Open calls and funding opportunities"),
        description=_(
            "Calls for partners, projects and citizens that Stara Zagora Municipality "
            "publishes or takes part in: who may apply and by when."
        ),
        detail_template="international/call_detail.html",
        card_template="international/cards/call.html",
        list_template="international/call_list.html",
        # Open calls first, soonest deadline first; then the archive, newest deadline first.
        pages=lambda: Call.objects.published().open_first().select_related("programme"),
        section=SectionBlock(
            position=15,
            more_label=_("All calls, with the archive of closed ones"),
            records=lambda: Call.objects.published().open().select_related("programme"),
            empty_template="international/includes/no_open_calls.html",
        ),
        main_entity=structured_data.call_entity,
        columns=(
            *common_columns(Call),
            *choice_columns(Call, "audience"),
            *translated_columns(Call, "title"),
            reference_column("programme_id", verbose_name(Call, "programme"), "programme"),
            *translated_columns(Call, "funder"),
            *translated_columns(Call, "eligibility", "html"),
            local_datetime_column(Call, "deadline"),
            field_column(Call, "website", "url"),
            *translated_columns(Call, "contact"),
            field_column(Call, "email"),
            *translated_columns(Call, "description", "html"),
            field_column(Call, "order", "integer"),
            *timestamp_columns(),
        ),
    ),
)
KINDS_BY_MODEL = {kind.model: kind for kind in KINDS}
#: The kinds with a block on the section page, in the page's order.
SECTION_KINDS = sorted((kind for kind in KINDS if kind.section), key=lambda k: k.section.position)


def kind_of(record):
    """Return the Kind of *record*, or None for what is not one (the section page, a page)."""
    return KINDS_BY_MODEL.get(type(record))
