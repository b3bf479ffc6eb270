"""Uploads in S3-compatible object storage (django-storages), against moto's S3."""

import io
import json

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from moto import mock_aws

from international.media.renditions import RENDITION_ROOT
from international.models import Organization
from tests.factories import OrganizationFactory, uploaded_image
from tests.pages import parse
from tests.test_project import start_django

BUCKET = "stara-zagora-media"
ENDPOINT = "https://s3.eu-central-1.amazonaws.com"

SHOW_STORAGE = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({'storage': settings.STORAGES['default'], "
    "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
)


def storage_settings(**variables):
    result = start_django(SHOW_STORAGE, DEBUG="true", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_uploads_stay_on_local_disk_unless_a_bucket_is_named():
    shown = storage_settings()

    assert shown["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert shown["img_src"] == ["'self'", "data:"]


def test_a_bucket_sends_uploads_to_object_storage_and_lets_pages_show_them():
    shown = storage_settings(
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL="https://fra1.digitaloceanspaces.com",
        S3_REGION="fra1",
        S3_ACCESS_KEY_ID="key-id",
        S3_SECRET_ACCESS_KEY="secret",
        S3_LOCATION="/international/",
    )

    options = shown["storage"]["OPTIONS"]
    assert shown["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == BUCKET
    assert options["endpoint_url"] == "https://fra1.digitaloceanspaces.com"
    assert options["region_name"] == "fra1"
    assert options["location"] == "international"
    assert options["querystring_auth"] is False
    assert shown["img_src"] == ["'self'", "data:", "https://fra1.digitaloceanspaces.com"]


def test_a_custom_media_domain_is_the_one_pages_may_load_images_from():
    shown = storage_settings(S3_BUCKET=BUCKET, S3_CUSTOM_DOMAIN="media.starazagora.bg")

    assert shown["storage"]["OPTIONS"]["custom_domain"] == "media.starazagora.bg"
    assert shown["img_src"] == ["'self'", "data:", "https://media.starazagora.bg"]


@pytest.fixture
def bucket(settings, monkeypatch):
    """moto's in-memory S3 with one bucket, made the default storage."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="eu-central-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "eu-central-1",
                    "endpoint_url": ENDPOINT,
                    "querystring_auth": False,
                    "default_acl": None,
                    "file_overwrite": False,
                },
            },
        }
        yield client


def stored_keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET)
    return {item["Key"] for item in listing.get("Contents", [])}


@pytest.mark.django_db
def test_an_uploaded_image_and_its_renditions_are_stored_in_the_bucket(
    bucket, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # renditions come on commit
        record = OrganizationFactory(image=uploaded_image("logo.png", size=(700, 300)))

    keys = stored_keys(bucket)
    assert record.image.name in keys
    folder = f"{RENDITION_ROOT}/{record.image_hash}/"
    renditions = {key.removeprefix(folder) for key in keys if key.startswith(folder)}
    # 320 and 640 px wide and the original's own 700, each in AVIF, WebP and PNG.
    assert renditions == {f"{w}.{ext}" for w in (320, 640, 700) for ext in ("avif", "webp", "png")}
    assert default_storage.url(record.image.name).startswith(f"{ENDPOINT}/{BUCKET}/")

    page = parse(client.get(record.get_absolute_url()))
    picture = page.find("main").find("picture")
    assert picture.find("img").attrs["src"].startswith(f"{ENDPOINT}/{BUCKET}/{RENDITION_ROOT}/")


@pytest.mark.django_db
def test_replacing_an_image_removes_the_old_renditions_from_the_bucket(
    bucket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # renditions come on commit
        record = OrganizationFactory(image=uploaded_image("logo.png", size=(700, 300)))
    old_hash = record.image_hash

    record = Organization.objects.get(pk=record.pk)
    record.image = uploaded_image("new.png", size=(700, 300), color=(10, 120, 200))
    with django_capture_on_commit_callbacks(execute=True):
        record.save()

    keys = stored_keys(bucket)
    assert record.image_hash != old_hash
    assert not any(key.startswith(f"{RENDITION_ROOT}/{old_hash}/") for key in keys)
    assert any(key.startswith(f"{RENDITION_ROOT}/{record.image_hash}/") for key in keys)


@pytest.mark.django_db
def test_the_backup_command_refuses_media_it_cannot_reach(bucket, tmp_path):
    with pytest.raises(CommandError, match="object storage"):
        call_command("backup_content", output=str(tmp_path))

    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_clean_media_removes_an_unreferenced_file_from_the_bucket(
    bucket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        OrganizationFactory(image=uploaded_image("logo.png", size=(700, 300)))
    referenced = stored_keys(bucket)
    orphan = "international/organisations/2026/left-by-a-killed-worker.png"
    bucket.put_object(Bucket=BUCKET, Key=orphan, Body=b"0123456789")
    output = io.StringIO()

    call_command("clean_media", "--delete", "--min-age", "0", stdout=output)

    assert f"{orphan}\t10" in output.getvalue()
    assert "1 unreferenced file(s), 10 bytes" in output.getvalue()
    assert stored_keys(bucket) == referenced
