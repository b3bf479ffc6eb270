"""Texts of the admin pages of django-simple-history, django-axes and django-admin-sortable2,
which ship no Bulgarian, and of Django's own that its catalogue lacks or writes otherwise.

Django looks a message up in the project's locale/ before a library's own catalogue,
so listing the library's texts here (where makemessages finds them) and translating
them in locale/bg puts the history pages in Bulgarian too. Nothing uses this module
at run time; the texts must match the library's letter for letter. Texts Django's
own catalogue already translates ("None", "Date/time", "Close"...) are left to it.
"""

from django.utils.translation import gettext_noop, ngettext

SIMPLE_HISTORY = [
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
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
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
]

# django-axes: the login attempts and lockouts a superuser sees in the admin.
AXES = [
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]

# django-admin-sortable2: the drag handle's column, the inline's move buttons (read out
# by screen readers) and the actions of long lists.
SORTABLE = [
    gettext_noop("Sort"),
    gettext_noop("Move to first position"),
    gettext_noop("Move to last position"),
    gettext_noop("Move selected to specific page"),
    gettext_noop("Move selected ... pages back"),
    gettext_noop("Move selected ... pages forward"),
    gettext_noop("Move selected to first page"),
    gettext_noop("Move selected to last page"),
]

# Django's admin: the app list's column headings, which screen readers read out, have no
# Bulgarian in Django's catalogue.
DJANGO_ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
]

# django-countries: names its Bulgarian catalogue gets wrong (misspelt, transliterated
# from English, "Джорджия" for Georgia, "Монтенегро", "Денмарк"), writes against Bulgarian
# spelling rules (only the first word and proper names take a capital) or other than the
# official short names of the EU's Interinstitutional Style Guide. The English texts are
# the names django-countries shows (its common names where it has them).
COUNTRIES = [
    gettext_noop("Bermuda"),
    gettext_noop("Bonaire, Sint Eustatius and Saba"),
    gettext_noop("Bosnia and Herzegovina"),
    gettext_noop("British Indian Ocean Territory"),
    gettext_noop("Central African Republic"),
    gettext_noop("Christmas Island"),
    gettext_noop("Cocos (Keeling) Islands"),
    gettext_noop("Democratic Republic of the Congo"),
    gettext_noop("Denmark"),
    gettext_noop("Dominican Republic"),
    gettext_noop("El Salvador"),
    gettext_noop("Eswatini"),
    gettext_noop("Falkland Islands (Malvinas)"),
    gettext_noop("French Southern Territories"),
    gettext_noop("Georgia"),
    gettext_noop("Guernsey"),
    gettext_noop("Guyana"),
    gettext_noop("Heard Island and McDonald Islands"),
    gettext_noop("Hong Kong"),
    gettext_noop("Latvia"),
    gettext_noop("Marshall Islands"),
    gettext_noop("Micronesia"),
    gettext_noop("Montenegro"),
    gettext_noop("Myanmar"),
    gettext_noop("Namibia"),
    gettext_noop("Netherlands"),
    gettext_noop("Northern Mariana Islands"),
    gettext_noop("Palestine"),
    gettext_noop("Saint Lucia"),
    gettext_noop("Saint Martin (French part)"),
    gettext_noop("Saint Pierre and Miquelon"),
    gettext_noop("Saint Vincent and the Grenadines"),
    gettext_noop("Sint Maarten (Dutch part)"),
    gettext_noop("Solomon Islands"),
    gettext_noop("South Georgia"),
    gettext_noop("Tajikistan"),
    gettext_noop("Timor-Leste"),
    gettext_noop("Turks and Caicos Islands"),
    gettext_noop("United Arab Emirates"),
    gettext_noop("United Kingdom"),
    gettext_noop("United States Minor Outlying Islands"),
    gettext_noop("United States of America"),
    gettext_noop("Vatican City"),
    gettext_noop("Virgin Islands (British)"),
    gettext_noop("Virgin Islands (U.S.)"),
    gettext_noop("Åland Islands"),
]

# Month names as a Bulgarian date writes them, "26 ноември 2026 г.": lowercase, where
# Django's catalogue capitalises them (stara_zagora/formats/bg/formats.py has the rest).
MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]


def history_entries(count):  # pragma: no cover - for makemessages only
    return ngettext("entry", "entries", count)
