"""The one-topic rule in the console: answer only the first topic, split, merge."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sportello.text import CleanTextForm
from sportello.tickets import topic_actions
from sportello.tickets.topics import detect_topics


class OneTopicForm(CleanTextForm, forms.Form):
    body = forms.CharField(label=gettext_lazy("Answer to the customer"), widget=forms.Textarea(attrs={"rows": 9}),
                           help_text=gettext_lazy("Edit it if needed: it is sent as a public reply."))


class SplitForm(CleanTextForm, forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject of the new ticket"), max_length=200)
    text = forms.CharField(label=gettext_lazy("Text for the new ticket"), widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=gettext_lazy("Select part of the description or of a message, then use "
                                                  "“Use the selected text”, or paste it here."))


class MergeForm(CleanTextForm, forms.Form):
    into = forms.CharField(label=gettext_lazy("Merge into ticket"), max_length=12,
                           widget=forms.TextInput(attrs={"placeholder": "TK100001"}))


def one_topic_answer(ticket):
    """The templated answer, in the customer's language, with a prefilled new-ticket
    link for every topic after the first."""
    parts = detect_topics(ticket.description).parts[1:]
    base = settings.SPORTELLO_BASE_URL + reverse("portal:new_ticket")
    links = [base + "?" + urlencode({"subject": f"{ticket.subject} ({n})"[:200], "description": part[:1500]})
             for n, part in enumerate(parts, start=2)]
    language = ticket.contact.language if ticket.contact_id else settings.LANGUAGE_CODE
    with translation.override(language):
        return render_to_string("console/one_topic_reply.txt", {"ticket": ticket, "links": links,
                                                                "new_ticket": base}).strip()


def topic_forms(ticket, forms=None):
    forms = forms or {}
    return {
        "one_topic_form": forms.get("one_topic") or OneTopicForm(initial={"body": one_topic_answer(ticket)}),
        "split_form": forms.get("split") or SplitForm(initial={"subject": f"{ticket.subject} (2)"[:200]}),
        "merge_form": forms.get("merge") or MergeForm(),
    }


def merge(ticket, data, by, visible):
    into = visible.filter(code=data["into"].strip().upper()).first()
    if into is None:
        raise topic_actions.SplitRefused(_("No ticket has the code %(code)s.") % {"code": data["into"]})
    topic_actions.merge_tickets(duplicate=ticket, into=into, by=by)
    return into


