"""Public URLs of the section; every address segment is translated in locale/.

Bulgarian: /bg/mezhdunarodna-deynost/..., English: /en/international-activity/...
"""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import views
from .cache import public_response

app_name = "international"

SECTION = pgettext_lazy("URL", "international-activity")


def record_route(kind):
    """Return the translated route of a record's detail page."""
    return format_lazy("{}/{}/<slug:slug>/", SECTION, kind)


def list_route(kind):
    """Return the translated route of the list of all records of a kind."""
    return format_lazy("{}/{}/", SECTION, kind)


urlpatterns = [
    path("", views.language_home, name="home"),
    path(format_lazy("{}/", SECTION), public_response(views.SectionView.as_view()), name="section"),
    path(
        list_route(pgettext_lazy("URL", "organisations")),
        public_response(views.OrganizationListView.as_view()),
        name="organization_list",
    ),
    path(
        list_route(pgettext_lazy("URL", "events")),
        public_response(views.EventListView.as_view()),
        name="event_list",
    ),
    path(
        list_route(pgettext_lazy("URL", "programmes")),
        public_response(views.ProgrammeListView.as_view()),
        name="programme_list",
    ),
    path(
        list_route(pgettext_lazy("URL", "twin-cities")),
        public_response(views.TwinCityListView.as_view()),
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
    # Information pages (accessibility statement, cookies) sit at the top level:
    # /bg/dostapnost/, /en/accessibility/.
    path("<slug:slug>/", public_response(views.InfoPageView.as_view()), name="info_page"),
]
