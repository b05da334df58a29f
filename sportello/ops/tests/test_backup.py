"""A populated installation is backed up, restored into an empty one elsewhere, and
the two hold the same tickets, ledger, mail and files (by SHA-256)."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from sportello.mail.inbound import receive
from sportello.ops.backup import summary
from sportello.tickets import actions
from sportello.tickets.files import store_bytes
from sportello.tickets.models import Attachment, Ticket

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


def populate(people, open_ticket_for):
    for n in range(5):
        ticket = open_ticket_for(people.giulia, subject=f"Problema {n}")
        actions.claim_ticket(ticket=ticket, technician=people.anna)
        message = actions.reply_to_customer(ticket=ticket, author=people.anna, body="Risposta")
        store_bytes(ticket=ticket, message=message, name=f"guida-{n}.pdf", data=b"%PDF-1.4 " + bytes([n]) * 5000)
    receive(b"From: mario@acme.test\nTo: assistenza@sportello.example\nSubject: Via mail\nMessage-ID: <b1@acme>"
            b"\n\nTesto\n")


@pytest.fixture
def target(tmp_path):
    """An empty installation elsewhere: its own data folder and database."""
    data = tmp_path / "restored"
    data.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(SPORTELLO_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="sportello.settings")
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        name = f"{db['NAME']}_restore"
        base = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        subprocess.run(["psql", f"{base}/postgres", "-c", f"DROP DATABASE IF EXISTS {name}"], check=True,
                       capture_output=True)
        subprocess.run(["psql", f"{base}/postgres", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
        env["DATABASE_URL"] = f"{base}/{name}"
        yield data, env
        subprocess.run(["psql", f"{base}/postgres", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                       capture_output=True)
    else:
        yield data, env


def manage(env, *arguments):
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_backup_then_restore_elsewhere_gives_the_same_installation(people, open_ticket_for, tmp_path, target,
                                                                   file_storage):
    """Files are read from the local folder, then from S3-compatible storage, through the storage API."""
    populate(people, open_ticket_for)
    before = summary()
    archive = tmp_path / "sportello-backup.tar"
    call_command("backup", str(archive))
    assert archive.stat().st_size > 25_000

    data, env = target
    assert manage(env, "migrate", "--noinput", "-v0").returncode == 0   # an empty, new installation
    result = manage(env, "restore", str(archive), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == before
    for attachment in Attachment.objects.all():
        restored = data / "files" / attachment.file.name
        assert hashlib.sha256(restored.read_bytes()).hexdigest() == attachment.sha256
    assert before["tickets"] == 6 and before["attachments"] == 5 and before["inbound_mail"] == 1

    # The restored installation goes on numbering after the codes it holds (counter or sequence).
    taken = manage(env, "shell", "-c", "from django.db import transaction\n"
                   "from sportello.tickets.models import allocate_ticket_numbers\n"
                   "with transaction.atomic(): print(allocate_ticket_numbers(1)[0])")
    assert taken.returncode == 0, taken.stderr
    assert int(taken.stdout.split()[-1]) == max(int(code[2:]) for code in Ticket.objects.values_list("code", flat=True)) + 1

    again = manage(env, "restore", str(archive))
    assert again.returncode != 0 and "already has users" in again.stderr
