"""An mbox of bounces and complaints → the addresses to stop writing to (hard bounces: status 5.x.x)."""

from __future__ import annotations

import email
import email.message
import email.policy
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Bounce:
    address: str
    kind: str  # "bounce" | "complaint"
    status: str  # "5.1.1" for a bounce, the feedback type for a complaint


def _address(value: str) -> str:
    # "rfc822; someone@example.org" → someone@example.org
    return value.split(";", 1)[-1].strip().strip("<>").lower()


def bounces_in_message(message: email.message.Message) -> Iterator[Bounce]:
    if message.get_content_type() != "multipart/report":
        return
    report_type = str(message.get_param("report-type") or "").lower()
    for part in message.walk():
        kind = part.get_content_type()
        if report_type == "delivery-status" and kind == "message/delivery-status":
            blocks = part.get_payload()
            for block in blocks if isinstance(blocks, list) else []:
                if not isinstance(block, email.message.Message):
                    continue
                status, action = str(block.get("Status", "")), str(block.get("Action", "")).lower()
                recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
                if recipient and action == "failed" and status.startswith("5"):
                    yield Bounce(address=_address(recipient), kind="bounce", status=status)
        elif report_type == "feedback-report" and kind == "message/feedback-report":
            fields = _feedback_fields(part)
            recipient = fields.get("original-rcpt-to", "")
            if recipient:
                yield Bounce(
                    address=_address(recipient), kind="complaint", status=fields.get("feedback-type", "")
                )


def _feedback_fields(part: email.message.Message) -> dict[str, str]:
    payload = part.get_payload()
    if isinstance(payload, list):
        merged: dict[str, str] = {}
        for block in payload:
            if isinstance(block, email.message.Message):
                merged.update({k.lower(): str(v) for k, v in block.items()})
        return merged
    text = payload if isinstance(payload, str) else ""
    parsed = email.message_from_string(text)
    return {k.lower(): str(v) for k, v in parsed.items()}


def read_mbox(path: Path) -> Iterator[Bounce]:
    """Every hard bounce and complaint of the mbox (a single .eml file also reads, as a one-message box)."""
    box = mailbox.mbox(path, create=False)
    try:
        messages = list(box)
    finally:
        box.close()
    if not messages:
        messages = [
            mailbox.mboxMessage(email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32))
        ]
    for message in messages:
        yield from bounces_in_message(message)
