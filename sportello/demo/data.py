"""The fixed demo: the same people, companies and tickets on every machine."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F

from sportello.accounts.models import User
from sportello.customers import ledger, unit_tallies
from sportello.customers.models import Company, Contact, LedgerEntry, PackagePolicy, PackageProduct
from sportello.kb.models import Article
from sportello.outbox.models import OutboundMail
from sportello.phone.models import PhoneContract
from sportello.sla.tracking import refresh_ticket_sla
from sportello.tickets import actions, derived
from sportello.tickets.models import Event, Message, RequestType, Ticket

DEMO_PASSWORD = "sportello-demo"

COMPANIES = [
    {"customer_code": "C0001", "name": "Acme S.r.l.", "vat_number": "01234560157"},
    {"customer_code": "C0002", "name": "Beta S.p.A.", "vat_number": "09876540585"},
]
CONTACTS = [
    ("mario.rossi@acme.example", "Mario Rossi", "C0001", True, "02 1234 5678"),
    ("giulia.bianchi@acme.example", "Giulia Bianchi", "C0001", False, "02 1234 5679"),
    ("luca.verdi@beta.example", "Luca Verdi", "C0002", True, "011 987 6543"),
]
PRODUCTS = [("Pacchetto 5 ticket", 5, 6, "150.00"), ("Pacchetto 10 ticket", 10, 12, "280.00"),
            ("Pacchetto 25 ticket", 25, 12, "650.00")]
# (company, product, bought this long ago): Acme has a fresh package and an old expired one;
# Beta's package expires within the month, so it shows among the packages to watch.
PURCHASES = [("C0001", "Pacchetto 10 ticket", relativedelta(months=14)),
             ("C0001", "Pacchetto 25 ticket", relativedelta(months=4)),
             ("C0002", "Pacchetto 10 ticket", relativedelta(months=11, days=8))]
STAFF = [
    ("anna.tecnico@sportello.example", "Anna Tecnico", User.Role.TECHNICIAN),
    ("paolo.tecnico@sportello.example", "Paolo Tecnico", User.Role.TECHNICIAN),
    ("sara.tecnico@sportello.example", "Sara Tecnico", User.Role.TECHNICIAN),
    ("supervisore@sportello.example", "Silvia Supervisore", User.Role.SUPERVISOR),
]

# (requester, request type, subject, description, technician, final status, days ago, steps)
TICKETS = [
    ("giulia.bianchi", "Malfunzionamento", "Errore nella stampa della fattura elettronica",
     "Quando stampo la fattura n. 154 il programma si chiude con il messaggio \"Errore 1042\".", None, "new", 0, []),
    ("luca.verdi", "Installazione", "Installazione sul nuovo server",
     "Abbiamo acquistato un nuovo server Windows: chiediamo assistenza per installare il gestionale.", None, "new", 0,
     []),
    ("mario.rossi", "Richiesta informazioni", "Modulo magazzino: gestione lotti",
     "Vorremmo sapere se il modulo magazzino permette di gestire i lotti e le scadenze.", None, "new", 1, []),
    ("giulia.bianchi", "Aggiornamento", "Aggiornamento alla versione 2026.2",
     "Quando possiamo installare l'aggiornamento 2026.2? Dobbiamo fermare le postazioni?", "anna", "open", 1,
     [("note", "anna", "Verificare la versione del database prima di proporre la data.")]),
    ("luca.verdi", "Malfunzionamento", "Chiusura dell'esercizio bloccata",
     "La procedura di chiusura dell'esercizio 2025 si ferma al 60% senza messaggi.", "paolo", "open", 2,
     [("note", "paolo", "Probabile scrittura contabile non quadrata: controllare il registro IVA di dicembre.")]),
    ("mario.rossi", "Malfunzionamento", "Backup non completato",
     "Da tre giorni il backup notturno non termina.", "anna", "waiting", 3,
     [("reply", "anna", "Buongiorno, può inviarci il file di log del backup (backup.log)? Grazie.")]),
    ("luca.verdi", "Formazione", "Formazione per un nuovo addetto",
     "Un nuovo collega inizia lunedì: è possibile fissare due ore di formazione sulla prima nota?", "sara",
     "waiting", 4, [("reply", "sara", "Certamente. Ci indica due mattine disponibili della prossima settimana?")]),
    ("giulia.bianchi", "Richiesta informazioni", "Password dell'utente amministrazione",
     "Un collega non ricorda la password del gestionale: come possiamo reimpostarla?", "paolo", "resolved", 6,
     [("reply", "paolo", "Dal menu Utilità > Utenti selezioni l'utente e scelga \"Reimposta password\".")]),
    ("luca.verdi", "Richiesta informazioni", "Esportazione del modello F24",
     "Dove si trova la funzione per esportare l'F24 in formato telematico?", "sara", "resolved", 8,
     [("reply", "sara", "La trova in Fisco > F24 > Esporta file telematico.")]),
    ("mario.rossi", "Installazione", "Installazione di una nuova postazione",
     "Dobbiamo aggiungere una postazione in contabilità.", "anna", "closed", 20,
     [("reply", "anna", "Installazione completata da remoto. La postazione è attiva.")]),
    ("luca.verdi", "Altro", "Numero di licenze disponibili",
     "Quante licenze abbiamo ancora disponibili?", "paolo", "closed", 30,
     [("reply", "paolo", "Il vostro contratto prevede 5 licenze; ne risultano in uso 4.")]),
    ("giulia.bianchi", "Malfunzionamento", "Registrazione dei corrispettivi",
     "I corrispettivi di ottobre risultano registrati due volte.", "sara", "open", 2,
     [("reply", "sara", "Ci conferma se la doppia registrazione riguarda tutti i giorni del mese?"),
      ("customer", "giulia.bianchi", "Solo dal 15 al 31 ottobre.")]),
]


def load_demo():
    """Create the demo once; a second call finds everything and changes nothing.
    Returns True when it created the tickets."""
    with transaction.atomic():
        companies = {}
        for row in COMPANIES:
            companies[row["customer_code"]], _ = Company.objects.get_or_create(
                customer_code=row["customer_code"], defaults=row)
        users = {}
        for email, name, code, is_admin, phone in CONTACTS:
            user = _user(email, name, User.Role.CUSTOMER)
            Contact.objects.get_or_create(user=user, defaults={
                "company": companies[code], "is_company_admin": is_admin, "phone": phone})
            users[email.split("@")[0]] = user
        for email, name, role in STAFF:
            users[email.split("@")[0].split(".")[0]] = _enrolled(_user(email, name, role))
        # Anna and Paolo are at the desk; Sara is off duty (automatic assignment stays off).
        User.objects.filter(email__in=[STAFF[0][0], STAFF[1][0]]).update(availability=User.Availability.AVAILABLE)
        if Ticket.objects.filter(company__in=companies.values()).exists():
            return False
        _packages(companies, users["supervisore"])
        _releases(companies, users["supervisore"])
        _articles(users["supervisore"])
        for row in TICKETS:
            _demo_ticket(users, *row)
        unit_tallies.rebuild()   # the ledger rows were back-dated with the tickets
        # The demo's history is made up: its e-mails are not sent to anyone.
        OutboundMail.objects.filter(ticket__company__in=companies.values()).update(state=OutboundMail.State.SENT)
    return True


def _packages(companies, supervisor):
    policy = PackagePolicy.current()
    if not policy.sales_email:
        policy.purchase_info = ("Per acquistare un nuovo pacchetto di ticket contatti l'ufficio commerciale: "
                                "riceverà l'offerta in giornata.")
        policy.sales_email, policy.sales_phone = "commerciale@sportello.example", "02 9876 5432"
        policy.save()
    for name, units, months, price in PRODUCTS:
        PackageProduct.objects.get_or_create(name=name, defaults={"units": units, "validity_months": months,
                                                                  "price": price})
    for code, product, ago in PURCHASES:
        bought = ledger.today() - ago
        ledger.record_purchase(company=companies[code], product=PackageProduct.objects.get(name=product),
                               purchased_on=bought, notes="Fattura demo", by=supervisor)
    ledger.expire_packages()
    # Acme has phone support; Beta's contract ended last month.
    PhoneContract.objects.create(company=companies["C0001"], valid_from=ledger.today() - relativedelta(months=6),
                                 valid_until=ledger.today() + relativedelta(months=6), notes="Contratto demo")
    PhoneContract.objects.create(company=companies["C0002"], valid_from=ledger.today() - relativedelta(months=13),
                                 valid_until=ledger.today() - relativedelta(months=1), notes="Contratto demo scaduto")


# (product, version, released this long ago, channel, recommended, notes)
RELEASES = [
    ("Omnia Contabilità", "4.5", relativedelta(months=4), "stable", False,
     "- Liquidazione IVA trimestrale con il nuovo prospetto\n- Correzioni alla stampa del libro giornale"),
    ("Omnia Contabilità", "4.6", relativedelta(days=9), "stable", True,
     "## Novità\n\n- **Fattura elettronica**: nuovi codici di natura IVA 2027\n- Esportazione del bilancio in "
     "XBRL più veloce\n\n## Correzioni\n\n- La stampa dei registri non si interrompe più con stampanti di rete"),
    ("Omnia Contabilità", "4.7 beta1", relativedelta(days=2), "beta", False,
     "Versione di prova: **non installarla** sul computer di produzione."),
    ("Omnia Paghe", "2.3", relativedelta(months=1), "stable", True, "- Tabelle contributive aggiornate"),
]


def _demo_archive(product, version):
    """A small real ZIP standing in for an installer."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LEGGIMI.txt", f"{product} {version}: file dimostrativo di Sportello.\n")
    return buffer.getvalue()


def _releases(companies, supervisor):
    """Acme has maintenance for Omnia Contabilità (it runs 4.5, so it is told 4.6 is out)
    and a licence for Omnia Paghe; Beta has maintenance for Omnia Paghe."""
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from sportello.customers import contracts
    from sportello.customers.models import SoftwareProduct
    from sportello.releases import publishing

    today = ledger.today()
    for code, kind, product, ago, length in [("C0001", "maintenance", "Omnia Contabilità", 10, 12),
                                             ("C0001", "licence", "Omnia Paghe", 30, 36),
                                             ("C0002", "maintenance", "Omnia Paghe", 2, 12)]:
        contracts.record_contract(company=companies[code], kind=kind, product=SoftwareProduct.named(product),
                                  valid_from=today - relativedelta(months=ago),
                                  valid_until=today - relativedelta(months=ago) + relativedelta(months=length),
                                  reference=f"M-{code}-{product.split()[-1][:3].upper()}", by=supervisor)
    for product, version, ago, channel, recommended, notes in RELEASES:
        release = publishing.create_release(product=SoftwareProduct.named(product), version=version,
                                            released_on=today - ago, channel=channel, notes=notes, by=supervisor)
        slug = f"{product.lower().replace(' ', '-').replace('à', 'a')}-{version.replace(' ', '-')}"
        for name, kind in [(f"{slug}-setup.zip", "installer"), (f"{slug}-aggiornamento.zip", "update")]:
            data = _demo_archive(product, version)
            uploaded = SimpleUploadedFile(name, data)
            uploaded.sha256 = hashlib.sha256(data).hexdigest()
            publishing.add_file(release=release, uploaded=uploaded, kind=kind, by=supervisor)
        publishing.publish(release=release, recommended=recommended, by=supervisor)
    publishing.record_installed_version(company=companies["C0001"], product=SoftwareProduct.named("Omnia Contabilità"),
                                        version="4.5", by=None)


def _articles(author):
    """The demo's guides, published; the first few readable without an account."""
    from sportello.customers.models import SoftwareProduct
    from sportello.kb.articles import save_article, set_state

    from .articles import ARTICLES

    for n, (type_name, product, title, body) in enumerate(ARTICLES):
        article = save_article(article=Article(title=title, body=body, is_public=n < 5,
                                               request_type=RequestType.objects.get(name=type_name)),
                               by=author, products=[SoftwareProduct.named(product)] if product else [])
        set_state(article=article, state=Article.State.PUBLISHED)


def _user(email, name, role):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name, role=role)
    return user


def _enrolled(user):
    """Staff need two-step verification; in the demo the verify page shows the code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not user.two_factor_enabled:
        TOTPDevice.objects.create(user=user, name="Demo", confirmed=True)
        user.two_factor_enabled = True
        user.save(update_fields=["two_factor_enabled"])
    return user


def _demo_ticket(users, requester, type_name, subject, description, technician, status, days_ago, steps):
    contact = users[requester]
    ticket = actions.open_ticket(
        company=contact.contact.company, contact=contact,
        fields=actions.TicketFields(
            request_type=RequestType.objects.get(name=type_name), requester_name=contact.full_name,
            callback_phone=contact.contact.phone, answer_email=contact.email, subject=subject,
            description=description))
    if technician:
        actions.claim_ticket(ticket=ticket, technician=users[technician])
    for kind, who, body in steps:
        if kind == "note":
            actions.add_internal_note(ticket=ticket, author=users[who], body=body)
        elif kind == "reply":
            then = status if status in ("waiting", "resolved", "closed") else None
            actions.reply_to_customer(ticket=ticket, author=users[who], body=body,
                                      then_status="resolved" if then == "closed" else then)
        else:
            actions.reply_as_customer(ticket=ticket, author=users[who], body=body)
    if status == "closed":
        actions.change_status(ticket=ticket, status=status, by=users[technician])
    # Spread the demo over the past weeks: opened `days_ago`, everything after it two hours later.
    if days_ago:
        opened, later = timedelta(days=days_ago, hours=3), timedelta(days=days_ago, hours=1)
        Ticket.objects.filter(pk=ticket.pk).update(created_at=F("created_at") - opened,
                                                   updated_at=F("updated_at") - later)
        Ticket.objects.filter(pk=ticket.pk, first_response_at__isnull=False).update(
            first_response_at=F("first_response_at") - later)
        opening = [Event.Kind.CREATED, Event.Kind.UNIT_USED]
        Event.objects.filter(ticket=ticket, kind__in=opening).update(created_at=F("created_at") - opened)
        Event.objects.filter(ticket=ticket).exclude(kind__in=opening).update(created_at=F("created_at") - later)
        LedgerEntry.objects.filter(ticket=ticket).update(created_at=F("created_at") - opened)
        Message.objects.filter(ticket=ticket).update(created_at=F("created_at") - later)
        ticket.refresh_from_db()
        refresh_ticket_sla(ticket)  # the deadlines follow the back-dated history
        derived.refresh(ticket.pk)  # and so do the counts
    return ticket


