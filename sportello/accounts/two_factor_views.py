"""The second step of logging in, and enrolling an authenticator app."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor
from .forms import CodeForm

RECOVERY_SESSION_KEY = "sportello_new_recovery_codes"


def _next(request, default="/"):
    """Where to go afterwards: a path on this site, or `default`. ("0" or "home" are not
    paths; redirect() would take them for view names.)"""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                  require_https=request.is_secure()):
        return target
    return default


@login_required
def verify(request):
    """Second step: the code from the app, or a recovery code."""
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next(request))
    if not user.two_factor_enabled:
        return redirect(f"{_url('accounts:two_factor_setup')}?{urlencode({'next': _next(request, '')})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.remaining_recovery_codes(user)
                messages.warning(request, _("You used a recovery code: %(left)s are left. Create new ones from "
                                            "your profile if you are running out.") % {"left": left})
            return HttpResponseRedirect(_next(request))
        form.add_error("code", _("This code is not valid. Check the time on your phone and type the code "
                                 "shown now, or use a recovery code."))
    return render(request, "accounts/verify.html", {
        "form": form, "next": _next(request, ""), "demo_code": two_factor.demo_code(user)})


@login_required
def setup(request):
    """Enrolment: scan the QR code, type the first code, keep the recovery codes."""
    user = request.user
    if user.two_factor_enabled:
        # Re-enrolling needs the current second factor: a stolen password alone must not
        # be enough to replace it.
        if not user.is_verified():
            return redirect(f"{_url('accounts:verify')}?{urlencode({'next': _url('accounts:two_factor_setup')})}")
        if request.method == "GET" and not request.GET.get("again"):
            return redirect("accounts:profile")
    device = two_factor.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session[RECOVERY_SESSION_KEY] = codes
            messages.success(request, _("Two-step verification is on."))
            return redirect(f"{_url('accounts:recovery_codes')}?{urlencode({'next': _next(request, '')})}")
        form.add_error("code", _("This code is not valid. Check that the phone's clock is right and type the "
                                 "code the app shows now."))
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_code": two_factor.qr_code_svg(device), "key": two_factor.readable_key(device),
        "mandatory": user.is_support_staff or user.is_superuser, "next": _next(request, "")})


@login_required
def recovery_codes(request):
    """Shown once, right after they are made."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:profile")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})


def _url(name):
    from django.urls import reverse

    return reverse(name)
