"""Public URLs of the section; every address segment is translated in locale/.

Bulgarian: /bg/mezhdunarodna-deynost/..., English: /en/international-activity/...
"""

from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from ..kinds import KINDS
from ..publishing import datapackage, feeds, open_data, portal
from . import map_file, views
from .caching import public_response

app_name = "international"

SECTION = pgettext_lazy("URL", "international-activity")


def record_route(kind):
    """Return the translated route of a record's detail page."""
    return format_lazy("{}/{}/<slug:slug>/", SECTION, kind)


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
    # Each kind's list (if it has one) and its records' pages: kinds.py.
    *[
        path(
            list_route(kind.segment),
            public_response(views.RecordListView.as_view(kind=kind), page_parameter="page"),
            name=kind.list_name,
        )
        for kind in KINDS
        if kind.title
    ],
    *[
        path(
            record_route(kind.segment),
            public_response(views.RecordDetailView.as_view(kind=kind)),
            name=kind.name,
        )
        for kind in KINDS
    ],
    # The map and the open data page (views.py), the feeds and the files (publishing/).
    path(
        format_lazy("{}/{}/", SECTION, pgettext_lazy("URL", "map")),
        public_response(views.TwinCityMapView.as_view()),
        name="map",
    ),
    # The map drawn as its own file, at an address named by its content (publishing/map_image.py).
    path(
        format_lazy("{}/{}/<slug:name>.svg", SECTION, pgettext_lazy("URL", "map")),
        map_file.map_file,
        name="map_image",
    ),
    path(
        format_lazy("{}/{}.ics", SECTION, pgettext_lazy("URL", "events")),
        public_response(open_data.open_data_headers(feeds.events_calendar)),
        name="events_calendar",
    ),
    path(
        format_lazy("{}/{}.atom", SECTION, pgettext_lazy("URL", "changes")),
        public_response(open_data.open_data_headers(feeds.changes_feed)),
        name="changes_feed",
    ),
    path(
        format_lazy("{}/", OPEN_DATA),
        public_response(views.OpenDataView.as_view()),
        name="open_data",
    ),
    path(
        open_data_route(SECTION, "json"),
        public_response(open_data.open_data_headers(open_data.json_export)),
        name="open_data_json",
    ),
    # The dataset as the national open data portal registers it (publishing/portal.py).
    path(
        open_data_route("data-egov-bg", "json"),
        public_response(open_data.open_data_headers(portal.portal_metadata_file)),
        name="open_data_portal",
    ),
    # The files described as a Frictionless Data Package (publishing/datapackage.py).
    path(
        format_lazy("{}/datapackage.json", OPEN_DATA),
        public_response(open_data.open_data_headers(datapackage.datapackage_file)),
        name="open_data_datapackage",
    ),
    *[
        path(
            open_data_route(dataset.route, "csv"),
            public_response(open_data.open_data_headers(open_data.csv_export)),
            {"dataset_key": dataset.key},
            name=f"open_data_{dataset.key}_csv",
        )
        for dataset in open_data.DATASETS
    ],
    # The partnership form under the section (partnership/urls.py), and the feedback form
    # (feedback/urls.py) beside the accessibility statement, before the information pages'
    # catch-all.
    path(
        format_lazy("{}/{}/", SECTION, pgettext_lazy("URL", "partnership")),
        include("international.partnership.urls"),
    ),
    path("", include("international.feedback.urls")),
    # Information pages (accessibility statement, cookies) sit at the top level:
    # /bg/dostapnost/, /en/accessibility/.
    path("<slug:slug>/", public_response(views.InfoPageView.as_view()), name="info_page"),
]
