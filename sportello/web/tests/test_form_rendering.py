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


def _set_later(form):
    from sportello.tickets.models import RequestType

    form.fields["later"].queryset = RequestType.objects.filter(is_active=True)


def test_every_drop_down_of_rows_is_read_once_with_a_plain_query(people):
    """Our forms (CleanTextForm) read each drop-down's rows with one plain query. Django's
    `.iterator()` opens a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE for a few
    rows) and reads a required list without an empty choice twice. The HTML and the
    validation stay Django's, for one choice or several, and for a queryset the form sets
    after it is built."""
    from unittest import mock

    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from sportello.text import CleanTextForm
    from sportello.tickets.models import RequestType

    class Fields(forms.Form):
        one = forms.ModelChoiceField(queryset=RequestType.objects.all())
        required = forms.ModelChoiceField(queryset=RequestType.objects.all(), empty_label=None)
        many = forms.ModelMultipleChoiceField(queryset=RequestType.objects.all(), required=False)
        later = forms.ModelChoiceField(queryset=RequestType.objects.none())

    class Djangos(Fields):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, renderer=FORM_RENDERER, **kwargs)
            _set_later(self)

    class Ours(CleanTextForm, Fields):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            _set_later(self)

    RequestType.objects.filter(name="Altro").update(is_active=False)
    retired, kept = RequestType.objects.get(name="Altro").pk, RequestType.objects.filter(is_active=True).last().pk
    connection = connections["default"]
    drawn, reads, cursors = [], [], []
    for form_class in (Ours, Djangos):
        form = form_class(initial={"one": kept, "required": kept, "many": [kept, retired], "later": kept})
        with (mock.patch.object(connection, "chunked_cursor", wraps=connection.chunked_cursor) as chunked,
              CaptureQueriesContext(connection) as queries):
            drawn.append(str(form))
        reads.append(len(queries))
        cursors.append(chunked.call_count)
        refused = form_class(data={"one": retired, "required": kept, "later": retired})
        assert not refused.is_valid() and set(refused.errors) == {"later"}
        accepted = form_class(data={"one": kept, "required": kept, "many": [kept, retired], "later": kept})
        assert accepted.is_valid(), accepted.errors
    assert drawn[0] == drawn[1] and 'selected>Altro</option>' in drawn[0]
    assert (reads[0], cursors[0]) == (4, 0)
    assert reads[1] == 5 and cursors[1] == 5


def test_pages_with_drop_downs_open_no_server_side_cursor(people, open_ticket_for, client, login):
    """The ticket page's panels, the lists' filters, the portal's forms: every drop-down goes
    through CleanTextForm (a form that did not would show up here on PostgreSQL's cursors)."""
    from unittest import mock

    from django.db import connections

    ticket = open_ticket_for(people.mario)
    connection = connections["default"]
    pages = {people.silvia: [f"/console/tickets/{ticket.code}/", "/console/filters/?list=all", "/console/tickets/",
                             "/console/callbacks/", f"/console/companies/{people.acme.pk}/"],
             people.mario: ["/portal/tickets/new/", "/portal/phone/", f"/portal/tickets/{ticket.code}/"]}
    for person, urls in pages.items():
        login(person)
        for url in urls:
            with mock.patch.object(connection, "chunked_cursor", wraps=connection.chunked_cursor) as chunked:
                response = client.get(url)
            assert response.status_code == 200, url
            assert b"<select" in response.content or url.endswith("/phone/"), url
            assert chunked.call_count == 0, url
