"""List filters of the admin's change lists."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class CountryInUseFilter(admin.SimpleListFilter):
    """Filter by country, offering only the countries some record names.

    The field's own filter lists all 249 countries: a list thousands of pixels tall,
    in which the few that matter are hard to find.
    """

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = set(model_admin.get_queryset(request).values_list("country", flat=True))
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
        now = timezone.now()
        if self.value() == "open":
            return queryset.filter(deadline__gt=now)
        if self.value() == "closed":
            return queryset.filter(deadline__lte=now)
        return queryset
