"""Readable text from an e-mail's HTML, keeping the structure a reply parser needs:
line breaks where blocks end, and ">" before every line inside a <blockquote> (Apple
Mail's type=cite, Gmail's gmail_quote, Thunderbird's cite), one per level."""

import html
import re
from html.parser import HTMLParser

BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol", "hr"}
HIDDEN = {"script", "style", "head", "title"}


class _Text(HTMLParser):
    """Blocks (<div>, <p>, <li>…) start and end lines; <br> ends a line even if empty
    (Outlook and Gmail write a blank line as <div><br></div>); <p> leaves a blank line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.line, self.depth, self.hidden = [], [], 0, 0

    def _end_line(self, *, even_empty=False):
        text = re.sub(r"[ \t\xa0]+", " ", "".join(self.line)).strip()
        if text or even_empty:
            self.lines.append((self.depth, text))
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._end_line(even_empty=True)
        elif tag == "blockquote":
            self._end_line()
            self.depth += 1
        elif tag in BLOCKS:
            self._end_line()
        if tag == "li":
            self.line.append("- ")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "blockquote":
            self._end_line()
            self.depth = max(0, self.depth - 1)
        elif tag == "p":
            self._end_line()
            self.lines.append((self.depth, ""))
        elif tag in BLOCKS:
            self._end_line()

    def handle_data(self, data):
        if not self.hidden:
            self.line.append(data)


def html_to_text(markup):
    parser = _Text()
    try:
        parser.feed(markup or "")
        parser.close()
    except Exception:  # broken HTML still gives its text
        return re.sub(r"<[^>]+>", " ", html.unescape(markup or "")).strip()
    parser._end_line()
    out, blank = [], False
    for depth, text in parser.lines:
        if not text and not depth:
            if not blank and out:
                out.append("")
            blank = True
            continue
        blank = False
        out.append((">" * depth + " " if depth else "") + text)
    return "\n".join(out).strip()
