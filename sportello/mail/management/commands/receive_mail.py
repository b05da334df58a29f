import sys

from django.core.management.base import BaseCommand

from sportello.mail.inbound import receive


class Command(BaseCommand):
    help = "Read one raw e-mail from standard input and route it (for an MTA pipe, e.g. Postfix's pipe(8))."

    def add_arguments(self, parser):
        parser.add_argument("--recipient", default="",
                            help="The envelope recipient, as the mail server passes it (Postfix: ${recipient}). "
                                 "Used to route the message when its headers do not name our address.")

    def handle(self, **options):
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            self.stderr.write("No message on standard input.")
            sys.exit(1)
        mail, new = receive(raw, envelope_recipient=options["recipient"])
        state = "stored" if new else "already received"
        ticket = mail.ticket.code if mail.ticket else "-"
        self.stdout.write(f"{state}: {mail.get_outcome_display()} ({mail.reason}) ticket {ticket}")
