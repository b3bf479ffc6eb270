"""What lacks English: the record's own answer and the database's are the same.

missing_english() (a record's form, its list row) and missing_english_condition() (the
admin index's counts, the "English translation" filter) are one definition: a translated
field filled in Bulgarian, empty (NULL or "") in English.
"""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from modeltranslation.translator import translator

from tests import factories
from tests.factories import OrganizationFactory, SuperuserFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

MODELS = sorted(translator.get_registered_models(abstract=False), key=lambda m: m._meta.label)
#: Every state of one language's text: NULL, empty, filled.
STATES = [None, "", "Текст"]


def answers(record):
    model = type(record)
    record.refresh_from_db()
    in_python = bool(record.missing_english())
    in_database = model.objects.filter(model.missing_english_condition(), pk=record.pk).exists()
    complete = model.objects.exclude(model.missing_english_condition()).filter(pk=record.pk)
    return in_python, in_database, not complete.exists()


@pytest.mark.parametrize("model", MODELS, ids=[model._meta.label for model in MODELS])
def test_python_and_the_database_agree_on_every_combination(model):
    record = getattr(factories, f"{model.__name__}Factory")()
    fields = model.english_fields()
    complete = {f"{name}_{code}": f"{name}-{code}" for name in fields for code in ("bg", "en")}
    model.objects.filter(pk=record.pk).update(**complete)
    assert answers(record) == (False, False, False)

    seen = set()
    # Each field in every state of its two languages, the others translated...
    for name in fields:
        for bg, en in itertools.product(STATES, STATES):
            model.objects.filter(pk=record.pk).update(
                **{**complete, f"{name}_bg": bg, f"{name}_en": en}
            )
            python, database, excluded = answers(record)
            assert python == database == excluded, (name, bg, en)
            assert python == (bool(bg) and not en)
            seen.add(python)
    # ... and two fields untranslated at once, one of them only empty in both languages.
    if len(fields) > 1:
        first, second = fields[:2]
        model.objects.filter(pk=record.pk).update(
            **{**complete, f"{first}_en": "", f"{second}_bg": None, f"{second}_en": None}
        )
        assert answers(record) == (True, True, True)
    assert seen == {True, False}


def test_the_index_counts_every_kind_in_one_query_whatever_the_number_of_records(client):
    client.force_login(SuperuserFactory())
    url = reverse("admin:index")

    def shown():
        with CaptureQueriesContext(connection) as queries:
            page = parse(client.get(url))
        counting = [q for q in queries if "international_event" in q["sql"]]
        # Every kind's count in one query (a UNION), the events' among them.
        assert len(counting) == 1
        assert "UNION" in counting[0]["sql"]
        box = page.find(class_="translation-gaps")
        return len(queries), {a.attrs["href"]: a.text for a in box.find_all("a")} if box else {}

    client.get(url)  # Once first: what a process caches (content types) is cached.
    OrganizationFactory.create_batch(2, name_en="")
    OrganizationFactory.create_batch(3)
    few_queries, few = shown()
    OrganizationFactory.create_batch(40, description_en=None)
    OrganizationFactory.create_batch(40)
    many_queries, many = shown()

    changelist = reverse("admin:international_organization_changelist") + "?english=missing"
    assert few[changelist].endswith(": 2")
    assert many[changelist].endswith(": 42")
    assert many_queries == few_queries
