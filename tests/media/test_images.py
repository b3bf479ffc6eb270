"""Uploaded images: what staff may upload, how it is cleaned, and how pages show it.

Every file is made here with Pillow: real images in each accepted format, images with
EXIF, broken and hostile files.
"""

import hashlib
import io
import os
import shutil
import struct
import zlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image

from international.media import renditions as images
from international.media.kept import KEPT_ROOT
from international.models import Organization
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    TwinCityFactory,
    image_bytes,
    uploaded_image,
)
from tests.pages import form_data, parse

pytestmark = pytest.mark.django_db(transaction=True)

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}

NOT_READABLE = "Файлът не е четимо изображение. Качете файл JPEG, PNG, WebP или AVIF."
TOO_LARGE_FILE = "Файлът е по-голям от 5 МБ; качете по-малко изображение."
WRONG_EXTENSION = (
    "Приемат се само изображения JPEG, PNG, WebP и AVIF: името на файла трябва да завършва "
    "на .jpg, .jpeg, .png, .webp или .avif."
)
ALT_REQUIRED = (
    "Опишете изображението на български за хората, които не могат да го видят, "
    "или го отбележете като декоративно."
)


# Files made with Pillow ---------------------------------------------------------------------------


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(data, name="logo.png"):
    return SimpleUploadedFile(name, data, "application/octet-stream")


def noise(size, image_format="PNG", **options):
    """Return an image of random pixels, which no encoder can make much smaller."""
    pixels = os.urandom(size[0] * size[1] * 3)
    return encoded(Image.frombytes("RGB", size, pixels), image_format, **options)


def png_declaring(width, height):
    """Return a tiny PNG whose header claims *width* x *height* pixels: a decompression bomb."""
    data = bytearray(encoded(Image.new("1", (8, 8)), "PNG"))
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


def webp_declaring(width, height):
    """Return the start of a lossless WebP whose header claims *width* x *height* pixels."""
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + struct.pack("<I", bits) + bytes(16)
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def camera_exif(orientation=1):
    """Return EXIF as a phone writes it: camera make, GPS position and orientation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (42.0, 25.0, 30.0),
    }
    return exif


def open_stored(path):
    """Return the stored image at *path* under MEDIA_ROOT, loaded, and its bytes."""
    data = (settings.MEDIA_ROOT / path).read_bytes()
    image = Image.open(io.BytesIO(data))
    image.load()
    return image, data


def stored_files():
    """Return every file under MEDIA_ROOT, relative to it."""
    root = settings.MEDIA_ROOT
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def rendition_folder(content_hash):
    return settings.MEDIA_ROOT / images.RENDITION_ROOT / content_hash


def renditions_of(content_hash):
    folder = rendition_folder(content_hash)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def expected_renditions(widths, fallback):
    return sorted(f"{w}.{ext}" for w in widths for ext in ("avif", "webp", fallback))


# The admin ----------------------------------------------------------------------------------------


def admin_url(model, action, *args):
    return reverse(f"admin:international_{model._meta.model_name}_{action}", args=args)


def save_in_admin(client, url, **changes):
    """Fill in the admin form at *url* as a browser shows it, change *changes*, and save."""
    page = client.get(url)
    assert page.status_code == 200
    data = {**form_data(parse(page), "organization_form"), **changes, "_save": "Save"}
    return client.post(url, data)


def add_organization(client, **changes):
    return save_in_admin(client, admin_url(Organization, "add"), name_bg="Мрежа с лого", **changes)


def image_errors(response):
    assert response.status_code == 200, f"not the form again but {response.status_code}"
    return list(response.context["adminform"].form.errors.get("image", []))


# Accepted uploads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_staff_add_a_record_with_a_logo_in_each_accepted_format(staff_client, image_format):
    data = image_bytes(image_format, size=(120, 80))

    response = add_organization(
        staff_client,
        image=upload(data, f"logo.{EXTENSION[image_format]}"),
        image_alt_bg="Лого на мрежата",
    )

    assert response.status_code == 302, image_errors(response)
    record = Organization.objects.get(name_bg="Мрежа с лого")
    assert record.image.name.endswith(f"/{record.image_hash}.{EXTENSION[image_format]}")
    stored, _data = open_stored(record.image.name)
    assert (stored.format, stored.size) == (image_format, (120, 80))
    assert (record.image_width, record.image_height) == (120, 80)
    fallback = "jpg" if image_format == "JPEG" else "png"
    assert renditions_of(record.image_hash) == expected_renditions([120], fallback)


# Refused uploads ----------------------------------------------------------------------------------


def truncated(image_format):
    data = noise((300, 200), image_format)
    return data[: len(data) * 6 // 10]


REFUSED = {
    "a PDF": (lambda: encoded(Image.new("RGB", (40, 30)), "PDF"), "logo.pdf", NOT_READABLE),
    "a text file named .jpg": (lambda: b"Not an image at all.\n" * 20, "logo.jpg", NOT_READABLE),
    "a truncated JPEG": (lambda: truncated("JPEG"), "logo.jpg", NOT_READABLE),
    "a PNG named .php": (lambda: image_bytes("PNG"), "logo.jpg.php", WRONG_EXTENSION),
    "a JPEG named .gif": (lambda: image_bytes("JPEG"), "logo.gif", WRONG_EXTENSION),
    "a PNG with no extension": (lambda: image_bytes("PNG"), "logo", WRONG_EXTENSION),
    "a GIF": (
        lambda: encoded(Image.new("RGB", (40, 30)), "GIF"),
        "logo.gif",
        "Изображенията трябва да са JPEG, PNG, WebP или AVIF; този файл е GIF.",
    ),
    "a TIFF named .png": (
        lambda: encoded(Image.new("RGB", (40, 30)), "TIFF"),
        "logo.png",
        "Изображенията трябва да са JPEG, PNG, WebP или AVIF; този файл е TIFF.",
    ),
    "a truncated PNG": (lambda: truncated("PNG"), "logo.png", NOT_READABLE),
    "48 million pixels": (
        lambda: encoded(Image.new("1", (8000, 6000)), "PNG"),
        "logo.png",
        "Изображението е твърде голямо (8000 × 6000 пиксела).",
    ),
    "a bomb past Pillow's own refusal": (
        lambda: png_declaring(20000, 20000),
        "logo.png",
        "Изображението е твърде голямо (20000 × 20000 пиксела).",
    ),
    "a WebP whose own plugin refuses its size": (
        lambda: webp_declaring(16383, 16383),
        "logo.webp",
        "Изображението е твърде голямо (над 40 милиона пиксела).",
    ),
    "over 5 MB": (
        lambda: noise((1400, 1400), "PNG", compress_level=0),
        "logo.png",
        TOO_LARGE_FILE,
    ),
}


# Only the four formats accepted are named, never the others Pillow reads.
OTHER_FORMATS = ("gif", "tif", "pdf", "bmp", "ico")


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_upload_is_explained_in_bulgarian_and_nothing_is_saved(staff_client, case):
    make, name, message = REFUSED[case]
    data = make()
    count = Organization.objects.count()

    response = add_organization(staff_client, image=upload(data, name), image_alt_bg="Лого")

    assert image_errors(response) == [message]
    assert message in parse(response).find("ul", class_="errorlist").text
    assert Organization.objects.count() == count
    assert stored_files() == []
    assert not any(f".{other}" in message or f" {other}," in message for other in OTHER_FORMATS)


@pytest.mark.parametrize("language", ["bg", "en"])
@pytest.mark.parametrize("name", ["logo.jpg.php", "logo.tif", "logo.svg"])
def test_a_wrong_extension_is_refused_naming_only_the_accepted_formats(language, name):
    field = Organization._meta.get_field("image").formfield()

    with translation.override(language):
        with pytest.raises(ValidationError) as refusal:
            field.clean(upload(image_bytes("PNG"), name))
        [message] = refusal.value.messages

    for accepted in ("JPEG", "PNG", "WebP", "AVIF", ".jpg", ".jpeg", ".png", ".webp", ".avif"):
        assert accepted in message
    assert not any(other in message.lower() for other in ("gif", "tif", "pdf", "bmp", "svg"))
    # The model field refuses it too (a record saved in code), with the same message.
    record = OrganizationFactory.build(image=upload(image_bytes("PNG"), name))
    with translation.override(language):
        with pytest.raises(ValidationError) as refusal:
            record.full_clean()
        assert refusal.value.message_dict["image"] == [message]


# Pillow warns of an image over its limit (set to the site's) and pytest turns that warning
# into an error; production only logs it. Staff must read the same message in both.
@pytest.mark.parametrize(
    "warnings_filter",
    [
        pytest.param("error", marks=pytest.mark.filterwarnings("error::RuntimeWarning")),
        pytest.param("ignore", marks=pytest.mark.filterwarnings("ignore::RuntimeWarning")),
    ],
)
def test_the_pixel_limit_message_is_the_same_whether_warnings_are_errors_or_not(
    staff_client, warnings_filter
):
    data = encoded(Image.new("1", (7000, 6000)), "PNG")

    response = add_organization(staff_client, image=upload(data), image_alt_bg="Лого")

    assert image_errors(response) == ["Изображението е твърде голямо (7000 × 6000 пиксела)."]
    assert stored_files() == []


# Cleaning -----------------------------------------------------------------------------------------


def with_image(factory=OrganizationFactory, data=None, name="logo.png", **fields):
    """Create a record whose image is uploaded as *data* (a small PNG by default)."""
    data = image_bytes("PNG", size=(120, 80)) if data is None else data
    return factory(image=upload(data, name), **{"image_alt_bg": "Лого", **fields})


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_exif_with_gps_and_camera_is_gone_from_the_original_and_every_rendition(image_format):
    data = encoded(Image.new("RGB", (700, 100), (10, 120, 200)), image_format, exif=camera_exif())
    with Image.open(io.BytesIO(data)) as sent:  # The upload really carries it.
        assert sent.getexif()[ExifTags.Base.Make] == "SecretCam"
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"SecretCam" in data

    record = with_image(data=data, name=f"photo.{EXTENSION[image_format]}")

    files = [record.image.name] + [
        f"{images.RENDITION_ROOT}/{record.image_hash}/{name}"
        for name in renditions_of(record.image_hash)
    ]
    assert len(files) == 1 + 3 * 3  # 320, 640 and 700 wide
    for path in files:
        image, stored = open_stored(path)
        assert len(image.getexif()) == 0, path
        assert "exif" not in image.info, path
        assert b"SecretCam" not in stored, path


def test_a_photo_taken_sideways_is_stored_upright():
    photo = Image.new("RGB", (60, 40), (220, 0, 0))
    photo.paste((0, 0, 220), (30, 0, 60, 40))  # Left half red, right half blue.
    # Orientation 6: the camera was turned; viewers rotate it 90° clockwise.
    data = encoded(photo, "JPEG", exif=camera_exif(orientation=6), quality=95)

    record = with_image(data=data, name="photo.jpg")

    stored, _data = open_stored(record.image.name)
    assert stored.size == (40, 60)
    assert (record.image_width, record.image_height) == (40, 60)
    top, bottom = stored.getpixel((20, 5)), stored.getpixel((20, 55))
    assert top[0] > 180 and top[2] < 60  # The left half, red, is now on top...
    assert bottom[2] > 180 and bottom[0] < 60  # ...and the right half, blue, below.
    rendition, _data = open_stored(f"{images.RENDITION_ROOT}/{record.image_hash}/40.jpg")
    assert rendition.size == (40, 60)


# Renditions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "widths"),
    [((300, 200), [300]), ((800, 400), [320, 640, 800]), ((1600, 200), [320, 640, 1280])],
)
@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_renditions_are_made_at_the_documented_widths_but_never_wider_than_the_original(
    size, widths, image_format
):
    record = with_image(
        data=image_bytes(image_format, size=size), name=f"logo.{EXTENSION[image_format]}"
    )

    _image, original = open_stored(record.image.name)
    assert record.image_hash == hashlib.sha256(original).hexdigest()[:20]
    fallback = "jpg" if image_format == "JPEG" else "png"
    assert renditions_of(record.image_hash) == expected_renditions(widths, fallback)
    for width in widths:
        height = round(size[1] * width / size[0])
        for extension, expected_format in (("avif", "AVIF"), ("webp", "WEBP"), (fallback, None)):
            path = f"{images.RENDITION_ROOT}/{record.image_hash}/{width}.{extension}"
            rendition, _data = open_stored(path)
            assert rendition.size == (width, height), path
            assert rendition.format == (expected_format or image_format), path


def test_a_banner_far_wider_than_high_keeps_at_least_one_row_in_every_rendition(staff_client):
    response = add_organization(
        staff_client,
        image=upload(image_bytes("PNG", size=(4000, 3)), "banner.png"),
        image_alt_bg="Лента",
    )

    assert response.status_code == 302, image_errors(response)
    record = Organization.objects.get(name_bg="Мрежа с лого")
    for width in (320, 640, 1280):
        rendition, _data = open_stored(f"{images.RENDITION_ROOT}/{record.image_hash}/{width}.png")
        assert rendition.size == (width, 1)


def srcset_entries(srcset):
    """Return [(url, width)] from a srcset such as "/a.webp 320w, /b.webp 640w"."""
    entries = []
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        assert descriptor.endswith("w")
        entries.append((url, int(descriptor[:-1])))
    return entries


def fetched_image(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    image.load()
    return image


def test_the_section_page_shows_a_picture_with_avif_and_webp_sources_lazily(client):
    record = with_image(data=image_bytes("PNG", size=(800, 400)), image_alt_bg="Лого на мрежата")

    page = parse(client.get(SECTION["bg"]))

    image = page.find("img", alt="Лого на мрежата")
    picture = image.parent
    assert picture.tag == "picture"
    sources = picture.find_all("source")
    assert [source.attrs["type"] for source in sources] == ["image/avif", "image/webp"]
    for source, image_format in zip(sources, ("AVIF", "WEBP"), strict=True):
        entries = srcset_entries(source.attrs["srcset"])
        assert [width for _url, width in entries] == [320, 640, 800]
        for url, width in entries:
            assert record.image_hash in url
            served = fetched_image(client, url)
            assert (served.format, served.width) == (image_format, width)
    fallback = srcset_entries(image.attrs["srcset"])
    assert [width for _url, width in fallback] == [320, 640, 800]
    assert fetched_image(client, fallback[-1][0]).format == "PNG"
    assert fetched_image(client, image.attrs["src"]).size == (640, 320)
    assert (image.attrs["width"], image.attrs["height"]) == ("800", "400")
    assert image.attrs["loading"] == "lazy"


@pytest.mark.parametrize("factory", [OrganizationFactory, EventFactory, TwinCityFactory])
def test_cards_load_their_image_lazily_and_a_records_own_page_at_once(client, factory):
    record = with_image(factory=factory, image_alt_bg="Лого на записа")
    with translation.override("bg"):
        url = record.get_absolute_url()

    card = parse(client.get(SECTION["bg"])).find("img", alt="Лого на записа")
    own = parse(client.get(url)).find("img", alt="Лого на записа")

    assert card.attrs["loading"] == "lazy"
    assert own.parent.tag == "picture"
    assert "loading" not in own.attrs  # At the top of its page: shown at once.
    assert (own.attrs["width"], own.attrs["height"]) == ("120", "80")
    assert own.attrs["srcset"] == card.attrs["srcset"]


# Removing renditions ------------------------------------------------------------------------------


def red_logo():
    return image_bytes("PNG", size=(120, 80), color=(200, 30, 30))


def blue_logo():
    return image_bytes("PNG", size=(120, 80), color=(30, 30, 200))


def test_staff_replace_a_logo_and_its_old_renditions_are_removed(staff_client):
    record = with_image(data=red_logo())
    old_hash, old_original = record.image_hash, record.image.name
    assert renditions_of(old_hash)

    response = save_in_admin(
        staff_client, admin_url(Organization, "change", record.pk), image=upload(blue_logo())
    )

    assert response.status_code == 302, image_errors(response)
    record.refresh_from_db()
    assert record.image_hash != old_hash
    assert renditions_of(record.image_hash) == expected_renditions([120], "png")
    assert not rendition_folder(old_hash).exists()
    # The original stays, for the record's history to restore.
    assert (settings.MEDIA_ROOT / old_original).exists()


def test_staff_edit_a_record_with_a_logo_without_touching_the_logo(staff_client):
    record = with_image(data=red_logo())
    stored = (record.image.name, record.image_hash)

    response = save_in_admin(
        staff_client, admin_url(Organization, "change", record.pk), name_en="Edited name"
    )

    assert response.status_code == 302, image_errors(response)
    record.refresh_from_db()
    assert record.name_en == "Edited name"
    assert (record.image.name, record.image_hash) == stored
    assert renditions_of(record.image_hash) == expected_renditions([120], "png")


def test_staff_restore_an_earlier_version_of_a_record_with_a_logo(staff_client):
    record = with_image(data=red_logo())
    record.name_en = "Changed later"
    record.save()
    first = record.history.earliest()
    url = reverse(
        "admin:international_organization_simple_history",
        args=[record.pk, first.history_id],
    )

    page = staff_client.get(url)
    assert page.status_code == 200
    data = {**form_data(parse(page), "historicalorganization_form"), "_save": "Save"}
    response = staff_client.post(url, data)

    assert response.status_code == 302, image_errors(response)
    record.refresh_from_db()
    assert record.name_en == first.name_en


def test_staff_clear_a_logo_and_its_renditions_are_removed(staff_client):
    record = with_image()
    old_hash = record.image_hash

    response = save_in_admin(
        staff_client, admin_url(Organization, "change", record.pk), **{"image-clear": "on"}
    )

    assert response.status_code == 302, image_errors(response)
    record.refresh_from_db()
    assert (record.image.name, record.image_hash, record.image_width) == ("", "", None)
    assert not rendition_folder(old_hash).exists()


def test_deleting_a_record_removes_its_renditions():
    record = with_image()
    content_hash = record.image_hash
    assert renditions_of(content_hash)

    record.delete()

    assert not rendition_folder(content_hash).exists()


def test_two_records_sharing_an_image_keep_its_renditions_until_both_are_deleted():
    organization = with_image(data=red_logo())
    city = with_image(factory=TwinCityFactory, data=red_logo())
    content_hash = organization.image_hash
    assert city.image_hash == content_hash
    expected = expected_renditions([120], "png")

    organization.delete()
    assert renditions_of(content_hash) == expected

    city.delete()
    assert not rendition_folder(content_hash).exists()


def test_replacing_a_shared_image_keeps_the_renditions_the_other_record_shows():
    organization = with_image(data=red_logo())
    city = with_image(factory=TwinCityFactory, data=red_logo())
    shared = organization.image_hash

    organization.image = upload(blue_logo())
    organization.save()

    assert organization.image_hash != shared
    assert renditions_of(shared) == expected_renditions([120], "png")
    assert renditions_of(organization.image_hash) == expected_renditions([120], "png")

    city.image = upload(blue_logo())
    city.save()

    assert not rendition_folder(shared).exists()
    assert renditions_of(city.image_hash) == expected_renditions([120], "png")


# Opening each upload once -------------------------------------------------------------------------


@pytest.fixture
def opened(monkeypatch):
    """Return the list of files Pillow's Image.open() is given from now on."""
    files = []
    real_open = Image.open

    def counting_open(fp, *args, **kwargs):
        files.append(fp)
        return real_open(fp, *args, **kwargs)

    monkeypatch.setattr(Image, "open", counting_open)
    return files


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_an_upload_is_opened_once_from_the_admin_form_to_its_renditions(
    staff_client, opened, image_format
):
    data = image_bytes(image_format, size=(800, 400))

    response = add_organization(
        staff_client, image=upload(data, f"logo.{EXTENSION[image_format]}"), image_alt_bg="Лого"
    )

    assert response.status_code == 302, image_errors(response)
    assert len(opened) == 1  # Checked, decoded, re-encoded and rendered from one opening.
    record = Organization.objects.get(name_bg="Мрежа с лого")
    fallback = "jpg" if image_format == "JPEG" else "png"
    assert renditions_of(record.image_hash) == expected_renditions([320, 640, 800], fallback)


def test_an_upload_validated_and_saved_in_code_is_opened_once(opened):
    record = Organization(name_bg="Мрежа с лого", image=upload(red_logo()), image_alt_bg="Лого")

    record.full_clean()
    record.save()

    assert len(opened) == 1
    assert (record.image_width, record.image_height) == (120, 80)
    assert renditions_of(record.image_hash) == expected_renditions([120], "png")


def test_saving_a_record_with_a_stored_image_or_restoring_a_version_checks_no_image(
    staff_client, opened
):
    record = with_image(data=red_logo())
    record.name_en = "Changed later"
    record.save()
    first = record.history.earliest()
    opened.clear()

    edited = save_in_admin(
        staff_client, admin_url(Organization, "change", record.pk), name_en="Edited name"
    )
    assert edited.status_code == 302, image_errors(edited)
    assert opened == []

    url = reverse(
        "admin:international_organization_simple_history", args=[record.pk, first.history_id]
    )
    data = form_data(parse(staff_client.get(url)), "historicalorganization_form")
    restored = staff_client.post(url, {**data, "_save": "Save"})

    assert restored.status_code == 302, image_errors(restored)
    # A version is not checked again; only its renditions are made anew from the stored
    # original, as a record built from history does not know which renditions exist.
    assert [file.name for file in opened] == [str(settings.MEDIA_ROOT / record.image.name)]
    record.refresh_from_db()
    assert (record.image_width, record.image_height) == (120, 80)


# Rebuilding renditions ----------------------------------------------------------------------------


def test_rebuild_renditions_makes_missing_renditions_again_and_removes_unused_ones():
    organization = with_image(data=image_bytes("JPEG", size=(700, 350)), name="logo.jpg")
    city = with_image(factory=TwinCityFactory, data=blue_logo())
    expected = {
        organization.image_hash: expected_renditions([320, 640, 700], "jpg"),
        city.image_hash: expected_renditions([120], "png"),
    }
    assert {h: renditions_of(h) for h in expected} == expected
    shutil.rmtree(settings.MEDIA_ROOT / images.RENDITION_ROOT)
    unused = rendition_folder("0123456789abcdef0123")
    unused.mkdir(parents=True)
    (unused / "320.webp").write_bytes(image_bytes("WEBP"))

    output = io.StringIO()
    call_command("rebuild_renditions", stdout=output)

    assert {h: renditions_of(h) for h in expected} == expected
    rendition, _data = open_stored(f"{images.RENDITION_ROOT}/{organization.image_hash}/640.avif")
    assert (rendition.format, rendition.size) == ("AVIF", (640, 320))
    assert not unused.exists()
    assert "rebuilt for 2 image(s); 1 unused set(s) removed" in output.getvalue()


# Text alternatives --------------------------------------------------------------------------------


def test_an_english_alt_text_alone_is_not_enough_and_nothing_is_saved(staff_client):
    response = add_organization(staff_client, image=uploaded_image(), image_alt_en="Logo")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image_alt_bg"] == [ALT_REQUIRED]
    assert ALT_REQUIRED in parse(response).text
    assert not Organization.objects.filter(name_bg="Мрежа с лого").exists()
    # No record's file is written; the chosen image waits only among the kept uploads, for
    # the next submit of the form (media/kept.py), and says so.
    assert [path for path in stored_files() if not path.startswith(f"{KEPT_ROOT}/")] == []
    assert "logo.png" in parse(response).find(class_="kept-image").text


@pytest.mark.parametrize("alt", ["", "Лого на мрежата"])
def test_a_decorative_image_needs_no_alt_text_and_the_page_gives_it_an_empty_one(
    staff_client, client, alt
):
    response = add_organization(
        staff_client, image=uploaded_image(), image_alt_bg=alt, image_decorative="on"
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    record = Organization.objects.get(name_bg="Мрежа с лого")
    for language in ("bg", "en"):
        page = parse(client.get(SECTION[language]))
        images_shown = [
            image for image in page.find_all("img") if record.image_hash in image.attrs["src"]
        ]
        assert len(images_shown) == 1
        assert images_shown[0].attrs["alt"] == ""
        assert "lang" not in images_shown[0].attrs


def test_the_english_page_falls_back_to_the_bulgarian_alt_text_marked_as_bulgarian(client):
    with_image(data=red_logo(), image_alt_bg="Лого само на български", image_alt_en="")
    with_image(data=blue_logo(), image_alt_bg="Лого на мрежата", image_alt_en="Network logo")

    english = parse(client.get(SECTION["en"]))
    bulgarian = parse(client.get(SECTION["bg"]))

    fallback = english.find("img", alt="Лого само на български")
    assert fallback.attrs["lang"] == "bg"
    translated = english.find("img", alt="Network logo")
    assert "lang" not in translated.attrs and translated.language() == "en"
    for alt in ("Лого само на български", "Лого на мрежата"):
        image = bulgarian.find("img", alt=alt)
        assert "lang" not in image.attrs and image.language() == "bg"
