"""What a person types in the search box, understood: a ticket code (with or without
TK, any case, or only its digits), "phrases in quotes", -excluded words, field
prefixes (azienda:acme, stato:nuovo, tecnico:anna, tipo:installazione, and their
English names), and plain words. Whatever cannot be read that way is searched as
plain words; parsing never fails."""

import re
from dataclasses import dataclass, field

from .text import WORD_RE, fold, query_stems

CODE_RE = re.compile(r"^\s*(?:tk)?\s*0*(\d{1,7})\s*$", re.IGNORECASE)
TOKEN_RE = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))', re.UNICODE)
FIELDS = {
    "azienda": "company", "company": "company", "cliente": "company",
    "stato": "status", "status": "status",
    "tecnico": "assignee", "assegnato": "assignee", "technician": "assignee", "assignee": "assignee",
    "tipo": "request_type", "type": "request_type",
    "codice": "code", "code": "code",
}
MAX_TERMS = 12   # a pasted paragraph is not a search: its first words are


@dataclass
class Query:
    text: str
    code: str = ""                                    # "TK001234" when the whole query is a code
    terms: list = field(default_factory=list)         # [(stems of one word)]
    phrases: list = field(default_factory=list)       # [[stems of each word]]
    excluded: list = field(default_factory=list)      # [(stems of one word)]
    code_prefix: str = ""                             # digits typed as codice:12 or TK12
    filters: dict = field(default_factory=dict)       # company / status / assignee / request_type -> text

    @property
    def has_text(self):
        return bool(self.terms or self.phrases or self.code_prefix)

    @property
    def is_empty(self):
        return not (self.has_text or self.filters or self.code)

    def highlight_words(self):
        """Folded stems to mark in snippets."""
        marked = {stem for stems in self.terms for stem in stems}
        marked |= {stem for phrase in self.phrases for stems in phrase for stem in stems}
        return marked


def format_code(digits):
    return f"TK{int(digits):06d}"


def parse(text):
    text = (text or "").strip()[:500]
    query = Query(text=text)
    whole = CODE_RE.match(text)
    if whole:
        query.code = format_code(whole.group(1))
        query.code_prefix = whole.group(1).lstrip("0") or "0"
        return query
    for negated, name, quoted, bare in TOKEN_RE.findall(text):
        if len(query.terms) + len(query.phrases) >= MAX_TERMS:
            break
        field_name = FIELDS.get(fold(name)) if name else None
        value = quoted if quoted else bare
        if name and field_name is None:
            value = f"{name} {value}"   # "http://…" or "ore:10" are words, not fields
        if field_name == "code":
            digits = re.sub(r"\D", "", value)
            if digits:
                query.code_prefix = digits.lstrip("0") or "0"
            continue
        if field_name:
            if value.strip():
                query.filters[field_name] = value.strip()[:100]
            continue
        word_list = WORD_RE.findall(value)
        if not word_list:
            continue
        if negated:
            query.excluded.extend(query_stems(word) for word in word_list)
        elif quoted and len(word_list) > 1:
            query.phrases.append([query_stems(word) for word in word_list])
        else:
            for word in word_list:
                code = re.fullmatch(r"(?i)tk0*(\d{1,7})", word)
                if code:
                    query.code_prefix = code.group(1)
                else:
                    query.terms.append(query_stems(word))
    return query
