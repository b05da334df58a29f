"""Software releases in the console: supervisors add products, prepare a release
with its files (streamed to storage, size and SHA-256 computed on the way), publish,
recommend or withdraw it; every technician can read them, download the files and see
who downloaded what."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sportello.access import staff_area, supervisors_only
from sportello.customers.ledger import today
from sportello.customers.models import SoftwareProduct
from sportello.keyset import keyset_page
from sportello.markdown import render as markdown
from sportello.releases import publishing
from sportello.releases.models import Download, Release, ReleaseFile
from sportello.releases.streaming import release_file_response
from sportello.text import CleanTextForm
from sportello.tickets.files import shown_name
from sportello.tickets.uploads import StreamingUploadHandler, streamed_uploads

from .forms import DateInput
from .views import sidebar_counts


class ReleaseUploadHandler(StreamingUploadHandler):
    limit_setting = "SPORTELLO_MAX_RELEASE_MB"


class ProductForm(CleanTextForm, forms.ModelForm):
    class Meta:
        model = SoftwareProduct
        fields = ["name"]
        labels = {"name": gettext_lazy("New product")}


class ReleaseForm(CleanTextForm, forms.ModelForm):
    kind = forms.ChoiceField(label=gettext_lazy("The files are"), choices=ReleaseFile.Kind.choices)
    publish = forms.BooleanField(label=gettext_lazy("Publish now (customers see it and the e-mails leave)"),
                                 required=False, initial=True)
    recommended = forms.BooleanField(label=gettext_lazy("Recommended version (customers on an older one are told)"),
                                     required=False, initial=True)

    class Meta:
        model = Release
        fields = ["product", "version", "released_on", "channel", "notes"]
        widgets = {"released_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"version": gettext_lazy("For example 4.6, 4.6.1 or 5.0 RC1: versions are sorted as numbers.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].empty_label = None
        self.fields["released_on"].initial = today()


class AddFilesForm(CleanTextForm, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The files are"), choices=ReleaseFile.Kind.choices)


def _uploaded_files(request, form):
    """The files of the request, or errors on `form` (too large, none at all)."""
    form.is_valid()   # errors can be added only to a cleaned form
    limit = filesizeformat(settings.SPORTELLO_MAX_RELEASE_MB * 1024 * 1024)
    files = request.FILES.getlist("files")   # parses the body: oversized files are known only after this
    for name in request.oversized_uploads:
        form.add_error(None, _("“%(name)s” is too large: the limit is %(limit)s per file.")
                       % {"name": shown_name(name), "limit": limit})
    if not files and not request.oversized_uploads:
        form.add_error(None, _("Choose at least one file."))
    return files


def _store(request, release, files, kind):
    stored = 0
    for uploaded in files:
        try:
            publishing.add_file(release=release, uploaded=uploaded, kind=kind, by=request.user)
            stored += 1
        except publishing.ReleaseRefused as refusal:
            messages.error(request, refusal.message)
    return stored


@staff_area
@require_http_methods(["GET", "POST"])
@streamed_uploads(handler=ReleaseUploadHandler)
def releases(request):
    form = ReleaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not request.user.is_supervisor:
            return redirect("console:releases")
        files = _uploaded_files(request, form)
        if form.is_valid():
            data = form.cleaned_data
            try:
                release = publishing.create_release(by=request.user, **{
                    name: data[name] for name in ("product", "version", "released_on", "channel", "notes")})
            except publishing.ReleaseRefused as refusal:
                form.add_error("version", refusal.message)
            else:
                if _store(request, release, files, data["kind"]) == len(files) and data["publish"]:
                    _publish(request, release, data["recommended"])
                else:
                    messages.success(request, _("Release saved as a draft: check its files, then publish it."))
                return redirect("console:release", pk=release.pk)
    page = keyset_page(Release.objects.select_related("product").annotate(
        file_count=Count("files"), downloads=Sum("files__download_count")), request.GET, size=25)
    return render(request, "console/releases.html", {
        "form": form, "page": page, "products": SoftwareProduct.objects.all()[:200], "product_form": ProductForm(),
        "limit": settings.SPORTELLO_MAX_RELEASE_MB * 1024 * 1024, "counts": sidebar_counts(request)})


def _publish(request, release, recommended):
    try:
        release, told = publishing.publish(release=release, recommended=recommended, by=request.user)
    except publishing.ReleaseRefused as refusal:
        messages.error(request, refusal.message)
        return
    messages.success(request, _("%(release)s published; e-mails to %(count)s people who asked for them.")
                     % {"release": release, "count": told})


@supervisors_only
@require_POST
def add_product(request):
    form = ProductForm(request.POST)
    if form.is_valid():
        form.save()
        messages.success(request, _("Product “%(name)s” added.") % {"name": form.cleaned_data["name"]})
    else:
        messages.error(request, form.errors["name"][0])
    return redirect("console:releases")


@staff_area
@require_http_methods(["GET", "POST"])
@streamed_uploads(handler=ReleaseUploadHandler)
def release_detail(request, pk):
    release = get_object_or_404(Release.objects.select_related("product", "created_by"), pk=pk)
    form = AddFilesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and request.user.is_supervisor:
        files = _uploaded_files(request, form)
        if form.is_valid():
            if stored := _store(request, release, files, form.cleaned_data["kind"]):
                messages.success(request, _("Files added: %(count)s.") % {"count": stored})
            return redirect("console:release", pk=pk)
    return render(request, "console/release_detail.html", {
        "release": release, "notes_html": markdown(release.notes), "files": release.files.order_by("kind", "name"),
        "downloads": Download.objects.filter(file__release=release).select_related("file", "user", "company")[:30],
        "form": form, "counts": sidebar_counts(request)})


@supervisors_only
@require_POST
def change_release(request, pk):
    release = get_object_or_404(Release, pk=pk)
    action = request.POST.get("action")
    if action == "publish":
        _publish(request, release, request.POST.get("recommended") == "on")
    elif action == "withdraw":
        publishing.withdraw(release=release, by=request.user)
        messages.success(request, _("%(release)s withdrawn: customers no longer see it.") % {"release": release})
    elif action == "recommend":
        try:
            publishing.recommend(release=release, by=request.user)
            messages.success(request, _("%(release)s is now the recommended version.") % {"release": release})
        except publishing.ReleaseRefused as refusal:
            messages.error(request, refusal.message)
    return redirect("console:release", pk=pk)


@supervisors_only
@require_POST
def remove_file(request, pk):
    release_file = get_object_or_404(ReleaseFile.objects.select_related("release"), pk=pk)
    try:
        publishing.remove_file(release_file=release_file, by=request.user)
        messages.success(request, _("“%(name)s” removed.") % {"name": release_file.name})
    except publishing.ReleaseRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("console:release", pk=release_file.release_id)


@staff_area
@require_http_methods(["GET", "HEAD"])
def download(request, pk, name):
    release_file = get_object_or_404(ReleaseFile, pk=pk, name=name)
    return release_file_response(request, release_file)


@staff_area
def download_log(request):
    page = keyset_page(Download.objects.select_related("file__release__product", "user", "company"), request.GET,
                       size=50)
    return render(request, "console/download_log.html", {"page": page, "counts": sidebar_counts(request)})
