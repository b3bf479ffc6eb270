"""Moving a row of a sortable list with its "Up" and "Down" buttons: no dragging needed.

The buttons submit a plain form (CSRF token and the list's order token), so they work
with the keyboard and without JavaScript; the move goes through the drag and drop's code.
"""

import pytest
from django.test import Client
from django.urls import reverse

from international.models import Organization
from tests.factories import SuperuserFactory
from tests.pages import form_data, parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

CHANGELIST = reverse("admin:international_organization_changelist")


def editor(username="redaktor1", **kwargs):
    client = Client(**kwargs)
    client.force_login(SuperuserFactory(username=username))
    return client


def buttons(page):
    """Return {(record pk, direction): (button, the form it submits)} of a list page."""
    found = {}
    for button in page.find_all("button", class_="move-button"):
        pk = int(button.attrs["formaction"].rstrip("/").split("/")[-2])
        found[pk, button.attrs["value"]] = button
    return found


def press(client, page, button):
    """Submit the form *button* belongs to, as a browser does: its fields and the button's."""
    form = page.find("form", id=button.attrs["form"])
    data = {**form_data(page, "reorder-form"), button.attrs["name"]: button.attrs["value"]}
    assert form.attrs["method"] == "post"
    return client.post(button.attrs["formaction"], data)


def orders():
    return list(Organization.objects.order_by("order").values_list("pk", flat=True))


def test_each_row_has_named_up_and_down_buttons_but_the_first_no_up_and_the_last_no_down():
    page = parse(editor().get(CHANGELIST))
    first, *middle, last = orders()
    found = buttons(page)

    assert (first, "up") not in found and (first, "down") in found
    assert (last, "down") not in found and (last, "up") in found
    record = Organization.objects.get(pk=middle[0])
    assert found[record.pk, "up"].attrs["aria-label"] == f"Премести {record} нагоре"
    assert found[record.pk, "up"].text == "Нагоре"
    assert found[record.pk, "down"].attrs["aria-label"] == f"Премести {record} надолу"
    # A real form with the CSRF token and the list's order token, outside the list's form.
    form = page.find("form", id="reorder-form")
    assert form.find("input", name="csrfmiddlewaretoken")
    assert form.find("input", name="order_version").attrs["value"]
    assert page.find("form", id="changelist-form").find("form", id="reorder-form") is None


def test_down_swaps_with_the_next_row_records_history_and_says_where_it_is_now():
    client = editor(enforce_csrf_checks=True)
    before = orders()
    moved = Organization.objects.get(pk=before[0])
    history = moved.history.count()
    page = parse(client.get(CHANGELIST))

    response = press(client, page, buttons(page)[moved.pk, "down"])

    assert response.status_code == 302
    assert orders() == [before[1], before[0], *before[2:]]
    latest = moved.history.first()
    assert moved.history.count() == history + 1
    assert latest.history_change_reason == "Reordered"
    shown = parse(client.get(response["Location"]))
    message = shown.find(class_="messagelist").text
    assert f"„{moved}“ е преместен на позиция 2 от {len(before)}." in message
    # The same page's list now shows the new order, with a new token.
    assert (
        shown.find("input", name="order_version").attrs["value"]
        != page.find("input", name="order_version").attrs["value"]
    )


def test_a_move_without_the_pages_csrf_token_is_refused():
    client = editor(enforce_csrf_checks=True)
    before = orders()
    url = reverse("admin:international_organization_move", args=[before[0]])

    response = client.post(url, {"direction": "down"})

    assert response.status_code == 403
    assert orders() == before


def test_a_move_from_a_list_older_than_the_order_is_refused_and_says_why():
    first, second = editor("redaktor1"), editor("redaktor2")
    before = orders()
    stale = parse(second.get(CHANGELIST))
    fresh = parse(first.get(CHANGELIST))
    assert press(first, fresh, buttons(fresh)[before[1], "up"]).status_code == 302
    after_first = orders()

    refused = press(second, stale, buttons(stale)[before[2], "up"])

    assert refused.status_code == 302
    assert orders() == after_first
    message = parse(second.get(refused["Location"])).find(class_="messagelist").text
    assert "Друг редактор е променил реда" in message
    assert "Нищо не е преместено" in message


def test_the_list_keeps_its_filters_after_a_move():
    client = editor()
    before = orders()
    page = parse(client.get(f"{CHANGELIST}?is_published__exact=1"))
    assert page.find("input", name="_changelist_filters").attrs["value"] == (
        "is_published__exact=1"
    )

    response = press(client, page, buttons(page)[before[0], "down"])

    assert response["Location"] == f"{CHANGELIST}?is_published__exact=1"


def test_the_list_reads_the_kinds_order_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = editor()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)

    assert response.status_code == 200
    # The (pk, order) pairs the order token is made of.
    order_reads = [
        q["sql"]
        for q in queries.captured_queries
        if '"international_organization"."id" AS "pk"' in q["sql"] and '"order"' in q["sql"]
    ]
    assert len(order_reads) == 1, order_reads


def test_the_list_sorted_last_to_first_offers_no_up_and_down_buttons():
    """Sorted the other way round, "Up" would move a row down the page: no buttons there
    (dragging still works); in the list's own order they are back."""
    client = editor()
    assert buttons(parse(client.get(CHANGELIST + "?o=-1"))) == {}
    assert buttons(parse(client.get(CHANGELIST + "?o=1")))
