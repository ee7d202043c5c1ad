"""Handing one message to the SMTP server with a commit point we control.

An SMTP server takes responsibility for a message when it receives the line "." that ends DATA: a
connection closed before it aborts the transaction and nothing is delivered (RFC 5321, 3.3 and 4.1.1.4).
So `hand_over` sends the envelope and the whole message but that final line, then calls `before_end`
(which commits the delivery as sent), then sends the final line and reads the answer. A process killed
before `before_end` has committed never sent the final line: the server delivered nothing and the
delivery, still `sending`, is sent again. Killed after, the final line is either in the kernel's buffer
(sent anyway, delivered once) or, in the few microseconds between the commit and the write, not sent:
the only way left to lose a message, and none to send one twice.
"""

from __future__ import annotations

import re
import smtplib
import socket
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address

CRLF = b"\r\n"
LEADING_DOT = re.compile(rb"(?m)^\.")


class AnsweredAfterEnd(smtplib.SMTPResponseException):
    """The server refused the message after its end (it was committed as sent: the caller corrects it)."""


def hand_over(connection: object, message: EmailMessage, *, before_end: Callable[[], None]) -> None:
    """Send `message` through `connection` (a Django e-mail backend, opened), calling `before_end` just
    before the server can accept it. Raises smtplib's exceptions as `sendmail` does; `AnsweredAfterEnd`
    when the server refuses the message once it has it whole; OSError when the connection fails."""
    smtp = connection.connection if isinstance(connection, EmailBackend) else None
    if not isinstance(smtp, smtplib.SMTP):  # locmem, console, file…: nothing can fail half-way
        message.connection = connection  # type: ignore[assignment]
        message.send()
        before_end()
        return
    encoding = message.encoding or settings.DEFAULT_CHARSET
    sender = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    body = message.message().as_bytes(linesep="\r\n")  # type: ignore[call-arg]  # as Django sends it
    if smtp.sock is not None:  # the end leaves in a write of its own: never held back for an ACK (Nagle)
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    _envelope(smtp, sender, recipients)
    code, answer = smtp.docmd("data")
    if code != 354:
        smtp.rset()
        raise smtplib.SMTPDataError(code, answer)
    quoted = LEADING_DOT.sub(b"..", body)
    smtp.send(quoted if quoted.endswith(CRLF) else quoted + CRLF)
    try:
        before_end()
    except BaseException:
        smtp.close()  # the message must never end: drop the connection, nothing more on it (no QUIT)
        raise
    smtp.send(b"." + CRLF)
    code, answer = smtp.getreply()
    if code != 250:
        raise AnsweredAfterEnd(code, answer)


def _envelope(smtp: smtplib.SMTP, sender: str, recipients: list[str]) -> None:
    smtp.ehlo_or_helo_if_needed()
    code, answer = smtp.mail(sender)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    refused = {}
    for address in recipients:
        code, answer = smtp.rcpt(address)
        if code not in (250, 251):
            refused[address] = (code, answer)
    if len(refused) == len(recipients):
        smtp.rset()
        raise smtplib.SMTPRecipientsRefused(refused)
