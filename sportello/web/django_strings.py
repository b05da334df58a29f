"""Strings of Django and of the apps we use that their own Italian catalogues lack (new
in Django 6.1, or never translated): marked here so that makemessages keeps them in ours,
which Django reads first (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

STRINGS = [
    gettext_noop("- Select an option -"),   # django.db.models.fields.BLANK_CHOICE_LABEL
]
