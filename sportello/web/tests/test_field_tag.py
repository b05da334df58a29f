"""{% field %} (web.field_tag) writes what the include it replaced wrote, character for
character: label, required mark, widget, help and errors, escaped the same way."""

import importlib
import inspect
import pkgutil

from django import forms
from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

import sportello
from sportello.text import CleanTextForm

# templates/includes/field.html as it was.
INCLUDED = """{% load i18n %}<div class="field{% if field.errors %} field-error{% endif %}">
  <label for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %} <span class="required" aria-hidden="true">*</span>{% endif %}</label>
  {{ field }}
  {% if field.help_text %}<p class="help" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</p>{% endif %}
  {% for error in field.errors %}<p class="error" id="{{ field.auto_id }}_error">{{ error }}</p>{% endfor %}
</div>
"""  # noqa: E501


def both(bound):
    engine = engines["django"]
    return (engine.from_string("{% field field %}").render({"field": bound}),
            engine.from_string(INCLUDED).render({"field": bound}))


text = st.text(alphabet=st.sampled_from(list("aèZ0 <>&\"'%—{}")), max_size=8)


@settings(max_examples=60, deadline=None)
@given(label=st.one_of(text, text.map(mark_safe), st.just(gettext_lazy("Closed"))), help_text=text,
       required=st.booleans(), value=text, widget=st.sampled_from([forms.TextInput, forms.Textarea,
                                                                    forms.CheckboxSelectMultiple, forms.RadioSelect]),
       prefix=st.one_of(st.none(), st.just("x")), auto_id=st.sampled_from(["id_%s", False]))
def test_any_field_is_written_as_the_include_wrote_it(label, help_text, required, value, widget, prefix, auto_id):
    choices = widget in (forms.CheckboxSelectMultiple, forms.RadioSelect)
    field_class = forms.MultipleChoiceField if widget is forms.CheckboxSelectMultiple else (
        forms.ChoiceField if choices else forms.CharField)
    options = {"choices": [("a", "<A>"), ("b", label)]} if choices else {"max_length": 3}

    class Form(forms.Form):
        answer = field_class(label=label, help_text=help_text, required=required, widget=widget, **options)

    form = Form(data={f"{prefix}-answer" if prefix else "answer": value}, prefix=prefix, auto_id=auto_id)
    ours, included = both(form["answer"])
    assert ours == included


def _forms_of_ours():
    for module_info in pkgutil.walk_packages(sportello.__path__, "sportello."):
        if ".tests" in module_info.name or ".migrations" in module_info.name or module_info.name.endswith("conftest"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, CleanTextForm) and value.__module__ == module.__name__ and getattr(value, "base_fields", None):
                yield value


def test_every_field_of_every_form_of_ours_is_written_as_the_include_wrote_it(people):
    """Empty and filled in wrongly: required marks, help texts, errors, drop-downs of rows."""
    compared = set()
    for form_class in _forms_of_ours():
        for data in ({}, {name: "x" * 300 for name in form_class.base_fields}):
            try:
                form = form_class(data=data)
            except TypeError:   # a form that needs its ticket or its user: drawn by its page tests
                continue
            form.is_valid()
            for bound in form:
                ours, included = both(bound)
                assert ours == included, (form_class, bound.name)
                compared.add((form_class, bound.name))
    assert len({form for form, _name in compared}) >= 20 and len(compared) >= 80
