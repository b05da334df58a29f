"""What went wrong with an e-mail, in words a supervisor can act on. The technical text
(exception class and server reply) stays beside it for whoever fixes the mail server."""

from django.utils.translation import gettext as _

# The exception class at the start of OutboundMail.last_error ("SMTPRecipientsRefused: …").
_BY_ERROR = {
    "SMTPRecipientsRefused": lambda: _("The mail server refused the recipient's address: check how it is written."),
    "SMTPSenderRefused": lambda: _("The mail server refused our sender address: the mail settings need checking."),
    "SMTPAuthenticationError": lambda: _("The mail server did not accept our credentials: the mail settings need "
                                         "checking."),
    "SMTPDataError": lambda: _("The mail server refused the message itself (its size or content)."),
    "SMTPNotSupportedError": lambda: _("The mail server does not support what our settings ask (e.g. TLS)."),
}
_UNREACHABLE = {"SMTPServerDisconnected", "SMTPConnectError", "ConnectionRefusedError", "ConnectionResetError",
                "TimeoutError", "timeout", "gaierror", "OSError", "SMTPHeloError"}


def in_words(*, last_error="", bounce_reason="", retrying=False):
    """`retrying`: the outbox will try again by itself (otherwise it gave up)."""
    if bounce_reason:
        return _("The recipient's server sent the message back (the mailbox may not exist, or be full).")
    if not last_error:
        return ""
    kind = last_error.split(":", 1)[0].strip()
    if kind in _BY_ERROR:
        return _BY_ERROR[kind]()
    if kind in _UNREACHABLE:
        return (_("Our mail server could not be reached; the message is retried by itself.") if retrying else
                _("Our mail server could not be reached for two days: send again once it is back."))
    return (_("Sending failed for an unexpected reason; the message is retried by itself.") if retrying else
            _("Sending failed for an unexpected reason: see the technical details."))
