"""What a feedback message is about; the messages sent before the choice were all on accessibility.

The footer's link to the form is now "Report a problem with this page": the accessibility
statement, which names it, names it so on a site where it is still the seed's wording.
"""

from django.db import migrations, models
from django.utils import timezone

from ._data import content_changed, write_history

#: (language, the link's name as the statement gave it, its name now).
LINK_NAMES = [
    ("bg", "„Съобщете за проблем с достъпността на тази страница“", "„Съобщете за проблем с тази страница“"),
    ("en", "“Report an accessibility problem on this page”", "“Report a problem with this page”"),
]


def rename_link(apps, schema_editor, backwards=False):
    InfoPage = apps.get_model("international", "InfoPage")
    now = timezone.now()
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
        write_history(apps, "InfoPage", page, now)
        changed = True
    if changed:
        content_changed(apps, now)


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
