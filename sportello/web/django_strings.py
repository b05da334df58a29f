"""Strings of Django and of the apps we use that their own Italian catalogues lack (new
in Django 6.1, or never translated): marked here so that makemessages keeps them in ours,
which Django reads first (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

STRINGS = [
    gettext_noop("- Select an option -"),   # django.db.models.fields.BLANK_CHOICE_LABEL
    # Django REST framework's catalogue words these differently and, as an app's, it would
    # win over Django's in the pages' forms: ours keeps Django's wording everywhere.
    gettext_noop("This field is required."),
    gettext_noop("No file was submitted."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
]
