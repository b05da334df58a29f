from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def fill_last_day(apps, schema_editor):
    """The flood guard looks back one day: the automatic mails of that day get their
    recipient, so an upgrade does not forget what was just sent."""
    OutboundMail = apps.get_model("outbox", "OutboundMail")
    recent = OutboundMail.objects.filter(auto_generated=True, created_at__gte=timezone.now() - timedelta(days=1))
    for mail in recent.only("id", "to").iterator(chunk_size=2000):
        if len(mail.to) == 1:
            OutboundMail.objects.filter(pk=mail.pk).update(auto_recipient=mail.to[0].strip().lower())


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0002_webhooks'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='outboundmail',
            name='outbound_auto_idx',
        ),
        migrations.AddField(
            model_name='outboundmail',
            name='auto_recipient',
            field=models.CharField(blank=True, max_length=254),
        ),
        migrations.AddIndex(
            model_name='outboundmail',
            index=models.Index(fields=['auto_recipient', 'created_at'], name='outbound_auto_to_idx'),
        ),
        migrations.RunPython(fill_last_day, migrations.RunPython.noop),
    ]
