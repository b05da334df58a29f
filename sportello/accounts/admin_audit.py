"""Changes made in /admin/ that the audit trail must show (roles, company
administrators, integration tokens, calendars, service levels)."""

from . import audit


def record_changed_fields(request, form, audited, *, target=None, company=None):
    """One audit row per audited field the admin form changed (or set on a new row)."""
    for name, kind in audited.items():
        if name not in form.changed_data:
            continue
        old, new = form.initial.get(name, ""), form.cleaned_data.get(name, "")
        audit.record(kind, actor=request.user, target=target or str(form.instance), company=company,
                     detail=f"{name}: {_shown(old)} → {_shown(new)}")


def _shown(value):
    if isinstance(value, bool):
        return "sì" if value else "no"
    return value if value not in (None, "") else "—"


class AuditedFieldsAdmin:
    """Admin mixin: `audited_fields` = {field name: audit kind}, on the row and on its inlines."""

    audited_fields = {}

    def audit_context(self, obj):
        return {"target": str(obj), "company": None}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_changed_fields(request, form, self.audited_fields, **self.audit_context(obj))

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        audited = getattr(formset, "audited_fields", None) or getattr(self, "inline_audited_fields", {})
        for inline_form in formset.forms:
            if inline_form.instance.pk and inline_form.has_changed() and inline_form not in formset.deleted_forms:
                record_changed_fields(request, inline_form, audited, **self.audit_context(inline_form.instance))
