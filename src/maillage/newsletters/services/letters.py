"""Letters: created, their blocks added, moved, removed; resolved into the content both parts are written
from; scheduled; sent to oneself as a test."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from maillage.newsletters.domain.blocks import Block, BlockError, blocks_append, blocks_move, blocks_remove
from maillage.newsletters.enums import LetterStatus
from maillage.newsletters.models import Letter, MailingList
from maillage.newsletters.selectors import content_resolve


class LetterLocked(BlockError):
    """The letter is already queued or sent: its content no longer changes."""


def _editable(letter: Letter) -> Letter:
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status not in (LetterStatus.DRAFT, LetterStatus.SCHEDULED):
        raise LetterLocked("cette lettre est déjà partie : son contenu ne change plus")
    return locked


@transaction.atomic
def letter_create(*, mailing_list: MailingList, subject: str, intro: str, author: Any) -> Letter:
    return Letter.objects.create(mailing_list=mailing_list, subject=subject, intro=intro, created_by=author)


@transaction.atomic
def letter_update(*, letter: Letter, subject: str, intro: str) -> Letter:
    locked = _editable(letter)
    locked.subject, locked.intro = subject, intro
    locked.save(update_fields=["subject", "intro"])
    return locked


@transaction.atomic
def letter_block_add(*, letter: Letter, block: Block) -> Letter:
    locked = _editable(letter)
    locked.blocks = blocks_append(list(locked.blocks), block)
    locked.save(update_fields=["blocks"])
    return locked


@transaction.atomic
def letter_block_remove(*, letter: Letter, index: int) -> Letter:
    locked = _editable(letter)
    locked.blocks = blocks_remove(list(locked.blocks), index)
    locked.save(update_fields=["blocks"])
    return locked


@transaction.atomic
def letter_block_move(*, letter: Letter, index: int, offset: int) -> Letter:
    locked = _editable(letter)
    locked.blocks = blocks_move(list(locked.blocks), index, offset)
    locked.save(update_fields=["blocks"])
    return locked


@transaction.atomic
def letter_schedule(*, letter: Letter, when: datetime.datetime | None) -> Letter:
    """Send at `when` (None: as soon as `maillage send-newsletters` runs); the content is frozen then."""
    locked = _editable(letter)
    if not locked.blocks and not locked.intro.strip():
        raise BlockError("une lettre vide ne part pas : ajoutez au moins un bloc")
    locked.status, locked.scheduled_at = LetterStatus.SCHEDULED, when or timezone.now()
    locked.save(update_fields=["status", "scheduled_at"])
    return locked


@transaction.atomic
def letter_unschedule(*, letter: Letter) -> Letter:
    locked = _editable(letter)
    locked.status, locked.scheduled_at = LetterStatus.DRAFT, None
    locked.save(update_fields=["status", "scheduled_at"])
    return locked


def letter_content(letter: Letter) -> dict[str, Any]:
    """What the letter shows: its frozen content once queued, its blocks resolved now while composed."""
    if letter.content:
        return dict(letter.content)
    return content_resolve(letter)


def letter_view_count(*, letter: Letter) -> None:
    """A view of the web version, counted on the server (no pixel, no cookie)."""
    Letter.objects.filter(pk=letter.pk).update(web_views=F("web_views") + 1)
