"""A person's own account: password, two-step verification, sessions."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit, two_factor
from .forms import CodeForm, SportelloPasswordChangeForm
from .two_factor_views import RECOVERY_SESSION_KEY


@login_required
def profile(request):
    user = request.user
    return render(request, "accounts/profile.html", {
        "recovery_left": two_factor.remaining_recovery_codes(user) if user.two_factor_enabled else 0,
        "may_disable": user.two_factor_enabled and not (user.is_support_staff or user.is_superuser),
        "code_form": CodeForm(), "base_template": _base(user)})


def _base(user):
    return "console/base.html" if user.is_support_staff else "portal/base.html"


@login_required
def password_change(request):
    """A new password ends every other session of the account (Django signs sessions
    with the password hash); this one goes on."""
    form = SportelloPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        audit.record(audit.Kind.PASSWORD_CHANGED, actor=user, target=user.email)
        messages.success(request, _("Your password has been changed. Any other session of your account has "
                                    "been closed."))
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form, "base_template": _base(request.user)})


@login_required
@require_POST
def logout_everywhere(request):
    """On every browser and device, including this one."""
    user = request.user
    user.end_all_sessions()
    audit.record(audit.Kind.LOGOUT_EVERYWHERE, actor=user, target=user.email)
    logout(request)
    messages.success(request, _("You have been logged out on every device. Log in again to continue."))
    return redirect("accounts:login")


@login_required
@require_POST
def new_recovery_codes(request):
    user = request.user
    if not user.two_factor_enabled or not user.is_verified():
        return redirect("accounts:profile")
    request.session[RECOVERY_SESSION_KEY] = two_factor.issue_recovery_codes(user)
    audit.record(audit.Kind.RECOVERY_CODES, actor=user, target=user.email)
    return redirect("accounts:recovery_codes")


@login_required
@require_POST
def disable_two_factor(request):
    """Customers only (staff must keep it), and only with a current code."""
    user = request.user
    if user.is_support_staff or user.is_superuser or not user.two_factor_enabled:
        return redirect("accounts:profile")
    form = CodeForm(request.POST)
    if not form.is_valid() or two_factor.check_code(user, form.cleaned_data["code"]) is None:
        messages.error(request, _("The code is not valid: two-step verification is still on."))
        return redirect("accounts:profile")
    two_factor.remove_second_factor(user=user, by=user, kind=audit.Kind.SECOND_FACTOR_DISABLED)
    logout(request)
    messages.success(request, _("Two-step verification is off. Log in again with your password."))
    return redirect("accounts:login")
