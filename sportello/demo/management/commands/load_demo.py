from django.core.management.base import BaseCommand

from sportello.demo.data import CONTACTS, DEMO_PASSWORD, STAFF, load_demo


class Command(BaseCommand):
    help = "Load the fixed demo data (companies, users, a dozen tickets). Safe to run again."

    def handle(self, **options):
        created = load_demo()
        self.stdout.write("Demo data loaded." if created else "Demo data already present: nothing changed.")
        self.stdout.write("\nDemo logins (password: %s)" % DEMO_PASSWORD)
        for email, name, *_ in CONTACTS:
            self.stdout.write(f"  customer    {email:36} {name}")
        for email, name, role in STAFF:
            self.stdout.write(f"  {role:11} {email:36} {name}")
