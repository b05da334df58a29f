"""The server's start-up: every view is loaded before the first request, and what was
built then is out of the garbage collector's sight, so no request waits for a full
collection walking Django and the libraries again (about 70 ms each)."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import gc, json, sys, time
import sportello.wsgi
loaded = "sportello.console.views" in sys.modules and "sportello.portal.views" in sys.modules
started = time.perf_counter()
gc.collect()
print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects()), "loaded": loaded,
                  "collect_ms": (time.perf_counter() - started) * 1000}))
"""


def test_start_up_loads_the_views_and_leaves_the_collector_little_to_walk():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sportello.settings",
           "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120,
                            cwd=settings.BASE_DIR, check=True)
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["loaded"]
    # Start-up built well over a hundred thousand objects; nearly all are frozen.
    assert probe["frozen"] > 50_000 and probe["tracked"] < probe["frozen"] / 10, probe
