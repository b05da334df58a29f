from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views import i18n as i18n_views

from .forms import EmailLoginForm, OutboxPasswordResetForm


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO:
            from sportello.demo.data import CONTACTS, DEMO_PASSWORD, STAFF

            context["demo_logins"] = [(email, name) for email, name, *_ in CONTACTS + STAFF]
            context["demo_password"] = DEMO_PASSWORD
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def set_language(request):
    """Django's language switcher, which also remembers the choice on the account."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def home(request):
    """Send each visitor to their own area."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.is_supervisor:
        return redirect("console:dashboard")
    if request.user.is_support_staff:
        return redirect("console:queue")
    return redirect("portal:tickets")
