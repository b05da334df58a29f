from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from sportello.outbox import emails
from sportello.text import CleanTextForm


class EmailLoginForm(CleanTextForm, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("E-mail address or password is not correct. Please try again."),
        "inactive": _("This account is disabled."),
    }


class OutboxPasswordResetForm(CleanTextForm, PasswordResetForm):
    """Password reset whose e-mail goes through the outbox, never inside the request."""

    def send_mail(self, subject_template_name, email_template_name, context,
                  from_email, to_email, html_email_template_name=None):
        emails.queue_password_reset(user=context["user"], context=context)


class CodeForm(CleanTextForm, forms.Form):
    code = forms.CharField(
        label=_("Verification code"), max_length=32,
        help_text=_("The six digits shown by your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))


class SportelloPasswordChangeForm(CleanTextForm, PasswordChangeForm):
    pass
