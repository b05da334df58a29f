"""Balances also count the units tickets used, so the company card and the reserved
area's packages page read the rollup instead of summing the company's ledger. Existing
balances are filled from the ledger once, here."""

from django.db import migrations, models
from django.db.models import Sum

USED_BY_TICKETS = ("consume", "refund")


def fill_used(apps, schema_editor):
    LedgerEntry = apps.get_model("customers", "LedgerEntry")
    UnitBalance = apps.get_model("customers", "UnitBalance")
    used = (LedgerEntry.objects.filter(kind__in=USED_BY_TICKETS).values("company_id", "package_id")
            .annotate(n=Sum("units")).order_by())
    for row in used.iterator(chunk_size=2000):
        UnitBalance.objects.filter(company_id=row["company_id"], package_id=row["package_id"] or 0).update(
            used=-row["n"])


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0009_contract_product_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='unitbalance',
            name='used',
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(fill_used, migrations.RunPython.noop),
    ]
