"""`{% field form.name %}`: a form field with its label, help and errors, as every form
of ours draws it. It was `{% include "includes/field.html" with field=… %}` (95 places);
an include built a context and rendered a template per field (six fields: 0.46 ms, now
0.32, most of it the widgets themselves). The HTML is the template's, character for
character (a test compares them on every form's fields).
Installed as a template builtin (settings.TEMPLATES): no `{% load %}` needed."""

from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import mark_safe

register = template.Library()

REQUIRED = ' <span class="required" aria-hidden="true">*</span>'


@register.simple_tag(takes_context=True)
def field(context, bound):
    def text(value):   # what {{ value }} writes
        return render_value_in_context(value, context)

    errors = bound.errors
    parts = [f'<div class="field{" field-error" if errors else ""}">\n'
             f'  <label for="{text(bound.id_for_label)}">{text(bound.label)}'
             f'{REQUIRED if bound.field.required else ""}</label>\n'
             f'  {text(bound)}\n  ']
    if bound.help_text:
        parts.append(f'<p class="help" id="{text(bound.auto_id)}_helptext">{text(bound.help_text)}</p>')
    parts.append("\n  ")
    parts.extend(f'<p class="error" id="{text(bound.auto_id)}_error">{text(error)}</p>' for error in errors)
    parts.append("\n</div>\n")
    return mark_safe("".join(parts))
