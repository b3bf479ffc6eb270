"""Keep the link check's findings (the link report); the editors' group may read the report.

Checking now (the "check_links" permission) is for superusers and approvers.
"""

import django.db.models.deletion
from django.db import migrations, models

from ._groups import EDITORS, granting

CODENAMES = ["view_linkcheck"]
grant_editors, revoke_editors = granting(EDITORS, CODENAMES)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('international', '0005_documents'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='LinkCheck',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000, verbose_name='address')),
                ('object_id', models.PositiveBigIntegerField()),
                ('field_name', models.CharField(max_length=100, verbose_name='field')),
                ('status', models.CharField(choices=[('ok', 'Works'), ('redirected', 'Moved'), ('broken', 'Broken'), ('timeout', 'No answer in time'), ('tls_error', 'Certificate (TLS) error'), ('dns_error', 'Unknown site (DNS)'), ('connection_error', 'Could not connect'), ('refused', 'Refused: not a public address')], db_index=True, max_length=20, verbose_name='status')),
                ('status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='HTTP status')),
                ('final_url', models.URLField(blank=True, max_length=2000, verbose_name='new address')),
                ('redirect_count', models.PositiveSmallIntegerField(default=0, verbose_name='redirects')),
                ('permanent_redirect', models.BooleanField(default=False, help_text='Every redirect was permanent (301 or 308).', verbose_name='moved permanently')),
                ('checked_at', models.DateTimeField(verbose_name='checked')),
                ('message', models.CharField(blank=True, max_length=500, verbose_name='message')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'link check',
                'verbose_name_plural': 'link report',
                'ordering': ['status', 'content_type', 'object_id', 'field_name', 'pk'],
                'permissions': [('check_links', 'Can check the links now')],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'field_name', 'url'), name='linkcheck_unique_record_field_url')],
            },
        ),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
