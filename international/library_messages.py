"""Texts of django-simple-history's admin pages, which ships no Bulgarian.

Django looks a message up in the project's locale/ before a library's own catalogue,
so listing the library's texts here (where makemessages finds them) and translating
them in locale/bg puts the history pages in Bulgarian too. Nothing uses this module
at run time; the texts must match the library's letter for letter.
"""

from django.utils.translation import gettext_noop, ngettext

SIMPLE_HISTORY = [
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("You may edit it again below"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("None"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("Close"),
]


def history_entries(count):  # pragma: no cover - for makemessages only
    return ngettext("entry", "entries", count)
