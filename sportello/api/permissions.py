"""What a caller may do: the token's scopes (a session has the person's own rights)."""

from rest_framework import permissions

from .models import PERSONAL_SCOPES, ApiToken, Scope


def scopes_of(request):
    """The scopes of this call. A browser session gets what a personal token of the
    same person could get, so the documentation's "Try it" shows the truth."""
    if isinstance(request.auth, ApiToken):
        return set(request.auth.scopes)
    user = request.user
    if not user.is_authenticated:
        return set()
    return set(PERSONAL_SCOPES) | ({Scope.PACKAGES_WRITE} if user.is_supervisor else set())


class HasScope(permissions.BasePermission):
    """The view names `read_scope` and `write_scope`; safe methods need the first."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        needed = view.read_scope if request.method in permissions.SAFE_METHODS else view.write_scope
        needed = getattr(view, "action_scopes", {}).get(getattr(view, "action", None), needed)
        return needed in scopes_of(request)
