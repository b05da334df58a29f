"""From text to search terms, the same way for what is indexed and for what is typed.
Words are lower-cased and their accents folded ("liquidità" = "liquidita"), then
stemmed with Snowball: "stampe" and "stampa" both give "stamp", "fatture elettroniche"
gives "fattur elettron". A ticket is stemmed as Italian, or as English when its text
is English (most of its common words are); a query tries both stems of each word.
One implementation for both databases (snowballstemmer, in C through PyStemmer), so
SQLite and PostgreSQL find the same tickets."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STEMMERS = {"it": snowballstemmer.stemmer("italian"), "en": snowballstemmer.stemmer("english")}
WORD_RE = re.compile(r"\w+", re.UNICODE)
ITALIAN_COMMON = frozenset(["il", "lo", "la", "i", "gli", "le", "un", "una", "uno", "di", "da", "del", "della", "dei", "delle", "in", "con", "su", "per", "tra", "che", "non", "e", "ed", "anche", "ma", "se", "come", "quando", "sono", "ho", "ha", "abbiamo", "hanno", "questo", "questa", "quello", "mio", "mia", "nostro", "nostra", "grazie", "buongiorno", "saluti", "cordiali", "perche"])
ENGLISH_COMMON = frozenset(["the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "or", "but", "not", "is", "are", "was", "were", "be", "been", "have", "has", "had", "this", "that", "these", "those", "it", "we", "you", "they", "my", "our", "your", "please", "thanks", "thank", "hello", "regards", "when", "why", "what", "how"])


COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text):
    """Lower case, without accents: "Città" → "citta" (a whole text at once: this runs
    over every ticket when the index is rebuilt)."""
    return COMBINING_RE.sub("", unicodedata.normalize("NFKD", text.lower()))


def words(text):
    return WORD_RE.findall(fold(text or ""))


@lru_cache(maxsize=300_000)
def stem(word, language="it"):
    return STEMMERS[language].stemWord(word)


def language_of(text):
    """"en" when the text's common words are mostly English, otherwise "it"."""
    italian = english = 0
    for word in words(text[:5000]):
        italian += word in ITALIAN_COMMON
        english += word in ENGLISH_COMMON
    return "en" if english > italian * 1.5 and english >= 3 else "it"


def index_terms(text, language="it"):
    """The text as indexed: one stem per word, in order, so that phrases keep their positions."""
    return " ".join(stem(word, language) for word in words(text))


def query_stems(word):
    """What a typed word may have been indexed as: its Italian and its English stem."""
    folded = fold(word)
    return tuple(dict.fromkeys([stem(folded, "it"), stem(folded, "en")]))


# Words that say nothing about the problem in a question written as a sentence ("come
# posso fare per…", "non riesco a…"): left out when a whole text is turned into search
# terms (suggestions, similar tickets), never when a person types a search.
FILLER = ITALIAN_COMMON | ENGLISH_COMMON | frozenset([
    "al", "allo", "alla", "ai", "agli", "alle", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "nel", "nello",
    "nella", "nei", "negli", "nelle", "sul", "sullo", "sulla", "sui", "sugli", "sulle", "col", "o", "oppure",
    "piu", "molto", "poco", "gia", "ancora", "sempre", "mai", "solo", "tutto", "tutti", "tutte", "ogni", "ci",
    "mi", "ti", "si", "vi", "ne", "noi", "voi", "loro", "io", "lei", "lui", "suo", "sua", "vostro", "vostra",
    "essere", "avere", "fare", "faccio", "fa", "fatto", "stato", "stata", "era", "siamo", "sia", "c", "l", "d",
    "po", "cosa", "dove", "quale", "quali", "quanto", "chi", "posso", "possiamo", "puo", "potete", "potreste",
    "devo", "dobbiamo", "deve", "vorrei", "vorremmo", "volevo", "riesco", "riusciamo", "riesce", "bisogno",
    "serve", "servirebbe", "sapere", "chiedo", "chiedere", "gentilmente", "cortesemente", "salve", "buonasera",
    "ciao", "mille", "distinti", "ufficio", "programma", "software", "nostri", "nostre", "miei", "mie", "questi",
    "queste", "quel", "quella", "quelli", "quelle", "dopo", "prima", "ora", "oggi", "ieri", "adesso", "momento",
    "qui", "li", "problema", "problemi", "aiuto", "domanda", "me", "do", "does", "can", "could", "would", "should",
    "need", "want", "there", "from", "at", "by", "as", "so", "if", "all", "any", "some", "us", "get", "help",
    "problem", "issue", "question", "dear", "hi"])


def content_stems(text, *, most=24):
    """A text's words that say what it is about, each as its Italian and English stems
    (a question may be in either), in order of first appearance, at most `most`."""
    found = {}
    for word in words(text):
        if len(word) < 3 or word in FILLER or word.isdigit():
            continue
        stems = query_stems(word)
        found.setdefault(stems[0], stems)
        if len(found) >= most:
            break
    return list(found.values())
