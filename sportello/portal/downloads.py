"""Downloads in the reserved area: the releases of the products the company's
contracts cover, their files (resumable downloads, checksums), the version the
company runs, and the e-mails about new releases. Everything read here goes through
`Release.objects.visible_to`, so a guessed address is a 404 like any other."""

from django import forms
from django.contrib import messages
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sportello.access import customer_area
from sportello.customers.ledger import today
from sportello.customers.models import Company, Contact, SoftwareProduct
from sportello.markdown import render as markdown
from sportello.releases.models import InstalledVersion, Release, ReleaseFile, covered_products
from sportello.releases.publishing import record_installed_version, updates_for
from sportello.releases.streaming import release_file_response
from sportello.releases.versions import validate_version
from sportello.text import CleanTextForm

NEWEST_PER_PRODUCT = 5


class InstalledVersionForm(CleanTextForm, forms.Form):
    product = forms.ModelChoiceField(queryset=SoftwareProduct.objects.none(), widget=forms.HiddenInput)
    version = forms.CharField(label=gettext_lazy("Version installed"), max_length=40, validators=[validate_version])

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = SoftwareProduct.objects.filter(pk__in=covered_products(company.pk, today()))


@customer_area
def downloads(request):
    contact = request.user.contact
    releases = Release.objects.visible_to(request.user).select_related("product")
    product = request.GET.get("product", "")
    if product.isdigit() and len(product) < 19:
        releases = releases.filter(product_id=int(product))   # every version of one product
    else:
        product = ""
        releases = releases.annotate(rank=Window(RowNumber(), partition_by=F("product_id"),
                                                 order_by=F("version_key").desc())).filter(
            rank__lte=NEWEST_PER_PRODUCT)
    releases = releases.order_by("product__name", "-version_key").prefetch_related(
        Prefetch("files", queryset=ReleaseFile.objects.order_by("kind", "name")))
    installed = {row.product_id: row.version
                 for row in InstalledVersion.objects.filter(company_id=contact.company_id)}
    products = {}
    for release in releases:
        release.notes_html = markdown(release.notes)
        products.setdefault(release.product, []).append(release)
    return render(request, "portal/downloads.html", {
        "products": [(item, rows, installed.get(item.pk, "")) for item, rows in products.items()],
        "one_product": bool(product), "newest": NEWEST_PER_PRODUCT, "updates": updates_for(request.user),
        "contact": contact, "company": contact.company,
    })


@customer_area
@require_http_methods(["GET", "HEAD"])
def download(request, pk, name):
    release_file = get_object_or_404(ReleaseFile.objects.select_related("release"), pk=pk, name=name,
                                     release__in=Release.objects.visible_to(request.user))
    return release_file_response(request, release_file, company=request.user.contact.company)


@customer_area
@require_POST
def installed_version(request):
    company = request.user.contact.company
    form = InstalledVersionForm(request.POST, company=company)
    if form.is_valid():
        record_installed_version(company=company, by=request.user, **form.cleaned_data)
        messages.success(request, _("Installed version recorded: %(product)s %(version)s.") % {
            "product": form.cleaned_data["product"], "version": form.cleaned_data["version"]})
    else:
        errors = form.errors.get("version") or form.errors.get("product")
        messages.error(request, errors[0] if errors else _("The version could not be recorded."))
    return redirect("portal:downloads")


@customer_area
@require_POST
def preferences(request):
    """Each person chooses the e-mails for themself; beta releases are the company's
    choice, so only its administrators make it."""
    contact = request.user.contact
    if "beta_releases" in request.POST:
        if not contact.is_company_admin:
            raise Http404
        Company.objects.filter(pk=contact.company_id).update(beta_releases=request.POST["beta_releases"] == "1")
    else:
        Contact.objects.filter(pk=contact.pk).update(release_news=request.POST.get("release_news") == "on")
    messages.success(request, _("Preferences saved."))
    return redirect("portal:downloads")
