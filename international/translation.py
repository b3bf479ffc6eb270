"""Which fields are translated (Bulgarian required, English optional).

History is registered here, after the translations, so that the historical
tables keep the _bg and _en columns (DESIGN.md, known pitfalls).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    Call,
    Document,
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
    Visit,
    VisitPhoto,
)


class BulgarianRequired(TranslationOptions):
    required_languages = {"bg": ()}


@register(Organization)
class OrganizationTranslation(BulgarianRequired):
    fields = (
        "name", "slug", "description", "image_alt", "founded_note", "size", "role", "highlights",
        "to_confirm_note",
    )  # fmt: skip
    required_languages = {"bg": ("name",)}


@register(Event)
class EventTranslation(BulgarianRequired):
    fields = (
        "name",
        "slug",
        "organiser",
        "place",
        "recurrence",
        "description",
        "image_alt",
        "to_confirm_note",
    )
    required_languages = {"bg": ("name",)}


@register(Programme)
class ProgrammeTranslation(BulgarianRequired):
    fields = ("name", "slug", "funder", "description", "to_confirm_note")
    required_languages = {"bg": ("name",)}


@register(Participation)
class ParticipationTranslation(BulgarianRequired):
    fields = ("title", "slug", "partners", "description", "to_confirm_note")
    required_languages = {"bg": ("title",)}


@register(Document)
class DocumentTranslation(BulgarianRequired):
    fields = ("title",)
    required_languages = {"bg": ("title",)}


@register(TwinCity)
class TwinCityTranslation(BulgarianRequired):
    fields = ("name", "slug", "region", "cooperation_areas", "image_alt", "to_confirm_note")
    required_languages = {"bg": ("name",)}


@register(SectionPage)
class SectionPageTranslation(BulgarianRequired):
    fields = (
        "title", "lead", "responsible_unit", "address", "contact_name", "contact_position",
        "office_hours",
    )  # fmt: skip
    required_languages = {"bg": ("title",)}


@register(SiteContact)
class SiteContactTranslation(BulgarianRequired):
    fields = ("hotline_note", "organisation_name", "address")
    required_languages = {"bg": ("organisation_name",)}


@register(InfoPage)
class InfoPageTranslation(BulgarianRequired):
    fields = ("title", "slug", "body", "enforcement_body", "enforcement_address", "to_confirm_note")
    required_languages = {"bg": ("title",)}


@register(Visit)
class VisitTranslation(BulgarianRequired):
    fields = ("title", "slug", "text", "to_confirm_note")
    required_languages = {"bg": ("title",)}


@register(VisitPhoto)
class VisitPhotoTranslation(BulgarianRequired):
    fields = ("image_alt", "caption")
    # A gallery's photo always says what it shows, in Bulgarian at least.
    required_languages = {"bg": ("image_alt",)}


@register(Call)
class CallTranslation(BulgarianRequired):
    fields = ("title", "slug", "funder", "eligibility", "contact", "description", "to_confirm_note")
    required_languages = {"bg": ("title",)}


for model in (
    Organization, Event, Programme, Participation, TwinCity, SectionPage, SiteContact, InfoPage,
    Document, Visit, VisitPhoto, Call,
):  # fmt: skip
    register_history(model)
