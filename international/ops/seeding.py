"""Load the seed content: each entry once, never over what staff have edited or deleted."""

from django.db import transaction
from django.utils.translation import gettext_noop

from ..models import SeedApplied
from .seed_content import RECORDS, SINGLETONS

LANGUAGES = ("bg", "en")


def field_values(entry):
    """Expand {"name": {"bg": ..., "en": ...}} into name_bg and name_en."""
    values = {}
    for name, value in entry.items():
        if isinstance(value, dict):
            values.update({f"{name}_{language}": value[language] for language in LANGUAGES})
        else:
            values[name] = value
    return values


def seeded_object(key, model):
    """Return the record a seed key created, or None if staff have deleted it."""
    applied = SeedApplied.objects.filter(key=key).first()
    if applied is None or applied.object_id is None:
        return None
    return model.objects.filter(pk=applied.object_id).first()


class SeedLoader:
    """Create the seed records that were never loaded; say on *stderr* what it skipped."""

    def __init__(self, stderr):
        self.stderr = stderr

    @transaction.atomic
    def load(self):
        """Load what was never loaded; return how many records were created and kept."""
        created = kept = 0
        for key, model, entry in SINGLETONS:
            if self.load_singleton(f"singleton:{key}", model, entry):
                created += 1
            else:
                kept += 1
        for model, entries in RECORDS:
            for entry in entries:
                if self.load_record(model, dict(entry)):
                    created += 1
                else:
                    kept += 1
        return created, kept

    def load_singleton(self, key, model, entry):
        if SeedApplied.objects.filter(key=key).exists():
            return False
        record = model.objects.order_by("pk").first()
        if record is not None and any(
            getattr(record, name) for name in field_values(entry) if name.endswith("_bg")
        ):
            # Staff filled it before the seed ran: theirs stays.
            SeedApplied.objects.create(key=key, model=model._meta.label, object_id=record.pk)
            return False
        record = record or model()
        for name, value in field_values(entry).items():
            setattr(record, name, value)
        self.save(record)
        SeedApplied.objects.create(key=key, model=model._meta.label, object_id=record.pk)
        return True

    def load_record(self, model, entry):
        key = entry.pop("key")
        if SeedApplied.objects.filter(key=key).exists():
            return False
        relations = {}
        for name in ("organization", "programme"):
            if name in entry:
                related_model = model._meta.get_field(name).related_model
                relations[name] = seeded_object(entry.pop(name), related_model)
        if "page_key" in entry:
            entry["key"] = entry.pop("page_key")
            if model.objects.filter(key=entry["key"]).exists():
                SeedApplied.objects.create(key=key, model=model._meta.label)
                return False
        if "programme" in relations and relations["programme"] is None:
            self.stderr.write(f"Skipped {key}: its programme was deleted.")
            SeedApplied.objects.create(key=key, model=model._meta.label)
            return False
        record = model(**field_values(entry), **relations)
        self.save(record)
        SeedApplied.objects.create(key=key, model=model._meta.label, object_id=record.pk)
        return True

    def save(self, record):
        record.full_clean()
        # Stored untranslated; the history page shows it in the reader's language.
        record._change_reason = gettext_noop("Seed content")
        record.save()
