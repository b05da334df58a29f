"""A contact's lists walk one index holding contact and company (PostgreSQL ANDed two
bitmaps and sorted all the contact's tickets); the tickets' own indexes on company,
contact and technician go, the lists' indexes starting with those keys serve them.

Only the indexes are dropped: on SQLite, Django alters a foreign key by copying the
whole table, which at a million tickets is minutes, and would drop the search index's
delete trigger with the old table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


KEYS = ("assignee_id", "company_id", "contact_id")


def _key_index(schema_editor, column):
    return schema_editor.quote_name(schema_editor._create_index_name("tickets_ticket", [column], suffix=""))


def drop_key_indexes(apps, schema_editor):
    for column in KEYS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_key_index(schema_editor, column)}")


def create_key_indexes(apps, schema_editor):
    for column in KEYS:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {_key_index(schema_editor, column)} "
                              f"ON tickets_ticket ({schema_editor.quote_name(column)})")


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0010_unit_balance_used'),
        ('tickets', '0021_ticket_number_sequence'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='ticket',
            name='ticket_contact_idx',
        ),
        migrations.RemoveIndex(
            model_name='ticket',
            name='ticket_contact_status_idx',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='ticket',
                    name='assignee',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assigned_tickets', to=settings.AUTH_USER_MODEL, verbose_name='technician'),
                ),
                migrations.AlterField(
                    model_name='ticket',
                    name='company',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='tickets', to='customers.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='ticket',
                    name='contact',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='opened_tickets', to=settings.AUTH_USER_MODEL, verbose_name='opened by'),
                ),
            ],
            database_operations=[migrations.RunPython(drop_key_indexes, create_key_indexes)],
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(fields=['contact', 'company', 'id'], name='ticket_contact_company_idx'),
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(fields=['contact', 'company', 'status', 'id'], name='ticket_contact_status_idx'),
        ),
    ]
