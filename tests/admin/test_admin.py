"""What municipal staff do in the admin: add, edit, unpublish and delete records."""

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from international.models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
)
from tests.factories import ProgrammeFactory, uploaded_image
from tests.pages import form_data, parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
RECORD_MODELS = [Organization, Event, Programme, Participation, TwinCity, InfoPage]


def admin_url(model, action, *args):
    return reverse(f"admin:international_{model._meta.model_name}_{action}", args=args)


def submit(client, url, model, **changes):
    """Fill in the admin form at *url* as a browser shows it, change *changes*, and save."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(parse(page), f"{model._meta.model_name}_form")
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)  # An unticked box is not sent at all.
        else:
            data[name] = value
    data["_save"] = "Save"
    return client.post(url, data)


def form_errors(response):
    """Return the admin form's errors, to show why a save was refused."""
    context = response.context
    if context is None or "adminform" not in context:
        return None
    errors = dict(context["adminform"].form.errors)
    for formset in context.get("inline_admin_formsets", []):
        errors["inlines"] = formset.formset.errors
    return errors


def assert_saved(response):
    assert response.status_code == 302, form_errors(response)


def public_text(client, language="bg"):
    response = client.get(SECTION[language])
    assert response.status_code == 200
    return parse(response).find("body").text


# The admin's language and pages ------------------------------------------------------------------


def test_the_admin_is_in_bulgarian_for_a_browser_that_asks_for_no_language(staff_client):
    response = staff_client.get("/admin/")

    assert response.status_code == 200
    document = parse(response)
    assert document.find("html").attrs["lang"] == "bg"
    assert "Международна дейност" in document.text
    assert "International activity" not in document.text
    # What a screen reader reads out: the app list's column headings, hidden from sight.
    headings = [th.text for th in document.find("table").find_all("th", scope="col")]
    assert headings == ["Вид записи", "Връзка за добавяне", "Връзка към списъка"]


def test_a_long_lists_move_actions_are_in_bulgarian(staff_client):
    from tests.factories import OrganizationFactory

    OrganizationFactory.create_batch(100)  # More than one page of the admin's list.
    url = reverse("admin:international_organization_changelist") + "?p=2"

    actions = [option.text for option in parse(staff_client.get(url)).find_all("option")]

    assert "Премести избраните на първата страница" in actions
    assert not [action for action in actions if action.startswith("Move")]


def test_the_search_field_of_a_list_is_labelled_in_bulgarian(staff_client):
    response = staff_client.get(reverse("admin:international_organization_changelist"))

    label = parse(response).find("label", **{"for": "searchbar"})
    assert label.find("img").attrs["alt"] == "Търсене"


@pytest.mark.parametrize(
    ("model", "seeded"),
    [
        (Organization, "Страсбургски клуб"),
        (Event, "Открити дни"),
        (Programme, "Европа за гражданите"),
        (Participation, "Европейските региони развиват европейско гражданство"),
        (TwinCity, "Крушевац"),
        (InfoPage, "Декларация за достъпност"),
    ],
)
def test_each_kind_of_record_has_a_list_and_an_add_page(staff_client, model, seeded):
    listing = staff_client.get(admin_url(model, "changelist"))
    adding = staff_client.get(admin_url(model, "add"))

    assert listing.status_code == 200
    assert seeded in parse(listing).text
    assert adding.status_code == 200
    assert parse(adding).find("form", id=f"{model._meta.model_name}_form") is not None


def test_the_admin_is_closed_to_anonymous_visitors(client):
    response = client.get(admin_url(Organization, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# Adding ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Organization, {"name_bg": "Нова мрежа", "name_en": "New network"}),
        (Event, {"name_bg": "Ново събитие", "name_en": ""}),
        (TwinCity, {"name_bg": "Нов град", "country": "GR"}),
        (
            InfoPage,
            {"key": InfoPage.Key.PRIVACY, "title_bg": "Бисквитки", "body_bg": "<p>Няма.</p>"},
        ),
    ],
)
def test_staff_add_a_record_through_the_admin_form(staff_client, model, fields):
    if model is InfoPage:
        InfoPage.objects.filter(key=fields["key"]).delete()  # One page per key.
    before = set(model.objects.values_list("pk", flat=True))

    response = submit(staff_client, admin_url(model, "add"), model, **fields)

    assert_saved(response)
    (record,) = model.objects.exclude(pk__in=before)
    for name, value in fields.items():
        assert str(getattr(record, name) or "") == value
    assert record.slug_bg and record.is_published
    if model is not InfoPage:
        assert fields["name_bg"] in public_text(staff_client)


def test_staff_add_a_project_to_an_existing_programme(staff_client):
    programme = ProgrammeFactory()

    response = submit(
        staff_client,
        admin_url(Participation, "add"),
        Participation,
        programme=str(programme.pk),
        title_bg="Нов проект",
        role=Participation.Role.LEAD,
        start_year="2015",
    )

    assert_saved(response)
    project = Participation.objects.get(title_bg="Нов проект")
    assert (project.programme, project.title_bg, project.slug_bg) == (
        programme,
        "Нов проект",
        "nov-proekt",
    )


def test_staff_add_a_programme_with_a_project_in_the_inline(staff_client):
    url = admin_url(Programme, "add")
    page = parse(staff_client.get(url))
    # The inline's management form, as the admin renders it.
    total_forms = [
        element.attrs["name"]
        for element in page.iter()
        if element.tag == "input" and element.attrs.get("name", "").endswith("-TOTAL_FORMS")
    ]
    # The projects, then the programme's documents.
    assert total_forms == ["participations-TOTAL_FORMS", "documents-TOTAL_FORMS"]
    prefix = total_forms[0].removesuffix("-TOTAL_FORMS")

    response = submit(
        staff_client,
        url,
        Programme,
        name_bg="Хоризонт Европа",
        name_en="Horizon Europe",
        **{
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-title_bg": "Проект в програмата",
            f"{prefix}-0-title_en": "Project in the programme",
            f"{prefix}-0-role": Participation.Role.PARTNER,
            f"{prefix}-0-start_year": "2022",
            f"{prefix}-0-is_published": "on",
            f"{prefix}-0-order": "1",
        },
    )

    assert_saved(response)
    programme = Programme.objects.get(name_bg="Хоризонт Европа")
    assert [p.title_en for p in programme.participations.all()] == ["Project in the programme"]


def test_a_record_without_a_bulgarian_name_is_not_saved_and_the_form_says_why(staff_client):
    count = Organization.objects.count()

    response = submit(
        staff_client, admin_url(Organization, "add"), Organization, name_bg="", name_en="Club"
    )

    assert response.status_code == 200
    assert "name_bg" in form_errors(response)
    document = parse(response)
    assert document.find(class_="errornote") is not None
    assert document.find("ul", class_="errorlist") is not None
    assert Organization.objects.count() == count


@pytest.mark.parametrize(
    ("field", "slug"),
    [("slug_bg", "obratna-vrazka"), ("slug_en", "international-activity"), ("slug_en", "feedback")],
)
def test_an_information_page_cannot_take_the_address_of_another_page(staff_client, field, slug):
    page = InfoPage.objects.get(key=InfoPage.Key.PRIVACY)

    response = submit(
        staff_client, admin_url(InfoPage, "change", page.pk), InfoPage, **{field: slug}
    )

    assert response.status_code == 200
    assert form_errors(response)[field] == [
        "Този адрес е на друга страница от раздела; изберете друг."
    ]
    page.refresh_from_db()
    assert slug not in (page.slug_bg, page.slug_en)


def test_coordinates_copied_from_a_map_are_taken_with_a_comma_and_many_decimals(staff_client):
    from decimal import Decimal

    city = TwinCity.objects.get(slug_bg="krushevats")
    change = admin_url(TwinCity, "change", city.pk)

    response = submit(staff_client, change, TwinCity, latitude="43,5846573", longitude=" 21.32621 ")

    assert response.status_code == 302, form_errors(response)
    city.refresh_from_db()
    assert (city.latitude, city.longitude) == (Decimal("43.58466"), Decimal("21.32621"))
    field = parse(staff_client.get(change)).find("input", id="id_latitude")
    assert (field.attrs["type"], field.attrs["inputmode"]) == ("text", "decimal")


def test_a_coordinate_that_is_not_a_number_is_refused_in_bulgarian(staff_client):
    city = TwinCity.objects.get(slug_bg="krushevats")

    response = submit(
        staff_client, admin_url(TwinCity, "change", city.pk), TwinCity,
        latitude="43°35′", longitude="21.3",
    )  # fmt: skip

    assert response.status_code == 200
    assert form_errors(response)["latitude"] == ["Въведете число."]


# Editing, unpublishing and deleting --------------------------------------------------------------


def test_staff_edit_the_english_name_and_the_english_page_shows_it(staff_client, superuser):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    assert "Strasbourg Club" in public_text(staff_client, "en")

    response = submit(
        staff_client, admin_url(Organization, "change", record.pk), Organization,
        name_en="Club of Strasbourg",
    )  # fmt: skip

    assert_saved(response)
    record.refresh_from_db()
    assert record.name_en == "Club of Strasbourg"
    assert record.slug_en == "strasbourg-club"  # The address stays: links to it keep working.
    assert "Club of Strasbourg" in public_text(staff_client, "en")
    latest = record.history.first()
    assert (latest.name_en, latest.history_user) == ("Club of Strasbourg", superuser)


def test_staff_unpublish_a_record_and_it_leaves_the_public_page(staff_client):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    assert "Страсбургски клуб" in public_text(staff_client)

    response = submit(
        staff_client, admin_url(Organization, "change", record.pk), Organization, is_published=None
    )

    assert_saved(response)
    record.refresh_from_db()
    assert record.is_published is False
    assert "Страсбургски клуб" not in public_text(staff_client)
    with translation.override("bg"):
        assert staff_client.get(record.get_absolute_url()).status_code == 404


def test_staff_delete_a_record_after_confirming(staff_client):
    record = TwinCity.objects.get(slug_bg="krushevats")
    url = admin_url(TwinCity, "delete", record.pk)
    assert "Крушевац" in public_text(staff_client)

    confirmation = staff_client.get(url)
    response = staff_client.post(url, {"post": "yes"})

    assert confirmation.status_code == 200
    assert response.status_code == 302
    assert not TwinCity.objects.filter(pk=record.pk).exists()
    assert "Крушевац" not in public_text(staff_client)


#: Every kind of record with a public page, and the field that names it.
NAMED_KINDS = [
    (Organization, "name"),
    (Event, "name"),
    (Programme, "name"),
    (Participation, "title"),
    (TwinCity, "name"),
]


def first_published(model):
    return model.objects.published().order_by("pk").first()


def detail_page(client, record, language):
    with translation.override(language):
        return client.get(record.get_absolute_url())


@pytest.mark.parametrize(
    ("model", "field"), NAMED_KINDS, ids=lambda value: getattr(value, "__name__", "")
)
def test_staff_rename_every_kind_of_record_in_both_languages(staff_client, model, field):
    record = first_published(model)

    response = submit(
        staff_client, admin_url(model, "change", record.pk), model,
        **{f"{field}_bg": "Преименуван запис", f"{field}_en": "Renamed record"},
    )  # fmt: skip

    assert_saved(response)
    record.refresh_from_db()
    for language, name in (("bg", "Преименуван запис"), ("en", "Renamed record")):
        page = detail_page(staff_client, record, language)
        assert page.status_code == 200
        assert name in parse(page).find("h1").text


@pytest.mark.parametrize(
    ("model", "field"), NAMED_KINDS, ids=lambda value: getattr(value, "__name__", "")
)
def test_staff_unpublish_every_kind_of_record_and_the_public_loses_it(staff_client, model, field):
    record = first_published(model)
    name = getattr(record, f"{field}_bg")
    assert detail_page(staff_client, record, "bg").status_code == 200

    response = submit(staff_client, admin_url(model, "change", record.pk), model, is_published=None)

    assert_saved(response)
    for language in ("bg", "en"):
        assert detail_page(staff_client, record, language).status_code == 404
    assert name not in public_text(staff_client)


@pytest.mark.parametrize(
    ("model", "field"), NAMED_KINDS, ids=lambda value: getattr(value, "__name__", "")
)
def test_staff_delete_every_kind_of_record_and_its_pages_are_gone(staff_client, model, field):
    record = first_published(model)
    if model is Programme:
        record.participations.all().delete()  # A programme's projects protect it (below).
    url = admin_url(model, "delete", record.pk)

    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not model.objects.filter(pk=record.pk).exists()
    for language in ("bg", "en"):
        assert detail_page(staff_client, record, language).status_code == 404


def test_a_programme_with_projects_is_not_deleted_and_the_page_names_them(staff_client):
    record = first_published(Programme)
    projects = list(record.participations.all())
    assert projects
    url = admin_url(Programme, "delete", record.pk)

    response = staff_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert Programme.objects.filter(pk=record.pk).exists()
    text = parse(response).find(id="content").text
    for project in projects:
        assert project.title_bg in text


def test_staff_edit_the_section_page_s_title_and_introduction(staff_client):
    page = SectionPage.objects.get()

    response = submit(
        staff_client, admin_url(SectionPage, "change", page.pk), SectionPage,
        title_bg="Международно сътрудничество", title_en="International cooperation",
    )  # fmt: skip

    assert_saved(response)
    for language, title in SECTION.items():
        document = parse(staff_client.get(title))
        expected = (
            "Международно сътрудничество" if language == "bg" else "International cooperation"
        )
        assert document.find("h1").text.strip() == expected


def test_staff_can_preview_an_unpublished_record_that_the_public_cannot_see(staff_client, client):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    Organization.objects.filter(pk=record.pk).update(is_published=False)

    preview = staff_client.get(admin_url(Organization, "preview", record.pk, "en"))

    assert preview.status_code == 200
    assert "Strasbourg Club" in parse(preview).find("h1").text
    assert "noindex" in preview["X-Robots-Tag"]


# The editor's scripts ----------------------------------------------------------------------------


def test_the_change_page_loads_the_translation_tabs_with_jquery_ui_from_this_site(staff_client):
    record = Organization.objects.get(slug_bg="strasburgski-klub")

    response = staff_client.get(admin_url(Organization, "change", record.pk))
    html = response.content.decode()
    scripts = [script.attrs["src"] for script in parse(response).find_all("script", src=True)]

    assert any(src.endswith("modeltranslation/js/tabbed_translation_fields.js") for src in scripts)
    assert any(src.endswith("vendor/jquery-ui/jquery-ui.min.js") for src in scripts)
    assert "googleapis" not in html
    assert [src for src in scripts if not src.startswith("/")] == []
    assert finders.find("vendor/jquery-ui/jquery-ui.min.js") is not None


@pytest.mark.parametrize(
    "model", [Organization, Event, Programme, Participation, TwinCity, InfoPage]
)
def test_view_on_site_leads_to_the_records_public_page(staff_client, model):
    record = model.objects.published().first()
    change_page = parse(staff_client.get(admin_url(model, "change", record.pk)))
    link = change_page.find("a", class_="viewsitelink")

    response = staff_client.get(link.attrs["href"], follow=True)

    with translation.override("bg"):
        expected = record.get_absolute_url()
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == expected


@pytest.mark.parametrize(
    "model", [Organization, Event, Programme, Participation, TwinCity, InfoPage]
)
def test_view_on_site_shows_a_draft_in_its_preview(staff_client, model):
    record = model.objects.published().first()
    model.objects.filter(pk=record.pk).update(is_published=False)
    change_page = parse(staff_client.get(admin_url(model, "change", record.pk)))
    link = change_page.find("a", class_="viewsitelink")

    response = staff_client.get(link.attrs["href"])

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert response.request["PATH_INFO"] == admin_url(model, "preview", record.pk, "bg")


# The one-row pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [SectionPage, SiteContact])
def test_the_one_row_pages_can_be_edited_but_not_added_to_or_deleted(staff_client, model):
    record = model.objects.get()

    listing = staff_client.get(admin_url(model, "changelist"))
    change = staff_client.get(admin_url(model, "change", record.pk))
    add = staff_client.get(admin_url(model, "add"))
    delete = staff_client.post(admin_url(model, "delete", record.pk), {"post": "yes"})

    assert listing.status_code == 200
    assert parse(listing).find("a", href=admin_url(model, "add")) is None
    assert change.status_code == 200
    assert parse(change).find("a", class_="deletelink") is None
    assert add.status_code == 403
    assert delete.status_code == 403
    assert model.objects.count() == 1


def test_staff_edit_the_footer_hotline_and_every_page_shows_it(staff_client):
    contact = SiteContact.objects.get()

    response = submit(
        staff_client, admin_url(SiteContact, "change", contact.pk), SiteContact,
        hotline_number="0800 11 22",
    )  # fmt: skip

    assert_saved(response)
    footer = parse(staff_client.get(SECTION["en"])).find("footer")
    assert "0800 11 22" in footer.text


# Images ------------------------------------------------------------------------------------------


def test_staff_upload_a_logo_with_its_description_and_the_page_shows_it(staff_client):
    record = Organization.objects.get(slug_bg="strasburgski-klub")

    response = submit(
        staff_client, admin_url(Organization, "change", record.pk), Organization,
        image=uploaded_image("logo.png", size=(800, 400)),
        image_alt_bg="Лого на Страсбургския клуб",
        image_alt_en="Logo of the Strasbourg Club",
    )  # fmt: skip

    assert_saved(response)
    record.refresh_from_db()
    assert (record.image_width, record.image_height) == (800, 400)
    assert record.image_hash and record.image.name.endswith(f"{record.image_hash}.png")
    images = parse(staff_client.get(SECTION["en"])).find_all("img")
    assert "Logo of the Strasbourg Club" in [image.attrs.get("alt") for image in images]


def test_staff_who_upload_an_svg_are_told_it_is_not_accepted(staff_client):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/svg+xml"
    )

    response = submit(
        staff_client, admin_url(Organization, "change", record.pk), Organization,
        image=svg, image_alt_bg="Лого",
    )  # fmt: skip

    assert response.status_code == 200
    assert "image" in form_errors(response)
    record.refresh_from_db()
    assert not record.image


def test_staff_who_upload_a_logo_without_a_description_are_asked_for_one(staff_client):
    record = Organization.objects.get(slug_bg="strasburgski-klub")

    response = submit(
        staff_client, admin_url(Organization, "change", record.pk), Organization,
        image=uploaded_image(),
    )  # fmt: skip

    assert response.status_code == 200
    assert "image_alt_bg" in form_errors(response)
    record.refresh_from_db()
    assert not record.image


# Translation work --------------------------------------------------------------------------------


def test_staff_find_the_records_that_still_need_english(staff_client):
    Organization.objects.filter(slug_bg="gradove-za-detsata").update(description_en="")
    url = admin_url(Organization, "changelist")

    missing = parse(staff_client.get(url, {"english": "missing"})).find("table", id="result_list")
    complete = parse(staff_client.get(url, {"english": "complete"})).find("table", id="result_list")

    assert "Градове за децата" in missing.text
    assert "Страсбургски клуб" not in missing.text
    assert "Страсбургски клуб" in complete.text
    assert "Градове за децата" not in complete.text
