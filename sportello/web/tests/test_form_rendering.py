"""Our forms write drop-down lists in Python (web.form_rendering) instead of one template
per option: the HTML must be the template's, character for character, whatever the
choices, groups, labels and attributes."""

from django import forms
from django.forms.renderers import Jinja2
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from sportello.web.form_rendering import FORM_RENDERER

TEMPLATES = Jinja2()
text = st.text(alphabet=st.sampled_from(list("aèZ0 <>&\"'%—…{}")), max_size=8)
label = st.one_of(text, text.map(mark_safe), st.just(gettext_lazy("Closed")), st.integers(0, 9))
option = st.tuples(text, label)
group = st.one_of(option, st.tuples(text.filter(bool), st.lists(option, min_size=1, max_size=3)))
attrs = st.dictionaries(st.sampled_from(["class", "data-x", "aria-label", "disabled", "hx-get", "autofocus"]),
                        st.one_of(text, st.booleans(), st.integers(0, 99), st.none()), max_size=3)


def _both(field, value):
    class Form(forms.Form):
        choice = field

    rendered = []
    for renderer in (FORM_RENDERER, TEMPLATES):
        form = Form(data={"choice": value}, renderer=renderer)
        rendered.append(str(form["choice"]))
    return rendered


@settings(max_examples=300, deadline=None)
@given(choices=st.lists(group, max_size=6), attrs=attrs, multiple=st.booleans(), required=st.booleans(),
       picked=st.lists(text, max_size=2))
def test_drop_downs_are_the_template_s_html(choices, attrs, multiple, required, picked):
    kind = forms.MultipleChoiceField if multiple else forms.ChoiceField
    widget = (forms.SelectMultiple if multiple else forms.Select)(attrs=attrs)
    ours, template = _both(kind(choices=choices, required=required, widget=widget), picked if multiple else
                           (picked[0] if picked else ""))
    assert ours == template
    assert ours.startswith("<select")


def test_our_forms_drop_downs_are_the_template_s_html(people, open_ticket_for):
    from sportello.console.forms import PropertiesForm
    from sportello.console.list_filters import ListFilterForm
    from sportello.portal.forms import NewTicketForm

    ticket = open_ticket_for(people.giulia)
    checked = 0
    for form in (ListFilterForm({"status": "new", "sort": "deadline"}, default_sort="deadline"), NewTicketForm(),
                 PropertiesForm(ticket=ticket, user=people.silvia), PropertiesForm(ticket=ticket, user=people.anna)):
        for name, field in form.fields.items():
            if isinstance(field.widget, forms.Select):
                ours = str(form[name])
                form.renderer = TEMPLATES
                assert ours == str(form[name]), name
                form.renderer = FORM_RENDERER
                checked += 1
    assert checked >= 10


def test_a_widget_with_its_own_option_template_keeps_it():
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    ours, template = _both(forms.ChoiceField(choices=[("a", "A")], widget=Marked), "a")
    assert ours == template and "<option" not in ours


def test_a_required_list_of_rows_is_read_once_and_drawn_as_django_draws_it(people):
    """RequiredChoiceField: Django's Select reads a required list with no empty choice a
    second time to decide on its `required` attribute; ours reads it once, to the same HTML, and
    still refuses a row outside its queryset."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sportello.tickets.models import RequestType
    from sportello.web.form_rendering import RequiredChoiceField

    RequestType.objects.filter(name="Altro").update(is_active=False)
    active = RequestType.objects.filter(is_active=True)

    class Ours(forms.Form):
        request_type = RequiredChoiceField(label="Tipo", queryset=active)

    class Djangos(forms.Form):
        request_type = forms.ModelChoiceField(label="Tipo", queryset=active, empty_label=None)

    drawn, reads, chosen = [], [], active.last().pk
    for form in (Ours, Djangos):
        with CaptureQueriesContext(connection) as queries:
            drawn.append(str(form(initial={"request_type": chosen})["request_type"]))
        reads.append(len(queries))
        retired = form(data={"request_type": RequestType.objects.get(name="Altro").pk})
        assert not retired.is_valid() and "request_type" in retired.errors
    assert drawn[0] == drawn[1] and "selected" in drawn[0] and "Altro" not in drawn[0]
    assert reads == [1, 2]
