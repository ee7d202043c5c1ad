"""hypothesis-jsonschema 0.23.1 (schemathesis' generator) against hypothesis 6.170's new `many()`.

hypothesis 6.170 turned `conjecture.utils.many` into a context manager iterated with `for`, and dropped
`many.more()`, which hypothesis-jsonschema still calls for every JSON object it generates. Until a
release of hypothesis-jsonschema follows, this adapter gives it the old interface on top of the new one.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from hypothesis.internal.conjecture import utils as conjecture_utils


class LegacyMany:
    """`while elements.more(): ... elements.reject()` driven by the new `with many(...) as e: for _ in e`."""

    def __init__(self, data: Any, **sizes: Any) -> None:
        self._many = conjecture_utils.many(data, **sizes)
        self._many.__enter__()
        self._steps: Iterator[None] = iter(self._many)

    def more(self) -> bool:
        try:
            next(self._steps)
        except StopIteration:
            self._many.__exit__(None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


def hypothesis_jsonschema_patch() -> None:
    """Give hypothesis-jsonschema the old `many` when the installed hypothesis lacks `more()`."""
    if hasattr(conjecture_utils.many, "more"):
        return
    from hypothesis_jsonschema import _from_schema

    if getattr(_from_schema.cu, "many", None) is LegacyMany:
        return
    _from_schema.cu = SimpleNamespace(**{**vars(conjecture_utils), "many": LegacyMany})  # type: ignore[assignment]
