from django.tasks import task

from .contracts import warn_expiring_contracts
from .ledger import expire_packages
from .reminders import send_package_reminders


@task
def package_upkeep():
    """Hourly: expire what ended, then remind administrators (each once), contracts too."""
    expired = expire_packages()
    low, expiring = send_package_reminders()
    return {"expired": expired, "low_balance_reminders": low, "expiry_reminders": expiring,
            "contract_warnings": warn_expiring_contracts()}
