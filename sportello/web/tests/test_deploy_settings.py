"""Production settings pass Django's deployment check, and every page carries the
security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run_check(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "SPORTELLO_", "DEBUG", "DJANGO_ALLOW", "DATABASE_URL"))}
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                          env={**base, **env}, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = run_check(SPORTELLO_PRODUCTION="1", SECRET_KEY=secrets.token_urlsafe(50), SECURE_COOKIES="1",
                       ALLOWED_HOSTS="assistenza.example.com", SMTP_HOST="smtp.example.com",
                       SPORTELLO_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_demo_key(tmp_path):
    result = run_check(SPORTELLO_PRODUCTION="1", SPORTELLO_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_every_page_has_a_csp_and_the_usual_headers(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
