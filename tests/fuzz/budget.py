"""How much to fuzz: a smoke run inside `make test`, the full run under `make fuzz`.

`MAILLAGE_FUZZ_EXAMPLES` (set by `make fuzz`) raises every property's example count; under `make fuzz`
(MAILLAGE_FUZZ_REPORT) each test records what it generated in `var/fuzz/<test>.json`, which
`scripts/fuzz.py` sums up.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FUZZ_DIR = Path(__file__).resolve().parent.parent.parent / "var" / "fuzz"


def examples(smoke: int, full: int) -> int:
    """`smoke` examples in the normal suite; `full` when `make fuzz` sets MAILLAGE_FUZZ_EXAMPLES=full."""
    level = os.environ.get("MAILLAGE_FUZZ_EXAMPLES", "")
    if level == "full":
        return full
    return int(level) if level.isdigit() else smoke


def record(name: str, **figures: Any) -> None:
    """Keep a test's figures for the `make fuzz` summary (one file per test: safe under xdist).

    Only under `make fuzz` (MAILLAGE_FUZZ_REPORT set): a `make test` running beside it must not overwrite
    its figures with the smoke run's."""
    if not os.environ.get("MAILLAGE_FUZZ_REPORT"):
        return
    FUZZ_DIR.mkdir(parents=True, exist_ok=True)
    (FUZZ_DIR / f"{name}.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n")
