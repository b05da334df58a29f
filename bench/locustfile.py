"""Virtual customers and technicians for the load test (bench/load.py runs it).

Customers log in, open tickets (each uses a unit), read and answer them, send the
files a technician asked for, and ask to be called back. Technicians log in with
their authenticator code, watch the queue, take tickets, answer, ask for files and
close. Every server error and every failed connection is written with its time to
LOAD_FAILURES, so the report can tell injected faults from real errors."""

import hashlib
import hmac
import json
import os
import random
import re
import struct
import time

from locust import HttpUser, between, events, task

with open(os.environ["LOAD_PEOPLE"]) as people:
    PEOPLE = json.load(people)
FAILURES = open(os.environ["LOAD_FAILURES"], "a", buffering=1)  # noqa: SIM115 (open for the whole run)
CODE_RE = re.compile(r"/(?:portal|console)/tickets/(TK\d{6,})/")
UPLOAD_RE = re.compile(r"/portal/tickets/(TK\d+)/files/(\d+)/")
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.request.add_listener
def record_failure(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    if exception is not None or status >= 500 or status == 0:
        FAILURES.write(json.dumps({"time": time.time(), "name": name, "status": status,
                                   "error": str(exception)[:200] if exception else ""}) + "\n")


def selected(page, field):
    """The chosen option of a <select name=field> in a page."""
    select = re.search(rf'<select name="{field}".*?</select>', page, re.S)
    option = select and re.search(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(0))
    return option.group(1) if option else ""


def totp(hex_key, at=None, step=30, digits=6):
    counter = int((at or time.time()) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** digits:0{digits}d}"


class Browser(HttpUser):
    abstract = True

    def csrf(self, url, name=None):
        response = self.client.get(url, name=name or url)
        match = CSRF_RE.search(response.text)
        return match.group(1) if match else self.client.cookies.get("csrftoken", "")

    def post(self, url, data, name, **kwargs):
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(url, {**data, "csrfmiddlewaretoken": token}, name=name,
                                headers={"Referer": self.host + url, "X-CSRFToken": token}, **kwargs)

    def log_in(self, email):
        token = self.csrf("/accounts/login/", "login page")
        self.client.post("/accounts/login/", {"username": email, "password": PEOPLE["password"],
                                              "csrfmiddlewaretoken": token}, name="log in",
                         headers={"Referer": self.host + "/accounts/login/"})


class Customer(Browser):
    weight = 4
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.email = random.choice(PEOPLE["customers"])
        self.codes = []
        self.log_in(self.email)

    @task(3)
    def my_tickets(self):
        page = self.client.get("/portal/", name="portal: ticket list")
        self.codes = list(dict.fromkeys(CODE_RE.findall(page.text)))[:20] or self.codes

    @task(3)
    def open_ticket(self):
        self.csrf("/portal/tickets/new/", "portal: new ticket form")
        n = random.randint(1, 10**9)
        response = self.post("/portal/tickets/new/", {
            "request_type": random.choice(PEOPLE["request_types"]), "requester_name": "Cliente di carico",
            "callback_phone": "02 1234 5678", "answer_email": self.email, "subject": f"Richiesta di carico {n}",
            "description": f"Il programma si chiude quando stampo la fattura numero {n}.",
            "one_topic_confirmed": "1"}, "portal: open ticket", allow_redirects=False)
        if response.status_code == 302:
            match = CODE_RE.search(response.headers.get("Location", ""))
            if match:
                self.codes.append(match.group(1))

    @task(2)
    def read_and_answer(self):
        if not self.codes:
            return
        code = random.choice(self.codes)
        page = self.client.get(f"/portal/tickets/{code}/", name="portal: ticket page")
        uploads = UPLOAD_RE.findall(page.text)
        if uploads:
            self.send_file(*uploads[0])
        elif page.status_code == 200 and "Invia risposta" in page.text:
            self.post(f"/portal/tickets/{code}/reply/", {"body": "Grazie, ecco qualche dettaglio in più."},
                      "portal: reply")

    def send_file(self, code, request_id):
        base = f"/portal/tickets/{code}/files/{request_id}/"
        self.csrf(base, "portal: upload page")
        token = self.client.cookies.get("csrftoken", "")
        data = f"backup di prova {random.random()}\n".encode() * 200
        self.client.post(base + "send/", data={"csrfmiddlewaretoken": token},
                         files={"files": ("backup.txt", data, "text/plain")}, name="portal: upload file",
                         headers={"Accept": "application/json", "X-CSRFToken": token, "Referer": self.host + base})
        self.post(base + "done/", {}, "portal: upload done", headers={"Accept": "application/json"})

    @task(1)
    def call_me_back(self):
        self.csrf("/portal/phone/", "portal: phone page")
        self.post("/portal/phone/", {"phone_number": "02 1234 5678", "contact_name": "Cliente di carico",
                                     "topic": "Richiamatemi per la stampa"}, "portal: call-back request")


class Technician(Browser):
    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self):
        person = PEOPLE["technicians"][random.randrange(len(PEOPLE["technicians"]))]
        self.log_in(person["email"])
        token = self.csrf("/accounts/verify/", "verify page")
        for step_ahead in (0, 1, 2):
            response = self.client.post("/accounts/verify/", {
                "code": totp(person["key"], time.time() + 30 * step_ahead), "csrfmiddlewaretoken": token},
                name="verify code", headers={"Referer": self.host + "/accounts/verify/"}, allow_redirects=False)
            if response.status_code == 302:
                break
        self.mine = []

    @task(4)
    def queue(self):
        page = self.client.get("/console/", name="console: queue")
        self.queued = CODE_RE.findall(page.text)

    @task(3)
    def take(self):
        codes = getattr(self, "queued", [])
        if codes:
            code = random.choice(codes[:10])
            self.post(f"/console/tickets/{code}/claim/", {}, "console: take")
            self.mine.append(code)

    @task(3)
    def my_tickets(self):
        page = self.client.get("/console/mine/", name="console: my tickets")
        self.mine = list(dict.fromkeys(CODE_RE.findall(page.text)))[:30]

    @task(3)
    def answer(self):
        if not self.mine:
            return
        code = random.choice(self.mine)
        self.client.get(f"/console/tickets/{code}/", name="console: ticket page")
        then = random.choice(["", "waiting", "resolved"])
        self.post(f"/console/tickets/{code}/reply/", {"body": "Buongiorno, abbiamo verificato: provi ora.",
                                                      "then_status": then}, "console: reply")

    @task(1)
    def ask_for_a_file(self):
        if self.mine:
            code = random.choice(self.mine)
            self.post(f"/console/tickets/{code}/request-file/", {"description": "Il file di log, per favore."},
                      "console: ask for a file")

    @task(1)
    def close(self):
        if self.mine:
            code = self.mine.pop(random.randrange(len(self.mine)))
            page = self.client.get(f"/console/tickets/{code}/", name="console: ticket page")
            # The properties panel saves all its fields at once: the others keep their values.
            kept = {name: selected(page.text, name) for name in ("priority", "request_type")}
            for status, name in (("resolved", "console: resolve"), ("closed", "console: close")):
                self.post(f"/console/tickets/{code}/properties/", {"status": status, **kept}, name)
