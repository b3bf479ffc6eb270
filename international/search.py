"""Case-insensitive search in every alphabet, in both databases.

SQLite's LIKE and lower() fold ASCII letters only, so "солун" did not find "Солун".
On SQLite the lookup compares the text and the search term both casefolded by Python
(a function registered on every connection); on PostgreSQL it is Django's icontains,
whose UPPER() and LIKE are Unicode-aware already. The admin's search fields name it:
``search_fields = ["name_bg__ucontains", ...]``.
"""

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models.lookups import IContains

CASEFOLD_FUNCTION = "international_casefold"


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def register_casefold(sender, connection, **kwargs):
    """Give every new SQLite connection the casefold function the lookup calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(CASEFOLD_FUNCTION, 1, _casefold, deterministic=True)


connection_created.connect(register_casefold, dispatch_uid="international_casefold")


@models.CharField.register_lookup
@models.TextField.register_lookup
class UnicodeContains(IContains):
    """``icontains`` that folds Cyrillic (and every other alphabet) on SQLite too."""

    lookup_name = "ucontains"

    def as_sql(self, compiler, connection):
        # Django's backends know the lookup by the name "icontains" (PostgreSQL's UPPER()
        # and LIKE come from it), so elsewhere it is exactly that lookup.
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return (
            f"{CASEFOLD_FUNCTION}({lhs_sql}) LIKE {CASEFOLD_FUNCTION}({rhs_sql}) ESCAPE '\\'",
            (*lhs_params, *rhs_params),
        )


def search_in(model, *names):
    """Return the admin's search fields for *names*: each language's column of a
    translated field, every one searched with the Unicode-aware lookup."""
    from django.core.exceptions import FieldDoesNotExist
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    fields = []
    for name in names:
        try:
            columns = [f"{name}_{code}" for code in AVAILABLE_LANGUAGES]
            for column in columns:
                model._meta.get_field(column)
        except FieldDoesNotExist:
            columns = [name]
        fields += [f"{column}__{UnicodeContains.lookup_name}" for column in columns]
    return fields
