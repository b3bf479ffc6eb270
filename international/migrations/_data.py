"""What the data migrations do when they change content: a history row and a new version.

Not a migration (the loader skips names that start with "_"): steps the migrations run on
their historical models. Kept stable, as a released migration relies on it.
"""

from django.db.models import F


def write_history(apps, model_name, record, now, reason="Seed content"):
    """Add a history row of *record* as it is now: the change is restorable like any other."""
    historical = apps.get_model("international", f"Historical{model_name}")
    values = {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}
    historical.objects.create(
        **values, history_date=now, history_type="~", history_change_reason=reason
    )


def content_changed(apps, now):
    """Move the content version on: cached pages are keyed on it, none may show the old text."""
    apps.get_model("international", "ContentVersion").objects.update(
        version=F("version") + 1, changed_at=now
    )
