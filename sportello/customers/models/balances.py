"""Ledger rollups: what the ledger's rows add up to, kept in the transaction that
writes each row (customers.unit_tallies), so pages never sum the whole ledger."""

from django.db import models


class UnitBalance(models.Model):
    """Units left in one package (package_id 0: the company's credit), and how many of
    them tickets used (consumed less refunded)."""

    company_id = models.IntegerField()
    package_id = models.IntegerField()
    units = models.IntegerField(default=0)
    used = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company_id", "package_id"], name="unit_balance_once")]


class UnitMonth(models.Model):
    """Units moved in one month by kind of movement, per company (company_id 0: the whole desk)."""

    company_id = models.IntegerField()
    month = models.DateField()
    kind = models.CharField(max_length=10)
    units = models.IntegerField(default=0)
    entries = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company_id", "month", "kind"], name="unit_month_once")]
