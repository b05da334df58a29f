from .conversation import Event, Message
from .files import Attachment, attachment_path
from .tickets import (NO_DEADLINE, InvalidTransition, RequestType, Ticket, TicketCounter, TicketQuerySet,
                      allocate_ticket_codes, format_ticket_code, new_reply_token)

__all__ = ["Event", "Message", "Attachment", "attachment_path", "NO_DEADLINE", "InvalidTransition", "RequestType",
           "Ticket", "TicketCounter", "TicketQuerySet", "allocate_ticket_codes", "format_ticket_code",
           "new_reply_token"]
