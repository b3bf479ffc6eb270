"""The link report in the admin: who may check now, what the rows say, replacing a moved address.

Every site asked is on 127.0.0.1 (tests/links/servers.py).
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from international.links import checker
from international.links.report import run_check
from international.models import Event, LinkCheck, Organization, PendingChange, SiteContact
from international.review import proposals
from tests.admin.roles import EDITORS
from tests.factories import (
    EventFactory,
    InfoPageFactory,
    OrganizationFactory,
    SectionPageFactory,
    SiteContactFactory,
    UserFactory,
)
from tests.pages import parse

pytestmark = pytest.mark.django_db
# The admin speaks Bulgarian unless the browser asks for English.

REPORT = "/admin/international/linkcheck/"
CHECK = "/admin/international/linkcheck/check/"
REPLACE = "/admin/international/linkcheck/replace/"


@pytest.fixture
def editor_client(db):
    user = UserFactory(username="redaktor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def records(local_site):
    """A record with a working, a moved and a broken address."""
    return {
        "ok": OrganizationFactory(website=local_site.url("/ok"), description_en=""),
        "moved": EventFactory(website=local_site.url("/old"), organization=None),
        "broken": EventFactory(website=local_site.url("/missing"), organization=None),
    }


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_superuser_checks_the_links_now_and_reads_the_counts(
    staff_client, records, local_site, only_local_requests
):
    page = staff_client.get(REPORT)
    assert page.status_code == 200
    button = parse(page).find("form", action=CHECK)
    assert button is not None and "Провери връзките сега" in button.text

    response = staff_client.post(CHECK, {"next": f"{REPORT}?status=broken"}, follow=True)

    assert response.redirect_chain == [(f"{REPORT}?status=broken", 302)]
    assert messages_of(response) == [
        "Проверени са 3 адреса. Работи: 1; Преместена: 1; Неработеща: 1"
    ]
    assert LinkCheck.objects.count() == 3
    rows = parse(response).find("table", id="result_list").find_all("tr")[1:]
    assert len(rows) == 1 and local_site.url("/missing") in rows[0].text
    change = reverse("admin:international_event_change", args=[records["broken"].pk])
    assert rows[0].find("a", href=change) is not None


def test_the_report_lists_each_row_with_a_replace_button_for_a_moved_one(
    staff_client, records, local_site, only_local_requests
):
    staff_client.post(CHECK)
    table = parse(staff_client.get(REPORT)).find("table", id="result_list")

    buttons = table.find_all("button", form="replace-link-form")
    moved = LinkCheck.objects.get(status=LinkCheck.Status.REDIRECTED)
    assert [(button.attrs["value"], button.text) for button in buttons] == [
        (str(moved.pk), "Замяна с новия адрес")
    ]
    assert "Преместена за постоянно" in table.text
    assert "Неработеща (404)" in table.text
    assert local_site.url("/new") in table.text


def test_the_report_reads_the_same_number_of_queries_for_more_rows(
    staff_client, records, local_site, only_local_requests
):
    staff_client.post(CHECK)
    staff_client.get(REPORT)  # Content types and permissions cached.

    with CaptureQueriesContext(connection) as few:
        staff_client.get(REPORT)
    for number in range(5):
        OrganizationFactory(website=local_site.url(f"/ok?{number}"), description_en="")
        EventFactory(website=local_site.url(f"/missing?{number}"), organization=None)
    staff_client.post(CHECK)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(REPORT)

    assert LinkCheck.objects.count() == 13
    assert len(many) == len(few)


def test_an_editor_reads_the_report_but_may_not_check_now(editor_client, records):
    page = editor_client.get(REPORT)

    assert page.status_code == 200
    assert parse(page).find("form", action=CHECK) is None
    assert "Провери връзките сега" not in page.content.decode()
    assert editor_client.post(CHECK).status_code == 403
    assert not LinkCheck.objects.exists()


def test_checking_now_is_a_post(staff_client):
    assert staff_client.get(CHECK).status_code == 405


def test_the_row_button_replaces_the_address_in_the_record_with_history(
    staff_client, superuser, records, local_site, only_local_requests
):
    staff_client.post(CHECK, follow=True)
    moved = LinkCheck.objects.get(status=LinkCheck.Status.REDIRECTED)

    response = staff_client.post(REPLACE, {"link": moved.pk, "next": REPORT}, follow=True)

    assert messages_of(response) == ["Заменен е 1 адрес с новия му."]
    event = Event.objects.get(pk=records["moved"].pk)
    assert event.website == local_site.url("/new")
    latest = event.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Link replaced", superuser)
    moved.refresh_from_db()
    assert moved.status == LinkCheck.Status.OK


def test_the_bulk_action_replaces_every_selected_moved_address(
    staff_client, local_site, only_local_requests
):
    first = OrganizationFactory(website=local_site.url("/old"), description_en="")
    second = EventFactory(website=local_site.url("/old-for-now"), organization=None)
    staff_client.post(CHECK, follow=True)

    response = staff_client.post(
        REPORT,
        {
            "action": "replace_selected",
            "_selected_action": [row.pk for row in LinkCheck.objects.all()],
        },
        follow=True,
    )

    assert messages_of(response) == ["Заменени са 2 адреса с новите им."]
    assert Organization.objects.get(pk=first.pk).website == local_site.url("/new")
    assert Event.objects.get(pk=second.pk).website == local_site.url("/new")


def test_a_user_who_may_not_change_the_record_cannot_replace_its_address(
    records, local_site, only_local_requests, staff_client
):
    staff_client.post(CHECK)
    moved = LinkCheck.objects.get(status=LinkCheck.Status.REDIRECTED)
    reader = UserFactory(username="chitatel", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_linkcheck"))
    client = Client()
    client.force_login(reader)

    page = parse(client.get(REPORT))
    assert page.find("button", form="replace-link-form") is None
    assert local_site.url("/new") in page.find("table", id="result_list").text
    assert client.post(REPLACE, {"link": moved.pk}).status_code == 403
    assert Event.objects.get(pk=records["moved"].pk).website == local_site.url("/old")


def test_an_editor_who_may_not_publish_sends_the_new_address_for_approval(
    editor_client, records, local_site, only_local_requests, staff_client, superuser
):
    staff_client.post(CHECK)
    moved = LinkCheck.objects.get(status=LinkCheck.Status.REDIRECTED)
    event = Event.objects.get(pk=records["moved"].pk)
    assert event.is_published
    page = parse(editor_client.get(REPORT))
    assert page.find("button", form="replace-link-form", value=str(moved.pk)) is not None

    response = editor_client.post(REPLACE, {"link": moved.pk, "next": REPORT}, follow=True)

    assert messages_of(response) == ["1 нов адрес е изпратен за одобрение: одобряващ го публикува."]
    # The published record is as it was; the report still shows the address as moved.
    assert Event.objects.get(pk=event.pk).website == local_site.url("/old")
    moved.refresh_from_db()
    assert moved.status == LinkCheck.Status.REDIRECTED
    change = PendingChange.objects.get()
    assert (change.author.username, change.record) == ("redaktor", event)
    # Only the address differs from the record.
    assert [
        (field.name, old, new) for field, old, new in proposals.differences(event, change.values)
    ] == [("website", local_site.url("/old"), local_site.url("/new"))]
    assert "name_bg" in change.values and "is_published" in change.values

    proposals.approve(change, superuser)

    event = Event.objects.get(pk=event.pk)
    assert (event.website, event.name_bg, event.is_published) == (
        local_site.url("/new"),
        records["moved"].name_bg,
        True,
    )


def test_the_footer_section_page_and_information_pages_are_in_the_report(
    staff_client, local_site, only_local_requests
):
    contact = SiteContactFactory(website=local_site.url("/missing"))
    SectionPageFactory(lead_bg=f'<p><a href="{local_site.url("/old")}">стар</a></p>')
    InfoPageFactory(body_en=f'<p><a href="{local_site.url("/ok")}">ok</a></p>')

    staff_client.post(CHECK)

    found = {
        (row.content_type.model, row.field_name, row.status) for row in LinkCheck.objects.all()
    }
    assert found == {
        ("sitecontact", "website", LinkCheck.Status.BROKEN),
        ("sectionpage", "lead_bg", LinkCheck.Status.REDIRECTED),
        ("infopage", "body_en", LinkCheck.Status.OK),
    }
    filtered = parse(staff_client.get(REPORT, {"kind": "sitecontact"}))
    rows = filtered.find("table", id="result_list").find_all("tr")[1:]
    assert len(rows) == 1 and local_site.url("/missing") in rows[0].text
    kinds = parse(staff_client.get(REPORT)).find(id="changelist-filter").text
    assert "информационни страници" in kinds.lower()
    change = reverse("admin:international_sitecontact_change", args=[contact.pk])
    assert rows[0].find("a", href=change) is not None


def test_an_editor_sends_a_moved_footer_address_for_approval(
    editor_client, staff_client, local_site, only_local_requests
):
    contact = SiteContactFactory(website=local_site.url("/old"))
    staff_client.post(CHECK)
    moved = LinkCheck.objects.get(status=LinkCheck.Status.REDIRECTED)

    editor_client.post(REPLACE, {"link": moved.pk})

    assert SiteContact.objects.get(pk=contact.pk).website == local_site.url("/old")
    change = PendingChange.objects.get()
    assert change.values["website"] == local_site.url("/new")


def test_checking_now_stops_at_its_time_budget_longest_unchecked_first(
    staff_client, local_site, only_local_requests, settings, monkeypatch
):
    never = OrganizationFactory(website=local_site.url("/missing?never"), description_en="")
    oldest = OrganizationFactory(website=local_site.url("/missing?oldest"), description_en="")
    recent = OrganizationFactory(website=local_site.url("/missing?recent"), description_en="")
    run_check()
    now = LinkCheck.objects.get(url=recent.website).checked_at
    LinkCheck.objects.filter(url=never.website).delete()
    LinkCheck.objects.filter(url=oldest.website).update(checked_at=now - timedelta(days=2))
    LinkCheck.objects.filter(url=recent.website).update(checked_at=now - timedelta(days=1))
    # The budget is spent as soon as one address has been asked.
    settings.LINK_CHECK_REQUEST_BUDGET = 20
    asked_before = []
    monkeypatch.setattr(
        checker, "clock", lambda: 0.0 if len(local_site.requests) <= asked_before[-1] else 100.0
    )

    asked_before.append(len(local_site.requests))
    first = messages_of(staff_client.post(CHECK, follow=True))
    asked_before.append(len(local_site.requests))
    second = messages_of(staff_client.post(CHECK, follow=True))

    left = (
        "2 адреса не бяха проверени в наличното време: проверяват се при следващото "
        "натискане на бутона или от планираната проверка."
    )
    assert first == [f"Проверен е 1 адрес. Неработеща: 1 {left}"]
    assert second == first
    assert [path for _method, path, _agent in local_site.requests[-2:]] == [
        "/missing?never",
        "/missing?oldest",
    ]
    checked = dict(LinkCheck.objects.values_list("url", "checked_at"))
    assert checked[recent.website] == now - timedelta(days=1)
    assert checked[oldest.website] > now
