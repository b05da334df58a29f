"""The pages where tokens are made and revoked: supervisors make integration tokens in
the console; anyone makes personal tokens on their own account page. The secret is
shown once, on the answer to the form, and never stored."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import supervisors_only
from sportello.customers.company_field import CompanyField
from sportello.text import CleanTextForm

from . import tokens
from .models import PERSONAL_SCOPES, ApiToken, Scope


class TokenForm(CleanTextForm, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("What uses it, e.g. “Billing” or “My Excel sheet”."))
    scopes = forms.MultipleChoiceField(label=gettext_lazy("Permissions"), widget=forms.CheckboxSelectMultiple,
                                       choices=Scope.choices)
    company = CompanyField(label=gettext_lazy("Only for company"), required=False,
                           help_text=gettext_lazy("Empty: all companies."))

    def __init__(self, *args, personal, **kwargs):
        super().__init__(*args, **kwargs)
        if personal:
            del self.fields["company"]
            self.fields["scopes"].choices = [(s.value, s.label) for s in PERSONAL_SCOPES]


def _page(request, *, personal, form=None, secret=None):
    if personal:
        rows = ApiToken.objects.filter(user=request.user, kind=ApiToken.Kind.PERSONAL)
        base = "console/base.html" if request.user.is_support_staff else "portal/base.html"
    else:
        rows = ApiToken.objects.filter(kind=ApiToken.Kind.INTEGRATION).select_related("company", "created_by")
        base = "console/base.html"
    from sportello.console.views import sidebar_counts

    return render(request, "api/tokens.html", {
        "counts": sidebar_counts(request) if request.user.is_support_staff else None, "personal": personal, "tokens": rows[:200], "form": form or TokenForm(personal=personal),
        "secret": secret, "base_template": base})


def _create(request, *, personal):
    form = TokenForm(request.POST or None, personal=personal)
    if request.method != "POST" or not form.is_valid():
        return _page(request, personal=personal, form=form)
    data = form.cleaned_data
    if personal:
        _token, secret = tokens.create_personal_token(user=request.user, name=data["name"], scopes=data["scopes"])
    else:
        _token, secret = tokens.create_integration_token(name=data["name"], scopes=data["scopes"],
                                                         company=data["company"], by=request.user)
    return _page(request, personal=personal, secret=secret)


@supervisors_only
def integration_tokens(request):
    return _create(request, personal=False)


@login_required
def personal_tokens(request):
    return _create(request, personal=True)


@login_required
@require_POST
def revoke(request, pk):
    mine = ApiToken.objects.filter(kind=ApiToken.Kind.PERSONAL, user=request.user)
    if request.user.is_supervisor:
        mine = mine | ApiToken.objects.filter(kind=ApiToken.Kind.INTEGRATION)
    token = get_object_or_404(mine, pk=pk)
    if tokens.revoke(token=token, by=request.user):
        messages.success(request, _("The token “%(name)s” has been revoked: it no longer works.")
                         % {"name": token.name})
    return redirect("console:api_tokens" if token.is_integration else "accounts:api_tokens")
