"""List filters of the admin's change lists."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..models.calls import open_at


class CountryInUseFilter(admin.SimpleListFilter):
    """Filter by country, offering only the countries some record names.

    The field's own filter lists all 249 countries: a list thousands of pixels tall,
    in which the few that matter are hard to find.
    """

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        rows = model_admin.get_queryset(request).order_by().values_list("country", flat=True)
        codes = set(rows.distinct())
        # Iterating countries sorts by the name in the active language (pyuca collation).
        return [(country.code, country.name) for country in countries if country.code in codes]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value())
        return queryset


class CallStateFilter(admin.SimpleListFilter):
    """The calls still open for applications, or closed at their deadline."""

    title = _("open or closed")
    parameter_name = "applications"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("closed", _("Closed"))]

    def queryset(self, request, queryset):
        # Open: what the public pages call open (models/calls.py), at this moment.
        still_open = open_at(timezone.now())
        if self.value() == "open":
            return queryset.filter(still_open)
        if self.value() == "closed":
            return queryset.exclude(still_open)
        return queryset
