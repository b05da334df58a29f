"""Company cards, package purchases and adjustments, and the supervisors' list of
companies running low or about to expire."""


from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import staff_area, supervisors_only
from sportello.accounts import audit
from sportello.customers import contracts, ledger
from sportello.customers.contracts import company_contracts
from sportello.customers.models import Company, Contract, LedgerEntry, PackagePolicy
from sportello.customers.watch import packages_to_watch
from sportello.keyset import keyset_page
from sportello.tickets.models import Ticket
from sportello.web import exports
from sportello.web.labels import labels

from .forms import AdjustmentForm, CompanySearchForm, ContractForm, PurchaseForm
from .views import sidebar_counts


@staff_area
def company_list(request):
    form = CompanySearchForm(request.GET)
    companies = Company.objects.all()
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        companies = companies.filter(Q(name__icontains=query) | Q(customer_code__iexact=query)
                                     | Q(vat_number__icontains=query))
    page = keyset_page(companies, request.GET, size=50, descending=False)
    return render(request, "console/company_list.html", {
        "form": form, "page": page, "counts": sidebar_counts(request)})


@staff_area
def company_card(request, pk, forms=None):
    company = get_object_or_404(Company, pk=pk)
    forms = forms or {}
    return render(request, "console/company_card.html", {
        "company": company,
        "contacts": company.contacts.select_related("user").order_by("user__full_name"),
        "balance": ledger.company_balance(company),
        "movements": ledger.movements(company)[:30],
        "tickets": Ticket.objects.visible_to(request.user).filter(company=company).select_related("request_type")
        .order_by("-id")[:10],
        "contracts": company_contracts(company),
        "contract_form": forms.get("contract") or ContractForm(),
        "purchase_form": forms.get("purchase") or PurchaseForm(initial={"purchased_on": ledger.today()}),
        "adjustment_form": forms.get("adjustment") or AdjustmentForm(company=company),
        "counts": sidebar_counts(request),
    })


@staff_area
def movements(request, pk):
    """Every unit movement of the company, oldest first, as CSV or XLSX."""
    company = get_object_or_404(Company, pk=pk)
    fmt = request.GET.get("format") if request.GET.get("format") in exports.FORMATS else "csv"
    entries = (LedgerEntry.objects.filter(company=company).select_related("package__product", "ticket", "actor")
               .order_by("id").iterator(chunk_size=2000))
    audit.record(audit.Kind.EXPORT, actor=request.user, company=company, target=f"package movements {fmt}")
    kinds = labels(LedgerEntry.Kind.choices)
    return exports.export(fmt, filename=f"movimenti-{company.customer_code}-{ledger.today():%d-%m-%Y}", header=[
        _("Date"), _("Movement"), _("Tickets"), _("Package"), _("Ticket"), _("Reason"), _("By")], rows=(
        [e.created_at, kinds.get(e.kind, e.kind), e.units, e.package.product.name if e.package else _("Credit"),
         e.ticket.code if e.ticket else "", e.reason, e.actor.full_name if e.actor else ""] for e in entries))


@supervisors_only
@require_POST
def record_purchase(request, pk):
    company = get_object_or_404(Company, pk=pk)
    form = PurchaseForm(request.POST)
    if not form.is_valid():
        return company_card(request, pk, forms={"purchase": form})
    package = ledger.record_purchase(company=company, product=form.cleaned_data["product"],
                                     purchased_on=form.cleaned_data["purchased_on"],
                                     valid_from=form.cleaned_data["valid_from"], notes=form.cleaned_data["notes"],
                                     by=request.user)
    messages.success(request, _("Purchase recorded: %(units)s tickets valid until %(until)s.")
                     % {"units": package.units, "until": package.valid_until.strftime("%d-%m-%Y")})
    return redirect("console:company", pk=pk)


@supervisors_only
@require_POST
def record_adjustment(request, pk):
    company = get_object_or_404(Company, pk=pk)
    form = AdjustmentForm(request.POST, company=company)
    if form.is_valid():
        try:
            ledger.adjust_units(company=company, units=form.cleaned_data["units"], reason=form.cleaned_data["reason"],
                                package=form.cleaned_data["package"], by=request.user)
        except ledger.LedgerRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Adjustment recorded."))
            return redirect("console:company", pk=pk)
    return company_card(request, pk, forms={"adjustment": form})


@supervisors_only
@require_POST
def record_contract(request, pk):
    company = get_object_or_404(Company, pk=pk)
    form = ContractForm(request.POST)
    if not form.is_valid():
        return company_card(request, pk, forms={"contract": form})
    contract = contracts.record_contract(company=company, by=request.user, **form.cleaned_data)
    messages.success(request, _("Contract recorded: %(contract)s, until %(until)s.")
                     % {"contract": contract.product, "until": contract.valid_until.strftime("%d-%m-%Y")})
    return redirect("console:company", pk=pk)


@supervisors_only
@require_POST
def suspend_contract(request, pk, contract_pk):
    contract = get_object_or_404(Contract, pk=contract_pk, company_id=pk)
    suspended = request.POST.get("suspended") == "1"
    if contracts.set_suspended(contract=contract, suspended=suspended, by=request.user):
        messages.success(request, (_("Contract suspended.") if suspended else _("Contract active again.")))
    return redirect("console:company", pk=pk)


@supervisors_only
def attention(request):
    return render(request, "console/attention.html", {
        "rows": packages_to_watch(), "policy": PackagePolicy.current(), "counts": sidebar_counts(request)})
