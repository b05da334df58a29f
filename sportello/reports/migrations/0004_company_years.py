"""Company counters by year beside those by month: a year's report by company reads one
row per company instead of twelve. Filled once from the monthly rows."""

from datetime import date

from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import ExtractYear

COUNTERS = ("created", "answered", "answered_on_time", "answer_minutes", "resolved", "resolved_on_time",
            "resolution_minutes")


def add_up_years(apps, schema_editor):
    Tally = apps.get_model("reports", "Tally")
    rows = (Tally.objects.filter(dimension="company").annotate(year=ExtractYear("period")).values("key", "year")
            .annotate(**{f"s_{name}": Sum(name) for name in COUNTERS}).order_by())
    Tally.objects.bulk_create(
        (Tally(dimension="company_year", key=row["key"], period=date(row["year"], 1, 1),
               **{name: row[f"s_{name}"] for name in COUNTERS}) for row in rows.iterator(chunk_size=5000)),
        batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_contact_live_counts'),
    ]

    operations = [
        migrations.AlterField(
            model_name='livetally',
            name='dimension',
            field=models.CharField(choices=[('all', 'All'), ('type', 'Type'), ('technician', 'Technician'), ('channel', 'Channel'), ('company', 'Company'), ('company_year', 'Company Year'), ('contact', 'Contact')], max_length=12),
        ),
        migrations.AlterField(
            model_name='minutestally',
            name='dimension',
            field=models.CharField(choices=[('all', 'All'), ('type', 'Type'), ('technician', 'Technician'), ('channel', 'Channel'), ('company', 'Company'), ('company_year', 'Company Year'), ('contact', 'Contact')], max_length=12),
        ),
        migrations.AlterField(
            model_name='tally',
            name='dimension',
            field=models.CharField(choices=[('all', 'All'), ('type', 'Type'), ('technician', 'Technician'), ('channel', 'Channel'), ('company', 'Company'), ('company_year', 'Company Year'), ('contact', 'Contact')], max_length=12),
        ),
        migrations.RunPython(add_up_years, migrations.RunPython.noop),
    ]
