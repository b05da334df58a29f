from django.db import migrations

from sportello.sla.defaults import ensure_defaults


def create_defaults(apps, schema_editor):
    ensure_defaults(apps.get_model("sla", "Calendar"), apps.get_model("sla", "WorkingInterval"),
                    apps.get_model("sla", "SlaPolicy"), apps.get_model("tickets", "RequestType"))


class Migration(migrations.Migration):
    dependencies = [("sla", "0001_initial"), ("tickets", "0002_defaults")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
