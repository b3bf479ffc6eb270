"""The readers' feedback form (accessibility, wrong information, other): works without
JavaScript, refuses spam."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..models import Feedback
from ..public.navigation import page_in_language

#: The name of the field hidden from people; only programs fill it in.
HONEYPOT = "website"


def one_line(value):
    """Return *value* with its line breaks (and the spaces around them) as one space.

    A name or an address typed on one line is printed on one line in the staff's e-mail:
    a pasted line break must not start a line of its own there (a forged "E-mail:" line).
    """
    return " ".join(part.strip() for part in value.splitlines() if part.strip())


def page_from_query(value):
    """Return *value* if it is the address of a page of this site ("/bg/..."), else ""."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 500:
        return ""
    # A page of the site in some language: a path that resolves, naming a published record.
    if not page_in_language(value, translation.get_language()):
        return ""
    return value


class ReaderForm(forms.ModelForm):
    """A form the public sends (feedback, a partnership request): one-line fields stay on one
    line, and a field hidden from people catches programs.

    Django ties each field's hint and error to it (aria-describedby, aria-invalid);
    the template gives them the ids it names: ``<id>_helptext`` and ``<id>_error``.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A browser cuts pasted text at maxlength without a word; the server says so
            # instead (the field's max_length message, with the count).
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.pop("maxlength", None)

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            # A long text keeps its lines; every other field is one line.
            if isinstance(value, str) and not isinstance(field.widget, forms.Textarea):
                cleaned_data[name] = one_line(value)
        return cleaned_data

    def is_spam(self):
        """Return True if the hidden field was filled in: no person sees it."""
        return bool(self.cleaned_data.get(HONEYPOT))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT]


class FeedbackForm(ReaderForm):
    """The kind of message and the message required; the page, name and e-mail optional."""

    class Meta:
        model = Feedback
        fields = ["kind", "page", "message", "name", "email"]
        labels = {
            "kind": _("What is your message about?"),
            "message": _("Your message"),
            "page": _("The page it concerns"),
            "name": _("Your name"),
            "email": _("Your e-mail address"),
        }
        help_texts = {
            "page": _("Its address or its title."),
            "name": "",
            "email": _("Only if you would like an answer. We use it for nothing else."),
        }
        error_messages = {
            "kind": {"required": _("Choose what your message is about.")},
            "message": {
                "required": _("Enter your message."),
                "max_length": _(
                    "Your message is too long: shorten it to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "page": {
                "max_length": _(
                    "Shorten the page's address to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "name": {
                "max_length": _(
                    "Shorten your name to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "email": {
                "invalid": _("Enter an e-mail address like name@example.com, or leave it empty."),
                "max_length": _(
                    "Shorten the e-mail address to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
        }
        widgets = {
            "kind": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 8, "cols": 60}),
            "page": forms.TextInput(attrs={"autocomplete": "off"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        }

    def __init__(self, *args, **kwargs):
        given = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        # The reader chooses: the model's default (for older messages) is not ticked for them.
        if not given.get("kind"):
            self.initial.pop("kind", None)
            self.fields["kind"].initial = None
        message = self.fields["message"]
        message.help_text = _(
            "Describe what you could not read or use, or what is wrong on the page, and what "
            "you would need. At most %(count)s characters."
        ) % {"count": Feedback.MESSAGE_MAX_LENGTH}
