import sys

from django.core.management.base import BaseCommand
from django.db import transaction

from sportello.customers import unit_tallies
from sportello.reports import callbacks
from sportello.reports.rollups import rebuild


class Command(BaseCommand):
    help = "Count every ticket, ledger row and call-back again into the report rollups, from scratch, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *, batch, **options):
        def progress(done, total, seconds):
            share = done / total if total else 1
            bar = "█" * int(share * 30) + "·" * (30 - int(share * 30))
            rate = done / seconds if seconds else 0
            sys.stderr.write(f"\r{bar} {done:,}/{total:,} tickets, {rate:,.0f}/s   ")
            sys.stderr.flush()

        with transaction.atomic():   # readers see the old counts until the new ones are complete
            done = rebuild(batch=batch, progress=progress)
            unit_tallies.rebuild()
            callbacks.rebuild()
        sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(f"Rollups rebuilt: {done:,} tickets, the ledger and the call-backs."))
