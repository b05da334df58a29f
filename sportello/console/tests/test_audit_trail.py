"""What the audit trail records, and how supervisors read it."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportello.accounts.models import AuditEntry
from sportello.customers import ledger
from sportello.customers.models import PackageProduct
from sportello.phone.models import PhoneIntegration
from sportello.tickets import actions


def kinds():
    return list(AuditEntry.objects.order_by("id").values_list("kind", flat=True))


def test_role_and_company_administrator_changes_in_the_admin_are_recorded(people, login):
    admin = login(people.silvia)
    user = people.paolo
    response = admin.post(f"/admin/accounts/user/{user.pk}/change/", {
        "email": user.email, "full_name": user.full_name, "language": "it", "role": "supervisor",
        "is_active": "on", "last_login_0": "", "last_login_1": "", "date_joined_0": "01-11-2026",
        "date_joined_1": "09:00:00"})
    assert response.status_code == 302, response.text[:3000]
    entry = AuditEntry.objects.get(kind="role")
    assert entry.actor == people.silvia and entry.target == user.email and "technician → supervisor" in entry.detail
    contact = people.giulia.contact
    admin.post(f"/admin/customers/contact/{contact.pk}/change/", {
        "user": people.giulia.pk, "company": people.acme.pk, "phone": contact.phone, "is_company_admin": "on"})
    entry = AuditEntry.objects.get(kind="company_admin")
    assert entry.target == "giulia@acme.test" and entry.company_name == "Acme S.r.l." and "no → sì" in entry.detail


def test_purchases_adjustments_downloads_exports_tokens_and_calendars_are_recorded(people, login, open_ticket_for):
    product = PackageProduct.objects.create(name="Pacchetto 5 ticket", units=5)
    supervisor = login(people.silvia)
    supervisor.post(f"/console/companies/{people.acme.pk}/purchase/", {
        "product": product.pk, "purchased_on": "01-11-2026", "notes": "Fattura 12/2026"})
    supervisor.post(f"/console/companies/{people.acme.pk}/adjustment/", {"units": 2, "reason": "Omaggio"})
    purchase = AuditEntry.objects.get(kind="purchase", actor=people.silvia)
    assert purchase.company_name == "Acme S.r.l." and "Fattura 12/2026" in purchase.detail
    assert "+2: Omaggio" in AuditEntry.objects.get(kind="adjustment").detail

    ticket = open_ticket_for(people.giulia)
    message = actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Allego il log", uploads=())
    from sportello.tickets.files import store_bytes

    attachment = store_bytes(ticket=ticket, message=message, name="errori.log", data=b"ERRORE 1042\n")
    assert login(people.anna).get(f"/console/attachments/{attachment.pk}/").status_code == 200
    download = AuditEntry.objects.get(kind="download")
    assert download.actor == people.anna and download.target == f"{ticket.code} errori.log"

    assert login(people.mario).get("/portal/packages/movements.csv").status_code == 200
    assert AuditEntry.objects.get(kind="export").actor == people.mario

    supervisor = login(people.silvia)
    supervisor.post("/admin/phone/phoneintegration/add/", {"name": "Centralino", "is_active": "on"})
    integration = PhoneIntegration.objects.get()
    supervisor.post(f"/admin/phone/phoneintegration/{integration.pk}/change/", {"name": "Centralino"})
    assert kinds().count("token_created") == 1 and kinds().count("token_revoked") == 1

    supervisor.post("/console/calendars/closing-days/", {"calendar": 1, "first_day": "24-12-2026",
                                                         "last_day": "24-12-2026", "description": "Vigilia"})
    assert "Vigilia" in AuditEntry.objects.get(kind="calendar").detail


def test_supervisors_filter_the_trail_by_person_company_kind_and_date_with_keyset_pages(people, login):
    product = PackageProduct.objects.create(name="Pacchetto 5 ticket", units=5)
    for _ in range(60):
        ledger.record_purchase(company=people.beta, product=product, purchased_on=date(2026, 11, 1),
                               by=people.silvia)
    ledger.record_purchase(company=people.acme, product=product, purchased_on=date(2026, 11, 1), by=people.silvia)
    client = login(people.silvia)
    page = client.get("/console/audit/", {"company": "acme", "kind": "purchase", "person": "silvia"}).text
    assert page.count("Acquisto di pacchetto registrato") == 1 + 1   # the row, and the option in the filter
    by_code = client.get("/console/audit/", {"company": "C0001"}).text
    assert "<td>Acme S.r.l.</td>" in by_code and "<td>Beta S.p.A.</td>" not in by_code
    first = client.get("/console/audit/", {"company": "Beta"}).text
    assert "Successivi" in first and "company=Beta&amp;after=" in first
    everything = client.get("/console/audit/", {"person": "silvia@", "since": "01-01-2026", "until": "31-12-2099"})
    assert everything.status_code == 200 and "Beta S.p.A." in everything.text

    def queries(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    filtered = "/console/audit/?kind=purchase&company=Beta"
    before = (queries("/console/audit/"), queries(filtered))
    for _ in range(60):
        ledger.record_purchase(company=people.beta, product=product, purchased_on=date(2026, 11, 1), by=people.anna)
    assert (queries("/console/audit/"), queries(filtered)) == before
    assert login(people.anna).get("/console/audit/").status_code == 403


def test_a_file_attached_to_a_reply_goes_through_the_same_audit(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.giulia)
    client.post(f"/portal/tickets/{ticket.code}/reply/", {
        "body": "Ecco lo screenshot", "files": [SimpleUploadedFile("schermata.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)]})
    attachment = ticket.attachments.get()
    assert client.get(f"/portal/attachments/{attachment.pk}/").status_code == 200
    assert AuditEntry.objects.filter(kind="download", actor=people.giulia, company_name="Acme S.r.l.").exists()
