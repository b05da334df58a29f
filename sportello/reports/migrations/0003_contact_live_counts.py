"""Live counts per customer (the reserved area's status tabs of a contact): the tickets'
counted facts learn who opened each ticket, then the contacts' counts are added once."""

from django.db import migrations, models
from django.db.models import Count


def count_contacts(apps, schema_editor):
    TicketTally = apps.get_model("reports", "TicketTally")
    LiveTally = apps.get_model("reports", "LiveTally")
    Ticket = apps.get_model("tickets", "Ticket")
    q = schema_editor.connection.ops.quote_name
    tally, tickets = q(TicketTally._meta.db_table), q(Ticket._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"UPDATE {tally} SET contact_id = COALESCE((SELECT contact_id FROM {tickets} "
                       f"WHERE {tickets}.id = {tally}.ticket_id), 0)")
    rows = (TicketTally.objects.filter(contact_id__gt=0).values("company_id", "contact_id", "status")
            .annotate(n=Count("ticket_id")).order_by())
    LiveTally.objects.bulk_create(
        (LiveTally(dimension="contact", key=f"{row['company_id']}-{row['contact_id']}", status=row["status"],
                   count=row["n"]) for row in rows.iterator(chunk_size=5000)), batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_medians_and_topic_warnings'),
        ('tickets', '0011_customer_waiting'),
    ]

    operations = [
        migrations.AddField(
            model_name='tickettally',
            name='contact_id',
            field=models.IntegerField(default=0),
        ),
        migrations.AlterField(
            model_name='livetally',
            name='dimension',
            field=models.CharField(choices=[('all', 'All'), ('type', 'Type'), ('technician', 'Technician'), ('channel', 'Channel'), ('company', 'Company'), ('contact', 'Contact')], max_length=12),
        ),
        migrations.AlterField(
            model_name='minutestally',
            name='dimension',
            field=models.CharField(choices=[('all', 'All'), ('type', 'Type'), ('technician', 'Technician'), ('channel', 'Channel'), ('company', 'Company'), ('contact', 'Contact')], max_length=12),
        ),
        migrations.AlterField(
            model_name='tally',
            name='dimension',
            field=models.CharField(choices=[('all', 'All'), ('type', 'Type'), ('technician', 'Technician'), ('channel', 'Channel'), ('company', 'Company'), ('contact', 'Contact')], max_length=12),
        ),
        migrations.RunPython(count_contacts, migrations.RunPython.noop),
    ]
