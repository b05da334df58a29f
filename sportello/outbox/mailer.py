"""One connection to the mail server per worker thread, kept open from message to
message. A relay with STARTTLS and a login costs a TCP and a TLS handshake and half a
dozen round trips before the first message; paid for every e-mail, that bounds what a
worker delivers in a Monday-morning burst of confirmations."""

import logging
import smtplib
import threading
import time

from django.core.mail import mailers

logger = logging.getLogger(__name__)

# A connection unused this long is checked (NOOP) before it carries a message; one unused
# longer than IDLE_SECONDS is replaced, as servers drop idle clients after a while.
CHECK_AFTER_SECONDS = 5
IDLE_SECONDS = 60

_kept = threading.local()


def send(message):
    """Send one EmailMessage through the thread's open connection (opened if needed).
    A failure closes the connection, so the next message starts on a fresh one."""
    backend = _usable_backend()
    try:
        sent = backend.send_messages([message])
    except Exception:
        close()
        raise
    _kept.used = time.monotonic()
    return sent


def close():
    """Say goodbye to the server (if it still listens) and forget the connection."""
    backend, _kept.backend = getattr(_kept, "backend", None), None
    if backend is not None:
        try:
            backend.close()
        except Exception as error:   # a dead socket: nothing more to close
            logger.debug("Closing the mail connection: %s", error)


def _usable_backend():
    config = mailers.settings.get("default")
    backend = getattr(_kept, "backend", None)
    if backend is not None:
        idle = time.monotonic() - _kept.used
        if _kept.config != config or idle > IDLE_SECONDS or (idle > CHECK_AFTER_SECONDS and not _answers(backend)):
            close()
            backend = None
    if backend is None:
        backend = mailers.default
        backend.open()
        _kept.backend, _kept.config, _kept.used = backend, config, time.monotonic()
    return backend


def _answers(backend):
    connection = getattr(backend, "connection", None)
    if connection is None or not hasattr(connection, "noop"):
        return True   # not SMTP (tests, console): nothing to keep alive
    try:
        return connection.noop()[0] == 250
    except (smtplib.SMTPException, OSError):
        return False
