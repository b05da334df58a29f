"""Mario invites a colleague; she opens the e-mailed link in her own browser, chooses a
password and lands in the reserved area."""

import re

import pytest
from playwright.sync_api import expect

from sportello.outbox.models import OutboundMail

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_colleague_is_invited_and_enters(people, live_server, browser, screenshot):
    base = live_server.url
    mario = browser.new_context(locale="it-IT").new_page()
    log_in(mario, base, people.mario.email)
    mario.get_by_role("link", name="Persone").click()
    mario.get_by_label("Nome e cognome").fill("Chiara Neri")
    mario.get_by_label("Indirizzo e-mail").fill("chiara.neri@acme.test")
    mario.get_by_role("button", name="Invia l'invito").click()
    expect(mario.get_by_text("Invito inviato a chiara.neri@acme.test.")).to_be_visible()
    expect(mario.get_by_role("cell", name="Invitato")).to_be_visible()
    screenshot(mario, "26-portal-people")

    link = re.search(r"/accounts/invitation/\S+/", OutboundMail.objects.get(template="invitation").body_text).group(0)
    chiara = browser.new_context(locale="it-IT").new_page()
    chiara.goto(base + link)
    expect(chiara.get_by_role("heading", name="Scelga la Sua password")).to_be_visible()
    chiara.get_by_label("Conferma nuova password").fill("una-password-lunga-42")
    chiara.locator("#id_new_password1").fill("una-password-lunga-42")
    chiara.get_by_role("button", name="Salva ed entra").click()
    expect(chiara.get_by_text("Le diamo il benvenuto in Sportello, Chiara Neri.")).to_be_visible()
    expect(chiara.get_by_role("link", name="Nuovo ticket", exact=True)).to_be_visible()

    mario.reload()
    expect(mario.get_by_role("row", name=re.compile("Chiara Neri")).get_by_text("Attivo")).to_be_visible()
