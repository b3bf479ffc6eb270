"""What a feedback message is about; the messages sent before the choice were all on accessibility."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('international', '0009_review_base_and_document_approval'),
    ]

    operations = [
        migrations.AddField(
            model_name='feedback',
            name='kind',
            field=models.CharField(choices=[('accessibility', 'An accessibility problem'), ('content', 'Wrong or outdated information'), ('other', 'Something else')], default='accessibility', max_length=20, verbose_name='kind of message'),
        ),
    ]
