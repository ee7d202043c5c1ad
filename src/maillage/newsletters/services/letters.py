"""Letters: created, their blocks added, moved, removed; resolved into the content both parts are written
from; scheduled; sent to oneself as a test."""

from __future__ import annotations

import datetime
from collections.abc import Callable
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


def _blocks_change(letter: Letter, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> Letter:
    with transaction.atomic():
        locked = _editable(letter)
        locked.blocks = change(list(locked.blocks))
        locked.save(update_fields=["blocks"])
    return locked


def letter_block_add(*, letter: Letter, block: Block) -> Letter:
    return _blocks_change(letter, lambda blocks: blocks_append(blocks, block))


def letter_block_remove(*, letter: Letter, index: int) -> Letter:
    return _blocks_change(letter, lambda blocks: blocks_remove(blocks, index))


def letter_block_move(*, letter: Letter, index: int, offset: int) -> Letter:
    return _blocks_change(letter, lambda blocks: blocks_move(blocks, index, offset))


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
