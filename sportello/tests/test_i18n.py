import re
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_pages_speak_italian_by_default_even_to_an_english_browser(client):
    page = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"}).text
    assert '<html lang="it">' in page and "Accedi a Sportello" in page


def test_english_when_the_visitor_chooses_it(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/").text
    assert '<html lang="en">' in page and "Log in to Sportello" in page


def test_the_switch_is_remembered_on_the_account(people, login):
    client = login(people.giulia)
    client.post("/i18n/setlang/", {"language": "en", "next": "/portal/"})
    people.giulia.refresh_from_db()
    assert people.giulia.language == "en"
    client.cookies.clear()
    client.force_login(people.giulia)
    assert "Your tickets" in client.get("/portal/").text


def test_a_user_speaks_their_own_language(people, login):
    people.luca.language = "en"
    people.luca.save()
    page = login(people.luca).get("/portal/tickets/new/").text
    assert "One topic per ticket." in page


def test_every_message_is_translated_and_compiled():
    po = LOCALE / "it" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 1000
    text = po.read_text()
    assert "#, fuzzy" not in text.split("\n\n", 1)[1], "fuzzy translations left in the .po"
    entries = text.split("\n\n")[1:]
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""') and "msgid_plural" not in e]
    assert not untranslated, untranslated[:3]


# What customers read: the reserved area, logging in, the e-mails sent to them, the
# reasons a file is refused. Staff pages and staff e-mails may say "tu".
CUSTOMER_SOURCES = ("sportello/portal/", "sportello/accounts/", "sportello/tickets/files.py",
                    *(f"templates/emails/{name}/" for name in (
                        "ticket_opened", "public_reply", "file_requested", "no_units_by_email",
                        "package_expiring", "package_low_balance", "password_reset", "ticket_split",
                        "callback_requested")))
# "per richiamarti", "può aiutarti": the verb carries the "tu".
ENCLITIC_TU = r"(?:richiamar|contattar|inviar|aiutar|risponder|scriver|avvisar|ricordar|mostrar|chieder|dir)ti"
INFORMAL = re.compile(r"(?i)\b(tuo|tua|tuoi|tue|ti|te|puoi|hai|vuoi|devi|apri|scegli|scrivi|descrivi|controlla|"
                      r"inserisci|clicca|chiedi|riprova|contatta|vedi|carica|torna indietro|rinominalo|mettilo|trascina|fai clic|"
                      + ENCLITIC_TU + r")\b")


def test_customers_are_addressed_as_lei_everywhere():
    """One register for customers, as the vendor's procedure speaks ("la Sua richiesta"):
    no "tu" in any sentence they read (labels of a few words, such as buttons, are commands)."""
    informal = []
    for entry in (LOCALE / "it" / "LC_MESSAGES" / "django.po").read_text().split("\n\n"):
        sources = re.findall(r"^#: (.*)$", entry, re.MULTILINE)
        if not sources or not any(src.startswith(CUSTOMER_SOURCES) for line in sources for src in line.split()):
            continue
        text = "".join(re.findall(r'"(.*)"', "".join(re.findall(r"msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", entry))))
        if (len(text.split()) > 4 and INFORMAL.search(text)) or re.search(rf"(?i)\b{ENCLITIC_TU}\b", text):
            informal.append(text)
    assert not informal, informal
