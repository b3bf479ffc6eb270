"""Factories for the section's records: Bulgarian and English text by default.

Pass ``name_en=""`` (or ``title_en=""`` ...) for a record that exists only in Bulgarian.
"""

import datetime
import io

import factory
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from international.models import (
    Call,
    Document,
    Event,
    Feedback,
    InfoPage,
    LinkCheck,
    Organization,
    Participation,
    PartnershipRequest,
    PendingChange,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
    Visit,
    VisitPhoto,
)
from tests.documents import uploaded_pdf


def image_bytes(image_format="PNG", size=(40, 30), color=(200, 30, 30)):
    """Return a small image made in memory, encoded in *image_format*."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    return buffer.getvalue()


def uploaded_image(name="logo.png", image_format="PNG", **kwargs):
    """Return an image upload as a browser would send it."""
    content_type = f"image/{image_format.lower()}"
    return SimpleUploadedFile(name, image_bytes(image_format, **kwargs), content_type)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@starazagora.bg")
    password = factory.django.Password("a-long-test-password")


class SuperuserFactory(UserFactory):
    username = "admin"
    is_staff = True
    is_superuser = True


class SectionPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectionPage

    title_bg = "Международна дейност"
    title_en = "International activity"
    lead_bg = "<p>Въведение.</p>"
    lead_en = "<p>Introduction.</p>"


class SiteContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteContact

    organisation_name_bg = "Община Стара Загора"
    organisation_name_en = "Stara Zagora Municipality"
    hotline_number = "0800 157 37"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.NETWORK
    name_bg = factory.Sequence(lambda n: f"Мрежа номер {n}")
    name_en = factory.Sequence(lambda n: f"Network number {n}")
    description_bg = "<p>Описание на мрежата.</p>"
    description_en = "<p>About the network.</p>"
    website = "https://www.example.org/"
    founded_year = 2003
    order = factory.Sequence(lambda n: n)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name_bg = factory.Sequence(lambda n: f"Събитие номер {n}")
    name_en = factory.Sequence(lambda n: f"Event number {n}")
    place_bg = "Брюксел"
    place_en = "Brussels"
    organization = factory.SubFactory(OrganizationFactory)
    order = factory.Sequence(lambda n: n)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name_bg = factory.Sequence(lambda n: f"Програма номер {n}")
    name_en = factory.Sequence(lambda n: f"Programme number {n}")
    funder_bg = "Европейската комисия"
    funder_en = "The European Commission"
    period_start = 2014
    period_end = 2020
    order = factory.Sequence(lambda n: n)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    programme = factory.SubFactory(ProgrammeFactory)
    title_bg = factory.Sequence(lambda n: f"Проект номер {n}")
    title_en = factory.Sequence(lambda n: f"Project number {n}")
    role = Participation.Role.PARTNER
    start_year = 2014
    order = factory.Sequence(lambda n: n)


class TwinCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwinCity

    name_bg = factory.Sequence(lambda n: f"Град номер {n}")
    name_en = factory.Sequence(lambda n: f"City number {n}")
    country = "GR"
    kind = TwinCity.Kind.TWIN
    order = factory.Sequence(lambda n: n)


class InfoPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoPage
        django_get_or_create = ["key"]

    key = InfoPage.Key.PRIVACY
    title_bg = "Бисквитки"
    title_en = "Cookies"
    body_bg = "<p>Текст.</p>"
    body_en = "<p>Text.</p>"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A plain one-page PDF of a project (give programme= and participation=None for a
    programme's document)."""

    class Meta:
        model = Document

    participation = factory.SubFactory(ParticipationFactory)
    title_bg = factory.Sequence(lambda n: f"Доклад номер {n}")
    title_en = factory.Sequence(lambda n: f"Report number {n}")
    language = Document.Language.BULGARIAN
    file = factory.LazyFunction(lambda: uploaded_pdf("Доклад 2014.pdf"))
    order = factory.Sequence(lambda n: n)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    kind = Visit.Kind.VISIT
    date = datetime.date(2024, 5, 14)
    title_bg = factory.Sequence(lambda n: f"Посещение номер {n}")
    title_en = factory.Sequence(lambda n: f"Visit number {n}")
    text_bg = "<p>Текст за посещението.</p>"
    text_en = "<p>About the visit.</p>"
    order = factory.Sequence(lambda n: n)


class VisitPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitPhoto

    visit = factory.SubFactory(VisitFactory)
    image = factory.LazyFunction(lambda: uploaded_image("photo.png", size=(800, 600)))
    image_alt_bg = factory.Sequence(lambda n: f"Снимка номер {n}")
    image_alt_en = factory.Sequence(lambda n: f"Photo number {n}")
    order = factory.Sequence(lambda n: n)


def visit_with_a_photo(**kwargs):
    """Create a published visit of the first twin city and organisation, with one photo.

    The seed adds no visits (no invented news): the pages' checks add this one.
    """
    visit = VisitFactory(
        twin_city=TwinCity.objects.first(), organization=Organization.objects.first(), **kwargs
    )
    VisitPhotoFactory(visit=visit, caption_bg="Подпис на снимката", caption_en="The caption")
    return visit


class CallFactory(factory.django.DjangoModelFactory):
    """An open call, its deadline 30 days from now at 17:00 Sofia time (give deadline=)."""

    class Meta:
        model = Call

    audience = Call.Audience.PARTNERS
    title_bg = factory.Sequence(lambda n: f"Покана номер {n}")
    title_en = factory.Sequence(lambda n: f"Call number {n}")
    programme = None
    eligibility_bg = "<p>Общини и неправителствени организации.</p>"
    eligibility_en = "<p>Municipalities and non-governmental organisations.</p>"
    deadline = factory.LazyFunction(
        lambda: (
            timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=30)
        )
    )
    order = factory.Sequence(lambda n: n)


# What the admin lists besides the records: its guard tests build every registered model.


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Група {n}")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    kind = Feedback.Kind.CONTENT
    name = factory.Sequence(lambda n: f"Читател {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    message = "Адресът на страницата е стар."
    page = "/bg/mezhdunarodna-deynost/"
    language = "bg"


class PartnershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipRequest

    organisation = factory.Sequence(lambda n: f"Municipality number {n}")
    country = "GR"
    contact_name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"partner{n}@example.org")
    subject = PartnershipRequest.Subject.PARTNERSHIP
    message = "We would like to discuss a partnership in culture."
    language = "en"


class LinkCheckFactory(factory.django.DjangoModelFactory):
    """A broken link in an organisation's description."""

    class Meta:
        model = LinkCheck

    class Params:
        record = factory.SubFactory(OrganizationFactory)

    url = factory.Sequence(lambda n: f"https://www.example.org/page-{n}")
    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Organization))
    object_id = factory.LazyAttribute(lambda check: check.record.pk)
    field_name = "description_bg"
    status = LinkCheck.Status.BROKEN
    status_code = 404
    checked_at = factory.LazyFunction(timezone.now)


class PendingChangeFactory(factory.django.DjangoModelFactory):
    """An editor's proposed new name of a published organisation."""

    class Meta:
        model = PendingChange

    class Params:
        record = factory.SubFactory(OrganizationFactory)

    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Organization))
    object_id = factory.LazyAttribute(lambda change: change.record.pk)
    values = factory.LazyAttribute(lambda change: {"name_bg": f"{change.record.name_bg} (ново)"})
    author = factory.SubFactory(UserFactory, is_staff=True)


class AccessAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessAttempt

    username = factory.Sequence(lambda n: f"guess{n}")
    ip_address = "127.0.0.1"
    user_agent = "test"
    failures_since_start = 1


class AccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessLog

    username = factory.Sequence(lambda n: f"user{n}")
    ip_address = "127.0.0.1"
    user_agent = "test"


class AccessFailureLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessFailureLog

    username = factory.Sequence(lambda n: f"guess{n}")
    ip_address = "127.0.0.1"
    user_agent = "test"
