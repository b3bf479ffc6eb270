"""Visits and news, with their photos; the editors and the approvers may manage them."""

import django.db.models.deletion
import international.media.validation
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from ._groups import APPROVERS, EDITORS, granting

# The photos are edited in their visit's form: both groups need all four on both models.
CODENAMES = [
    f"{action}_{model}"
    for model in ("visit", "visitphoto")
    for action in ("add", "change", "delete", "view")
]
grant_editors, revoke_editors = granting(EDITORS, CODENAMES)
grant_approvers, revoke_approvers = granting(APPROVERS, CODENAMES)


class Migration(migrations.Migration):

    dependencies = [
        ('international', '0014_partnership_requests'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalVisit',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(blank=True, help_text="The last part of the page's address. Leave empty to make it from the name or title.", max_length=120, verbose_name='address (slug)')),
                ('slug_bg', models.SlugField(blank=True, help_text="The last part of the page's address. Leave empty to make it from the name or title.", max_length=120, null=True, verbose_name='address (slug)')),
                ('slug_en', models.SlugField(blank=True, help_text="The last part of the page's address. Leave empty to make it from the name or title.", max_length=120, null=True, verbose_name='address (slug)')),
                ('order', models.PositiveIntegerField(db_index=True, default=0, help_text='Lower numbers come first.', verbose_name='order')),
                ('is_published', models.BooleanField(default=True, help_text='Untick to hide the record from the public pages without deleting it.', verbose_name='published')),
                ('publish_from', models.DateTimeField(blank=True, help_text='Date and time (Sofia time) from which the public sees the record. Leave empty to show it as soon as it is published.', null=True, verbose_name='publish from')),
                ('publish_until', models.DateTimeField(blank=True, help_text='Date and time (Sofia time) from which the public no longer sees the record. Leave empty to show it without end.', null=True, verbose_name='publish until')),
                ('to_confirm', models.BooleanField(default=False, help_text="Tick while some facts of the record still wait for the municipality's confirmation: its public page then says so, in a neutral note.", verbose_name='facts to be confirmed')),
                ('to_confirm_note', models.CharField(blank=True, help_text='Optional, shown with the note, e.g. “The year of signing”.', max_length=300, verbose_name='what is to be confirmed')),
                ('to_confirm_note_bg', models.CharField(blank=True, help_text='Optional, shown with the note, e.g. “The year of signing”.', max_length=300, null=True, verbose_name='what is to be confirmed')),
                ('to_confirm_note_en', models.CharField(blank=True, help_text='Optional, shown with the note, e.g. “The year of signing”.', max_length=300, null=True, verbose_name='what is to be confirmed')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='last changed')),
                ('kind', models.CharField(choices=[('visit', 'Delegation visit'), ('news', 'News')], default='visit', max_length=20, verbose_name='kind')),
                ('date', models.DateField(help_text='The day of the visit or of the news.', verbose_name='date')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('title_bg', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('text_bg', models.TextField(blank=True, null=True, verbose_name='text')),
                ('text_en', models.TextField(blank=True, null=True, verbose_name='text')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, help_text='The organisation it concerns, if any: its page lists it.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='international.organization', verbose_name='organisation')),
                ('twin_city', models.ForeignKey(blank=True, db_constraint=False, help_text='The twin or partner city it concerns, if any: its page lists it.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='international.twincity', verbose_name='twin city')),
            ],
            options={
                'verbose_name': 'historical visit or news item',
                'verbose_name_plural': 'historical Visits and news',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Visit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(blank=True, help_text="The last part of the page's address. Leave empty to make it from the name or title.", max_length=120, verbose_name='address (slug)')),
                ('slug_bg', models.SlugField(blank=True, help_text="The last part of the page's address. Leave empty to make it from the name or title.", max_length=120, null=True, verbose_name='address (slug)')),
                ('slug_en', models.SlugField(blank=True, help_text="The last part of the page's address. Leave empty to make it from the name or title.", max_length=120, null=True, verbose_name='address (slug)')),
                ('order', models.PositiveIntegerField(db_index=True, default=0, help_text='Lower numbers come first.', verbose_name='order')),
                ('is_published', models.BooleanField(default=True, help_text='Untick to hide the record from the public pages without deleting it.', verbose_name='published')),
                ('publish_from', models.DateTimeField(blank=True, help_text='Date and time (Sofia time) from which the public sees the record. Leave empty to show it as soon as it is published.', null=True, verbose_name='publish from')),
                ('publish_until', models.DateTimeField(blank=True, help_text='Date and time (Sofia time) from which the public no longer sees the record. Leave empty to show it without end.', null=True, verbose_name='publish until')),
                ('to_confirm', models.BooleanField(default=False, help_text="Tick while some facts of the record still wait for the municipality's confirmation: its public page then says so, in a neutral note.", verbose_name='facts to be confirmed')),
                ('to_confirm_note', models.CharField(blank=True, help_text='Optional, shown with the note, e.g. “The year of signing”.', max_length=300, verbose_name='what is to be confirmed')),
                ('to_confirm_note_bg', models.CharField(blank=True, help_text='Optional, shown with the note, e.g. “The year of signing”.', max_length=300, null=True, verbose_name='what is to be confirmed')),
                ('to_confirm_note_en', models.CharField(blank=True, help_text='Optional, shown with the note, e.g. “The year of signing”.', max_length=300, null=True, verbose_name='what is to be confirmed')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('kind', models.CharField(choices=[('visit', 'Delegation visit'), ('news', 'News')], default='visit', max_length=20, verbose_name='kind')),
                ('date', models.DateField(help_text='The day of the visit or of the news.', verbose_name='date')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('title_bg', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('text_bg', models.TextField(blank=True, null=True, verbose_name='text')),
                ('text_en', models.TextField(blank=True, null=True, verbose_name='text')),
                ('organization', models.ForeignKey(blank=True, help_text='The organisation it concerns, if any: its page lists it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='visits', to='international.organization', verbose_name='organisation')),
                ('twin_city', models.ForeignKey(blank=True, help_text='The twin or partner city it concerns, if any: its page lists it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='visits', to='international.twincity', verbose_name='twin city')),
            ],
            options={
                'verbose_name': 'visit or news item',
                'verbose_name_plural': 'Visits and news',
                'ordering': ['-date', 'order', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='HistoricalVisitPhoto',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('image_alt', models.CharField(blank=True, help_text='What the image shows, for people who cannot see it, e.g. “Logo of the Strasbourg Club”. Required when an image is set.', max_length=250, verbose_name='text alternative of the image')),
                ('image_alt_bg', models.CharField(blank=True, help_text='What the image shows, for people who cannot see it, e.g. “Logo of the Strasbourg Club”. Required when an image is set.', max_length=250, null=True, verbose_name='text alternative of the image')),
                ('image_alt_en', models.CharField(blank=True, help_text='What the image shows, for people who cannot see it, e.g. “Logo of the Strasbourg Club”. Required when an image is set.', max_length=250, null=True, verbose_name='text alternative of the image')),
                ('image_decorative', models.BooleanField(default=False, help_text='Tick only if the image adds nothing to the text beside it; screen readers then skip it.', verbose_name='the image is decorative')),
                ('image_width', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('image_height', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('image_hash', models.CharField(blank=True, editable=False, max_length=64)),
                ('image', models.TextField(help_text='JPEG, PNG, WebP or AVIF, at most 5 MB.', max_length=100, validators=[international.media.validation.validate_image_upload], verbose_name='photo')),
                ('caption', models.CharField(blank=True, max_length=300, verbose_name='caption')),
                ('caption_bg', models.CharField(blank=True, max_length=300, null=True, verbose_name='caption')),
                ('caption_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='caption')),
                ('order', models.PositiveIntegerField(db_index=True, default=0, verbose_name='order')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='last changed')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('visit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='international.visit', verbose_name='visit or news item')),
            ],
            options={
                'verbose_name': 'historical photo',
                'verbose_name_plural': 'historical photos',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='VisitPhoto',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('image_alt', models.CharField(blank=True, help_text='What the image shows, for people who cannot see it, e.g. “Logo of the Strasbourg Club”. Required when an image is set.', max_length=250, verbose_name='text alternative of the image')),
                ('image_alt_bg', models.CharField(blank=True, help_text='What the image shows, for people who cannot see it, e.g. “Logo of the Strasbourg Club”. Required when an image is set.', max_length=250, null=True, verbose_name='text alternative of the image')),
                ('image_alt_en', models.CharField(blank=True, help_text='What the image shows, for people who cannot see it, e.g. “Logo of the Strasbourg Club”. Required when an image is set.', max_length=250, null=True, verbose_name='text alternative of the image')),
                ('image_decorative', models.BooleanField(default=False, help_text='Tick only if the image adds nothing to the text beside it; screen readers then skip it.', verbose_name='the image is decorative')),
                ('image_width', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('image_height', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('image_hash', models.CharField(blank=True, editable=False, max_length=64)),
                ('image', models.ImageField(height_field='image_height', help_text='JPEG, PNG, WebP or AVIF, at most 5 MB.', upload_to='international/visits/%Y/', validators=[international.media.validation.validate_image_upload], verbose_name='photo', width_field='image_width')),
                ('caption', models.CharField(blank=True, max_length=300, verbose_name='caption')),
                ('caption_bg', models.CharField(blank=True, max_length=300, null=True, verbose_name='caption')),
                ('caption_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='caption')),
                ('order', models.PositiveIntegerField(db_index=True, default=0, verbose_name='order')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('visit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='international.visit', verbose_name='visit or news item')),
            ],
            options={
                'verbose_name': 'photo',
                'verbose_name_plural': 'photos',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=models.UniqueConstraint(fields=('slug_bg',), name='visit_unique_slug_bg', violation_error_message='Another record already uses this address (slug).'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=models.UniqueConstraint(fields=('slug_en',), name='visit_unique_slug_en', violation_error_message='Another record already uses this address (slug).'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=models.CheckConstraint(condition=models.Q(('publish_from__isnull', True), ('publish_until__isnull', True), ('publish_until__gt', models.F('publish_from')), _connector='OR'), name='visit_publish_until_after_from', violation_error_message='“Publish until” must be after “publish from”.'),
        ),
        migrations.RunPython(grant_editors, revoke_editors),
        migrations.RunPython(grant_approvers, revoke_approvers),
    ]
