from .canned import CannedAnswer
from .conversation import Event, Message
from .files import Attachment, FileRequest, attachment_path
from .presence import TicketPresence
from .tickets import (
                      NO_DEADLINE,
                      AutoAssignment,
                      InvalidTransition,
                      RequestType,
                      Ticket,
                      TicketCounter,
                      TicketLink,
                      TicketQuerySet,
                      TopicSettings,
                      allocate_ticket_numbers,
                      format_ticket_code,
                      new_reply_token,
)

__all__ = ["AutoAssignment", "CannedAnswer", "Event", "Message", "Attachment", "FileRequest", "attachment_path", "NO_DEADLINE", "InvalidTransition", "RequestType",
           "Ticket", "TicketCounter", "TicketLink", "TicketPresence", "TopicSettings", "TicketQuerySet", "allocate_ticket_numbers", "format_ticket_code",
           "new_reply_token"]
