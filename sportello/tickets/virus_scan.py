"""Scanning files with a ClamAV daemon (clamd) through its INSTREAM command."""

import socket
import struct

from django.conf import settings

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    pass


def _connect(address, timeout):
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    host, _, port = address.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def scan(stream, *, address=None, timeout=60):
    """None when clean, otherwise the name of what was found. Reads `stream` in
    chunks. Raises ScannerUnavailable if clamd cannot be reached or answers oddly."""
    address = address or settings.CLAMAV_ADDRESS
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    answer = reply.rstrip(b"\0").decode(errors="replace")
    if answer.endswith("OK"):
        return None
    if answer.endswith("FOUND"):
        return answer.split(":", 1)[-1].removesuffix("FOUND").strip()
    raise ScannerUnavailable(answer)
