"""Query parameters that name rows by id: a 64-bit integer or a clear 400."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from sportello.keyset import MAX_ID

# Ids in paths: at most 18 digits, so a number past 64 bits is a 404 like any unknown id.
ID_PATH = "[0-9]{1,18}"

# The schema says the same, so generated clients (and Schemathesis) know the bounds.
ID_SCHEMA = {"type": "integer", "minimum": 0, "maximum": MAX_ID}


def row_id(name, value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not 0 <= number <= MAX_ID:
        raise exceptions.ValidationError({name: [_("“%(value)s” is not a number.") % {"value": value}]})
    return number


def id_field(**kwargs):
    """An id in a request body: bounded like the database's ids (a larger number is a 400)."""
    return serializers.IntegerField(min_value=0, max_value=MAX_ID, **kwargs)
