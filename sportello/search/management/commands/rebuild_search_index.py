import sys

from django.core.management.base import BaseCommand

from sportello.kb import index as articles_index
from sportello.search.index import rebuild


class Command(BaseCommand):
    help = ("Rebuild the full-text search index of every ticket from scratch, with a progress bar, "
            "then the knowledge-base articles' index.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *, batch, **options):
        def progress(done, total, seconds):
            share = done / total if total else 1
            bar = "█" * int(share * 30) + "·" * (30 - int(share * 30))
            rate = done / seconds if seconds else 0
            left = (total - done) / rate if rate else 0
            sys.stderr.write(f"\r{bar} {done:,}/{total:,} tickets, {rate:,.0f}/s, {left:,.0f} s left   ")
            sys.stderr.flush()

        done = rebuild(batch=batch, progress=progress)
        sys.stderr.write("\n")
        articles = articles_index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {done:,} tickets, {articles:,} articles."))
