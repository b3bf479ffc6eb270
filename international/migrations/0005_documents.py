"""Documents (PDF) of programmes and projects; the editors' group may manage them."""

import django.db.models.deletion
import international.media.documents
import international.models.documents
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from ._groups import EDITORS, granting

# Documents are edited in their record's form: an editor who edits projects needs all four.
CODENAMES = [f"{action}_document" for action in ("add", "change", "delete", "view")]
grant_editors, revoke_editors = granting(EDITORS, CODENAMES)


class Migration(migrations.Migration):

    dependencies = [
        ('international', '0004_feedback'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('file', models.TextField(help_text='A PDF without scripts, passwords or attachments.', max_length=100, validators=[international.media.documents.validate_document_upload], verbose_name='file')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('title_bg', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('language', models.CharField(choices=[('bg', 'Bulgarian'), ('en', 'English'), ('other', 'other language')], default='bg', max_length=10, verbose_name='language of the document')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('original_name', models.CharField(editable=False, max_length=255, verbose_name='file name')),
                ('size', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='size in bytes')),
                ('content_type', models.CharField(default='application/pdf', editable=False, max_length=100, verbose_name='type')),
                ('order', models.PositiveIntegerField(db_index=True, default=0, verbose_name='order')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='last changed')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('participation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='international.participation', verbose_name='project')),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='international.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'historical document',
                'verbose_name_plural': 'historical documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(help_text='A PDF without scripts, passwords or attachments.', upload_to=international.models.documents.document_path, validators=[international.media.documents.validate_document_upload], verbose_name='file')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('title_bg', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('language', models.CharField(choices=[('bg', 'Bulgarian'), ('en', 'English'), ('other', 'other language')], default='bg', max_length=10, verbose_name='language of the document')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('original_name', models.CharField(editable=False, max_length=255, verbose_name='file name')),
                ('size', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='size in bytes')),
                ('content_type', models.CharField(default='application/pdf', editable=False, max_length=100, verbose_name='type')),
                ('order', models.PositiveIntegerField(db_index=True, default=0, verbose_name='order')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('participation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='international.participation', verbose_name='project')),
                ('programme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='international.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documents',
                'ordering': ['order', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('participation__isnull', True), ('programme__isnull', False)), models.Q(('participation__isnull', False), ('programme__isnull', True)), _connector='OR'), name='document_of_one_record', violation_error_message='A document belongs to one programme or one project.')],
            },
        ),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
