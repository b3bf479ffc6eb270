"""What an editor of the section does in the admin, end to end through the real views.

Roles, login lockout, history and restoring, deleted records, drag-and-drop order, the
count of missing English translations, and how links in rich text reach the public page.
"""

import json

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from international.models import Organization
from tests.admin.roles import APPROVERS
from tests.factories import UserFactory
from tests.pages import form_data, parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

PASSWORD = "a-long-test-password"  # UserFactory's
LOGIN = "/admin/login/?next=/admin/"
SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}


# Helpers -----------------------------------------------------------------------------------------


def admin_url(action, *args, model=Organization):
    return reverse(f"admin:international_{model._meta.model_name}_{action}", args=args)


def strasbourg():
    return Organization.objects.get(slug_bg="strasburgski-klub")


def submit(client, url, form_id, **changes):
    """Post the form *form_id* at *url* as the browser shows it, with *changes* made."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(parse(page), form_id)
    data.update(changes)
    data["_save"] = "Save"
    return client.post(url, data)


def assert_saved(response):
    errors = None
    if response.context is not None and "adminform" in response.context:
        errors = dict(response.context["adminform"].form.errors)
    assert response.status_code == 302, errors


def public_page(record, language):
    """Return the record's public page in *language*, as an anonymous visitor sees it."""
    with translation.override(language):
        url = record.get_absolute_url()
    response = Client().get(url)
    assert response.status_code == 200, url
    return parse(response)


def history_rows(client, record):
    """Return the rows of the record's admin history page: newest first."""
    response = client.get(admin_url("history", record.pk, model=type(record)))
    assert response.status_code == 200
    return parse(response).find("table", id="change-history").find("tbody").find_all("tr")


def version_link(row):
    return row.find("a").attrs["href"]


def revert(client, url):
    """Open a version from the history page and press "Revert", changing nothing."""
    return submit(client, url, "historicalorganization_form")


def delete(client, record):
    url = admin_url("delete", record.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=record.pk).exists()


def restore_deleted(client, record):
    """Find the record on the deleted-records page and restore its newest version."""
    listing = parse(client.get(admin_url("deleted")))
    history = admin_url("history", record.pk)
    link = listing.find("a", href=history)
    assert link is not None, listing.find(id="content-main").text
    newest = history_rows(client, record)[0]
    deletion = record.history.first()
    assert deletion.history_type == "-"
    url = reverse("admin:international_organization_simple_history", args=[record.pk, deletion.pk])
    assert version_link(newest) == url
    return revert(client, url)


# Fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_failed_logins(db):
    """Start and end every test with no failed logins recorded by django-axes.

    Its database handler's rows go with each test's rollback; this also holds if the
    handler is ever switched (AXES_HANDLER) to one that keeps them elsewhere.
    """
    reset_axes()
    yield
    reset_axes()


@pytest.fixture
def editor(db):
    """An editor who may publish (the approvers' group): their saves reach the public pages.

    An editor of the editors' group only proposes changes: tests/admin/test_review.py.
    """
    user = UserFactory(username="redaktor", is_staff=True)
    user.groups.add(Group.objects.get(name=APPROVERS))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


# 1. Roles ----------------------------------------------------------------------------------------


def test_an_editor_opens_and_saves_an_organization(editor_client, editor):
    record = strasbourg()
    url = admin_url("change", record.pk)

    response = submit(editor_client, url, "organization_form", role_en="founding member")

    assert_saved(response)
    record.refresh_from_db()
    assert record.role_en == "founding member"
    assert record.history.first().history_user == editor


def test_an_editor_cannot_open_users_or_groups(editor_client, editor):
    for url in (
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        f"/admin/auth/user/{editor.pk}/change/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
    ):
        assert editor_client.get(url).status_code == 403, url

    index = parse(editor_client.get("/admin/"))
    links = [a.attrs.get("href", "") for a in index.find(id="content-main").find_all("a")]
    assert admin_url("changelist") in links
    assert [link for link in links if link.startswith("/admin/auth/")] == []
    assert not editor.groups.get().permissions.filter(content_type__app_label="auth").exists()


def test_an_editor_cannot_make_themselves_a_superuser(editor_client, editor):
    response = editor_client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {"username": editor.username, "is_superuser": "on", "is_staff": "on"},
    )

    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


# 2. Login lockout --------------------------------------------------------------------------------


def log_in(client, username, password, **headers):
    """Fill in and send the admin's login form as a browser at *headers* (e.g. REMOTE_ADDR)."""
    page = client.get(LOGIN, **headers)
    assert page.status_code == 200
    data = form_data(parse(page), "login-form")
    data.update(username=username, password=password)
    return client.post(LOGIN, data, **headers)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def fail_five_times(client, username, **headers):
    for attempt in range(1, 6):
        response = log_in(client, username, "not-the-password", **headers)
        if attempt < 5:
            # The ordinary form, saying the password is wrong.
            assert response.status_code == 200, attempt
            assert parse(response).find(class_="errornote") is not None
    return response


def assert_locked_out(response, heading, message):
    assert response.status_code == 429
    page = parse(response)
    assert page.find("h1").text == heading
    assert message in page.find(id="content-main").text
    assert page.find("form", id="login-form") is None


def test_five_wrong_passwords_lock_the_user_name_at_that_address_out(editor):
    client = Client()

    fifth = fail_five_times(client, editor.username)
    sixth = log_in(client, editor.username, PASSWORD)  # Even the right password is refused.

    for response in (fifth, sixth):
        assert_locked_out(
            response,
            "Входът е блокиран",
            "Твърде много неуспешни опити за вход с това потребителско име от вашия адрес.",
        )
    page = parse(sixth)
    assert page.find("html").attrs["lang"] == "bg"
    # The page is the admin's, named as the admin names itself.
    assert page.find(id="site-name").text == "Община Стара Загора: Международна дейност"
    assert page.find("title").text == "Входът е блокиран | Международна дейност"
    assert not is_logged_in(client)
    assert client.get("/admin/").status_code == 302
    assert AccessAttempt.objects.get(username=editor.username).failures_since_start == 6


def test_the_lockout_page_is_in_english_for_a_browser_that_asks_for_english(editor):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    fail_five_times(client, editor.username)

    response = log_in(client, editor.username, PASSWORD)

    assert_locked_out(response, "Login locked", "Too many failed login attempts")
    assert parse(response).find(id="site-name").text == (
        "Stara Zagora Municipality: International activity"
    )
    assert not is_logged_in(client)


def test_a_lockout_holds_only_for_that_user_name_from_that_address(editor):
    other = UserFactory(username="druga-redaktorka", is_staff=True)
    fail_five_times(Client(), editor.username)
    assert_locked_out(
        log_in(Client(), editor.username, PASSWORD), "Входът е блокиран", "Твърде много"
    )

    same_name_elsewhere = Client()
    other_name_here = Client()
    responses = [
        log_in(same_name_elsewhere, editor.username, PASSWORD, REMOTE_ADDR="192.0.2.44"),
        log_in(other_name_here, other.username, PASSWORD),
    ]

    for client, response in zip([same_name_elsewhere, other_name_here], responses, strict=True):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert is_logged_in(client)
    assert same_name_elsewhere.session["_auth_user_id"] == str(editor.pk)
    assert other_name_here.session["_auth_user_id"] == str(other.pk)
    # The locked pair stays locked.
    assert log_in(Client(), editor.username, PASSWORD).status_code == 429


def test_a_successful_login_clears_the_earlier_failures(editor):
    client = Client()
    for _attempt in range(4):
        log_in(client, editor.username, "not-the-password")

    assert log_in(client, editor.username, PASSWORD).status_code == 302
    client.logout()
    fourth_again = None
    for _attempt in range(4):
        fourth_again = log_in(client, editor.username, "not-the-password")

    assert fourth_again.status_code == 200  # Not locked: the count started again.
    assert log_in(client, editor.username, PASSWORD).status_code == 302


# 3. History -------------------------------------------------------------------------------------


def changes_shown(row):
    """Return the "what changed" lines of a history row, e.g. "name [en]: old → new"."""
    return [item.text for item in row.find_all("td")[-1].find_all("li")]


def test_an_admin_edit_is_in_history_with_its_author_and_what_changed(editor_client, editor):
    record = strasbourg()
    # Saved last by an editor whose admin is in English.
    english_admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    english_admin.force_login(editor)
    url = admin_url("change", record.pk)
    assert_saved(submit(english_admin, url, "organization_form", role_en="founding member"))

    response = submit(
        editor_client, url, "organization_form",
        name_bg="Клуб „Страсбург“", name_en="Club of Strasbourg",
    )  # fmt: skip

    assert_saved(response)
    latest = record.history.first()
    assert (latest.history_type, latest.history_user, latest.name_en) == (
        "~", editor, "Club of Strasbourg",
    )  # fmt: skip
    newest, *older = history_rows(editor_client, record)
    cells = [cell.text for cell in newest.find_all("td")]
    assert cells[0] == "Клуб „Страсбург“"
    assert cells[3] == editor.username
    # What the editor changed, and nothing else (not the fields they left alone, whatever
    # language the admin was in when the record was saved before).
    assert changes_shown(newest) == [
        "Наименование [bg]: Страсбургски клуб → Клуб „Страсбург“",
        "Наименование [en]: Strasbourg Club → Club of Strasbourg",
    ]
    assert "Роля на общината [en]: active member → founding member" in changes_shown(older[0])
    assert len(older) == record.history.count() - 1


def test_the_history_shows_values_as_the_form_does_and_no_change_nobody_made(editor_client):
    from international.models import TwinCity

    city = TwinCity.objects.get(slug_bg="krushevats")
    assert city.kind == TwinCity.Kind.TWIN and city.is_published and city.since_year is None
    city.cooperation_areas_en = None  # As the seed stores an empty text...
    city.save()
    city.cooperation_areas_en = ""  # ...and the form saves it.
    city.save()
    city.kind = TwinCity.Kind.PARTNER
    city.country = "DE"
    city.is_published = False
    city.since_year = 2004
    city.cooperation_areas_bg = "<p>Култура</p><p>Образование</p>"
    city.save()

    newest, blank_to_blank, *_older = history_rows(editor_client, city)

    with translation.override("bg"):
        label = {name: capfirst(TwinCity._meta.get_field(name).verbose_name) for name in (
            "kind", "country", "is_published", "since_year", "cooperation_areas_bg")}  # fmt: skip
        expected = [
            f"{label['kind']}: {TwinCity.Kind.TWIN.label} → {TwinCity.Kind.PARTNER.label}",
            f"{label['country']}: Сърбия → Германия",
            f"{label['is_published']}: Да → Не",
            f"{label['since_year']}: — → 2004",
            f"{label['cooperation_areas_bg']}: — → Култура / Образование",
        ]
    assert sorted(changes_shown(newest)) == sorted(expected)
    assert changes_shown(blank_to_blank) == []
    history_page = editor_client.get(admin_url("history", city.pk, model=TwinCity))
    assert "None" not in parse(history_page).text


def test_a_restored_version_keeps_the_records_place_in_the_list(editor_client):
    record = strasbourg()
    earliest = record.history.earliest("history_date")
    Organization.objects.filter(pk=record.pk).update(order=earliest.order + 50)
    url = admin_url("simple_history", record.pk, earliest.history_id)

    page = parse(editor_client.get(url))
    response = editor_client.post(url, {**form_data(page, "historicalorganization_form")})

    assert_saved(response)
    record.refresh_from_db()
    assert record.order == earliest.order + 50
    assert record.history.first().order == earliest.order + 50


def test_the_history_names_a_related_record_and_writes_a_date_as_bulgarian_does(editor_client):
    import datetime

    from international.models import Event

    event = Event.objects.get(slug_bg="otkriti-dni")
    before = event.organization
    after = Organization.objects.exclude(pk=before.pk).first()
    event.organization = after
    event.start_date = datetime.date(2026, 10, 6)
    event.save()

    newest = history_rows(editor_client, event)[0]

    with translation.override("bg"):
        organization = capfirst(Event._meta.get_field("organization").verbose_name)
        start = capfirst(Event._meta.get_field("start_date").verbose_name)
    assert sorted(changes_shown(newest)) == sorted(
        [f"{organization}: {before} → {after}", f"{start}: — → 6 октомври 2026 г."]
    )


def test_the_seed_and_a_reorder_are_named_in_the_readers_language(editor_client):
    record = strasbourg()

    reasons = [row.find_all("td")[4].text.strip() for row in history_rows(editor_client, record)]

    assert reasons[-1] == "Начално съдържание"


def test_the_history_page_speaks_bulgarian_like_the_rest_of_the_admin(editor_client):
    record = strasbourg()
    record.name_en = "Club of Strasbourg"
    record.save()

    response = editor_client.get(admin_url("history", record.pk))

    page = parse(response)
    headings = [th.text for th in page.find("table", id="change-history").find_all("th")]
    assert {"Запис", "Дата/час", "Коментар", "Променен от", "Промени"} <= set(headings)
    comments = [row.find_all("td")[2].text for row in history_rows(editor_client, record)]
    assert comments[0] == "Променен"
    assert comments[-1] == "Създаден"
    assert "Created" not in page.text and "Changed by" not in page.text


def test_an_earlier_version_is_restored_from_history_in_both_languages(editor_client, editor):
    record = strasbourg()
    original = record.history.earliest("history_date")
    edit = submit(
        editor_client, admin_url("change", record.pk), "organization_form",
        name_bg="Временно име", name_en="Temporary name",
        description_bg="<p>Временен текст.</p>", description_en="<p>Temporary text.</p>",
    )  # fmt: skip
    assert_saved(edit)
    assert "Temporary text." in public_page(record, "en").find("main").text

    links = [version_link(row) for row in history_rows(editor_client, record)]
    url = reverse("admin:international_organization_simple_history", args=[record.pk, original.pk])
    assert url in links
    form = parse(editor_client.get(url)).find("form", id="historicalorganization_form")
    assert form.find("input", name="name_en").attrs["value"] == "Strasbourg Club"
    response = revert(editor_client, url)

    assert_saved(response)
    record.refresh_from_db()
    assert (record.name_bg, record.name_en) == (original.name_bg, original.name_en)
    assert (record.description_bg, record.description_en) == (
        original.description_bg, original.description_en,
    )  # fmt: skip
    bulgarian = public_page(record, "bg").find("main")
    english = public_page(record, "en").find("main")
    assert bulgarian.find("h1").text.startswith("Страсбургски клуб")
    assert "активен член на Страсбургския клуб" in bulgarian.text
    assert "Временен" not in bulgarian.text
    assert english.find("h1").text.startswith("Strasbourg Club")
    assert "an active member of the Strasbourg Club" in english.text
    assert "Temporary" not in english.text
    restored = record.history.first()
    assert (restored.history_type, restored.history_user) == ("~", editor)


# 4. Deleted records ------------------------------------------------------------------------------


def deleted_entries(client):
    """Return the deleted-records page's rows as (record, deleted by, history link)."""
    response = client.get(admin_url("deleted"))
    assert response.status_code == 200
    table = parse(response).find(id="content-main").find("table")
    if table is None:
        return []
    return [
        (cells[0].text, cells[2].text, cells[3].find("a").attrs["href"])
        for cells in (row.find_all("td") for row in table.find("tbody").find_all("tr"))
    ]


def test_a_deleted_record_is_restored_from_the_deleted_records_page(editor_client, editor):
    record = strasbourg()
    changelist = parse(editor_client.get(admin_url("changelist")))
    assert changelist.find("a", href=admin_url("deleted")) is not None
    assert deleted_entries(editor_client) == []

    delete(editor_client, record)
    for language in ("bg", "en"):
        with translation.override(language):
            assert Client().get(record.get_absolute_url()).status_code == 404
    entries = deleted_entries(editor_client)
    assert entries == [("Страсбургски клуб", editor.username, admin_url("history", record.pk))]

    response = restore_deleted(editor_client, record)

    assert_saved(response)
    restored = Organization.objects.get(pk=record.pk)
    for field in (
        "name_bg", "name_en", "description_bg", "description_en", "slug_bg", "slug_en",
        "founded_note_bg", "founded_note_en", "order", "is_published", "website",
    ):  # fmt: skip
        assert getattr(restored, field) == getattr(record, field), field
    assert public_page(record, "bg").find("h1").text.startswith("Страсбургски клуб")
    assert public_page(record, "en").find("h1").text.startswith("Strasbourg Club")
    assert "Strasbourg Club" in Client().get(SECTION["en"]).content.decode()
    assert deleted_entries(editor_client) == []
    latest = record.history.first()
    assert (latest.history_type, latest.history_user) == ("+", editor)


def test_edit_restore_delete_restore_keeps_the_record_and_all_its_history(editor_client, editor):
    record = strasbourg()
    original = record.history.earliest("history_date")
    change_url = admin_url("change", record.pk)

    # Edit,
    assert_saved(
        submit(editor_client, change_url, "organization_form", name_en="Club of Strasbourg")
    )
    # restore the original from history,
    url = reverse("admin:international_organization_simple_history", args=[record.pk, original.pk])
    assert_saved(revert(editor_client, url))
    # delete,
    delete(editor_client, record)
    # and restore from the deleted records.
    assert_saved(restore_deleted(editor_client, record))

    record = Organization.objects.get(pk=record.pk)
    assert (record.name_bg, record.name_en) == (original.name_bg, original.name_en)
    assert public_page(record, "en").find("h1").text.startswith("Strasbourg Club")
    history = list(
        record.history.order_by("history_date", "history_id").values_list(
            "history_type", "history_user", "name_en"
        )
    )
    assert history == [
        ("+", None, "Strasbourg Club"),  # The seed.
        ("~", editor.pk, "Club of Strasbourg"),
        ("~", editor.pk, "Strasbourg Club"),
        ("-", editor.pk, "Strasbourg Club"),
        ("+", editor.pk, "Strasbourg Club"),
    ]
    rows = history_rows(editor_client, record)
    assert len(rows) == 5
    assert [row.find_all("td")[3].text for row in rows] == [editor.username] * 4 + ["Празно"]
    # Every version is still there to restore.
    assert {version_link(row) for row in rows} == {
        reverse("admin:international_organization_simple_history", args=[record.pk, entry.pk])
        for entry in record.history.all()
    }
    assert deleted_entries(editor_client) == []


def test_a_record_deleted_twice_is_listed_once(editor_client, editor):
    record = strasbourg()
    delete(editor_client, record)
    assert_saved(restore_deleted(editor_client, record))

    delete(editor_client, record)

    assert [entry[2] for entry in deleted_entries(editor_client)] == [
        admin_url("history", record.pk)
    ]


# 5. Drag-and-drop order -------------------------------------------------------------------------


def organizations_shown(client, language):
    """Return the organisations' names in the order the public list and section page show them."""
    names = set(Organization.objects.values_list(f"name_{language}", flat=True))
    with translation.override(language):
        paths = [reverse("international:organization_list"), reverse("international:section")]
    orders = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200
        titles = [title.find("a").text for title in parse(response).find_all(class_="card__title")]
        orders.append([title for title in titles if title in names])
    assert orders[0] == orders[1]
    return orders[0]


def test_a_drag_and_drop_reorder_shows_on_the_next_request_and_is_in_history(editor):
    public = Client()
    first, second, third = Organization.objects.order_by("order")
    for language in ("bg", "en"):  # Both pages are now cached.
        name = f"name_{language}"
        expected = [getattr(record, name) for record in (first, second, third)]
        assert organizations_shown(public, language) == expected
    history_before = {record.pk: record.history.count() for record in (first, second, third)}
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    changelist = parse(browser.get(admin_url("changelist")))
    config = json.loads(changelist.find("script", id="admin_sortable2_config").text)
    token = changelist.find("form", id="changelist-form").find("input", name="csrfmiddlewaretoken")
    handles = [(h.attrs["pk"], int(h.attrs["order"])) for h in changelist.find_all(class_="handle")]
    assert handles == [(str(r.pk), r.order) for r in (first, second, third)]

    # The third row dropped between the first two: as adminsortable2's script does, the rows
    # from the drop point down are numbered on from the first row's order.
    order = handles[0][1] + 1
    updated = [[handles[2][0], order], [handles[1][0], order + 1]]
    body = json.dumps({"updatedItems": updated})
    forged = browser.post(config["update_url"], body, content_type="application/json")
    response = browser.post(
        config["update_url"], body, content_type="application/json",
        headers={"Accept": "application/json", "X-CSRFToken": token.attrs["value"]},
    )  # fmt: skip

    assert forged.status_code == 403  # Without the page's CSRF token, nothing moves.
    assert response.status_code == 200
    for language in ("bg", "en"):
        name = f"name_{language}"
        expected = [getattr(record, name) for record in (first, third, second)]
        assert organizations_shown(public, language) == expected
    assert first.history.count() == history_before[first.pk]  # It did not move.
    for record, new_order in ((third, order), (second, order + 1)):
        assert record.history.count() == history_before[record.pk] + 1
        latest = record.history.first()
        assert (latest.order, latest.history_type, latest.history_user) == (new_order, "~", editor)
        # Stored untranslated, shown in the reader's language.
        assert latest.history_change_reason == "Reordered"
        newest_row = history_rows(browser, record)[0]
        assert newest_row.find_all("td")[4].text.strip() == "Пренаредено"


# 6. Missing English ------------------------------------------------------------------------------


def english_missing_shown(client, model=Organization):
    """Return the count of *model*'s records without English that the admin index shows."""
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    box = parse(response).find(class_="translation-gaps")
    if box is None:
        return 0
    assert box.find("h2").text == "Липсващи преводи на английски"
    link = box.find("a", href=admin_url("changelist", model=model) + "?english=missing")
    if link is None:
        return 0
    label, count = link.text.rsplit(": ", 1)
    assert label == capfirst(model._meta.verbose_name_plural)
    return int(count)


def test_the_admin_index_counts_a_new_record_without_english(editor_client):
    before = english_missing_shown(editor_client)
    assert before == sum(1 for record in Organization.objects.all() if record.missing_english())

    response = submit(
        editor_client, admin_url("add"), "organization_form",
        name_bg="Мрежа само на български", name_en="",
        description_bg="<p>Описание.</p>", description_en="",
    )  # fmt: skip

    assert_saved(response)
    assert english_missing_shown(editor_client) == before + 1
    record = Organization.objects.get(name_bg="Мрежа само на български")
    missing = parse(editor_client.get(admin_url("changelist"), {"english": "missing"}))
    assert "Мрежа само на български" in missing.find("table", id="result_list").text

    # Translating it takes it off the count again.
    response = submit(
        editor_client, admin_url("change", record.pk), "organization_form",
        name_en="Network in Bulgarian only", description_en="<p>About it.</p>",
    )  # fmt: skip
    assert_saved(response)
    assert english_missing_shown(editor_client) == before


def test_the_admin_index_counts_the_section_page_and_contacts_without_english(editor_client):
    from international.models import SectionPage, SiteContact

    SiteContact.objects.update(address_en="")
    page = SectionPage.objects.get()
    page.lead_en = ""
    page.save()

    box = parse(editor_client.get(reverse("admin:index"))).find(class_="translation-gaps")

    for model, record in ((SectionPage, page), (SiteContact, SiteContact.objects.get())):
        link = box.find("a", href=admin_url("change", record.pk, model=model))
        assert link.text == f"{capfirst(model._meta.verbose_name)}: 1"


# 7. Links in rich text ---------------------------------------------------------------------------


RICH_TEXT = {
    "bg": (
        '<p>Вижте <a href="https://europa.eu/" target="_blank">сайта на ЕС</a> и '
        '<a href="/bg/mezhdunarodna-deynost/" target="_blank">раздела</a>.</p>'
    ),
    "en": (
        '<p>See <a href="https://europa.eu/" target="_blank">the EU’s site</a> and '
        '<a href="/en/international-activity/" target="_blank">the section</a>.</p>'
    ),
}
EXTERNAL_NOTE = {"bg": "(външен сайт)", "en": "(external website)"}
EXTERNAL_LINK = {
    "bg": '<a href="https://europa.eu/" rel="external noopener noreferrer">сайта на ЕС'
    '<span class="visually-hidden"> (външен сайт)</span></a>',
    "en": '<a href="https://europa.eu/" rel="external noopener noreferrer">the EU’s site'
    '<span class="visually-hidden"> (external website)</span></a>',
}


def test_links_to_other_sites_are_marked_external_and_links_within_the_site_are_not(
    editor_client,
):
    record = strasbourg()

    response = submit(
        editor_client, admin_url("change", record.pk), "organization_form",
        description_bg=RICH_TEXT["bg"], description_en=RICH_TEXT["en"],
    )  # fmt: skip

    assert_saved(response)
    for language, section in SECTION.items():
        with translation.override(language):
            html = Client().get(record.get_absolute_url()).content.decode()
        assert EXTERNAL_LINK[language] in html
        prose = parse(html).find("main").find(class_="prose")
        external, internal = prose.find_all("a")

        assert external.attrs["href"] == "https://europa.eu/"
        assert "external" in external.attrs["rel"].split()
        assert {"noopener", "noreferrer"} <= set(external.attrs["rel"].split())
        assert "target" not in external.attrs
        note = external.find("span", class_="visually-hidden")
        assert note is not None and note.text == EXTERNAL_NOTE[language]
        # A space before the note, so that a screen reader says it as a word of its own.
        assert note.children == [f" {EXTERNAL_NOTE[language]}"]

        assert internal.attrs["href"] == section
        assert "external" not in internal.attrs.get("rel", "").split()
        assert "target" not in internal.attrs
        assert internal.find(class_="visually-hidden") is None
        assert EXTERNAL_NOTE[language] not in internal.text


@pytest.mark.parametrize(
    ("link", "external"),
    [
        ('<a title="ЕС" href="https://europa.eu/">ЕС</a>', True),  # title before href
        ('<a href="HTTPS://EUROPA.EU/">ЕС</a>', True),  # upper case
        ('<a href="//europa.eu/">ЕС</a>', True),  # the page's own scheme
        ('<a href="https://testserver/bg/dostapnost/">Достъпност</a>', False),  # this site
        ('<a href="https://TESTSERVER./bg/">Начало</a>', False),
        ('<a href="/bg/dostapnost/">Достъпност</a>', False),
        ('<a href="mailto:office@starazagora.bg">Пишете ни</a>', False),
        ('<a href="tel:080015737">0800 157 37</a>', False),
    ],
)
def test_every_spelling_of_a_link_is_marked_external_only_when_it_leaves_the_site(link, external):
    from international.text import mark_external_links, sanitize_rich_text

    with translation.override("bg"):
        marked = parse(mark_external_links(sanitize_rich_text(f"<p>{link}</p>")))

    anchor = marked.find("a")
    assert ("external" in anchor.attrs.get("rel", "").split()) is external
    assert (anchor.find("span", class_="visually-hidden") is not None) is external


def test_an_editor_attaches_a_document_to_a_project(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from international.models import Participation
    from tests.documents import pdf_bytes

    project = Participation.objects.first()
    url = admin_url("change", project.pk, model=Participation)
    data = form_data(parse(editor_client.get(url)), "participation_form")
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-title_bg": "Договор за партньорство",
            "documents-0-language": "bg",
            "documents-0-file": SimpleUploadedFile(
                "dogovor.pdf", pdf_bytes(), content_type="application/pdf"
            ),
            "_save": "Save",
        }
    )

    assert_saved(editor_client.post(url, data))
    assert [document.title_bg for document in project.documents.all()] == [
        "Договор за партньорство"
    ]
