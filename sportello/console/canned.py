"""Canned answers in the console: technicians and supervisors keep them (shared or
personal), the composer inserts them with `#`, and supervisors see which are used."""

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import staff_area
from sportello.text import CleanTextForm
from sportello.tickets import canned
from sportello.tickets.models import CannedAnswer

from .views import _tickets, sidebar_counts


class CannedAnswerForm(CleanTextForm, forms.ModelForm):
    shared = forms.BooleanField(label=gettext_lazy("Shared with every technician"), required=False, initial=True)

    class Meta:
        model = CannedAnswer
        fields = ["title", "body_it", "body_en"]
        widgets = {"body_it": forms.Textarea(attrs={"rows": 6}), "body_en": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["shared"].initial = self.instance.shared


@staff_area
def canned_answers(request, pk=None):
    answer = get_object_or_404(canned.available_to(request.user), pk=pk) if pk else None
    form = CannedAnswerForm(request.POST if request.method == "POST" else None, instance=answer)
    if request.method == "POST" and form.is_valid():
        try:
            saved = canned.save_answer(answer=form.save(commit=False), by=request.user,
                                       shared=form.cleaned_data["shared"])
        except canned.CannedRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Canned answer “%(title)s” saved.") % {"title": saved.title})
            return redirect("console:canned_answers")
    order = "uses" if request.GET.get("order") == "uses" else "title"
    answers = canned.available_to(request.user).select_related("owner", "created_by")
    if order == "uses":
        answers = answers.order_by("-use_count", "title")
    answers = list(answers[:canned.MAX_LISTED])
    for item in answers:
        item.changeable = canned.may_change(request.user, item)
    return render(request, "console/canned_answers.html", {
        "answers": answers, "form": form, "editing": answer, "order": order,
        "placeholders": canned.PLACEHOLDERS.items(), "counts": sidebar_counts(request)})


@staff_area
@require_POST
def retire(request, pk):
    answer = get_object_or_404(canned.available_to(request.user), pk=pk)
    try:
        canned.retire_answer(answer=answer, by=request.user)
        messages.success(request, _("Canned answer “%(title)s” deleted.") % {"title": answer.title})
    except canned.CannedRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("console:canned_answers")


@staff_area
@require_POST
def fill(request, code, pk):
    """The answer's text for this ticket, for the composer to insert (JSON)."""
    ticket = get_object_or_404(_tickets(request).select_related("company", "contact"), code=code)
    answer = get_object_or_404(canned.available_to(request.user), pk=pk)
    return JsonResponse({"text": canned.fill(answer, ticket=ticket, technician=request.user)})
