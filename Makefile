# Sportello: `make run` starts the demo, `make test` runs the whole suite.
SHELL := /bin/bash
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV_STAMP := .venv/.synced

.PHONY: run test test-postgres check-commands cluster load-test system-packages venv bench bench-mail bench-writes screenshots \
	messages clean

run: venv
	bin/run-demo

# PYTEST_ARGS narrows the run, e.g. make test PYTEST_ARGS="sportello/tickets -x". The suite runs on one
# process per core, at most four (pytest-xdist: each has its own test database and servers).
test: venv system-packages
	.venv/bin/ruff check sportello bench
	.venv/bin/python -m pytest --numprocesses=auto --maxprocesses=4 --durations=15 $(PYTEST_ARGS)

# The same suite on PostgreSQL (the local server, or a throwaway one: see bin/with-postgres).
test-postgres: venv system-packages
	bin/with-postgres $(MAKE) test

# The README's two commands, from a fresh clone in a temporary folder (CI runs it).
check-commands:
	bin/check-commands

# The production shape on this machine: PostgreSQL, S3 (moto), 2 gunicorn processes, 2 workers,
# an SMTP sink and a dovecot mailbox, with the demo data (see README, "At scale").
cluster: venv
	.venv/bin/python -m sportello.ops.cluster --demo --imap $(if $(PORT),--port $(PORT),)

# Load with faults against the cluster, then the invariants (see bench/README.md).
load-test: venv system-packages
	.venv/bin/python bench/load.py $(LOAD_ARGS)

# Chromium, dovecot and ClamAV for the suite: installed when allowed, otherwise the command is printed.
system-packages:
	bin/system-packages

# The virtual environment, built from uv.lock (rebuilt when the lock changes).
venv: $(VENV_STAMP)

$(UV):
	"$$(bin/find-python)" -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV_STAMP): uv.lock pyproject.toml | $(UV)
	UV_PYTHON_DOWNLOADS=never $(UV) sync --locked --python "$$(bin/find-python)"
	touch $@

# Generate tickets into a separate database and print timings (see bench/README.md).
bench: venv
	.venv/bin/python bench/run.py $(if $(TICKETS),--tickets $(TICKETS),)

bench-mail: venv
	.venv/bin/python bench/mail.py

# Tickets opened per second through the portal form by concurrent clients (see README).
bench-writes: venv
	.venv/bin/python bench/writes.py

# Refresh the README's screenshots from the browser tests.
screenshots: venv
	SCREENSHOT_DIR=docs/screenshots .venv/bin/python -m pytest -m browser -q

messages: venv
	.venv/bin/python manage.py makemessages -l it --ignore=.venv --ignore=.tools --ignore=data
	.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=.tools

clean:
	rm -rf .venv $(TOOLS)
