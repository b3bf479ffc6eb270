"""Store readers' feedback messages; the editors' group may read them and mark them handled."""

import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP_NAME = "International activity editors"
# Editors read messages and tick "handled"; they neither write nor delete what readers sent.
CODENAMES = ["view_feedback", "change_feedback"]


def grant_editors(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("international")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="international", codename__in=CODENAMES)
    )


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="international", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):

    dependencies = [
        ('international', '0003_content_version'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='Feedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('message', models.TextField(max_length=5000, verbose_name='message')),
                ('page', models.CharField(blank=True, help_text='The page the reader was on, or what they wrote about it.', max_length=500, verbose_name='page it concerns')),
                ('language', models.CharField(blank=True, max_length=10, verbose_name='language of the form')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='received')),
                ('is_spam', models.BooleanField(default=False, help_text='Sent by a program that filled in the field hidden from people.', verbose_name='spam')),
                ('email_sent', models.BooleanField(default=False, help_text='Whether the notice of this message reached the mail server.', verbose_name='e-mail sent to staff')),
                ('is_handled', models.BooleanField(default=False, help_text='Tick when the message has been dealt with.', verbose_name='handled')),
                ('staff_note', models.TextField(blank=True, help_text='What was done about the message; the sender does not see it.', verbose_name='note by staff')),
            ],
            options={
                'verbose_name': 'feedback message',
                'verbose_name_plural': 'feedback messages',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
