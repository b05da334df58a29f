"""The product names contracts were written with become SoftwareProduct rows (alone in
its migration, so PostgreSQL checks the changed rows' foreign keys before the table's
next alteration)."""

from django.db import migrations


def products_from_names(apps, schema_editor):
    Contract = apps.get_model("customers", "Contract")
    SoftwareProduct = apps.get_model("customers", "SoftwareProduct")
    for name in Contract.objects.values_list("product_name", flat=True).distinct():
        product, _ = SoftwareProduct.objects.get_or_create(name=name.strip()[:100] or "?")
        Contract.objects.filter(product_name=name).update(product=product)


def names_from_products(apps, schema_editor):
    Contract = apps.get_model("customers", "Contract")
    for contract in Contract.objects.select_related("product"):
        Contract.objects.filter(pk=contract.pk).update(product_name=contract.product.name)


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0007_software_products'),
    ]

    operations = [
        migrations.RunPython(products_from_names, names_from_products),
    ]
