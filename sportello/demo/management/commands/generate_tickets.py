"""Fill the database with realistic tickets for benchmarks: companies with contacts,
tickets spread over two years in every status, with history, conversation and call-backs."""

import random
import sys
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from stdnum import luhn

from sportello.accounts.models import User
from sportello.customers import ledger, unit_tallies
from sportello.customers.models import Company, CompanyPackage, Contact, LedgerEntry, PackageProduct
from sportello.phone.models import CallAttempt, CallbackRequest
from sportello.reports import callbacks as callback_counts
from sportello.tickets import derived
from sportello.tickets.models import (
    NO_DEADLINE,
    Event,
    Message,
    RequestType,
    Ticket,
    allocate_ticket_numbers,
    format_ticket_code,
)

SUBJECTS = [
    "Errore nella stampa della fattura", "Installazione nuova postazione", "Aggiornamento alla nuova versione",
    "Chiusura contabile bloccata", "Backup non completato", "Richiesta formazione prima nota",
    "Esportazione F24", "Registro IVA non quadra", "Password utente dimenticata", "Liquidazione IVA errata",
    "Invio fatture allo SdI rifiutato", "Stampa cespiti lenta", "Import movimenti bancari", "Licenze aggiuntive",
]
# Descriptions and answers are put together from these, so that the index holds a real
# vocabulary. The benchmark searches words of known frequency: "ammortamento" in 1% of
# tickets, "quarzo" in a message of one ticket in 10,000.
SENTENCES = [
    "Quando lancio la stampa il programma si chiude senza messaggi.", "L'errore compare solo sulla postazione del "
    "magazzino.", "Da ieri la procedura resta bloccata al 60%.", "Il registro IVA di ottobre non corrisponde "
    "alla liquidazione.", "La fattura elettronica viene scartata dal Sistema di Interscambio.", "Abbiamo già "
    "provato a riavviare il server.", "Il messaggio dice che il database è in uso da un altro utente.",
    "Serve urgentemente per la scadenza di fine mese.", "Il backup notturno non termina e il disco è quasi pieno.",
    "Le giacenze di magazzino non tornano con l'inventario.", "I cedolini di novembre riportano importi errati.",
    "Non riusciamo a importare i movimenti della banca.", "Il nuovo collega non vede le aziende dello studio.",
    "La stampa del bilancio impiega più di dieci minuti.", "The export to Excel fails with an unknown error.",
]
ANSWERS = [
    "Buongiorno, abbiamo verificato la segnalazione. Ecco la soluzione.", "Provi ad aggiornare alla versione "
    "corrente e a ripetere l'operazione.", "Abbiamo ricostruito gli indici dell'archivio: ora dovrebbe funzionare.",
    "Le inviamo la guida per configurare la stampante di rete.", "Il problema dipende dal certificato scaduto.",
]
# Most tickets of a real desk are long closed; a few are live.
STATUS_WEIGHTS = [("closed", 80), ("resolved", 8), ("open", 5), ("waiting", 4), ("new", 3)]


class Command(BaseCommand):
    help = "Generate N realistic tickets (with companies, contacts, history) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--companies", type=int, default=500)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, count, companies, batch, seed, **options):
        rng = random.Random(seed)
        started = time.monotonic()
        contacts = self.ensure_customers(companies)
        # Every generated company pays its tickets from one large package, as real customers do.
        self.packages = dict(CompanyPackage.objects.filter(company__customer_code__startswith="G")
                             .values_list("company_id", "pk"))
        technicians = self.technicians = self.ensure_technicians()
        types = list(RequestType.objects.filter(is_active=True))
        statuses = [s for s, _ in STATUS_WEIGHTS]
        weights = [w for _, w in STATUS_WEIGHTS]
        now = timezone.now()
        done = 0
        while done < count:
            size = min(batch, count - done)
            with transaction.atomic():
                numbers = allocate_ticket_numbers(size)
                tickets = []
                for i in range(size):
                    contact = rng.choice(contacts)
                    status = rng.choices(statuses, weights)[0]
                    # Older tickets for lower numbers, so codes grow with time as they do for real.
                    created = now - timedelta(days=730 * (1 - (done + i) / count), minutes=rng.randint(0, 600))
                    live = status in ("new", "open", "waiting")
                    if live:
                        created = now - timedelta(hours=rng.randint(1, 72))
                    answered = status != "new"
                    minutes = rng.randint(20, 600)  # working minutes to the first answer; most within 8 h
                    resolved = status in ("resolved", "closed")
                    resolution = minutes + rng.randint(30, 960)   # most within two working days
                    due = created + timedelta(hours=8) if status in ("new", "open") else NO_DEADLINE
                    tickets.append(Ticket(
                        code=format_ticket_code(numbers[i]), company_id=contact.company_id, contact_id=contact.user_id,
                        requester_name=contact.user.full_name, callback_phone=contact.phone,
                        answer_email=contact.user.email, request_type=rng.choice(types),
                        subject=rng.choice(SUBJECTS), description=self.description(rng, done + i),
                        status=status, assignee=None if status == "new" else rng.choice(technicians),
                        created_at=created, updated_at=created + timedelta(hours=3),
                        first_response_at=None if status == "new" else created + timedelta(hours=2),
                        resolved_at=created + timedelta(hours=5) if resolved else None,
                        closed_at=created + timedelta(days=8) if status == "closed" else None,
                        response_due_at=due, response_at_risk_at=due - timedelta(hours=2) if due != NO_DEADLINE else due,
                        response_started_at=created if due != NO_DEADLINE else None,
                        first_response_met=(minutes <= 480) if answered else None,
                        first_response_minutes=minutes if answered else None,
                        resolution_met=(resolution <= 960) if resolved else None,
                        resolution_minutes=resolution if resolved else None,
                    ))
                Ticket.objects.bulk_create(tickets, batch_size=1000)
                self.add_history(tickets, rng)
                derived.refresh(*(t.pk for t in tickets))
            done += size
            self.progress(done, count, started)
        sys.stdout.write("\n")
        with connection.cursor() as cursor:
            # Plans for the new sizes, and on PostgreSQL the visibility map that lets counts
            # read the index alone: what autovacuum gives a real database after a while
            # (VACUUM cannot run inside a transaction, e.g. in a test).
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(f"{count} tickets generated in {time.monotonic() - started:.1f} s.")

    @staticmethod
    def description(rng, n):
        parts = rng.sample(SENTENCES, 3)
        if n % 100 == 0:
            parts.append("Il calcolo dell'ammortamento dei cespiti è sbagliato.")
        return " ".join(parts)

    def add_history(self, tickets, rng):
        if tickets[0].pk is None:  # backends without RETURNING on bulk insert
            codes = {t.code: t for t in tickets}
            for pk, code in Ticket.objects.filter(code__in=codes).values_list("pk", "code"):
                codes[code].pk = pk
        events, messages, entries = [], [], []
        for t in tickets:
            entries.append(LedgerEntry(company_id=t.company_id, package_id=self.packages[t.company_id], kind="consume",
                                       units=-1, ticket_id=t.pk, actor_id=t.contact_id, created_at=t.created_at))
            events.append(Event(ticket_id=t.pk, kind=Event.Kind.CREATED, actor_id=t.contact_id, new_value="web",
                                created_at=t.created_at))
            if t.assignee is not None:
                events.append(Event(ticket_id=t.pk, kind=Event.Kind.ASSIGNED, actor=t.assignee,
                                    new_value=t.assignee.full_name, created_at=t.created_at + timedelta(hours=1)))
                events.append(Event(ticket_id=t.pk, kind=Event.Kind.STATUS, actor=t.assignee, old_value="new",
                                    new_value=t.status, created_at=t.created_at + timedelta(hours=1)))
                body = rng.choice(ANSWERS) + (" Verifichi il cristallo di quarzo." if t.pk % 10_000 == 7 else "")
                messages.append(Message(ticket_id=t.pk, author=t.assignee, created_at=t.first_response_at, body=body))
        Event.objects.bulk_create(events, batch_size=2000)
        Message.objects.bulk_create(messages, batch_size=2000)
        LedgerEntry.objects.bulk_create(entries, batch_size=2000)
        unit_tallies.count_entries(entries)
        self.add_callbacks([t for t in tickets if t.pk % 5 == 0], rng)

    def add_callbacks(self, tickets, rng):
        """One ticket in five came with a call-back request: called back within hours,
        sometimes after an unanswered try; one in ten on open tickets is still waiting."""
        callbacks = []
        for t in tickets:
            asked = t.created_at + timedelta(minutes=rng.randint(1, 30))
            waiting = t.status in ("new", "open", "waiting") and rng.random() < 0.1
            callbacks.append(CallbackRequest(
                company_id=t.company_id, contact_id=t.contact_id, contact_name=t.requester_name,
                phone_number=t.callback_phone, topic=t.subject, ticket_id=t.pk, created_at=asked,
                state=CallbackRequest.State.WAITING if waiting else CallbackRequest.State.DONE,
                next_attempt_at=asked, due_at=asked + timedelta(hours=4), at_risk_at=asked + timedelta(hours=3),
                closed_at=None if waiting else asked + timedelta(minutes=rng.randint(10, 300))))
        CallbackRequest.objects.bulk_create(callbacks, batch_size=1000)
        if callbacks and callbacks[0].pk is None:   # backends without RETURNING on bulk insert
            callbacks = list(CallbackRequest.objects.filter(ticket_id__in=[t.pk for t in tickets]))
        attempts = []
        for c in callbacks:
            technician = rng.choice(self.technicians)
            if rng.random() < 0.3:
                attempts.append(CallAttempt(request_id=c.pk, technician=technician, outcome=CallAttempt.Outcome.NO_ANSWER,
                                            created_at=c.created_at + timedelta(minutes=5)))
            if c.closed_at:
                attempts.append(CallAttempt(request_id=c.pk, technician=technician, outcome=CallAttempt.Outcome.DONE,
                                            created_at=c.closed_at))
        CallAttempt.objects.bulk_create(attempts, batch_size=2000)
        callback_counts.counted_in_bulk(callbacks, attempts)

    def progress(self, done, total, started):
        width = 30
        filled = int(width * done / total)
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0
        sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                         f"{100 * done / total:5.1f}%  {rate:,.0f} tickets/s")
        sys.stdout.flush()

    def ensure_customers(self, count):
        existing = Company.objects.filter(customer_code__startswith="G").count()
        password = make_password(None)  # generated customers cannot log in
        product, _ = PackageProduct.objects.get_or_create(name="Pacchetto benchmark", defaults={
            "units": 1_000_000, "validity_months": 36, "is_active": False})
        for n in range(existing + 1, count + 1):
            base = f"{n:07d}001"
            company = Company.objects.create(name=f"Cliente {n:04d} S.r.l.", customer_code=f"G{n:05d}",
                                             vat_number=base + luhn.calc_check_digit(base))
            ledger.record_purchase(company=company, product=product, by=None,
                                   purchased_on=timezone.localdate() - timedelta(days=365))
            for k, is_admin in ((1, True), (2, False)):
                user = User.objects.create(email=f"utente{k}.{n}@cliente{n}.example", full_name=f"Utente {k} Cliente {n}",
                                           password=password)
                Contact.objects.create(user=user, company=company, is_company_admin=is_admin, phone="02 0000 0000")
        return list(Contact.objects.filter(company__customer_code__startswith="G").select_related("user"))

    def ensure_technicians(self):
        staff = list(User.objects.filter(role=User.Role.TECHNICIAN))
        for n in range(len(staff) + 1, 11):
            staff.append(User.objects.create_user(f"tecnico{n}@sportello.example", None,
                                                  full_name=f"Tecnico {n}", role=User.Role.TECHNICIAN))
        return staff
