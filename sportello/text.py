"""Outside text (forms, e-mail, the phone system, the API) is cleaned once, where it
enters, so nothing downstream meets what a database or a terminal chokes on:
no NUL (PostgreSQL refuses it), no lone surrogates (no encoding can store them),
no control characters but tab and newline (ESC, DEL, VT, FF… from malformed mail
would reach pages, CSV exports and logs), and never longer than its column.
"""

import re

from django.db import models
from django.http import QueryDict

from sportello.web.form_rendering import FORM_RENDERER, read_rows_once

# C0 controls except tab (09) and newline (0A), DEL and the C1 block; lone surrogates.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value, max_length=None):
    """`value` as safe text: line ends as "\\n", unwanted characters gone, cut to `max_length`."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _UNWANTED.sub("", text)
    if max_length is not None and len(text) > max_length:
        text = text[:max_length]
    return text


def clean_line(value, max_length=None):
    """One line of text (a name, a subject): line breaks and tabs become spaces."""
    return clean_text(re.sub(r"[\r\n\t]+", " ", str(value or "")).strip(), max_length)


def fit_to_columns(instance):
    """Clean every text field of a model instance and cut it to its column's size.
    Called before saving rows built from outside text (received e-mail, phone system)."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            setattr(instance, field.attname, clean_text(value, field.max_length))
    return instance


def clean_form_data(data):
    """A copy of submitted form data with every value cleaned (files are not touched)."""
    if isinstance(data, QueryDict):
        cleaned = QueryDict(mutable=True)
        for key, values in data.lists():
            cleaned.setlist(clean_text(key), [clean_text(v) if isinstance(v, str) else v for v in values])
        cleaned._mutable = False
        return cleaned
    return {clean_text(k): clean_text(v) if isinstance(v, str) else v for k, v in data.items()}


class CleanTextForm:
    """Mixin for every form that takes text from outside: the submitted data is
    cleaned before any field sees it, so validation and length limits apply to what
    will be stored. Drawn by the faster renderer, drop-downs of rows read once
    (sportello.web.form_rendering)."""

    default_renderer = FORM_RENDERER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_rows_once(self.fields)
        if self.is_bound:
            self.data = clean_form_data(self.data)

    @property
    def fields_to_fix(self):
        """The visible fields with an error, for the summary at the top of the form."""
        return [field for field in self.visible_fields() if field.errors]
