import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


def new_session_salt():
    return secrets.token_hex(16)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", User.Role.SUPERVISOR)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        # People type their address with any capitalisation; it is kept in lower case
        # (save), so the unique index answers instead of a scan of every account.
        return self.get(email=(username or "").strip().lower())


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who logs in: a customer contact or a member of staff.

    Customers also have a `customers.Contact` row tying them to one company.
    """

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("Available")
        BREAK = "break", _("On a break")
        OFF_DUTY = "off", _("Off duty")

    class Role(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        TECHNICIAN = "technician", _("Technician")
        SUPERVISOR = "supervisor", _("Supervisor")
        # The service account of an API integration token: acts through the API only, never logs in.
        INTEGRATION = "integration", _("Integration")

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.CUSTOMER)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Part of every session's signature: a new value ends all of the account's sessions.
    session_salt = models.CharField(max_length=32, default=new_session_salt, editable=False)
    # A confirmed second factor (staff must have one; customers may opt in). Kept on the
    # row so that checking it costs no query on every request.
    two_factor_enabled = models.BooleanField(_("two-step verification"), default=False)
    # Staff only, at most once a minute (accounts.middleware.PresenceMiddleware): who is at the desk.
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    # Technicians say whether they take tickets now; automatic assignment (when a supervisor
    # turns it on) gives new tickets only to those "available", the least loaded first.
    availability = models.CharField(_("availability"), max_length=10, choices=Availability,
                                    default=Availability.OFF_DUTY)
    last_assigned_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def _get_session_auth_hash(self, secret=None):
        # Django signs sessions with the password hash; the salt lets "log out everywhere"
        # (and a supervisor resetting a second factor) end sessions without a new password.
        key_salt = "sportello.accounts.User.session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.session_salt}", secret=secret,
                           algorithm="sha256").hexdigest()

    def end_all_sessions(self):
        """Every session of this account stops working at its next request."""
        self.session_salt = new_session_salt()
        User.objects.filter(pk=self.pk).update(session_salt=self.session_salt)

    @property
    def requires_second_factor(self):
        """Staff (and anyone reaching /admin/) always; customers once they opted in."""
        return self.is_support_staff or self.is_superuser or self.two_factor_enabled

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_support_staff(self):
        """Technicians and supervisors work in the console."""
        return self.role in (self.Role.TECHNICIAN, self.Role.SUPERVISOR)

    @property
    def speaks_for_desk(self):
        """Staff, and the integrations that write on the desk's behalf through the API."""
        return self.is_support_staff or self.role == self.Role.INTEGRATION

    @property
    def is_supervisor(self):
        return self.role == self.Role.SUPERVISOR or self.is_superuser

    # Django admin is the supervisors' back office.
    @property
    def is_staff(self):
        return self.is_active and self.is_supervisor

    def has_perm(self, perm, obj=None):
        return self.is_active and self.is_supervisor or super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        return self.is_active and self.is_supervisor or super().has_module_perms(app_label)
