import json

from django.core.management.base import BaseCommand, CommandError

from sportello.ops.backup import BackupError, installation_is_empty, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty installation, then check it against the backup's figures."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar file written by `manage.py backup`")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="print the restored installation's figures as JSON")

    def handle(self, *, archive, as_json, **options):
        if not installation_is_empty():
            raise CommandError("This installation already has users or tickets: restore only into an empty one.")

        def progress(done, total):
            if done == total or done % 500 == 0:
                self.stderr.write(f"  files {done}/{total}")

        try:
            manifest, figures = restore_backup(archive, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if figures != manifest["summary"]:
            raise CommandError(f"Restored, but the figures differ from the backup's: {figures} != "
                               f"{manifest['summary']}")
        if as_json:
            self.stdout.write(json.dumps(figures, sort_keys=True))
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Restored and verified: {figures['tickets']} tickets, {figures['ledger_rows']} ledger rows, "
                f"{len(manifest['files'])} files with their SHA-256."))
