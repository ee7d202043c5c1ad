"""A letter's blocks: what the animator picked (kind + reference or free text), and once resolved the
content both parts of the e-mail and the web page are written from."""

from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass, field
from typing import Any, Final

KINDS: Final = {
    "news": "Veille",
    "event": "Agenda",
    "place": "Lieu",
    "text": "Texte",
}
MAX_BLOCKS: Final = 60


class BlockError(ValueError):
    """A block the letter cannot hold (message in French)."""


@dataclass(frozen=True)
class Block:
    kind: str
    ref: str = ""
    text: str = ""

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "ref": self.ref, "text": self.text}


def block_from(raw: Any) -> Block:
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
        raise BlockError(f"bloc inconnu : {raw!r}")
    block = Block(kind=raw["kind"], ref=str(raw.get("ref", "")), text=str(raw.get("text", "")))
    if block.kind == "text" and not block.text.strip():
        raise BlockError("un bloc de texte libre ne peut pas être vide")
    if block.kind != "text" and not block.ref:
        raise BlockError(f"le bloc « {KINDS[block.kind]} » ne désigne rien")
    return block


def blocks_append(blocks: list[dict[str, str]], block: Block) -> list[dict[str, str]]:
    if len(blocks) >= MAX_BLOCKS:
        raise BlockError(f"une lettre compte au plus {MAX_BLOCKS} blocs")
    if block.kind != "text" and any(b["kind"] == block.kind and b["ref"] == block.ref for b in blocks):
        raise BlockError("ce contenu est déjà dans la lettre")
    return [*blocks, block.as_json()]


def blocks_remove(blocks: list[dict[str, str]], index: int) -> list[dict[str, str]]:
    if not 0 <= index < len(blocks):
        raise BlockError(f"pas de bloc n° {index + 1}")
    return blocks[:index] + blocks[index + 1 :]


def blocks_move(blocks: list[dict[str, str]], index: int, offset: int) -> list[dict[str, str]]:
    """Move block `index` by `offset` (-1 up, +1 down); at either end it stays where it is."""
    if not 0 <= index < len(blocks):
        raise BlockError(f"pas de bloc n° {index + 1}")
    target = max(0, min(len(blocks) - 1, index + offset))
    moved = list(blocks)
    moved.insert(target, moved.pop(index))
    return moved


@dataclass(frozen=True)
class Resolved:
    """A block as shown: a heading, a few facts (date, place), a text, a link."""

    kind: str
    title: str
    text: str = ""
    html: str = ""
    facts: list[str] = field(default_factory=list)
    url: str = ""

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def resolved_from(raw: dict[str, Any]) -> Resolved:
    return Resolved(
        kind=raw["kind"],
        title=raw.get("title", ""),
        text=raw.get("text", ""),
        html=raw.get("html", ""),
        facts=list(raw.get("facts", [])),
        url=raw.get("url", ""),
    )


def _wrapped(text: str, width: int = 72) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width=width) for p in paragraphs)


def plain_text(
    *, list_name: str, subject: str, intro: str, blocks: list[Resolved], web_url: str, unsubscribe_url: str
) -> str:
    """The text/plain part: the same content as the HTML part, readable in any mail client."""
    lines = [list_name.upper(), subject, "=" * min(72, len(subject)), ""]
    if intro.strip():
        lines += [_wrapped(intro), ""]
    for block in blocks:
        heading = (
            block.title if block.kind == "text" and not block.title else f"[{block.label}] {block.title}"
        )
        if block.title:
            lines += [heading.strip(), "-" * min(72, len(heading.strip()))]
        lines += block.facts
        if block.text.strip():
            lines.append(_wrapped(block.text))
        if block.url:
            lines.append(f"→ {block.url}")
        lines.append("")
    lines += [
        "--",
        f"Version en ligne : {web_url}",
        f"Se désinscrire en un clic : {unsubscribe_url}",
        "",
    ]
    return "\n".join(lines)
