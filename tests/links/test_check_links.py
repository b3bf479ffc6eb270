"""The link check: every address of every record asked once, its answer kept per record and field.

Every site asked is on 127.0.0.1 (servers.py); only_local_requests fails a test otherwise.
"""

import io
import socket

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from international.links.checker import Checker, user_agent
from international.links.collect import Link, collect_links
from international.links.report import ReplaceError, replace_link, run_check
from international.models import LinkCheck, Organization, Programme, TwinCity
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProgrammeFactory,
    TwinCityFactory,
)

Status = LinkCheck.Status
pytestmark = pytest.mark.django_db


def row(record, field_name, url=None):
    rows = LinkCheck.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        field_name=field_name,
    )
    return rows.get(url=url) if url else rows.get()


def check_links():
    output = io.StringIO()
    call_command("check_links", stdout=output)
    return output.getvalue()


def test_the_check_reports_works_moved_broken_timeout_and_tls_error(
    local_site, local_tls_site, only_local_requests
):
    organization = OrganizationFactory(
        website=local_site.url("/ok"),
        description_bg=f'<p><a href="{local_site.url("/no-head")}">сайт</a></p>',
        description_en=f'<p>See <a href="{local_site.url("/old-for-now")}">the local_site</a>.</p>',
    )
    event = EventFactory(website=local_site.url("/old"), organization=None)
    programme = ProgrammeFactory(website=local_site.url("/missing"))
    project = ParticipationFactory(programme=programme, website=local_site.url("/slow"))
    city = TwinCityFactory(website=local_tls_site.url("/ok"))

    summary = check_links()

    assert row(organization, "website").status == Status.OK
    assert row(organization, "website").status_code == 200
    # HEAD refused (405): asked again with GET, which works.
    assert row(organization, "description_bg").status == Status.OK
    assert [asked[:2] for asked in local_site.requests if asked[1] == "/no-head"] == [
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
    ]
    moved_for_now = row(organization, "description_en")
    assert moved_for_now.status == Status.REDIRECTED
    assert moved_for_now.final_url == local_site.url("/new")
    assert not moved_for_now.permanent_redirect

    moved = row(event, "website")
    assert (moved.status, moved.final_url, moved.redirect_count) == (
        Status.REDIRECTED,
        local_site.url("/new"),
        1,
    )
    assert moved.permanent_redirect
    broken = row(programme, "website")
    assert (broken.status, broken.status_code) == (Status.BROKEN, 404)
    assert row(project, "website").status == Status.TIMEOUT
    assert row(city, "website").status == Status.TLS_ERROR
    assert "certificate" in row(city, "website").message.lower()

    # In the site's language, Bulgarian.
    assert summary == (
        "Проверени са 7 адреса. Работи: 2; Преместена: 2; Неработеща: 1; "
        "Няма отговор навреме: 1; Грешка в сертификата (TLS): 1\n"
    )
    # The sites are told who asks.
    assert {agent for _method, _path, agent in local_site.requests} == {user_agent()}
    assert "http://" in user_agent() and "StaraZagora" in user_agent()
    assert only_local_requests  # The guard saw the requests.


def test_an_address_in_several_records_is_asked_once_and_reported_for_each(
    local_site, only_local_requests
):
    first = OrganizationFactory(website=local_site.url("/missing"), description_en="")
    second = TwinCityFactory(website=local_site.url("/missing"))

    run_check()

    assert len([asked for asked in local_site.requests if asked[1] == "/missing"]) == 1
    assert row(first, "website").status == Status.BROKEN
    assert row(second, "website").status == Status.BROKEN


def test_a_link_no_longer_in_its_record_leaves_the_report_and_a_row_is_updated_in_place(
    local_site, only_local_requests
):
    organization = OrganizationFactory(
        website=local_site.url("/missing"),
        description_en=f'<p><a href="{local_site.url("/ok")}">x</a></p>',
    )
    run_check()
    kept = row(organization, "description_en")
    organization.website = local_site.url("/ok")
    organization.save()

    run_check()

    assert not LinkCheck.objects.filter(url=local_site.url("/missing")).exists()
    assert row(organization, "website").status == Status.OK
    assert row(organization, "description_en").pk == kept.pk
    assert row(organization, "description_en").checked_at > kept.checked_at


def test_the_collector_reads_url_fields_and_links_of_both_languages_only_http_ones():
    organization = OrganizationFactory(
        website="https://www.example.org/",
        description_bg=(
            '<p><a href="https://bg.example.org/a?x=1&amp;y=2">a</a> '
            '<a href="mailto:office@example.org">b</a> <a href="/bg/">c</a></p>'
        ),
        description_en="",
        highlights_en='<p><a href="http://en.example.org/">d</a></p>',
    )
    content_type = ContentType.objects.get_for_model(Organization).pk

    links = {link for link in collect_links() if link.object_id == organization.pk}

    assert links == {
        Link(content_type, organization.pk, "website", "https://www.example.org/"),
        Link(content_type, organization.pk, "description_bg", "https://bg.example.org/a?x=1&y=2"),
        Link(content_type, organization.pk, "highlights_en", "http://en.example.org/"),
    }


def test_an_unknown_host_is_reported_as_a_dns_error(monkeypatch):
    # No name is looked up at all: the resolver itself fails, as for a local_site that is gone.
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)

    results = Checker(timeout=1, host_interval=0).check_many(["https://gone.invalid/"])

    assert results["https://gone.invalid/"].status == Status.DNS_ERROR


def test_replacing_a_moved_website_saves_the_record_with_history(local_site, only_local_requests):
    event = EventFactory(website=local_site.url("/old"), organization=None)
    run_check()
    moved = row(event, "website")

    replace_link(moved)

    event.refresh_from_db()
    assert event.website == local_site.url("/new")
    latest = event.history.latest()
    assert latest.history_change_reason == "Link replaced"
    assert latest.website == local_site.url("/new")
    moved.refresh_from_db()
    assert (moved.status, moved.url, moved.final_url) == (Status.OK, local_site.url("/new"), "")


def test_replacing_a_moved_link_in_rich_text_changes_that_language_only(
    local_site, only_local_requests
):
    old = local_site.url("/old")
    programme = ProgrammeFactory(
        description_bg=f'<p>Виж <a href="{old}">сайта</a> и <a href="{old}">пак</a>.</p>',
        description_en=f'<p>See <a href="{old}">the local_site</a>.</p>',
    )
    run_check()

    replace_link(row(programme, "description_bg"))

    programme = Programme.objects.get(pk=programme.pk)
    new = local_site.url("/new")
    assert programme.description_bg == (
        f'<p>Виж <a href="{new}">сайта</a> и <a href="{new}">пак</a>.</p>'
    )
    assert old in programme.description_en
    assert row(programme, "description_en").status == Status.REDIRECTED


def test_an_address_changed_since_the_check_is_not_replaced(local_site, only_local_requests):
    city = TwinCityFactory(website=local_site.url("/old"))
    run_check()
    TwinCity.objects.filter(pk=city.pk).update(website=local_site.url("/ok"))

    with pytest.raises(ReplaceError):
        replace_link(row(city, "website"))

    assert TwinCity.objects.get(pk=city.pk).website == local_site.url("/ok")
    assert row(city, "website").status == Status.REDIRECTED


def test_requests_to_one_host_wait_the_interval_between_them(
    local_site, only_local_requests, monkeypatch
):
    waits = []
    monkeypatch.setattr("international.links.checker.time.sleep", waits.append)
    urls = [local_site.url("/ok"), local_site.url("/new"), local_site.url("/no-head")]

    Checker(host_interval=1).check_many(urls)

    # Before the second and the third address, and before the GET after a refused HEAD.
    assert len(waits) == 3
    assert all(0 < wait <= 1 for wait in waits)
    assert len(local_site.requests) == 4
