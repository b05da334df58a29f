"""Backup and restore of a whole installation: the database and every stored file
(attachments, received mail, and any later FileField), in one tar archive.

Consistent: the database is copied as one snapshot (SQLite's online backup API, or
pg_dump inside an exported REPEATABLE READ snapshot), and the files copied are the
ones that snapshot names. Files are never rewritten in place (random names), so a
file the snapshot names is complete in storage.

Archive: database.sqlite3 or database.pgdump, files/<storage name>..., manifest.json
(the installation's figures and each file's SHA-256, checked again after a restore)."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.models import Count, Sum

FORMAT = 1


class BackupError(Exception):
    pass


def file_fields():
    """(model, field) for every FileField of the product."""
    return [(model, field) for model in apps.get_models() if model.__module__.startswith("sportello.")
            for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _file_query():
    return " UNION ".join(f'SELECT "{field.column}" FROM "{model._meta.db_table}" WHERE "{field.column}" <> \'\''
                          for model, field in file_fields())


def summary():
    """Figures that must be the same before a backup and after its restore."""
    from sportello.accounts.models import AuditEntry, User
    from sportello.customers.models import LedgerEntry
    from sportello.mail.models import InboundMail
    from sportello.outbox.models import OutboundMail
    from sportello.tickets.models import Attachment, Message, Ticket

    digest = hashlib.sha256()
    for row in Ticket.objects.order_by("pk").values_list("code", "status", "company_id", "subject").iterator():
        digest.update(json.dumps(row).encode())
    ledger = LedgerEntry.objects.aggregate(rows=Count("pk"), units=Sum("units"))
    files = Attachment.objects.aggregate(count=Count("pk"), size=Sum("size"))
    return {
        "users": User.objects.count(), "tickets": Ticket.objects.count(), "tickets_digest": digest.hexdigest(),
        "messages": Message.objects.count(), "ledger_rows": ledger["rows"], "ledger_units": ledger["units"] or 0,
        "inbound_mail": InboundMail.objects.count(), "outbound_mail": OutboundMail.objects.count(),
        "audit_entries": AuditEntry.objects.count(), "attachments": files["count"],
        "attachment_bytes": files["size"] or 0,
    }


class _Hashing:
    """Reads a stream for tarfile, computing its SHA-256 on the way."""

    def __init__(self, stream):
        self.stream, self.digest = stream, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.stream.read(size)
        self.digest.update(chunk)
        return chunk


def _snapshot_database(folder):
    """Copy the database as one snapshot; return (file name, stored file names it references)."""
    engine = connection.vendor
    if engine == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        names = [row[0] for row in copy.execute(_file_query())]
        copy.close()
        return target, names
    if engine == "postgresql":
        target = folder / "database.pgdump"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(_file_query())
            names = [row[0] for row in cursor.fetchall()]
            _pg("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}")
        return target, names
    raise BackupError(f"backups of {engine} databases are not supported")


def _pg(program, *arguments, options=""):
    """Run a PostgreSQL client program against the configured database (`options`: the
    session's settings, as PGOPTIONS)."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    if options:
        env["PGOPTIONS"] = options
    command = [shutil.which(program) or program, f"--host={db.get('HOST') or 'localhost'}",
               f"--port={db.get('PORT') or 5432}", f"--username={db.get('USER') or 'postgres'}",
               f"--dbname={db['NAME']}", *arguments]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()[-500:]}")


def make_backup(archive, *, progress=None):
    """Write the archive; return its manifest."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as scratch:
        database, names = _snapshot_database(Path(scratch))
        figures = summary()   # after the snapshot: only rows written since could differ, never fewer files
        files = []
        with tarfile.open(archive, "w") as tar:
            tar.add(database, arcname=database.name)
            for done, name in enumerate(sorted(set(names)), 1):
                info = tarfile.TarInfo(f"files/{name}")
                info.size = default_storage.size(name)
                with default_storage.open(name, "rb") as stream:
                    hashing = _Hashing(stream)
                    tar.addfile(info, hashing)
                files.append({"name": name, "size": info.size, "sha256": hashing.digest.hexdigest()})
                if progress:
                    progress(done, len(names))
            manifest = {"format": FORMAT, "version": settings.SPORTELLO_VERSION, "engine": connection.vendor,
                        "database": database.name, "summary": figures, "files": files}
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, _Hashing(_Bytes(data)))
    return manifest


class _Bytes:
    def __init__(self, data):
        self.data, self.position = data, 0

    def read(self, size=-1):
        size = len(self.data) - self.position if size < 0 else size
        chunk = self.data[self.position:self.position + size]
        self.position += len(chunk)
        return chunk


def installation_is_empty():
    from django.db.utils import DatabaseError

    from sportello.accounts.models import User
    from sportello.tickets.models import Ticket

    try:
        return not User.objects.exists() and not Ticket.objects.exists()
    except DatabaseError:
        return True   # not even migrated


def restore_backup(archive, *, progress=None):
    """Restore the archive into this (empty) installation; return (manifest, summary now)."""
    with tarfile.open(archive, "r") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"the backup is of a {manifest['engine']} database; this installation uses "
                              f"{connection.vendor}")
        with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as scratch:
            database = Path(scratch) / manifest["database"]
            with tar.extractfile(manifest["database"]) as source, open(database, "wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            _restore_database(database)
        expected = {item["name"]: item for item in manifest["files"]}
        for done, member in enumerate(m for m in tar if m.name.startswith("files/")):
            name = member.name.removeprefix("files/")
            with tar.extractfile(member) as stream:
                hashing = _Hashing(stream)
                stored = default_storage.save(name, hashing)
            if stored != name or hashing.digest.hexdigest() != expected[name]["sha256"]:
                raise BackupError(f"file {name} did not restore intact")
            if progress:
                progress(done + 1, len(expected))
    return manifest, summary()


def _restore_database(dump):
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        connection.close()
        for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(dump, path)
        return
    from sportello.search.engines.postgres import BUILD_MEMORY

    connection.close()
    # The search's GIN indexes are built again by the restore: with the default memory they
    # come out several times slower to search (see search.engines.postgres.create).
    _pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump),
        options=f"-c maintenance_work_mem={BUILD_MEMORY}")
