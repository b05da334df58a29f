"""A received e-mail as a structure: what the customer wrote now, what they quoted, what
they forwarded, their signature. The technician reads the new text and the forwarded
content (for a help desk a forward *is* the request); quotes and signatures are kept,
collapsed behind "mostra testo citato".

Line by line, in the order a person reads:
- lines quoted with ">" are a quote; text between quoted passages is new (an answer
  written point by point, as accountants often do), and so is text below a quote;
- a quote header ("Il giorno … ha scritto:", "On … wrote:", "Am … schrieb …:",
  Outlook's "Da: … Inviato: …" block, "-----Messaggio originale-----" …) starts a quote
  that runs to the end, unless ">" marks show where it stops;
- a forward marker ("---------- Forwarded message ---------", "-------- Messaggio
  inoltrato --------", Apple's "Inizio messaggio inoltrato:", or an Outlook header block
  in a mail whose subject says I:/FW:/Fwd:) starts forwarded content, kept and shown;
- a signature starts at "-- " or at a phone's "Inviato da iPhone" / "Sent from my…" /
  "Get Outlook for…"; a line starting with "-" and text is a list item, never a signature.
"""

import re
from dataclasses import dataclass

TEXT, QUOTE, FORWARD, SIGNATURE = "text", "quote", "forward", "signature"


@dataclass
class Fragment:
    kind: str
    text: str

    def as_dict(self):
        return {"kind": self.kind, "text": self.text}


_NAME_DATE = r".{3,200}"
# A line (or two joined lines) that introduces a quoted message, in the languages our
# customers and their suppliers write in.
QUOTE_HEADER_RES = [re.compile(pattern, re.IGNORECASE) for pattern in [
    rf"^-*\s*on\s{_NAME_DATE}\swrote\s?:?\s*-*$",                         # en: On DATE, NAME wrote:
    rf"^{_NAME_DATE}\swrote\s?:$",                                         # en: NAME wrote:
    rf"^-*\s*(il\s(giorno\s)?|in\sdata\s){_NAME_DATE}\sha\sscritto\s?:?\s*-*$",  # it
    rf"^{_NAME_DATE}\sha\sscritto\s?:$",                                  # it: NAME ha scritto:
    rf"^-*\s*am\s{_NAME_DATE}\sschrieb\s?.{{0,200}}:\s*-*$",               # de: Am DATE schrieb NAME:
    rf"^{_NAME_DATE}\sschrieb\s?:$",                                      # de: NAME schrieb:
    rf"^-*\s*le\s{_NAME_DATE}\sa\s[ée]crit\s?:?\s*-*$",                   # fr: Le DATE, NAME a écrit :
    rf"^-*\s*el\s{_NAME_DATE}\sescribi[óo]\s?:?\s*-*$",                   # es: El DATE, NAME escribió:
    rf"^-*\s*em\s{_NAME_DATE}\sescreveu\s?:?\s*-*$",                      # pt: Em DATE, NAME escreveu:
    rf"^-*\s*op\s{_NAME_DATE}\sschreef\s?.{{0,200}}:?\s*-*$",             # nl: Op DATE schreef NAME:
    rf"^-*\s*(den|d\.)\s{_NAME_DATE}\sskrev\s?.{{0,200}}:\s*-*$",          # da/no/sv
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s.{0,200}<[^>]+@[^>]+>\s?:$",         # Gmail: 2017-11-24 16:32 GMT+01:00 NAME <a@b>:
    r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4},?\s.{0,200}<[^>]+@[^>]+>\s?:$",     # 24/11/2017 16:32, NAME <a@b>:
]]
# "-----Messaggio originale-----" and friends: the rest is the previous message.
ORIGINAL_RE = re.compile(
    r"^\s*-{2,}\s*(original\smessage|messaggio\soriginale|urspr[üu]ngliche\snachricht|message\sd'origine|"
    r"mensaje\soriginal|mensagem\soriginal|oorspronkelijk\sbericht|oprindelig\sbesked|ursprungligt\smeddelande)"
    r"\s*-{2,}\s*$", re.IGNORECASE)
FORWARD_RE = re.compile(
    r"^\s*(-{2,}\s*(forwarded\smessage|messaggio\sinoltrato|weitergeleitete\snachricht|message\stransf[ée]r[ée]|"
    r"mensaje\sreenviado|mensagem\sencaminhada|doorgestuurd\sbericht|videresendt\smeddelelse)\s*-{2,}"
    r"|(begin\sforwarded\smessage|inizio\smessaggio\sinoltrato|d[ée]but\sdu\smessage\sr[ée]exp[ée]di[ée]|"
    r"anfang\sder\sweitergeleiteten\snachricht|inicio\sdel\smensaje\sreenviado)\s*:)\s*$", re.IGNORECASE)
# Outlook's header block: a From line, then Sent/Date within a few lines.
FROM_RE = re.compile(r"^\s*\*?(from|da|von|de|van|fra|fr[åa]n|od)\s?\*?\s?:\s*\S", re.IGNORECASE)
SENT_RE = re.compile(r"^\s*\*?(sent|date|inviato|data|gesendet|datum|envoy[ée]|enviado|enviada|verzonden|"
                     r"skickat|sendt|wys[łl]ano)\s?\*?\s?:\s*\S", re.IGNORECASE)
HEADER_FIELD_RE = re.compile(r"^\s*\*?(to|a|an|[àa]|para|aan|til|cc|ccn|bcc|subject|oggetto|betreff|objet|asunto|"
                             r"assunto|onderwerp|emne|[äa]mne)\s?\*?\s?:", re.IGNORECASE)
FORWARD_SUBJECT_RE = re.compile(r"^\s*(fwd?|fw|i|inoltra|wg|tr|rv|enc|doorst)\s*:", re.IGNORECASE)
DELIMITER_RE = re.compile(r"^(--|-- )$")
# What phones and mail apps add on their own: short, at the end, naming a device or an app.
_DEVICE = r"(my\s|mio\s|meinem\s|mon\s|mi\s|meu\s|mijn\s)?(iphone|ipad|android|samsung|galaxy|huawei|xiaomi|" \
          r"smartphone|mobile|cellulare|telefono|dispositivo|device|blackberry|outlook|mail\sfor\swindows|yahoo|libero)"
DEVICE_SIGNATURE_RE = re.compile(
    rf"^\s*((inviato|sent|gesendet|envoy[ée]|enviado|verzonden|verstuurd)\s(da|dal|from|via|von|de|depuis|desde|do|"
    rf"vanaf)\s{_DEVICE}.{{0,60}}"
    r"|(get|scarica|télécharger|descargar|holen\ssie\ssich)\soutlook\s(for|per|pour|para|für)\s.{0,60}"
    r"|von\smeinem\s.{0,40}gesendet)$", re.IGNORECASE)
LIST_FOOTER_RE = SEPARATOR_RE = re.compile(r"^_{20,}\s*$")
# "Grazie. On Wed, … wrote:" — a mobile client put the header on the answer's last line.
# The header must start with a date ("On Wed,", "Il giorno mer", "Am 25.11."), so that words of
# the answer ("il problema è risolto") are never taken for one.
INLINE_HEADER_RE = re.compile(r"^(?P<answer>.*\S)\s+(?P<header>(on|il giorno|il|le|am|el|em|op)\s+"
                              r"(\w{3}[,.]?\s|\d).{4,300}\s(wrote|ha scritto|schrieb|a [ée]crit|escribi[óo]|"
                              r"escreveu|schreef)\s?:)\s*$", re.IGNORECASE)
QUOTED_RE = re.compile(r"^\s*>")
HEADER_START_RE = re.compile(r"^-*\s*(on|il|in data|am|le|el|em|op|den)\s|^\d", re.IGNORECASE)


def _is_quote_header(lines, index):
    """Whether a quote header starts at `index`; returns how many lines it takes (0 if not)."""
    line = lines[index].strip()
    if not line or len(line) > 400:
        return 0
    if SEPARATOR_RE.match(line):   # Outlook's line of underscores before its header block
        following = next((n for n in range(index + 1, min(len(lines), index + 3)) if lines[n].strip()), None)
        return 1 if following is not None and _is_quote_header(lines, following) else 0
    if ORIGINAL_RE.match(line):
        return 1
    for pattern in QUOTE_HEADER_RES:
        if pattern.match(line):
            return 1
    if index + 1 < len(lines) and HEADER_START_RE.match(line):
        # Clients wrap long headers: "On Mon, 25 Nov 2026 at 10:00, Anna <\na@b> wrote:"
        joined = f"{line} {lines[index + 1].strip()}"
        if len(joined) <= 400 and not line.endswith(":") and any(pattern.match(joined)
                                                                 for pattern in QUOTE_HEADER_RES):
            return 2
    if FROM_RE.match(line):
        window = [lines[n] for n in range(index + 1, min(len(lines), index + 6))]
        if any(SENT_RE.match(candidate) for candidate in window):
            return 1
    return 0


def _separate_inline_headers(raw_lines):
    """Put a quote header that shares a line with the answer (possibly wrapped onto the
    next line by the sending client) on a line of its own."""
    lines, index = [], 0
    while index < len(raw_lines):
        line = raw_lines[index]
        inline = INLINE_HEADER_RE.match(line) if len(line) < 500 else None
        if inline:
            lines.extend([inline.group("answer"), inline.group("header")])
        elif index + 1 < len(raw_lines) and raw_lines[index + 1].rstrip().endswith(":") and len(line) < 400 and (
                inline := INLINE_HEADER_RE.match(f"{line} {raw_lines[index + 1].strip()}")):
            lines.extend([inline.group("answer"), inline.group("header")])
            index += 1
        else:
            lines.append(line)
        index += 1
    return lines


def _strip_quote_marks(text):
    return "\n".join(re.sub(r"^\s*>\s?", "", line) for line in text.split("\n"))


def split(text, *, subject=""):
    """The message's fragments, in order."""
    lines = _separate_inline_headers((text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    forwarded_subject = bool(FORWARD_SUBJECT_RE.match(subject or ""))
    fragments, current_kind, current = [], TEXT, []

    def close():
        nonlocal current
        chunk = "\n".join(current).strip("\n")
        if chunk.strip():
            if fragments and fragments[-1].kind == current_kind:
                fragments[-1].text += "\n" + chunk
            else:
                fragments.append(Fragment(current_kind, chunk))
        current = []

    index = 0
    while index < len(lines):
        line = lines[index]
        if FORWARD_RE.match(line):
            close()
            current_kind = FORWARD
            current.extend(lines[index:])   # the forwarded mail, with its own quotes, is the content
            break
        header = _is_quote_header(lines, index)
        if header:
            close()
            # Outlook forwards show the forwarded mail's header block, nothing else says "forward".
            outlook_block = FROM_RE.match(line) or (SEPARATOR_RE.match(line) and FROM_RE.match(
                next((candidate for candidate in lines[index + 1:index + 3] if candidate.strip()), "")))
            current_kind = FORWARD if forwarded_subject and outlook_block else QUOTE
            current.extend(lines[index:index + header])
            index += header
            if current_kind == QUOTE and _quoted_follows(lines, index):
                # ">"-marked: the quote runs while the marks do; what follows unmarked is new text.
                while index < len(lines) and (QUOTED_RE.match(lines[index]) or not lines[index].strip()):
                    current.append(lines[index])
                    index += 1
                close()
                current_kind = TEXT
                continue
            current.extend(lines[index:])
            break
        if QUOTED_RE.match(line):
            if current_kind != QUOTE:
                close()
                current_kind = QUOTE
            current.append(line)
            index += 1
            continue
        if current_kind == QUOTE:
            if not line.strip():
                current.append(line)
                index += 1
                continue
            close()
            current_kind = TEXT
        if current_kind == TEXT and (DELIMITER_RE.match(line) or DEVICE_SIGNATURE_RE.match(line)
                                     or LIST_FOOTER_RE.match(line)):
            end = _signature_end(lines, index, longest=12 if DELIMITER_RE.match(line) else 4)
            if end is not None:
                close()
                current_kind = SIGNATURE
                current.extend(lines[index:end])
                close()
                current_kind = TEXT
                index = end
                continue
        current.append(line)
        index += 1
    close()
    return _tidy(fragments)


def _quoted_follows(lines, index):
    """The next non-empty line is ">"-quoted."""
    for line in lines[index:index + 3]:
        if line.strip():
            return bool(QUOTED_RE.match(line))
    return False


def _signature_end(lines, index, *, longest):
    """Where a signature starting at `index` ends: at the next quote or forward, or at the end
    of the message. None when what follows is longer than `longest` lines: then it is text
    ("Sent from the warehouse: …" in a real answer), never to be hidden."""
    end = index + 1
    while end < len(lines):
        if QUOTED_RE.match(lines[end]) or FORWARD_RE.match(lines[end]) or _is_quote_header(lines, end):
            break
        end += 1
    body = [line for line in lines[index + 1:end] if line.strip()]
    if len(body) > longest:
        return None
    return end


def _tidy(fragments):
    """A quote with no text around it at the very top, followed by text, stays a quote; a
    message that is nothing but a quote or a signature keeps its text visible instead."""
    if fragments and not any(fragment.kind in (TEXT, FORWARD) for fragment in fragments):
        return [Fragment(TEXT, _strip_quote_marks(fragments[0].text)) if fragments[0].kind == QUOTE
                else Fragment(TEXT, fragments[0].text), *fragments[1:]]
    return fragments


def shown_text(fragments):
    """What the technician reads: the new text and the forwarded content, in order."""
    return "\n\n".join(fragment.text.strip() for fragment in fragments
                       if fragment.kind in (TEXT, FORWARD)).strip()
