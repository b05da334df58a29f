"""Third step of 0007: every contract now names a product."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0008_products_from_names'),
    ]

    operations = [
        migrations.RemoveField(model_name='contract', name='product_name'),
        migrations.AlterField(
            model_name='contract',
            name='product',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contracts', to='customers.softwareproduct', verbose_name='product'),
        ),
        migrations.AddIndex(
            model_name='contract',
            index=models.Index(fields=['product', 'valid_until'], name='contract_product_idx'),
        ),
        migrations.AddField(
            model_name='company',
            name='beta_releases',
            field=models.BooleanField(default=False, help_text='The company also receives beta releases of its products.', verbose_name='beta releases'),
        ),
        migrations.AddField(
            model_name='contact',
            name='release_news',
            field=models.BooleanField(default=False, help_text="An e-mail when a new release of the company's products is out.", verbose_name='new release e-mails'),
        ),
    ]
