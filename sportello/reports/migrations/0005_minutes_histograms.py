"""The working-minutes histogram as one row per slice, measure and period (its buckets
in a JSON object) instead of one row per bucket: a year's medians by company read a
hundred rows instead of up to thirty thousand. Converted inside the database."""

from django.db import migrations, models

AGGREGATE = {"sqlite": "json_group_object(CAST(bucket AS TEXT), count)",
             "postgresql": "jsonb_object_agg(bucket::text, count)::text"}


def pack(apps, schema_editor):
    old = apps.get_model("reports", "MinutesTally")._meta.db_table
    new = apps.get_model("reports", "MinutesHistogram")._meta.db_table
    slice_columns = "dimension, grain, period, key, measure"
    schema_editor.execute(
        f"INSERT INTO {schema_editor.quote_name(new)} ({slice_columns}, counts) "
        f"SELECT {slice_columns}, {AGGREGATE[schema_editor.connection.vendor]} FROM {schema_editor.quote_name(old)} "
        f"WHERE count <> 0 GROUP BY {slice_columns}")


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_company_years'),
    ]

    operations = [
        migrations.CreateModel(
            name='MinutesHistogram',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('dimension', models.CharField(choices=[('all', 'All'), ('type', 'Type'), ('technician', 'Technician'), ('channel', 'Channel'), ('company', 'Company'), ('company_year', 'Company Year'), ('contact', 'Contact')], max_length=12)),
                ('grain', models.CharField(choices=[('month', 'Month'), ('year', 'Year')], max_length=5)),
                ('period', models.DateField()),
                ('key', models.CharField(max_length=20)),
                ('measure', models.CharField(choices=[('answer', 'Answer'), ('resolution', 'Resolution')], max_length=10)),
                ('counts', models.TextField(default='{}')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('dimension', 'grain', 'period', 'key', 'measure'),
                                                        name='minutes_histogram_once')],
            },
        ),
        migrations.RunPython(pack, migrations.RunPython.noop),
        # Dropped with its index in one statement (removing the constraint first would
        # make SQLite copy the whole table).
        migrations.DeleteModel(
            name='MinutesTally',
        ),
    ]
