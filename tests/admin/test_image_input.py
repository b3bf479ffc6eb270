"""The admin's image input: the current image shown small, a chosen image kept on an error."""

import datetime
import os

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from international.media.kept import KEPT_ROOT
from international.models import Organization, Programme
from international.ops.orphans import orphans
from tests.factories import SuperuserFactory, uploaded_image
from tests.pages import form_data, parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]


def admin_url(action, *args, model=Organization):
    return reverse(f"admin:international_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def client():
    client = Client()
    client.force_login(SuperuserFactory(username="redaktor1"))
    return client


def strasbourg():
    return Organization.objects.get(slug_bg="strasburgski-klub")


def with_image(record, alt="Лого на Страсбургския клуб"):
    record.image = uploaded_image("logo.png", size=(400, 200))
    record.image_alt_bg = alt
    record.save()
    return record


def kept_files():
    root = settings.MEDIA_ROOT / KEPT_ROOT
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_the_change_form_shows_the_current_image_small_with_its_alt_text(client):
    record = with_image(strasbourg())

    page = parse(client.get(admin_url("change", record.pk)))

    image = page.find(class_="field-image").find("img", class_="admin-thumbnail")
    assert image.attrs["alt"] == "Лого на Страсбургския клуб"
    assert image.attrs["src"] == f"/media/international/renditions/{record.image_hash}/320.png"
    assert (image.attrs["width"], image.attrs["height"]) == ("160", "80")


def test_a_decorative_image_is_shown_with_an_empty_alt(client):
    record = with_image(strasbourg())
    record.image_decorative = True
    record.save()

    page = parse(client.get(admin_url("change", record.pk)))

    assert page.find("img", class_="admin-thumbnail").attrs["alt"] == ""


def test_the_list_of_a_kind_with_images_has_a_small_image_column_and_others_none(client):
    record = with_image(strasbourg())

    page = parse(client.get(admin_url("changelist")))
    programmes = parse(client.get(admin_url("changelist", model=Programme)))

    images = page.find(id="result_list").find_all("img", class_="admin-thumbnail")
    assert [(img.attrs["alt"], img.attrs["width"]) for img in images] == [
        ("Лого на Страсбургския клуб", "64")
    ]
    row = next(tr for tr in page.find(id="result_list").find_all("tr") if tr.find("img"))
    assert row.find("th").find("a").text == str(record)
    assert programmes.find("th", class_="column-image_thumbnail") is None
    assert page.find("th", class_="column-image_thumbnail") is not None


def test_an_image_chosen_in_a_form_failing_elsewhere_is_kept_and_saved_with_the_next_submit(
    client,
):
    record = strasbourg()
    url = admin_url("change", record.pk)
    data = form_data(parse(client.get(url)), "organization_form")

    failed = client.post(
        url,
        {**data, "name_bg": "", "image": uploaded_image("rose.png"), "image_alt_bg": "Роза"},
    )

    assert failed.status_code == 200
    page = parse(failed)
    assert "name_bg" in failed.context["adminform"].form.errors
    assert "Избраното изображение е запазено: rose.png" in page.find(class_="kept-image").text
    assert kept_files() == ["rose.png"]
    again = form_data(page, "organization_form")
    assert again["image_kept"]

    saved = client.post(url, {**again, "name_bg": "Страсбургски клуб"})

    assert saved.status_code == 302
    record.refresh_from_db()
    assert record.image and record.image_alt_bg == "Роза"
    assert record.image.name.endswith(".png") and record.image_width == 40
    assert kept_files() == []  # The record has its own copy; the kept one is gone.


def test_a_forged_kept_token_brings_no_file(client):
    record = strasbourg()
    url = admin_url("change", record.pk)
    data = form_data(parse(client.get(url)), "organization_form")
    path = default_storage.save("international/2026/other.png", uploaded_image())

    saved = client.post(url, {**data, "image_kept": path})

    assert saved.status_code == 302
    record.refresh_from_db()
    assert not record.image


def test_clean_media_leaves_a_kept_image_for_a_day_then_lists_it(client):
    record = strasbourg()
    url = admin_url("change", record.pk)
    data = form_data(parse(client.get(url)), "organization_form")
    client.post(url, {**data, "name_bg": "", "image": uploaded_image("rose.png")})
    (kept,) = (settings.MEDIA_ROOT / KEPT_ROOT).rglob("rose.png")
    an_hour_ago = (datetime.datetime.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(kept, (an_hour_ago, an_hour_ago))

    assert not [o for o in orphans(min_age=datetime.timedelta(hours=1)) if "rose" in o.path]
    two_days_ago = (datetime.datetime.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(kept, (two_days_ago, two_days_ago))
    assert [o for o in orphans(min_age=datetime.timedelta(hours=1)) if "rose" in o.path]


def test_a_version_from_history_shows_no_image_whose_renditions_may_be_gone(client):
    record = with_image(strasbourg())
    version = record.history.first()

    page = parse(client.get(admin_url("simple_history", record.pk, version.history_id)))

    assert page.find(class_="field-image") is not None
    assert page.find("img", class_="admin-thumbnail") is None
