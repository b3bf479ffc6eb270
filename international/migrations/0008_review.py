"""Editors' changes wait for an approver: PendingChange, the publish permission, the approvers.

The group "International activity approvers" has the editors' rights, the permission
"Can approve and publish changes", the changes awaiting approval and the link check; the
editors' group may read its own proposals (the admin shows each editor only theirs).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from ._groups import APPROVERS, EDITORS, make_permissions, ours

EDITORS_REVIEW = ["view_pendingchange"]
# Approvers also run the link check ("Check links now" in the link report).
APPROVERS_REVIEW = ["view_pendingchange", "change_pendingchange", "publish_records", "check_links"]


def create_approvers(apps, schema_editor):
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*ours(apps, EDITORS_REVIEW))
    approvers, _created = Group.objects.get_or_create(name=APPROVERS)
    approvers.permissions.set([*editors.permissions.all(), *ours(apps, APPROVERS_REVIEW)])


def remove_approvers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=APPROVERS).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('international', '0007_schedule'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PendingChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveIntegerField(verbose_name='record number')),
                ('values', models.JSONField(default=dict, verbose_name='proposed values')),
                ('is_new', models.BooleanField(default=False, help_text='The record was added and never published.', verbose_name='new record')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='sent')),
                ('status', models.CharField(choices=[('pending', 'awaiting approval'), ('approved', 'approved'), ('sent_back', 'sent back')], db_index=True, default='pending', max_length=20, verbose_name='status')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed')),
                ('comment', models.TextField(blank=True, help_text='Why the change was sent back; the author sees it.', verbose_name='comment')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposed_changes', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='kind of record')),
                ('reviewer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reviewed_changes', to=settings.AUTH_USER_MODEL, verbose_name='reviewer')),
            ],
            options={
                'verbose_name': 'change awaiting approval',
                'verbose_name_plural': 'changes awaiting approval',
                'ordering': ['-created_at', '-pk'],
                'permissions': [('publish_records', 'Can approve and publish changes')],
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='internation_content_578369_idx')],
            },
        ),
        migrations.RunPython(create_approvers, remove_approvers),
    ]
