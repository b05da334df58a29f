"""Version numbers as people write them ("4.10", "4.6.1", "5.0 RC2", "4.7-beta1"),
ordered as versions, not as text: 4.10 after 4.9, a beta before its release.

`sort_key` turns a version into a string whose text order is the version order, so
the database sorts releases by an indexed column."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VERSION = re.compile(r"^[0-9][0-9A-Za-z]*(?:[.\-+ ][0-9A-Za-z]+)*$", re.ASCII)
PART = re.compile(r"\d+|[A-Za-z]+", re.ASCII)
WIDTH = 12


def validate_version(value):
    if len(value) > 40 or not VERSION.match(value) or any(len(number) >= WIDTH for number in PART.findall(value)
                                                          if number.isdigit()):
        raise ValidationError(_("Write the version as numbers with dots, for example 4.6 or 4.6.1 "
                                "(a suffix such as “beta1” or “RC2” is allowed)."), code="version")


def sort_key(version):
    """Numbers compare as numbers; a word (beta, rc) marks a pre-release, which comes
    before the version without it; the end of the version sorts between the two."""
    key = []
    for part in PART.findall(version):
        if part.isdigit():
            key.append("5" + part.rjust(WIDTH - 1, "0"))
        else:
            key.append("3" + part.lower()[: WIDTH - 1].ljust(WIDTH - 1))
    return "".join(key) + "4"
