"""A real SMTP server that keeps every message it accepts as a file, for the cluster
and the load test: `python -m sportello.ops.smtp_sink --port 2525 --folder DIR`.
Stopped and started again, it keeps what it received (the folder)."""

import argparse
import os
import signal
import threading
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        partial = self.folder / f".{name}.tmp"
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(self.folder / f"{name}.eml")   # whole or nothing, for whoever reads the folder
        return "250 OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    options = parser.parse_args()
    controller = Controller(FolderHandler(options.folder), hostname="127.0.0.1", port=options.port)
    controller.start()
    print(f"SMTP sink on 127.0.0.1:{options.port}, keeping mail in {options.folder}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    os._exit(0)


if __name__ == "__main__":
    main()
