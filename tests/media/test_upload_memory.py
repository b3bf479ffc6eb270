"""An upload's memory is bounded before decoding; renditions come from one reduced image."""

import io
import struct
import zlib

import pytest
from PIL import Image

from international.media import renditions
from tests.factories import OrganizationFactory, uploaded_image
from tests.media.test_images import add_organization, image_errors, stored_files, upload

pytestmark = pytest.mark.django_db


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height, bit_depth, color_type):
    """Return a PNG of a few bytes whose header declares *width* x *height* pixels."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b""))
        + png_chunk(b"IEND", b"")
    )


def memory_message(limit, pixels):
    return (
        "Изображението има твърде много пиксели, за да бъде обработено: изображенията от "
        f"този вид може да имат най-много {limit} милиона пиксела, а това има {pixels} "
        "милиона. Намалете го и го качете отново."
    )


# Under the 40-million-pixel limit, but each would take hundreds of MB once decoded. The
# limit is said rounded down: 100 MiB over 8, 8, 5 and 6 bytes a pixel.
@pytest.mark.parametrize(
    ("bit_depth", "color_type", "limit"),
    [
        pytest.param(8, 2, "13,1", id="colour"),
        pytest.param(8, 6, "13,1", id="colour with transparency"),
        pytest.param(8, 0, "20,9", id="greyscale"),
        pytest.param(16, 0, "17,4", id="16-bit greyscale"),
    ],
)
def test_an_image_that_would_need_too_much_memory_is_refused_before_decoding(
    staff_client, bit_depth, color_type, limit
):
    data = png_header_only(6300, 6300, bit_depth, color_type)

    response = add_organization(staff_client, image=upload(data), image_alt_bg="Лого")

    assert image_errors(response) == [memory_message(limit, "39,7")]
    assert stored_files() == []


def test_a_webp_has_a_lower_limit_for_what_its_encoder_needs(staff_client):
    # 6.8 million pixels: a PNG or JPEG of this size is accepted.
    buffer = io.BytesIO()
    Image.new("RGB", (2600, 2600), (200, 30, 30)).save(buffer, "WEBP")

    response = add_organization(
        staff_client, image=upload(buffer.getvalue(), "logo.webp"), image_alt_bg="Лого"
    )

    assert image_errors(response) == [memory_message("6,5", "6,8")]
    assert stored_files() == []


def test_every_rendition_of_an_upload_comes_from_one_reduction_of_the_full_image(
    monkeypatch, django_capture_on_commit_callbacks
):
    resized_from = []
    real_resize = Image.Image.resize

    def recording_resize(self, size, *args, **kwargs):
        resized_from.append(self.size)
        return real_resize(self, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", recording_resize)

    with django_capture_on_commit_callbacks(execute=True):
        OrganizationFactory(image=uploaded_image("wide.png", size=(2600, 1300)))

    # Once to 1280 px from the full image; 640 and 320 px from that.
    assert resized_from == [(2600, 1300), (1280, 640), (1280, 640)]


def test_rebuilt_renditions_of_a_jpeg_decode_it_at_a_reduced_scale(
    monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = OrganizationFactory(
            image=uploaded_image("photo.jpg", image_format="JPEG", size=(2600, 1300))
        )
    decoded = []
    real_normalised = renditions.normalised

    def recording_normalised(image):
        decoded.append(image.size)
        return real_normalised(image)

    monkeypatch.setattr(renditions, "normalised", recording_normalised)

    renditions.make_renditions(record.image.name, record.image_hash)

    # Half the size is the smallest scale still at least 1280 px wide.
    assert decoded == [(1300, 650)]
    assert renditions.renditions_exist(record.image_hash, 2600, record.image.name)
