"""The form an organisation fills in to propose a partnership or request a visit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..feedback.forms import ReaderForm
from ..models import PartnershipRequest


class PartnershipRequestForm(ReaderForm):
    """Organisation, country, contact person, e-mail, subject and message; the phone optional."""

    class Meta:
        model = PartnershipRequest
        fields = [
            "subject", "organisation", "country", "contact_name", "email", "phone", "message",
        ]  # fmt: skip
        labels = {
            "subject": _("What would you like?"),
            "organisation": _("Your organisation"),
            "country": _("Country"),
            "contact_name": _("Contact person"),
            "email": _("E-mail address"),
            "phone": _("Telephone"),
            "message": _("Your proposal or request"),
        }
        help_texts = {
            "organisation": _("E.g. the municipality, institution, company or association."),
            "email": _("We answer at this address."),
            "phone": _("With the country code, e.g. +359 42 614 613."),
        }
        error_messages = {
            "subject": {"required": _("Choose what you would like.")},
            "organisation": {
                "required": _("Enter the name of your organisation."),
                "max_length": _(
                    "Shorten the organisation's name to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "country": {
                "required": _("Choose the country of your organisation."),
                "invalid_choice": _("Choose the country of your organisation."),
            },
            "contact_name": {
                "required": _("Enter the name of the contact person."),
                "max_length": _(
                    "Shorten the name to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "email": {
                "required": _("Enter an e-mail address where we can answer you."),
                "invalid": _("Enter an e-mail address like name@example.com."),
                "max_length": _(
                    "Shorten the e-mail address to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "message": {
                "required": _("Describe your proposal or request."),
                "max_length": _(
                    "Your message is too long: shorten it to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
        }
        widgets = {
            "subject": forms.RadioSelect,
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "message": forms.Textarea(attrs={"rows": 8, "cols": 60}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = self.fields["message"]
        message.help_text = _(
            "What you propose or when you would like to visit, and what for. "
            "At most %(count)s characters."
        ) % {"count": PartnershipRequest.MESSAGE_MAX_LENGTH}
        # The sender chooses: no option is ticked, and no empty one is offered.
        self.fields["subject"].choices = PartnershipRequest.Subject.choices
        country = self.fields["country"]
        # The empty choice reads as an instruction, not "---------".
        country.choices = [("", _("Choose a country")), *list(country.choices)[1:]]
