"""Rows every installation starts with. Used by the data migration (with historical
models) and by tests whose database was flushed."""

# The request types of the procedure; supervisors can rename, reorder or retire them.
DEFAULT_REQUEST_TYPES = [
    "Richiesta informazioni", "Installazione", "Malfunzionamento", "Aggiornamento", "Formazione", "Altro",
]
FIRST_TICKET_NUMBER = 100001


def ensure_defaults(RequestType, TicketCounter):
    TicketCounter.objects.get_or_create(name="ticket", defaults={"value": FIRST_TICKET_NUMBER - 1})
    for position, name in enumerate(DEFAULT_REQUEST_TYPES, start=1):
        RequestType.objects.get_or_create(name=name, defaults={"position": position * 10})
