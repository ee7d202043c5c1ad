"""`make fuzz`: the fuzz tests at full size, then what they generated, summed up.

Runs tests/fuzz (schemathesis on every API operation, hypothesis properties of the importers, the hours
renderer and the dedup scorer) with MAILLAGE_FUZZ_EXAMPLES=full, after clearing var/fuzz/. Each test
writes its figures in var/fuzz/<test>.json; they are printed here and written to var/fuzz/summary.json.
Extra arguments go to pytest (`make fuzz FUZZ_ARGS="-n 2"`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FUZZ_DIR = ROOT / "var" / "fuzz"


def summarise() -> dict[str, Any]:
    reports = [
        json.loads(path.read_text())
        for path in sorted(FUZZ_DIR.glob("*.json"))
        if path.name != "summary.json"
    ]
    operations = [r for r in reports if r["kind"] == "schemathesis"]
    properties = [r for r in reports if r["kind"] == "hypothesis"]
    statuses: dict[str, int] = {}
    for report in operations:
        for code, count in report["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    return {
        "schemathesis": {
            "operations": len(operations),
            "cases": sum(r["cases"] for r in operations),
            "statuses": dict(sorted(statuses.items())),
            "by_operation": {r["operation"]: r["cases"] for r in operations},
        },
        "hypothesis": {r["property"]: r["examples"] for r in properties},
    }


def main() -> int:
    shutil.rmtree(FUZZ_DIR, ignore_errors=True)
    started = time.monotonic()
    command = [sys.executable, "-m", "pytest", "tests/fuzz", "-p", "no:randomly", "-q", *sys.argv[1:]]
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "MAILLAGE_FUZZ_EXAMPLES": "full", "MAILLAGE_FUZZ_REPORT": "1"},
        check=False,
    )
    elapsed = time.monotonic() - started
    summary = summarise()
    summary["seconds"] = round(elapsed)
    summary["failed"] = result.returncode != 0
    api = summary["schemathesis"]
    print(f"\n== make fuzz, {elapsed / 60:.1f} min")
    for name, cases in api["by_operation"].items():
        print(f"  {name:<40} {cases:>6} cases")
    spec = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    expected = sum(len(methods) for methods in spec["paths"].values())
    failed = expected - api["operations"]  # a failing operation's test records nothing
    summary["schemathesis"]["failed_operations"] = failed
    print(f"schemathesis: {api['cases']} cases over {api['operations']} operations, {failed} failures")
    print(f"  answers by status: {api['statuses']}")
    for name, count in summary["hypothesis"].items():
        print(f"hypothesis: {count:>6} examples  {name}")
    FUZZ_DIR.mkdir(parents=True, exist_ok=True)
    (FUZZ_DIR / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    print(f"pytest exit status {result.returncode}; figures in {FUZZ_DIR.relative_to(ROOT)}/summary.json")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
