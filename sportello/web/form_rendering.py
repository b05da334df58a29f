"""How our forms draw their widgets.

With the Jinja2 copies of its widget templates that Django ships: the same HTML in
about half the time of Django's template language (a console ticket page's forms took
10 of its 28 ms). One renderer for every form, so its engine is built once per
process. The admin keeps Django's default renderer: its own widgets have Django
templates only, which is why this is not the FORM_RENDERER setting.

Drop-down lists are written here directly: their template includes one template per
option (the ticket page's panels draw about seventy options, a sixth of the page's
time); the HTML is the template's, character for character (a test compares them).
"""

from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.forms.renderers import Jinja2
from markupsafe import escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs):
    # django/forms/jinja2/django/forms/widgets/attrs.html
    return "".join(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
                   for name, value in attrs.items() if value is not False)


def _select(widget):
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in options:
            parts.append(f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                         f'{escape(option["label"])}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FormRenderer(Jinja2):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(option["template_name"] == OPTION
                                      for _name, options, _index in widget["optgroups"] for option in options):
            return _select(widget)
        return super().render(template_name, context, request)


FORM_RENDERER = FormRenderer()


class RowsReadOnce(ModelChoiceIterator):
    """The rows of a drop-down, read with one plain query per form. Django reads them
    with `.iterator()`, which on PostgreSQL opens a server-side cursor for a few dozen
    rows (DECLARE … WITH HOLD, FETCH, CLOSE: three round trips and a copy of the result
    at the server), and reads them a second time when a required list without an empty
    choice decides its `required` attribute. Iterating the queryset itself keeps its
    rows: the form's own copy of the field's queryset, so nothing outlives the form."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def read_rows_once(fields):
    """Have every drop-down of database rows among a form's fields use RowsReadOnce,
    including querysets the form sets later (the widget takes its choices then)."""
    for field in fields.values():
        if isinstance(field, ModelChoiceField) and not issubclass(field.iterator, RowsReadOnce):
            field.iterator = RowsReadOnce
            field.widget.choices = field.choices


class RequiredChoiceField(ModelChoiceField):
    """A required drop-down of database rows with no empty choice."""

    iterator = RowsReadOnce

    def __init__(self, *args, **kwargs):
        super().__init__(*args, empty_label=None, **kwargs)
