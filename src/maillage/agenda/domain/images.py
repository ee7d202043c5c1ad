"""What an event image may be: JPEG, PNG or WebP (checked on its first bytes), 2 Mo at most."""

from __future__ import annotations

from typing import Final

MAX_IMAGE_BYTES: Final = 2 * 1024 * 1024
SIGNATURES: Final = {"jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",)}


def image_kind(head: bytes) -> str | None:
    """ "jpeg", "png", "webp" from a file's first 12 bytes, or None for anything else."""
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def image_problem(*, head: bytes, size: int) -> str | None:
    """A French sentence when the image cannot be accepted, else None."""
    if size > MAX_IMAGE_BYTES:
        return f"Image : le fichier dépasse {MAX_IMAGE_BYTES // (1024 * 1024)} Mo."
    if image_kind(head) is None:
        return "Image : seuls les formats JPEG, PNG et WebP sont acceptés."
    return None
