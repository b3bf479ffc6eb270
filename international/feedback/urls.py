"""The feedback form's addresses, beside the accessibility statement at the top level:
/bg/obratna-vrazka/, /en/feedback/. Included by public/urls.py, in its namespace. Never
cached: the form carries a CSRF token.
"""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import views

FEEDBACK = pgettext_lazy("URL", "feedback")

urlpatterns = [
    path(format_lazy("{}/", FEEDBACK), views.FeedbackView.as_view(), name="feedback"),
    path(
        format_lazy("{}/{}/", FEEDBACK, pgettext_lazy("URL", "thank-you")),
        views.FeedbackThanksView.as_view(),
        name="feedback_thanks",
    ),
]
