"""Visits and news in the admin: the gallery inline, the filters, the editors' permissions."""

import pytest

from international.models import TwinCity, Visit
from tests.admin.roles import APPROVERS, EDITORS, logged_in, member
from tests.admin.test_admin import admin_url, assert_saved, submit
from tests.factories import VisitFactory, VisitPhotoFactory, uploaded_image
from tests.pages import parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]


def test_staff_add_a_visit_with_a_photo_and_its_text_alternative(staff_client):
    city = TwinCity.objects.first()

    response = submit(
        staff_client,
        admin_url(Visit, "add"),
        Visit,
        kind=Visit.Kind.VISIT,
        date="2025-05-14",
        title_bg="Делегация от Лариса",
        twin_city=str(city.pk),
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": uploaded_image("visit.png", size=(400, 300)),
            "photos-0-image_alt_bg": "Кметовете пред общината",
            "photos-0-order": "1",
        },
    )

    assert_saved(response)
    visit = Visit.objects.get(title_bg="Делегация от Лариса")
    assert visit.twin_city == city
    [photo] = visit.photos.all()
    assert (photo.image_alt_bg, photo.image_width) == ("Кметовете пред общината", 400)


def test_a_photo_without_its_text_alternative_is_refused(staff_client):
    response = submit(
        staff_client,
        admin_url(Visit, "add"),
        Visit,
        date="2025-05-14",
        title_bg="Без описание на снимката",
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": uploaded_image("visit.png"),
            "photos-0-order": "1",
        },
    )

    assert response.status_code == 200
    assert not Visit.objects.filter(title_bg="Без описание на снимката").exists()


def test_the_list_filters_by_kind_and_twin_city_and_by_date(staff_client):
    VisitFactory(title_bg="Новина за награда", kind=Visit.Kind.NEWS)
    page = parse(staff_client.get(admin_url(Visit, "changelist")))

    filters = page.find(id="changelist-filter").text
    assert "вид" in filters.lower() and "побратимен град" in filters.lower()
    assert page.find("nav", class_="toplinks") is not None  # The date hierarchy.
    assert "Новина за награда" in page.text


@pytest.mark.parametrize("group", [EDITORS, APPROVERS])
def test_both_groups_may_edit_visits_and_their_photos(group):
    user = member(group, f"user-{group[-9:].strip()}")
    for codename in ("add_visit", "change_visit", "add_visitphoto", "delete_visitphoto"):
        assert user.has_perm(f"international.{codename}"), codename


def test_an_editors_change_to_a_published_visit_shows_its_photos_read_only():
    photo = VisitPhotoFactory()
    client = logged_in(member(EDITORS, "editor-of-visits"))

    page = parse(client.get(admin_url(Visit, "change", photo.visit.pk)))

    # The edit is a proposal of the visit's own fields: no photo input to lose unsaved.
    assert page.find("input", attrs_name="photos-0-image") is None
    assert not any(
        element.attrs.get("name", "").startswith("photos-0-image_alt") for element in page.iter()
    )


def test_the_visit_list_reads_the_twin_cities_with_its_rows(staff_client):
    """The list shows each visit's twin city (a foreign key that may be empty): no query
    a row, however many visits name a city."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cities = list(TwinCity.objects.all()[:3])

    def count():
        staff_client.get(admin_url(Visit, "changelist"))  # What a process caches, cached.
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(admin_url(Visit, "changelist"))
        assert response.status_code == 200
        return len(queries)

    VisitFactory.create_batch(3, twin_city=cities[0])
    few = count()
    for number in range(30):
        VisitFactory(twin_city=cities[number % len(cities)])
    assert count() == few
