"""What supervisors do with releases — prepare, add files, publish, recommend,
withdraw — and what customers record (the version they run). Each change is one
transaction with its audit row; publishing writes the e-mails to the people who
asked for them in the same transaction, at most one per person and release."""

from dataclasses import dataclass

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.accounts import audit
from sportello.customers.ledger import today
from sportello.customers.models import Contact, Contract
from sportello.outbox import emails
from sportello.refusals import Refused
from sportello.tickets.files import FileRefused, check_name

from .models import InstalledVersion, Release, ReleaseFile, ReleaseNotice
from .versions import sort_key


class ReleaseRefused(Refused):
    pass


def _locked(release):
    return Release.objects.select_for_update(no_key=True).select_related("product").get(pk=release.pk)


def create_release(*, product, version, released_on, channel, notes, by):
    try:
        with transaction.atomic():
            return Release.objects.create(product=product, version=version, released_on=released_on,
                                          channel=channel, notes=notes, created_by=by)
    except IntegrityError:
        raise ReleaseRefused(_("Version %(version)s of %(product)s already exists.")
                             % {"version": version, "product": product}) from None


def add_file(*, release, uploaded, kind, by):
    """`uploaded`: a file received by the streaming upload handler (size and SHA-256
    known, already on disk), written to storage without being read whole."""
    try:
        name = check_name(uploaded.name)
    except FileRefused as refusal:
        raise ReleaseRefused(refusal.message) from None
    if not uploaded.size:
        raise ReleaseRefused(_("“%(name)s” is empty.") % {"name": name})
    release_file = ReleaseFile(release=release, kind=kind, name=name, size=uploaded.size, sha256=uploaded.sha256,
                               uploaded_by=by)
    uploaded.seek(0)
    release_file.file.save("release", File(uploaded), save=False)
    try:
        with transaction.atomic():
            _locked(release)
            release_file.save()
    except Exception:
        release_file.file.delete(save=False)
        raise
    return release_file


def remove_file(*, release_file, by):
    """Only from a release nobody has seen yet (a draft); published files stay."""
    with transaction.atomic():
        release = _locked(release_file.release)
        if release.state != Release.State.DRAFT:
            raise ReleaseRefused(_("Files of a published release are kept: withdraw the release instead."))
        release_file.delete()
        audit.record(audit.Kind.RELEASE_CHANGED, actor=by, target=str(release), detail=f"removed {release_file.name}")
    transaction.on_commit(lambda: release_file.file.delete(save=False))


def publish(*, release, recommended, by):
    """Draft or withdrawn → published. The first publication e-mails the people who
    opted in; publishing again after a withdrawal e-mails nobody twice."""
    with transaction.atomic():
        release = _locked(release)
        if release.state == Release.State.PUBLISHED:
            return release, 0
        if not release.files.exists():
            raise ReleaseRefused(_("Add at least one file before publishing."))
        release.state = Release.State.PUBLISHED
        release.published_at = release.published_at or timezone.now()
        release.save(update_fields=["state", "published_at"])
        if recommended and release.channel == Release.Channel.STABLE:
            _recommend(release)
        audit.record(audit.Kind.RELEASE_CHANGED, actor=by, target=str(release), detail="published")
        told = _tell_subscribers(release)
    return release, told


def withdraw(*, release, by):
    """Hidden from customers at once; the files stay, and it can be published again."""
    with transaction.atomic():
        release = _locked(release)
        if release.state != Release.State.PUBLISHED:
            return release
        release.state = Release.State.WITHDRAWN
        release.is_recommended = False
        release.save(update_fields=["state", "is_recommended"])
        audit.record(audit.Kind.RELEASE_CHANGED, actor=by, target=str(release), detail="withdrawn")
    return release


def recommend(*, release, by):
    with transaction.atomic():
        release = _locked(release)
        if release.state != Release.State.PUBLISHED or release.channel != Release.Channel.STABLE:
            raise ReleaseRefused(_("Only a published stable release can be recommended."))
        _recommend(release)
        audit.record(audit.Kind.RELEASE_CHANGED, actor=by, target=str(release), detail="recommended")
    return release


def _recommend(release):
    # One recommended release per product (a unique index holds it; the product row lock
    # makes two supervisors take turns rather than fail).
    type(release.product).objects.select_for_update(no_key=True).get(pk=release.product_id)
    Release.objects.filter(product_id=release.product_id, is_recommended=True).exclude(pk=release.pk).update(
        is_recommended=False)
    Release.objects.filter(pk=release.pk).update(is_recommended=True)
    release.is_recommended = True


def subscribers(release, *, day=None):
    """People who asked to hear about new releases and may download this one."""
    day = day or today()
    companies = Contract.objects.filter(product_id=release.product_id, is_suspended=False, valid_from__lte=day,
                                        valid_until__gte=day).values("company_id")
    people = Contact.objects.filter(release_news=True, user__is_active=True, company__is_active=True,
                                    company_id__in=companies)
    if release.channel == Release.Channel.BETA:
        people = people.filter(company__beta_releases=True)
    return people.select_related("user")


def _tell_subscribers(release):
    told_before = set(ReleaseNotice.objects.filter(release=release).values_list("user_id", flat=True))
    told = 0
    for contact in subscribers(release).order_by("pk").iterator(chunk_size=500):
        if contact.user_id in told_before:
            continue
        ReleaseNotice.objects.create(release=release, user=contact.user)
        emails.queue_release_notice(user=contact.user, release=release)
        told += 1
    return told


def record_installed_version(*, company, product, version, by):
    InstalledVersion.objects.update_or_create(company=company, product=product, defaults={
        "version": version, "version_key": sort_key(version), "recorded_by": by, "recorded_at": timezone.now()})


@dataclass
class Update:
    product: object
    installed: str
    release: Release


def updates_for(user):
    """The recommended releases newer than what the user's company runs (two queries)."""
    contact = user.contact
    installed = {row.product_id: row for row in InstalledVersion.objects.filter(company_id=contact.company_id)}
    if not installed:
        return []
    recommended = (Release.objects.visible_to(user).filter(is_recommended=True, product_id__in=installed)
                   .select_related("product"))
    return [Update(release.product, installed[release.product_id].version, release) for release in recommended
            if release.version_key > installed[release.product_id].version_key]
