"""What a feedback message is about; the messages sent before the choice were all on accessibility.

The footer's link to the form is now "Report a problem with this page": the accessibility
statement, which names it, names it so on a site where it is still the seed's wording.
"""

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone

#: (language, the link's name as the statement gave it, its name now).
LINK_NAMES = [
    ("bg", "„Съобщете за проблем с достъпността на тази страница“", "„Съобщете за проблем с тази страница“"),
    ("en", "“Report an accessibility problem on this page”", "“Report a problem with this page”"),
]


def rename_link(apps, schema_editor, backwards=False):
    InfoPage = apps.get_model("international", "InfoPage")
    changed = False
    for page in InfoPage.objects.filter(key="accessibility"):
        texts = (page.body_bg, page.body_en)
        for language, old, new in LINK_NAMES:
            field = f"body_{language}"
            text = getattr(page, field) or ""
            before, after = (new, old) if backwards else (old, new)
            setattr(page, field, text.replace(before, after))
        if (page.body_bg, page.body_en) == texts:
            continue
        # The untranslated column holds the Bulgarian text, as the model keeps it.
        page.body = page.body_bg
        page.save(update_fields=["body", "body_bg", "body_en"])
        # A change like any other: in the page's history, and no cached page keeps the old.
        historical = apps.get_model("international", "HistoricalInfoPage")
        historical.objects.create(
            **{field.attname: getattr(page, field.attname) for field in page._meta.concrete_fields},
            history_date=timezone.now(),
            history_type="~",
            history_change_reason="Seed content",
        )
        changed = True
    if changed:
        apps.get_model("international", "ContentVersion").objects.update(
            version=F("version") + 1, changed_at=timezone.now()
        )


def restore_link(apps, schema_editor):
    rename_link(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):

    dependencies = [
        ('international', '0010_contact_and_statement'),
    ]

    operations = [
        migrations.AddField(
            model_name='feedback',
            name='kind',
            field=models.CharField(choices=[('accessibility', 'An accessibility problem'), ('content', 'Wrong or outdated information'), ('other', 'Something else')], default='accessibility', max_length=20, verbose_name='kind of message'),
        ),
        migrations.RunPython(rename_link, restore_link),
    ]
