"""Public URLs of the section; every address segment is translated in locale/.

Bulgarian: /bg/mezhdunarodna-deynost/..., English: /en/international-activity/...
"""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import exports, feeds, maps, views
from .cache import public_response

app_name = "international"

SECTION = pgettext_lazy("URL", "international-activity")


def record_route(kind):
    """Return the translated route of a record's detail page."""
    return format_lazy("{}/{}/<slug:slug>/", SECTION, kind)


FEEDBACK = pgettext_lazy("URL", "feedback")
OPEN_DATA = format_lazy("{}/{}", SECTION, pgettext_lazy("URL", "open-data"))


def open_data_route(name, extension):
    """Return the translated route of a file of open data: .../open-data/<name>.<extension>."""
    return format_lazy("{}/{}.{}", OPEN_DATA, name, extension)


def list_route(kind):
    """Return the translated route of the list of all records of a kind."""
    return format_lazy("{}/{}/", SECTION, kind)


urlpatterns = [
    path("", views.language_home, name="home"),
    path(format_lazy("{}/", SECTION), public_response(views.SectionView.as_view()), name="section"),
    path(
        list_route(pgettext_lazy("URL", "organisations")),
        public_response(views.OrganizationListView.as_view(), page_parameter="page"),
        name="organization_list",
    ),
    path(
        list_route(pgettext_lazy("URL", "events")),
        public_response(views.EventListView.as_view(), page_parameter="page"),
        name="event_list",
    ),
    path(
        list_route(pgettext_lazy("URL", "programmes")),
        public_response(views.ProgrammeListView.as_view(), page_parameter="page"),
        name="programme_list",
    ),
    path(
        list_route(pgettext_lazy("URL", "twin-cities")),
        public_response(views.TwinCityListView.as_view(), page_parameter="page"),
        name="twin_city_list",
    ),
    path(
        record_route(pgettext_lazy("URL", "organisations")),
        public_response(views.OrganizationDetailView.as_view()),
        name="organization",
    ),
    path(
        record_route(pgettext_lazy("URL", "events")),
        public_response(views.EventDetailView.as_view()),
        name="event",
    ),
    path(
        record_route(pgettext_lazy("URL", "programmes")),
        public_response(views.ProgrammeDetailView.as_view()),
        name="programme",
    ),
    path(
        record_route(pgettext_lazy("URL", "projects")),
        public_response(views.ParticipationDetailView.as_view()),
        name="participation",
    ),
    path(
        record_route(pgettext_lazy("URL", "twin-cities")),
        public_response(views.TwinCityDetailView.as_view()),
        name="twin_city",
    ),
    # Map, feeds and open data (international/maps.py, feeds.py, exports.py).
    path(
        format_lazy("{}/{}/", SECTION, pgettext_lazy("URL", "map")),
        public_response(maps.TwinCityMapView.as_view()),
        name="map",
    ),
    path(
        format_lazy("{}/{}.ics", SECTION, pgettext_lazy("URL", "events")),
        public_response(exports.open_data_headers(feeds.events_calendar)),
        name="events_calendar",
    ),
    path(
        format_lazy("{}/{}.atom", SECTION, pgettext_lazy("URL", "changes")),
        public_response(exports.open_data_headers(feeds.changes_feed)),
        name="changes_feed",
    ),
    path(
        format_lazy("{}/", OPEN_DATA),
        public_response(exports.OpenDataView.as_view()),
        name="open_data",
    ),
    path(
        open_data_route(SECTION, "json"),
        public_response(exports.open_data_headers(exports.json_export)),
        name="open_data_json",
    ),
    *[
        path(
            open_data_route(dataset.route, "csv"),
            public_response(exports.open_data_headers(exports.csv_export)),
            {"dataset_key": dataset.key},
            name=f"open_data_{dataset.key}_csv",
        )
        for dataset in exports.DATASETS
    ],
    # The feedback form of the accessibility statement, beside it at the top level:
    # /bg/obratna-vrazka/, /en/feedback/. Never cached: the form carries a CSRF token.
    path(format_lazy("{}/", FEEDBACK), views.FeedbackView.as_view(), name="feedback"),
    path(
        format_lazy("{}/{}/", FEEDBACK, pgettext_lazy("URL", "thank-you")),
        views.FeedbackThanksView.as_view(),
        name="feedback_thanks",
    ),
    # Information pages (accessibility statement, cookies) sit at the top level:
    # /bg/dostapnost/, /en/accessibility/.
    path("<slug:slug>/", public_response(views.InfoPageView.as_view()), name="info_page"),
]
