"""Who may enter which area. What they may see inside is `Ticket.objects.visible_to`."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from sportello.customers.models import Contact


def customer_area(view):
    """The reserved area: customers only; staff are sent to their console."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_support_staff:
            return redirect("console:queue")
        # The contact with its company, in one query: nearly every page of the area uses both.
        contact = Contact.objects.select_related("company").filter(user_id=request.user.pk).first()
        if contact is None:
            raise PermissionDenied
        request.user.contact = contact
        return view(request, *args, **kwargs)

    return wrapper


def staff_area(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_support_staff:
            return redirect("portal:tickets")
        return view(request, *args, **kwargs)

    return wrapper


def supervisors_only(view):
    @staff_area
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_supervisor:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
