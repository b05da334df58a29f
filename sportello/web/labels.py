"""Translated labels of a field's choices, looked up once for pages and files that show
one on every row."""


def labels(choices):
    """{value: translated label}: get_FOO_display() builds the field's choices anew on every
    call (about 10–50 µs), most of a row's cost in fifty rows of a page or a million of an
    export."""
    return {value: str(label) for value, label in choices}
