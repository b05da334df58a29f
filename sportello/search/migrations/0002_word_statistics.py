from django.db import migrations


def longer_word_statistics(apps, schema_editor):
    """PostgreSQL: see search.engines.postgres.create (idempotent); nothing on SQLite."""
    if schema_editor.connection.vendor == "postgresql":
        from sportello.search.engines import postgres

        postgres.create()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_search_index"),
    ]

    operations = [
        migrations.RunPython(longer_word_statistics, migrations.RunPython.noop),
    ]
