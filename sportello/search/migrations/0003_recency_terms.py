from django.db import migrations


def recency_terms(apps, schema_editor):
    """PostgreSQL: see search.engines.postgres.add_recency_terms; nothing on SQLite."""
    if schema_editor.connection.vendor == "postgresql":
        from sportello.search.engines import postgres

        postgres.add_recency_terms()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_word_statistics"),
    ]

    operations = [
        migrations.RunPython(recency_terms, migrations.RunPython.noop),
    ]
