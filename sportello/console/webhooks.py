"""Supervisors register the other systems' webhook endpoints, see their secret to
verify signatures, and send again what failed."""

import secrets

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import supervisors_only
from sportello.accounts import audit
from sportello.outbox.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from sportello.outbox.webhooks import send_again
from sportello.text import CleanTextForm

from .views import sidebar_counts


class EndpointForm(CleanTextForm, forms.ModelForm):
    events = forms.MultipleChoiceField(label=gettext_lazy("Events"), choices=WebhookEvent.choices,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events"]
        help_texts = {"url": gettext_lazy("Where Sportello sends a POST for each event, e.g. "
                                          "https://erp.example.com/hooks/sportello.")}

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Use an http:// or https:// address."), code="scheme")
        return url


@supervisors_only
def webhooks(request):
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint = form.save(commit=False)
        endpoint.secret, endpoint.created_by = secrets.token_hex(32), request.user
        endpoint.save()
        audit.record(audit.Kind.WEBHOOK_CHANGED, actor=request.user, target=endpoint.name,
                     detail=f"registered {endpoint.url} {' '.join(endpoint.events)}")
        messages.success(request, _("Webhook “%(name)s” registered.") % {"name": endpoint.name})
        return redirect("console:webhooks")
    failed = (WebhookDelivery.objects.filter(state=WebhookDelivery.State.FAILED).select_related("endpoint")
              .order_by("-id")[:50])
    return render(request, "console/webhooks.html", {
        "form": form, "endpoints": WebhookEndpoint.objects.all()[:100], "failed": failed,
        "counts": sidebar_counts(request)})


@supervisors_only
@require_POST
def toggle_webhook(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    endpoint.is_active = not endpoint.is_active
    endpoint.save(update_fields=["is_active"])
    audit.record(audit.Kind.WEBHOOK_CHANGED, actor=request.user, target=endpoint.name,
                 detail="resumed" if endpoint.is_active else "paused")
    messages.success(request, (_("“%(name)s” receives events again.") if endpoint.is_active
                               else _("“%(name)s” no longer receives events.")) % {"name": endpoint.name})
    return redirect("console:webhooks")


@supervisors_only
@require_POST
def resend_webhook(request, pk):
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    if send_again(delivery):
        messages.success(request, _("The event will be sent again now."))
    return redirect("console:webhooks")
