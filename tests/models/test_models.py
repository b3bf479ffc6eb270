"""What model validation accepts and refuses, with the messages staff read in the admin."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint
from django.utils import timezone, translation
from django_prose_editor.config import allowlist_from_extensions
from PIL import Image

from international.media.validation import validate_image_upload
from international.models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    TwinCity,
)
from international.models.fields import (
    END_DATE_BEFORE_START,
    LAST_YEAR_BEFORE_FIRST,
    end_not_before_start,
    schedule_in_order,
)
from international.text import RICH_TEXT_EXTENSIONS, sanitize_rich_text
from tests.factories import (
    OrganizationFactory,
    ProgrammeFactory,
    TwinCityFactory,
    image_bytes,
    uploaded_image,
)

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


def errors_of(record, language="en"):
    """Return full_clean()'s errors of *record* by field, in *language*; {} if it is valid."""
    with translation.override(language):
        try:
            record.full_clean()
        except ValidationError as error:
            return error.message_dict
    return {}


def organization(**fields):
    return Organization(**{"name_bg": "Страсбургски клуб", **fields})


# Years -------------------------------------------------------------------------------------------


def year_records():
    """Every year field that must not hold a future year, on a record that is otherwise valid."""
    return [
        pytest.param(lambda year: organization(founded_year=year), "founded_year", id="founded"),
        pytest.param(lambda year: organization(member_since=year), "member_since", id="member"),
        pytest.param(
            lambda year: Programme(name_bg="Европа за гражданите", period_start=year),
            "period_start",
            id="programme",
        ),
        pytest.param(
            lambda year: TwinCity(name_bg="Лариса", country="GR", since_year=year),
            "since_year",
            id="twin-city",
        ),
    ]


@pytest.mark.parametrize(("make", "field"), year_records())
def test_a_year_in_the_future_is_refused(make, field):
    errors = errors_of(make(NEXT_YEAR))

    assert errors[field] == [
        f"The year {NEXT_YEAR} is in the future; enter this year or an earlier one."
    ]


@pytest.mark.parametrize(("make", "field"), year_records())
def test_this_year_and_1800_are_accepted(make, field):
    assert field not in errors_of(make(NEXT_YEAR - 1))
    assert field not in errors_of(make(1800))


def test_a_year_before_1800_is_refused():
    errors = errors_of(organization(founded_year=1799))

    assert errors["founded_year"] == ["Enter a year from 1800 onwards."]


def test_a_participation_year_in_the_future_is_refused():
    programme = ProgrammeFactory()
    record = Participation(programme=programme, title_bg="Проект", role=Participation.Role.PARTNER)
    record.start_year = NEXT_YEAR

    assert "start_year" in errors_of(record)


# Web addresses -----------------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["not a url", "javascript:alert(1)", "ftp://x.org", "x.org"])
def test_a_website_that_is_not_an_http_address_is_refused(address):
    errors = errors_of(organization(website=address))

    assert "Enter a full web address starting with https:// (or http://)." in errors["website"]


@pytest.mark.parametrize("address", ["https://www.club-strasbourg.eu/", "http://www.radom.pl"])
def test_a_website_with_http_or_https_is_accepted(address):
    assert errors_of(organization(website=address)) == {}


# Translated text: Bulgarian required, English optional -------------------------------------------


def participation(**fields):
    return Participation(programme=ProgrammeFactory(), role=Participation.Role.LEAD, **fields)


def named_records():
    """A way to make a record of every kind, its other required fields, its name field."""
    return [
        pytest.param(Organization, {}, "name", id="organization"),
        pytest.param(Event, {}, "name", id="event"),
        pytest.param(Programme, {}, "name", id="programme"),
        pytest.param(participation, {}, "title", id="participation"),
        pytest.param(TwinCity, {"country": "PL"}, "name", id="twin-city"),
        pytest.param(InfoPage, {"key": InfoPage.Key.PRIVACY}, "title", id="info-page"),
        pytest.param(SectionPage, {}, "title", id="section-page"),
    ]


@pytest.mark.parametrize(("make", "fields", "name"), named_records())
def test_a_record_without_a_bulgarian_name_is_refused_on_the_bulgarian_field(make, fields, name):
    record = make(**{f"{name}_bg": "", f"{name}_en": "Only English", **fields})

    errors = errors_of(record)

    assert errors[f"{name}_bg"] == ["This field cannot be blank."]
    assert f"{name}_en" not in errors


@pytest.mark.parametrize(("make", "fields", "name"), named_records())
def test_a_record_with_only_a_bulgarian_name_is_valid(make, fields, name):
    record = make(**{f"{name}_bg": "Само на български", f"{name}_en": "", **fields})

    assert errors_of(record) == {}


# Dates and coordinates ---------------------------------------------------------------------------


def test_an_event_ending_before_it_starts_is_refused_with_the_constraint_message():
    event = Event(
        name_bg="Открити дни",
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 8),
    )

    errors = errors_of(event)

    assert errors[NON_FIELD_ERRORS] == ["The end date cannot be before the start date."]


def test_an_event_of_one_day_is_accepted():
    day = datetime.date(2024, 10, 9)

    assert errors_of(Event(name_bg="Открити дни", start_date=day, end_date=day)) == {}


def test_the_database_itself_refuses_an_event_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(
            name_bg="Открити дни",
            start_date=datetime.date(2024, 10, 9),
            end_date=datetime.date(2024, 10, 8),
        )


DATE_RANGES = [
    pytest.param(Event, "start_date", "end_date", END_DATE_BEFORE_START, id="event"),
    pytest.param(Programme, "period_start", "period_end", LAST_YEAR_BEFORE_FIRST, id="programme"),
    pytest.param(
        Participation, "start_year", "end_year", LAST_YEAR_BEFORE_FIRST, id="participation"
    ),
]


@pytest.mark.parametrize(("model", "start", "end", "message"), DATE_RANGES)
def test_every_kind_with_a_start_and_an_end_has_the_one_end_not_before_start_rule(
    model, start, end, message
):
    name = model._meta.model_name
    rules = [
        c
        for c in model._meta.constraints
        if isinstance(c, CheckConstraint)
        and c != schedule_in_order(name)
        # An event's own rule of its dates, not about their order (models/records.py).
        and c.name != "event_yearly_has_start_date"
    ]

    assert rules == [end_not_before_start(name, start, end, message)]
    assert rules[0].name == f"{name}_end_not_before_start"  # as the migrations name it


@pytest.mark.parametrize(
    "model", [Organization, Event, Programme, Participation, TwinCity, InfoPage]
)
def test_every_record_has_the_rule_that_publish_until_comes_after_publish_from(model):
    assert schedule_in_order(model._meta.model_name) in model._meta.constraints


def test_the_database_refuses_a_publish_until_not_after_publish_from():
    record = OrganizationFactory()
    moment = timezone.now()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Organization.objects.filter(pk=record.pk).update(publish_from=moment, publish_until=moment)


@pytest.mark.parametrize(("model", "start", "end", "message"), DATE_RANGES)
def test_an_end_before_the_start_is_refused_with_its_message_and_an_empty_one_is_not(
    model, start, end, message
):
    early, late = (
        (datetime.date(2024, 10, 8), datetime.date(2024, 10, 9))
        if end == "end_date"
        else (2014, 2015)
    )

    backwards = errors_of(model(**{start: late, end: early}))
    open_ended = errors_of(model(**{start: late, end: None}))

    with translation.override("en"):
        assert backwards[NON_FIELD_ERRORS] == [str(message)]
    assert NON_FIELD_ERRORS not in open_ended


def test_a_twin_city_with_latitude_but_no_longitude_is_refused():
    city = TwinCity(name_bg="Лариса", country="GR", latitude=Decimal("39.63900"))

    errors = errors_of(city)

    assert errors[NON_FIELD_ERRORS] == ["Enter both the latitude and the longitude, or neither."]


def test_a_twin_city_with_both_coordinates_is_accepted():
    city = TwinCity(
        name_bg="Лариса", country="GR", latitude=Decimal("39.639"), longitude=Decimal("22.419")
    )

    assert errors_of(city) == {}


# Slugs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Международна дейност", "mezhdunarodna-deynost"),
        ("София", "sofia"),
        ("Мария Луиза", "maria-luiza"),
        ("Кьосев", "kyosev"),
        ("Щастие", "shtastie"),
        ("Стара Загора", "stara-zagora"),
        ("Цар Симеон Велики", "tsar-simeon-veliki"),
        ("Юеян", "yueyan"),
        ("Ямбол", "yambol"),
        ("Дърам", "daram"),
        ("Чайка", "chayka"),
        ("Страсбургски клуб", "strasburgski-klub"),
        ("Европа за гражданите", "evropa-za-grazhdanite"),
    ],
)
def test_the_bulgarian_slug_follows_the_official_transliteration(name, slug):
    record = OrganizationFactory(name_bg=name, name_en="")

    assert record.slug_bg == slug


def test_the_english_slug_is_made_from_the_english_name():
    record = OrganizationFactory(name_bg="Страсбургски клуб", name_en="Strasbourg Club")

    assert (record.slug_bg, record.slug_en) == ("strasburgski-klub", "strasbourg-club")


def test_the_english_slug_falls_back_to_the_bulgarian_one_without_an_english_name():
    record = TwinCityFactory(name_bg="Лариса", name_en="")

    assert record.slug_en == record.slug_bg == "larisa"


def test_slugs_are_made_by_full_clean_before_saving():
    record = organization(name_en="Strasbourg Club")

    record.full_clean()

    assert (record.slug_bg, record.slug_en) == ("strasburgski-klub", "strasbourg-club")


def test_a_slug_already_taken_is_given_a_number():
    first = OrganizationFactory(name_bg="Страсбургски клуб", name_en="Strasbourg Club")
    second = OrganizationFactory(name_bg="Страсбургски клуб", name_en="Strasbourg Club")
    third = OrganizationFactory(name_bg="Страсбургски клуб", name_en="Strasbourg Club")

    assert [first.slug_bg, second.slug_bg, third.slug_bg] == [
        "strasburgski-klub",
        "strasburgski-klub-2",
        "strasburgski-klub-3",
    ]
    assert second.slug_en == "strasbourg-club-2"


def test_saving_a_record_again_keeps_its_slug():
    record = OrganizationFactory(name_bg="Страсбургски клуб")

    record.name_bg = "Клуб на Страсбург"
    record.save()
    record.refresh_from_db()

    assert record.slug_bg == "strasburgski-klub"


@pytest.mark.parametrize("language", ["bg", "en"])
def test_an_explicitly_duplicate_slug_is_refused_with_the_slug_message(language):
    OrganizationFactory(**{f"slug_{language}": "zaet-adres"})
    record = organization(**{f"slug_{language}": "zaet-adres"})

    errors = errors_of(record)

    assert errors[NON_FIELD_ERRORS] == ["Another record already uses this address (slug)."]


def test_the_same_slug_may_be_used_by_records_of_different_kinds():
    OrganizationFactory(name_bg="Радом")

    city = TwinCity(name_bg="Радом", country="PL")

    assert errors_of(city) == {}


# Rich text ---------------------------------------------------------------------------------------

HOSTILE_HTML = (
    '<p onclick="steal()">Текст <strong>силен</strong> и <em>курсив</em></p>'
    "<script>alert(1)</script>"
    '<a href="https://www.club-strasbourg.eu/">клуб</a>'
    '<h3 style="color: red">Заглавие</h3>'
    '<iframe src="https://evil.example/"></iframe>'
    "<ul><li>едно</li><li>две</li></ul>"
    '<img src="x" onerror="alert(1)">'
)


def rich_text_fields():
    return [
        pytest.param(lambda: organization(), "description_bg", id="organization-description-bg"),
        pytest.param(lambda: organization(), "description_en", id="organization-description-en"),
        pytest.param(lambda: organization(), "highlights_bg", id="organization-highlights"),
        pytest.param(lambda: Event(name_bg="Открити дни"), "description_en", id="event"),
        pytest.param(lambda: Programme(name_bg="Програма"), "description_bg", id="programme"),
        pytest.param(
            lambda: TwinCity(name_bg="Лариса", country="GR"), "cooperation_areas_bg", id="city"
        ),
        pytest.param(
            lambda: InfoPage(key=InfoPage.Key.ACCESSIBILITY, title_bg="Достъпност"),
            "body_bg",
            id="info-page",
        ),
        pytest.param(lambda: SectionPage(title_bg="Раздел"), "lead_en", id="section-page"),
    ]


@pytest.mark.parametrize(("make", "field"), rich_text_fields())
def test_rich_text_loses_scripts_handlers_styles_and_iframes(make, field):
    record = make()
    setattr(record, field, HOSTILE_HTML)

    record.full_clean()
    cleaned = getattr(record, field)

    for dangerous in (
        "<script",
        "alert(1)",
        "onclick",
        "onerror",
        "style=",
        "<iframe",
    ):
        assert dangerous not in cleaned
    assert "<img" not in cleaned


@pytest.mark.parametrize(("make", "field"), rich_text_fields())
def test_rich_text_with_a_javascript_link_is_refused_naming_the_link(make, field):
    record = make()
    setattr(record, field, f'{HOSTILE_HTML}<p><a href="javascript:alert(1)">зло</a></p>')

    with pytest.raises(ValidationError) as refused:
        record.full_clean()

    with translation.override("en"):
        assert refused.value.message_dict[field] == [
            "The link “javascript:alert(1)” (on the words “зло”) is not an address a reader "
            "can open: addresses starting with “javascript:” are not allowed. Enter a web "
            "address starting with https://, an e-mail address, a phone number or an address "
            "within this site starting with /."
        ]
    # The text stays as typed, for the editor to correct.
    assert 'href="javascript:alert(1)"' in getattr(record, field)


@pytest.mark.parametrize(("make", "field"), rich_text_fields())
def test_rich_text_keeps_paragraphs_emphasis_lists_headings_and_links(make, field):
    record = make()
    setattr(record, field, HOSTILE_HTML)

    record.full_clean()
    cleaned = getattr(record, field)

    assert "<p>Текст <strong>силен</strong> и <em>курсив</em></p>" in cleaned
    assert "<ul><li>едно</li><li>две</li></ul>" in cleaned
    assert "<h3>Заглавие</h3>" in cleaned
    assert '<a href="https://www.club-strasbourg.eu/"' in cleaned
    assert ">клуб</a>" in cleaned


def test_rich_text_keeps_the_other_spellings_of_bold_and_italic_and_a_lists_numbering():
    # <b> and <i> come in text pasted or restored from before the editor, which reads them
    # as its bold and italic; the list dialog sets where a numbered list starts, and how.
    record = organization()
    record.description_bg = (
        '<p><b>Важно</b> и <i>наклонено</i></p><ol start="3" type="a"><li>трето</li></ol>'
    )

    record.full_clean()

    assert record.description_bg == (
        '<p><b>Важно</b> и <i>наклонено</i></p><ol start="3" type="a"><li>трето</li></ol>'
    )


def test_the_sanitiser_allows_what_the_editor_makes_and_nothing_else():
    editor = allowlist_from_extensions(RICH_TEXT_EXTENSIONS)["tags"]
    candidates = "p br h2 h3 h4 strong b em i u ul ol li a img table blockquote pre code span div"
    kept = {
        tag for tag in candidates.split() if f"<{tag}" in sanitize_rich_text(f"<{tag}>x</{tag}>")
    }
    assert "span" in editor  # The Language mark: <span lang="en">.
    assert kept == editor | {"b", "i"}


def test_rich_text_emptied_in_the_editor_is_stored_empty():
    record = organization(description_bg="<p></p>")

    record.full_clean()

    assert record.description_bg == ""


# Images ------------------------------------------------------------------------------------------


def test_an_image_without_bulgarian_alt_text_is_refused():
    record = organization(image=uploaded_image())

    errors = errors_of(record)

    assert errors["image_alt_bg"] == [
        "Describe the image in Bulgarian for people who cannot see it, or mark it as decorative."
    ]


def test_an_image_with_bulgarian_alt_text_or_marked_decorative_is_accepted():
    described = organization(image=uploaded_image(), image_alt_bg="Лого на Страсбургския клуб")
    decorative = organization(image=uploaded_image(), image_decorative=True)

    assert errors_of(described) == {}
    assert errors_of(decorative) == {}


def test_a_coat_of_arms_without_bulgarian_alt_text_is_refused():
    city = TwinCity(name_bg="Лариса", country="GR", image=uploaded_image(), image_alt_en="Arms")

    assert "image_alt_bg" in errors_of(city)


def photo_with_gps_position():
    """Return a JPEG as a phone takes it: turned by EXIF, with the camera and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show
    exif[0x8825] = {1: "N", 2: (42.0, 25.0, 0.0)}  # GPS latitude 42° 25'
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")


def test_a_saved_image_keeps_no_exif_position_and_is_turned_upright():
    record = organization(image=photo_with_gps_position(), image_alt_bg="Снимка")
    record.full_clean()
    record.save()

    with Image.open(record.image.path) as stored:
        exif = stored.getexif()
        assert (stored.format, stored.size) == ("JPEG", (30, 40))
    assert dict(exif) == {}
    assert exif.get_ifd(0x8825) == {}
    assert (record.image_width, record.image_height) == (30, 40)


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_a_real_png_jpeg_or_webp_image_is_accepted(image_format):
    upload = uploaded_image(f"logo.{image_format.lower()}", image_format)

    validate_image_upload(upload)  # Raises if refused.


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
)


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        pytest.param(
            SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"), "not_an_image", id="svg"
        ),
        pytest.param(
            SimpleUploadedFile("logo.jpg", b"This is a letter, not a photo.\n" * 20, "image/jpeg"),
            "not_an_image",
            id="text-renamed-jpg",
        ),
        pytest.param(
            SimpleUploadedFile("logo.gif", image_bytes("GIF"), "image/gif"), "format", id="gif"
        ),
        pytest.param(
            SimpleUploadedFile("logo.png", image_bytes("BMP"), "image/png"), "format", id="bmp-png"
        ),
    ],
)
def test_anything_but_jpeg_png_webp_or_avif_is_refused(upload, code):
    with pytest.raises(ValidationError) as refused:
        validate_image_upload(upload)

    assert refused.value.code == code


def test_a_gif_is_refused_naming_its_format():
    upload = SimpleUploadedFile("logo.gif", image_bytes("GIF"), "image/gif")

    with pytest.raises(ValidationError) as refused:
        validate_image_upload(upload)

    with translation.override("en"):  # Messages are translated when read.
        assert refused.value.messages == [
            "Images must be JPEG, PNG, WebP or AVIF; this file is GIF."
        ]


def test_an_svg_set_on_a_record_is_refused_by_full_clean():
    svg = SimpleUploadedFile("logo.svg", SVG, "image/svg+xml")
    record = organization(image=svg, image_alt_bg="Лого")

    assert "image" in errors_of(record)


# Messages in Bulgarian ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        pytest.param(
            lambda: organization(founded_year=NEXT_YEAR),
            "founded_year",
            f"Годината {NEXT_YEAR} е в бъдещето; въведете текущата или по-ранна година.",
            id="future-year",
        ),
        pytest.param(
            lambda: organization(founded_year=1700),
            "founded_year",
            "Въведете година от 1800 нататък.",
            id="early-year",
        ),
        pytest.param(
            lambda: organization(website="ftp://x.org"),
            "website",
            "Въведете пълен уеб адрес, започващ с https:// (или http://).",
            id="website",
        ),
        pytest.param(
            lambda: Event(
                name_bg="Открити дни",
                start_date=datetime.date(2024, 1, 2),
                end_date=datetime.date(2024, 1, 1),
            ),
            NON_FIELD_ERRORS,
            "Крайната дата не може да е преди началната.",
            id="event-dates",
        ),
        pytest.param(
            lambda: TwinCity(name_bg="Лариса", country="GR", longitude=Decimal("22.4")),
            NON_FIELD_ERRORS,
            "Въведете и географската ширина, и дължината, или нито едната.",
            id="coordinates",
        ),
        pytest.param(
            lambda: organization(image=uploaded_image()),
            "image_alt_bg",
            "Опишете изображението на български за хората, които не могат да го видят, "
            "или го отбележете като декоративно.",
            id="alt-text",
        ),
        pytest.param(
            lambda: organization(slug_bg=OrganizationFactory().slug_bg),
            NON_FIELD_ERRORS,
            "Друг запис вече използва този адрес (slug).",
            id="slug",
        ),
        pytest.param(
            lambda: organization(name_bg=""),
            "name_bg",
            "Това поле не може да е празно.",
            id="required",
        ),
    ],
)
def test_validation_messages_are_in_bulgarian_for_bulgarian_staff(record, field, message):
    errors = errors_of(record(), language="bg")

    assert message in errors[field]


def test_the_image_format_message_is_in_bulgarian_for_bulgarian_staff():
    upload = SimpleUploadedFile("logo.gif", image_bytes("GIF"), "image/gif")

    with pytest.raises(ValidationError) as refused:
        validate_image_upload(upload)

    with translation.override("bg"):
        assert refused.value.messages == [
            "Изображенията трябва да са JPEG, PNG, WebP или AVIF; този файл е GIF."
        ]


def test_a_new_record_has_one_time_for_created_and_changed_and_an_edit_moves_only_changed():
    record = OrganizationFactory()
    stored = Organization.objects.get(pk=record.pk)
    assert stored.updated_at == stored.created_at == record.updated_at

    stored.name_en = "Renamed at once"
    stored.save()

    stored.refresh_from_db()
    assert stored.updated_at > stored.created_at


def declared_png(width, height):
    """Return a PNG whose header declares *width* × *height* pixels (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)  # far fewer than declared: it never gets decoded
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("warnings_are", ["error", "ignore"])
def test_a_decompression_bomb_is_refused_by_its_size_in_every_environment(warnings_are):
    import warnings

    upload = SimpleUploadedFile("bomb.png", declared_png(20000, 20000), "image/png")

    with warnings.catch_warnings():
        warnings.simplefilter(warnings_are)
        with pytest.raises(ValidationError) as refused:
            validate_image_upload(upload)

    assert refused.value.code == "too_many_pixels"
    with translation.override("en"):
        assert refused.value.messages == ["The image is too large (20000 × 20000 pixels)."]


def test_a_project_is_published_only_under_a_published_programme():
    from tests.factories import ParticipationFactory

    shown = ParticipationFactory()
    hidden_programme = ProgrammeFactory(is_published=False)
    under_hidden = ParticipationFactory(programme=hidden_programme)
    unpublished = ParticipationFactory(is_published=False)

    published = set(Participation.objects.published())

    assert shown in published
    assert under_hidden not in published
    assert unpublished not in published
