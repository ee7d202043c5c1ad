"""How many messages a sending run may still send: the batch, within the hourly limit."""

from __future__ import annotations


def allowance(*, batch_size: int, hourly_limit: int, sent_last_hour: int) -> int:
    """`hourly_limit` 0 means no limit."""
    if hourly_limit <= 0:
        return max(0, batch_size)
    return max(0, min(batch_size, hourly_limit - sent_last_hour))
