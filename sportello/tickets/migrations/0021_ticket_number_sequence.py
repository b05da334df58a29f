"""PostgreSQL hands ticket numbers out from a sequence (see TicketCounter): it starts
after the last number the counter gave and after every code already in the table."""

from django.db import migrations

SEQUENCE = "tickets_ticket_number"   # tickets.models.tickets.NUMBER_SEQUENCE
FIRST_TICKET_NUMBER = 100001


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    TicketCounter = apps.get_model("tickets", "TicketCounter")
    counted = TicketCounter.objects.filter(name="ticket").values_list("value", flat=True).first() or 0
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(CAST(SUBSTRING(code FROM 3) AS bigint)), 0) FROM tickets_ticket "
                       "WHERE code ~ '^TK[0-9]+$'")
        last = max(counted, FIRST_TICKET_NUMBER - 1, cursor.fetchone()[0])
        cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} AS bigint MINVALUE 1")
        cursor.execute("SELECT setval(%s, %s)", [SEQUENCE, last])


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):

    dependencies = [
        ("tickets", "0020_autoassignment"),
    ]

    operations = [
        migrations.RunPython(create_sequence, drop_sequence),
    ]
