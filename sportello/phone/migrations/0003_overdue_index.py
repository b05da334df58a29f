from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('phone', '0002_period_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='callbackrequest',
            index=models.Index(fields=['state', 'due_at'], name='callback_due_idx'),
        ),
    ]
