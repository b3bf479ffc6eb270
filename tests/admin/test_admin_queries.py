"""Every admin page of a model, at 5 and at 200 rows: the same few queries (none per row).

Every ModelAdmin on the admin site is covered, a kind added later too: each is built with
its tests/factories.py factory (<Model>Factory), and its change list and change form are
read by a superuser and by an editor (the pages the editor may see).
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories
from tests.admin.roles import EDITORS, logged_in, member
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

#: The most queries a page may make, at any number of rows.
MAX_QUERIES = {"change list": 20, "change form": 25}

ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def pages(model, record):
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    return {
        "change list": reverse(f"{name}_changelist"),
        "change form": reverse(f"{name}_change", args=[record.pk]),
    }


def may_view(user, model):
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    )


def query_counts(clients, model, record, django_assert_max_num_queries):
    """Return {(user, page): queries} of the pages each user may see, each within its bound."""
    counts = {}
    for who, (user, client) in clients.items():
        if not may_view(user, model):
            continue
        for page, url in pages(model, record).items():
            client.get(url)  # Once first: what a process caches (content types) is cached.
            with django_assert_max_num_queries(MAX_QUERIES[page]) as queries:
                response = client.get(url)
            assert response.status_code == 200, (who, url)
            counts[who, page] = len(queries)
    return counts


def test_every_registered_model_has_a_factory():
    missing = [
        model._meta.label
        for model, _ in ADMINS
        if not hasattr(factories, f"{model.__name__}Factory")
    ]
    assert missing == []


@pytest.mark.parametrize(
    "model", [model for model, _ in ADMINS], ids=[model._meta.label for model, _ in ADMINS]
)
def test_an_admin_page_makes_the_same_queries_at_5_and_at_200_rows(
    model, django_assert_max_num_queries
):
    factory = getattr(factories, f"{model.__name__}Factory")
    superuser, editor = SuperuserFactory(), member(EDITORS, "redaktor")
    clients = {
        "superuser": (superuser, logged_in(superuser)),
        "editor": (editor, logged_in(editor)),
    }
    # Rows that belong to their author (proposed changes): the editor's own, which they see.
    own = {"author": editor} if any(f.name == "author" for f in model._meta.fields) else {}
    records = factory.create_batch(5, **own)
    few = query_counts(clients, model, records[0], django_assert_max_num_queries)
    factory.create_batch(195, **own)
    many = query_counts(clients, model, records[0], django_assert_max_num_queries)

    assert few, "no user may see the model's pages"
    assert many == few
