"""Contracts name a software product (a row) instead of free text, so releases can be
offered to exactly the companies whose contract covers them; the names already
written become products (0008), then the product is required and companies may opt in
to beta releases, contacts to e-mails about new releases (0009)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0006_contracts'),
    ]

    operations = [
        migrations.CreateModel(
            name='SoftwareProduct',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='For example “Omnia Accounting”.', max_length=100, unique=True, verbose_name='name')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
            ],
            options={
                'verbose_name': 'software product',
                'verbose_name_plural': 'software products',
                'ordering': ['name'],
            },
        ),
        migrations.RenameField(model_name='contract', old_name='product', new_name='product_name'),
        migrations.AddField(
            model_name='contract',
            name='product',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contracts', to='customers.softwareproduct', verbose_name='product'),
        ),
    ]
