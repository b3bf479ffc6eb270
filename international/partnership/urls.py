"""The partnership form's addresses, included by public/urls.py under the section, in its
namespace: /bg/mezhdunarodna-deynost/partnyorstvo/, /en/international-activity/partnership/.
Never cached: the form carries a CSRF token.
"""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    path("", views.PartnershipRequestView.as_view(), name="partnership"),
    path(
        format_lazy("{}/", pgettext_lazy("URL", "thank-you")),
        views.PartnershipThanksView.as_view(),
        name="partnership_thanks",
    ),
]
