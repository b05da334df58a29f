"""Scanning files with a ClamAV daemon (clamd) through its INSTREAM command.

clamd refuses a stream longer than its StreamMaxLength (100 MB by default) with
"INSTREAM size limit exceeded": that says nothing about the file, so it is told
apart (ScanTooLarge) from a virus found and from a scanner that cannot be reached.
"""

import socket
import struct

from django.conf import settings

CHUNK = 64 * 1024
SIZE_LIMIT_REPLY = "size limit exceeded"


class ScannerUnavailable(Exception):
    pass


class ScanTooLarge(ScannerUnavailable):
    """clamd would not take a stream this long: raise its StreamMaxLength."""


def _connect(address, timeout):
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    host, _, port = address.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def _read_reply(sock):
    reply = b""
    while not reply.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        reply += part
    return reply.rstrip(b"\0").decode(errors="replace")


def scan(stream, *, address=None, timeout=60):
    """None when clean, otherwise the name of what was found. Reads `stream` in
    chunks. Raises ScanTooLarge when clamd refuses the length, ScannerUnavailable
    if it cannot be reached or answers oddly."""
    address = address or settings.CLAMAV_ADDRESS
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            try:
                while chunk := stream.read(CHUNK):
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
            except OSError:
                # clamd stops reading and closes once the stream passes its limit;
                # what it said before closing tells why.
                sock.settimeout(2)
                answer = _read_reply(sock)
                if SIZE_LIMIT_REPLY in answer:
                    raise ScanTooLarge(answer) from None
                raise
            answer = _read_reply(sock)
    except ScanTooLarge:
        raise
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    if answer.endswith("OK"):
        return None
    if answer.endswith("FOUND"):
        return answer.split(":", 1)[-1].removesuffix("FOUND").strip()
    if SIZE_LIMIT_REPLY in answer:
        raise ScanTooLarge(answer)
    raise ScannerUnavailable(answer)


def accepts_size(size, *, address=None, timeout=2):
    """Whether clamd would take a stream of `size` bytes, without sending them:
    announce one chunk that long and see whether clamd refuses it at once. True,
    False, or None when clamd cannot be reached."""
    address = address or settings.CLAMAV_ADDRESS
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0" + struct.pack("!L", min(size, 2**32 - 1)))
            sock.settimeout(timeout)
            try:
                answer = _read_reply(sock)
            except TimeoutError:
                return True  # waiting for the bytes: the length is accepted
            return SIZE_LIMIT_REPLY not in answer
    except OSError:
        return None
