"""The page an invitation's link opens: the colleague chooses a password and enters."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sportello.customers import people


@never_cache
def invitation(request, token):
    found = people.invitation_for(token)
    if found is None:
        return render(request, "accounts/invitation.html", {"invitation": None}, status=404)
    user = found.contact.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = people.accept(invitation=found, password=form.cleaned_data["new_password1"])
        except people.PeopleRefused as refusal:
            return render(request, "accounts/invitation.html", {"invitation": None, "refusal": refusal.message},
                          status=409)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Sportello, %(name)s.") % {"name": user.full_name})
        return redirect("portal:tickets")
    return render(request, "accounts/invitation.html", {"invitation": found, "form": form})
