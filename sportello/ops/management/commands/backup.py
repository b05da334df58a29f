from django.core.management.base import BaseCommand, CommandError

from sportello.ops.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database and every stored file into one tar archive (consistent snapshot)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar file to write")

    def handle(self, *, archive, **options):
        def progress(done, total):
            if done == total or done % 500 == 0:
                self.stdout.write(f"  files {done}/{total}")

        try:
            manifest = make_backup(archive, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        figures = manifest["summary"]
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {archive}: {figures['tickets']} tickets, {figures['ledger_rows']} ledger rows, "
            f"{len(manifest['files'])} files."))
