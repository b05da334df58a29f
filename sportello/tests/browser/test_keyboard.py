"""A technician works the queue from the keyboard: j/k to move, Enter to open, r and n to
write, c to take, ? for the list; nothing happens while typing in a field."""

import pytest
from playwright.sync_api import expect

from sportello.tickets.models import Ticket

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_queue_and_a_ticket_from_the_keyboard(people, live_server, page, open_ticket_for, screenshot):
    first = open_ticket_for(people.giulia, subject="Primo in coda")
    second = open_ticket_for(people.luca, subject="Secondo in coda")
    log_in(page, live_server.url, people.anna.email)
    page.goto(f"{live_server.url}/console/")
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(page.locator("tr.kbd-current")).to_contain_text(second.code)
    page.keyboard.press("k")
    expect(page.locator("tr.kbd-current")).to_contain_text(first.code)
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Scorciatoie da tastiera")).to_be_visible()
    screenshot(page, "22-keyboard-shortcuts")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Secondo in coda")).to_be_visible()
    page.keyboard.press("c")
    expect(page.get_by_text(f"Hai preso in carico il ticket {second.code}")).to_be_visible()
    page.keyboard.press("r")
    reply = page.locator("#composer textarea")
    expect(reply).to_be_focused()
    reply.type("risposta con j e k e c")   # letters typed in a field stay letters
    expect(reply).to_have_value("risposta con j e k e c")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("n")
    expect(page.locator("#composer textarea")).to_be_focused()
    expect(page.get_by_label("Nota interna")).to_be_checked()
    assert Ticket.objects.get(pk=second.pk).assignee == people.anna
    assert Ticket.objects.get(pk=first.pk).assignee is None
    note = page.locator("#composer textarea")
    note.fill("Il cliente usa la versione 4.5")
    expect(page.locator("#composer")).to_have_css("background-color", "rgb(255, 250, 240)")   # a note looks apart
    note.press("Control+Enter")
    expect(page.get_by_text("Nota interna aggiunta.")).to_be_visible()
    message = Ticket.objects.get(pk=second.pk).messages.get()
    assert message.is_internal and message.body == "Il cliente usa la versione 4.5"
