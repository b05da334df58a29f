import hashlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sportello.customers import contracts
from sportello.customers.ledger import today
from sportello.customers.models import SoftwareProduct
from sportello.releases import publishing


def upload(name, data):
    """A file as the streaming upload handler hands it over (size and SHA-256 known)."""
    uploaded = SimpleUploadedFile(name, data)
    uploaded.sha256 = hashlib.sha256(data).hexdigest()
    return uploaded


def make_release(product, version, *, by, channel="stable", publish=True, recommended=False,
                 files=(("setup.zip", b"PK\x03\x04 installer"),), notes=""):
    release = publishing.create_release(product=product, version=version, released_on=today(), channel=channel,
                                        notes=notes, by=by)
    for name, data in files:
        kind = "manual" if name.endswith(".pdf") else "installer"
        publishing.add_file(release=release, uploaded=upload(name, data), kind=kind, by=by)
    if publish:
        release, _ = publishing.publish(release=release, recommended=recommended, by=by)
    return release


@pytest.fixture
def catalogue(people):
    """Acme has maintenance for Omnia Contabilità; Beta a licence for Omnia Paghe only."""
    omnia = SoftwareProduct.named("Omnia Contabilità")
    paghe = SoftwareProduct.named("Omnia Paghe")
    acme_contract = contracts.record_contract(company=people.acme, kind="maintenance", product=omnia,
                                              valid_from=today() - timedelta(days=100),
                                              valid_until=today() + timedelta(days=265), by=people.silvia)
    contracts.record_contract(company=people.beta, kind="licence", product=paghe,
                              valid_from=today() - timedelta(days=10), valid_until=today() + timedelta(days=355),
                              by=people.silvia)
    return SimpleNamespace(omnia=omnia, paghe=paghe, acme_contract=acme_contract)
