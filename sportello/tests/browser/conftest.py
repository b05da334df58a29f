import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's hosts, which this network refuses.
QUIET_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-quic", "--no-first-run"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
                    "or set CHROMIUM_PATH.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": [*browser_type_launch_args.get("args", []), *QUIET_ARGS]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "it-IT", "timezone_id": "Europe/Rome",
            "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def screenshot():
    """Save a full-page screenshot; `make screenshots` writes them into docs/ for the README."""
    folder = Path(os.environ.get("SCREENSHOT_DIR", Path(settings.DATA_DIR) / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=folder / f"{name}.png", full_page=True)

    return take
