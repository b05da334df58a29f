"""Our own corpus of customer replies, written for Sportello: what Italian accountants
and office staff send from Gmail (web and phone), Outlook (desktop, 365, phone), Apple
Mail, Thunderbird and Italian webmail/PEC, to us and forwarded from their suppliers
abroad, answering below, above and between our lines. Each case carries the exact text
the technician should read. Built by combining realistic pieces, so every client's
quoting style meets every kind of answer."""

from dataclasses import dataclass
from email.message import EmailMessage
from html import escape

OUR_TEXT = ("Buongiorno,\npuò inviarci il file di log del backup (backup.log)?\nGrazie.\n"
            "Anna Tecnico\nSportello Assistenza")
OUR_NAME, OUR_ADDRESS = "Sportello Assistenza", "assistenza+t-abc123@sportello.example"

ANSWERS = {
    "short_it": "Risolto, grazie mille!",
    "paragraphs_it": ("Buongiorno,\nho provato a riavviare ma l'errore 1042 compare ancora quando stampo la fattura "
                      "n. 154.\n\nIl problema si presenta solo sulla postazione della contabilità."),
    "list_it": ("Buongiorno,\necco le informazioni richieste:\n- versione 2026.2\n- sistema operativo Windows 11\n"
                "- database SQL Server 2019\n\nResto in attesa."),
    "dashes_it": ("La procedura si ferma al 60% - sempre sullo stesso cliente.\n-- non è un separatore, "
                  "è il nostro modo di elencare\n- primo tentativo: errore\n- secondo tentativo: errore"),
    "english": "Hi,\nthe export to Excel still fails with the same message.\nCould you call us back this afternoon?",
    "signoff_it": "Ecco il file richiesto.\n\nCordiali saluti\nGiulia Bianchi\nUfficio amministrazione - Acme S.r.l.",
}
SIGNATURES = {
    "none": "",
    "dashdash": "-- \nGiulia Bianchi\nAcme S.r.l. - Via Roma 1, Milano\nTel. 02 1234 5678",
    "iphone_it": "Inviato da iPhone",
    "iphone_en": "Sent from my iPhone",
    "outlook_ios": "Get Outlook for iOS<https://aka.ms/o0ukef>",
    "outlook_android_it": "Scarica Outlook per Android<https://aka.ms/AAb9ysg>",
    "samsung_it": "Inviato dal mio dispositivo Galaxy",
}


def _quoted(text, mark="> "):
    return "\n".join(mark + line if line else mark.rstrip() for line in text.split("\n"))


# How each client introduces the message it quotes (plain text).
QUOTES = {
    "gmail_en": lambda: (f"On Wed, Nov 25, 2026 at 10:00 AM {OUR_NAME} <{OUR_ADDRESS}> wrote:\n\n"
                         + _quoted(OUR_TEXT)),
    "gmail_it": lambda: (f"Il giorno mer 25 nov 2026 alle ore 10:00 {OUR_NAME} <{OUR_ADDRESS}> ha scritto:\n\n"
                         + _quoted(OUR_TEXT)),
    "gmail_wrapped": lambda: (f"On Wed, Nov 25, 2026 at 10:00 AM {OUR_NAME} <\n{OUR_ADDRESS}> wrote:\n\n"
                              + _quoted(OUR_TEXT)),
    "gmail_numeric": lambda: (f"2026-11-25 10:00 GMT+01:00 {OUR_NAME} <{OUR_ADDRESS}>:\n\n" + _quoted(OUR_TEXT)),
    "gmail_mobile_it": lambda: (f"Il mer 25 nov 2026, 10:00 {OUR_NAME} <{OUR_ADDRESS}> ha scritto:\n\n"
                                + _quoted(OUR_TEXT)),
    "outlook_it": lambda: (f"________________________________\nDa: {OUR_NAME} <{OUR_ADDRESS}>\n"
                           "Inviato: mercoledì 25 novembre 2026 10:00\nA: Giulia Bianchi <giulia@acme.test>\n"
                           "Oggetto: [TK100154] La stampa non funziona\n\n" + OUR_TEXT),
    "outlook_en": lambda: (f"________________________________\nFrom: {OUR_NAME} <{OUR_ADDRESS}>\n"
                           "Sent: Wednesday, November 25, 2026 10:00 AM\nTo: Giulia Bianchi <giulia@acme.test>\n"
                           "Subject: [TK100154] La stampa non funziona\n\n" + OUR_TEXT),
    "outlook_original_it": lambda: (f"-----Messaggio originale-----\nDa: {OUR_NAME} <{OUR_ADDRESS}>\n"
                                    "Inviato: mercoledì 25 novembre 2026 10:00\nA: giulia@acme.test\n"
                                    "Oggetto: [TK100154] La stampa non funziona\n\n" + OUR_TEXT),
    "outlook_original_en": lambda: (f"-----Original Message-----\nFrom: {OUR_NAME} <{OUR_ADDRESS}>\n"
                                    "Sent: Wednesday, November 25, 2026 10:00 AM\nTo: giulia@acme.test\n"
                                    "Subject: [TK100154] La stampa non funziona\n\n" + OUR_TEXT),
    "apple_it": lambda: (f"Il giorno 25 nov 2026, alle ore 10:00, {OUR_NAME} <{OUR_ADDRESS}> ha scritto:\n\n"
                         + _quoted(OUR_TEXT)),
    "apple_en": lambda: (f"On 25 Nov 2026, at 10:00, {OUR_NAME} <{OUR_ADDRESS}> wrote:\n\n" + _quoted(OUR_TEXT)),
    "thunderbird_it": lambda: (f"Il 25/11/2026 10:00, {OUR_NAME} ha scritto:\n" + _quoted(OUR_TEXT)),
    "thunderbird_en": lambda: (f"On 25/11/2026 10:00, {OUR_NAME} wrote:\n" + _quoted(OUR_TEXT)),
    "webmail_libero": lambda: (f"----- Messaggio originale -----\nDa: \"{OUR_NAME}\" {OUR_ADDRESS}\n"
                               "A: giulia@acme.test\nData: 25/11/2026 10:00\nOggetto: [TK100154] La stampa\n\n"
                               + OUR_TEXT),
    "pec_aruba": lambda: (f"In data 25 novembre 2026 10:00:12 +01:00, {OUR_NAME} <{OUR_ADDRESS}> ha scritto:\n"
                          + _quoted(OUR_TEXT)),
    "dashes_on": lambda: (f"---- On Wed, 25 Nov 2026 10:00:00 +0100 {OUR_NAME} wrote ----\n\n" + OUR_TEXT),
    "wrote_no_colon": lambda: (f"On Wed, 25 Nov 2026 at 10:00, {OUR_NAME} wrote\n" + _quoted(OUR_TEXT)),
    "german": lambda: (f"Am 25.11.2026 um 10:00 schrieb {OUR_NAME} <{OUR_ADDRESS}>:\n\n" + _quoted(OUR_TEXT)),
    "german_outlook": lambda: (f"Von: {OUR_NAME} <{OUR_ADDRESS}>\nGesendet: Mittwoch, 25. November 2026 10:00\n"
                               "An: giulia@acme.test\nBetreff: [TK100154] Druck\n\n" + OUR_TEXT),
    "french": lambda: (f"Le mer. 25 nov. 2026 à 10:00, {OUR_NAME} <{OUR_ADDRESS}> a écrit :\n\n"
                       + _quoted(OUR_TEXT)),
    "spanish": lambda: (f"El mié, 25 nov 2026 a las 10:00, {OUR_NAME} (<{OUR_ADDRESS}>) escribió:\n\n"
                        + _quoted(OUR_TEXT)),
    "portuguese": lambda: (f"Em qua., 25 de nov. de 2026 às 10:00, {OUR_NAME} <{OUR_ADDRESS}> escreveu:\n\n"
                           + _quoted(OUR_TEXT)),
    "dutch": lambda: (f"Op wo 25 nov 2026 om 10:00 schreef {OUR_NAME} <{OUR_ADDRESS}>:\n\n" + _quoted(OUR_TEXT)),
}

FORWARDED = ("La fattura n. 154 del 20/11/2026 è stata scartata dal Sistema di Interscambio.\n"
             "Codice errore: 00404 - Fattura duplicata.")
FORWARD_HEADS = {
    "gmail_en": ("---------- Forwarded message ---------\nFrom: Sistema di Interscambio <sdi01@pec.fatturapa.it>\n"
                 "Date: Wed, Nov 25, 2026 at 9:00 AM\nSubject: Notifica di scarto\nTo: <giulia@acme.test>\n\n",
                 "Fwd: Notifica di scarto"),
    "gmail_it": ("---------- Messaggio inoltrato ---------\nDa: Sistema di Interscambio <sdi01@pec.fatturapa.it>\n"
                 "Date: mer 25 nov 2026 alle ore 09:00\nSubject: Notifica di scarto\nTo: <giulia@acme.test>\n\n",
                 "Fwd: Notifica di scarto"),
    "thunderbird_it": ("-------- Messaggio inoltrato --------\nOggetto: \tNotifica di scarto\nData: \t"
                       "Wed, 25 Nov 2026 09:00:00 +0100\nMittente: \tsdi01@pec.fatturapa.it\nA: \tgiulia@acme.test\n\n",
                       "Fwd: Notifica di scarto"),
    "apple_it": ("Inizio messaggio inoltrato:\n\nDa: Sistema di Interscambio <sdi01@pec.fatturapa.it>\n"
                 "Oggetto: Notifica di scarto\nData: 25 novembre 2026 09:00:00 CET\nA: giulia@acme.test\n\n",
                 "I: Notifica di scarto"),
    "outlook_it": ("________________________________\nDa: Sistema di Interscambio <sdi01@pec.fatturapa.it>\n"
                   "Inviato: mercoledì 25 novembre 2026 09:00\nA: giulia@acme.test\nOggetto: Notifica di scarto\n\n",
                   "I: Notifica di scarto"),
    "outlook_en": ("________________________________\nFrom: Sistema di Interscambio <sdi01@pec.fatturapa.it>\n"
                   "Sent: Wednesday, November 25, 2026 9:00 AM\nTo: giulia@acme.test\nSubject: Notifica di scarto\n\n",
                   "FW: Notifica di scarto"),
}
FORWARD_NOTES = {"": "", "fyi": "FYI, vedete voi.", "long": "Buongiorno,\nvi giro la notifica ricevuta stamattina: "
                 "non capiamo perché la fattura risulti duplicata.\nGrazie"}


@dataclass
class Case:
    name: str
    raw: bytes
    expected: str          # the text the technician should read
    own_words: str         # the customer's own words: none may be missing


def _message(body, *, subject="R: [TK100154] La stampa non funziona", html=None):
    message = EmailMessage()
    message["From"] = "Giulia Bianchi <giulia@acme.test>"
    message["To"] = f"{OUR_NAME} <{OUR_ADDRESS}>"
    message["Subject"] = subject
    message["Message-ID"] = "<case@acme.test>"
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return message.as_bytes()


def _join(*parts):
    return "\n\n".join(part for part in parts if part)


def cases():
    found = []
    # Answers on top of every client's quote, with and without a signature.
    for quote_name, quote in QUOTES.items():
        for answer_name in ("paragraphs_it", "list_it", "english"):
            found.append(Case(f"top-{quote_name}-{answer_name}", _message(_join(ANSWERS[answer_name], quote())),
                              ANSWERS[answer_name], ANSWERS[answer_name]))
        for signature_name in ("dashdash", "iphone_it", "outlook_android_it"):
            answer = ANSWERS["short_it"]
            found.append(Case(f"top-{quote_name}-sig-{signature_name}",
                              _message(_join(answer, SIGNATURES[signature_name], quote())), answer, answer))
    # Answers below the quote (bottom posting), for clients that mark quotes with ">".
    for quote_name in ("gmail_en", "gmail_it", "apple_it", "thunderbird_it", "german", "french", "spanish"):
        for answer_name in ("paragraphs_it", "signoff_it"):
            answer = ANSWERS[answer_name]
            found.append(Case(f"bottom-{quote_name}-{answer_name}", _message(_join(QUOTES[quote_name](), answer)),
                              answer, answer))
    # Inline answers between our lines.
    inline_answers = ["Il file è in allegato.", "Sì, il backup parte alle 22:00.", "Grazie a voi."]
    for quote_name in ("gmail_it", "gmail_en", "thunderbird_it", "apple_it"):
        header = QUOTES[quote_name]().split("\n")[0]
        lines = OUR_TEXT.split("\n")
        body = (f"{header}\n\n> {lines[0]}\n> {lines[1]}\n\n{inline_answers[0]}\n\n> {lines[2]}\n\n"
                f"{inline_answers[1]}\n\n> {lines[3]}\n> {lines[4]}\n\n{inline_answers[2]}")
        expected = "\n\n".join(inline_answers)
        found.append(Case(f"inline-{quote_name}", _message(body), expected, expected))
        found.append(Case(f"inline-{quote_name}-with-greeting", _message("Buongiorno, rispondo tra le righe.\n\n"
                                                                         + body),
                          "Buongiorno, rispondo tra le righe.\n\n" + expected,
                          "Buongiorno, rispondo tra le righe.\n\n" + expected))
    # Forwards: the forwarded content is the request.
    for head_name, (head, subject) in FORWARD_HEADS.items():
        for note_name, note in FORWARD_NOTES.items():
            forwarded = head + FORWARDED
            body = _join(note, forwarded)
            found.append(Case(f"forward-{head_name}-{note_name or 'bare'}", _message(body, subject=subject),
                              _join(note, forwarded.strip()), _join(note, FORWARDED)))
    # Lists and dashes close to where a signature could be: content, never a signature.
    for signature_name in ("none", "iphone_en", "samsung_it", "outlook_ios"):
        answer = ANSWERS["dashes_it"]
        found.append(Case(f"dashes-{signature_name}", _message(_join(answer, SIGNATURES[signature_name],
                                                                     QUOTES["gmail_it"]())), answer, answer))
    # A header on the same line as the reply text (some mobile clients).
    answer = "Tutto risolto, grazie."
    found.append(Case("same-line-header", _message(f"{answer} On Wed, Nov 25, 2026 at 10:00 AM {OUR_NAME} "
                                                   f"<{OUR_ADDRESS}> wrote:\n\n{_quoted(OUR_TEXT)}"), answer, answer))
    # HTML-only replies: the structure comes from the markup.
    found.extend(_html_cases())
    return found


def _html_paragraphs(text):
    return "".join(f"<div>{escape(line) if line else '<br>'}</div>" for line in text.split("\n"))


def _html_cases():
    out = []
    quote_html = {
        "outlook_html": (f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>Da:</b> {OUR_NAME} '
                         f'&lt;{OUR_ADDRESS}&gt;<br><b>Inviato:</b> mercoledì 25 novembre 2026 10:00<br>'
                         f'<b>A:</b> Giulia Bianchi &lt;giulia@acme.test&gt;<br><b>Oggetto:</b> [TK100154] La stampa'
                         f'</font><div>&nbsp;</div></div>{_html_paragraphs(OUR_TEXT)}'),
        "outlook_365_html": (f'<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><p><b>From:</b> '
                             f'{OUR_NAME} &lt;{OUR_ADDRESS}&gt;</p><p><b>Sent:</b> Wednesday, November 25, 2026 10:00'
                             f'</p><p><b>To:</b> giulia@acme.test</p><p><b>Subject:</b> La stampa</p></div>'
                             f'{_html_paragraphs(OUR_TEXT)}'),
        "gmail_html": (f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Il giorno mer 25 nov 2026 alle '
                       f'ore 10:00 {OUR_NAME} &lt;<a href="mailto:{OUR_ADDRESS}">{OUR_ADDRESS}</a>&gt; ha scritto:'
                       f'<br></div><blockquote class="gmail_quote">{_html_paragraphs(OUR_TEXT)}</blockquote></div>'),
        "apple_html": (f'<div><br><blockquote type="cite"><div>Il giorno 25 nov 2026, alle ore 10:00, {OUR_NAME} '
                       f'&lt;{OUR_ADDRESS}&gt; ha scritto:</div><br>{_html_paragraphs(OUR_TEXT)}</blockquote></div>'),
        "blockquote_only_html": f'<blockquote>{_html_paragraphs(OUR_TEXT)}</blockquote>',
    }
    for quote_name, quote in quote_html.items():
        for answer_name in ("paragraphs_it", "list_it", "short_it"):
            answer = ANSWERS[answer_name]
            markup = f"<html><body>{_html_paragraphs(answer)}<br>{quote}</body></html>"
            out.append(Case(f"html-{quote_name}-{answer_name}", _message(None, html=markup), answer, answer))
    return out
