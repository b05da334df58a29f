"""Releases of the vendor's software, their files, and who downloaded what.

Who sees a release is decided in one place, `Release.objects.visible_to(user)`:
staff see every release; a customer sees the published releases of the products
their company has an active maintenance or licence contract for (beta releases only
if the company opted in). Anything else is a 404, file addresses included."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.customers.ledger import today
from sportello.customers.models import Contract

from .versions import sort_key, validate_version


class ReleaseQuerySet(models.QuerySet):
    def visible_to(self, user, *, day=None):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_support_staff:
            return self
        contact = getattr(user, "contact", None)
        if contact is None or not contact.company.is_active:
            return self.none()
        return self.filter(state=Release.State.PUBLISHED,
                           product_id__in=covered_products(contact.company_id, day or today()),
                           **({} if contact.company.beta_releases else {"channel": Release.Channel.STABLE}))


def covered_products(company_id, day):
    """The products a company's contracts cover on `day` (a subquery)."""
    return (Contract.objects.filter(company_id=company_id, is_suspended=False, valid_from__lte=day,
                                    valid_until__gte=day).values("product_id"))


class Release(models.Model):
    class Channel(models.TextChoices):
        STABLE = "stable", _("Stable")
        BETA = "beta", _("Beta")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    product = models.ForeignKey("customers.SoftwareProduct", on_delete=models.PROTECT, related_name="releases",
                                verbose_name=_("product"))
    version = models.CharField(_("version"), max_length=40, validators=[validate_version])
    version_key = models.CharField(max_length=255, editable=False)
    released_on = models.DateField(_("release date"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.STABLE)
    notes = models.TextField(_("release notes"), blank=True, help_text=_("Markdown: **bold**, lists, links."))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.DRAFT)
    is_recommended = models.BooleanField(_("recommended"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["product", "-version_key"]
        constraints = [
            models.UniqueConstraint(fields=["product", "version"], name="release_version_unique"),
            models.UniqueConstraint(fields=["product"], condition=models.Q(is_recommended=True),
                                    name="release_one_recommended"),
        ]
        indexes = [models.Index(fields=["product", "state", "version_key"], name="release_product_idx")]

    def __str__(self):
        return f"{self.product} {self.version}"

    def save(self, *args, **kwargs):
        self.version_key = sort_key(self.version)
        super().save(*args, **kwargs)


class ReleaseFile(models.Model):
    class Kind(models.TextChoices):
        INSTALLER = "installer", _("Installer")
        UPDATE = "update", _("Update")
        MANUAL = "manual", _("Manual")
        OTHER = "other", _("Other")

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="files", verbose_name=_("release"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.INSTALLER)
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="releases/%Y/%m/", max_length=300)
    size = models.BigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    content_type = models.CharField(max_length=150, default="application/octet-stream")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Kept by each download that starts at the first byte, in its own transaction (a rollup:
    # the console never counts the log).
    download_count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("release file")
        verbose_name_plural = _("release files")
        ordering = ["release", "kind", "name"]

    def __str__(self):
        return self.name


class Download(models.Model):
    """One download (or one resumed part of it): who, which file, when, which bytes."""
    file = models.ForeignKey(ReleaseFile, on_delete=models.PROTECT, related_name="downloads",
                             verbose_name=_("file"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                             verbose_name=_("by"))
    company = models.ForeignKey("customers.Company", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("company"))
    started_at = models.DateTimeField(_("when"), default=timezone.now)
    first_byte = models.BigIntegerField(_("from byte"), default=0)
    bytes_requested = models.BigIntegerField(_("bytes requested"))
    bytes_sent = models.BigIntegerField(_("bytes sent"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-id"]
        indexes = [models.Index(fields=["company", "id"], name="download_company_idx")]

    @property
    def complete(self):
        return self.bytes_sent == self.bytes_requested


class InstalledVersion(models.Model):
    """The version a company says it runs, to tell it when an update is out."""
    company = models.ForeignKey("customers.Company", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey("customers.SoftwareProduct", on_delete=models.CASCADE, related_name="+")
    version = models.CharField(_("installed version"), max_length=40, validators=[validate_version])
    version_key = models.CharField(max_length=255, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company", "product"], name="installed_version_unique")]

    def save(self, *args, **kwargs):
        self.version_key = sort_key(self.version)
        super().save(*args, **kwargs)


class ReleaseNotice(models.Model):
    """The e-mail about a release to one person: at most one, whatever happens to the release."""
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "user"], name="release_notice_once")]
