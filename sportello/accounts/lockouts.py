"""Login throttling with django-axes: 5 wrong passwords for one account within 15
minutes lock that account for 15 minutes (even the right password is refused),
and one client address is locked after many more failures across accounts.

axes has a single failure limit for every lockout parameter. An office of twenty
accountants behind one NAT address must not be locked out because two of them
mistyped, so the address counts with a larger allowance: its failures are scaled
down to the account's scale before axes compares them with the limit."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone


class AccountAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        by_account, by_address = (attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
                                  for attempts in self.get_user_attempts(request, credentials))
        scaled = by_address * settings.AXES_FAILURE_LIMIT // settings.SPORTELLO_LOGIN_FAILURES_PER_ADDRESS
        return max(by_account, scaled)


def normalised_username(request, credentials):
    """"Mario@Acme.example " and "mario@acme.example" are one account."""
    typed = (credentials or {}).get("username") or (request.POST.get("username") if request is not None else "")
    return str(typed or "").strip().lower() or None


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with the reason, in the person's language (429)."""
    from .forms import EmailLoginForm

    # An unbound form: validating it would try the password again, and count another failure.
    username = get_client_username(request, credentials) or ""
    form = EmailLoginForm(request, initial={"username": username})
    return render(request, "accounts/login.html", {
        "form": form, "locked_out": True, "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "username": username}, status=429)


def current_lockouts(limit=200):
    """Accounts and addresses locked now, most recent first."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    accounts = (recent.values("username").annotate(failures=Sum("failures_since_start"))
                .filter(failures__gte=settings.AXES_FAILURE_LIMIT).order_by("username")[:limit])
    return list(accounts)


def lift_lockout(username):
    """A supervisor unlocks an account before its cool-down ends."""
    return reset(username=username)
