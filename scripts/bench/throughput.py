"""Benchmark worker: HTTP throughput of gunicorn (2 workers, 127.0.0.1) on the database the census
worker filled, for the map data and for a search, each for a bounded time.

The load comes from `wrk` when installed (bench.py installs the Debian package when missing and run as
root), else from scripts/loadgen.py (threads, keep-alive). Prints one JSON line of figures.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.places.models import Place

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import loadgen

SECONDS = 10
CONNECTIONS = 4
WORKERS = 2
READY_PATH = "/api/v1/lieux?lat=45.43&lon=4.39&distance_km=1&limit=1"  # a cheap request
MAP_PATH = "/carte/lieux.geojson"  # every published place with a position (the map's first request)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _search_paths(count: int) -> list[str]:
    """Varied real searches: around real places (jittered), one service, open at a moment of a week."""
    rng = random.Random(7)
    points = list(Place.objects.exclude(latitude=None).values_list("latitude", "longitude"))
    services = list(ENUMERATIONS["services"])
    start = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    paths = []
    for _ in range(count):
        lat, lon = rng.choice(points)
        when = start + datetime.timedelta(days=rng.randrange(7), hours=rng.randrange(7, 19))
        query = {
            "lat": round(lat + rng.uniform(-0.05, 0.05), 5),
            "lon": round(lon + rng.uniform(-0.05, 0.05), 5),
            "distance_km": rng.choice([5, 10, 20, 30]),
            "services": rng.choice(services),
            "ouvert_a": when.isoformat(),
        }
        paths.append("/api/v1/lieux?" + urllib.parse.urlencode(query))
    return paths


def _wait_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{READY_PATH}", timeout=60):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 90 s")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return round(float(match.group(1)) * _UNITS[match.group(2)], 2) if match else float("nan")


def _wrk(port: int, paths: list[str], gzip: bool, tmp: str) -> dict[str, object]:
    script = Path(tmp, "paths.lua")
    listed = ",\n".join(json.dumps(path) for path in paths)  # JSON strings are valid Lua strings here
    header = 'wrk.headers["Accept-Encoding"] = "gzip"\n' if gzip else ""
    script.write_text(
        f"{header}local paths = {{\n{listed}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n",
        encoding="utf-8",
    )
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s", str(script)]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    requests = re.search(r"(\d+) requests in", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "tool": f"wrk, {CONNECTIONS} connections",
        "requests": int(requests.group(1)) if requests else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": _ms(percentiles.get("50", "")),
        "p99_ms": _ms(percentiles.get("99", "")),
        "errors": (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0),
    }


def _load(port: int, paths: list[str], gzip: bool, tmp: str) -> dict[str, object]:
    if shutil.which("wrk"):
        return _wrk(port, paths, gzip, tmp)
    headers = {"Accept-Encoding": "gzip"} if gzip else {}
    return loadgen.run("127.0.0.1", port, paths, duration=SECONDS, concurrency=CONNECTIONS, headers=headers)


@contextlib.contextmanager
def serving(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run the server `command` for the block, its output in `log` (the end of it printed if the block fails);
    stopped after (terminated, killed if it does not stop within 30 s)."""
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield server
        except BaseException:
            output.flush()
            print(f"{command[0]} log:\n{log.read_text(encoding='utf-8')[-3000:]}", file=sys.stderr)
            raise
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def gunicorn(port: int) -> tuple[list[str], dict[str, str]]:
    """The command and environment of Maillage under gunicorn (WORKERS workers) on 127.0.0.1:`port`."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", f"--workers={WORKERS}"]
    command += [f"--bind=127.0.0.1:{port}", "--log-level=warning", f"--chdir={ROOT}"]
    return command, {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1"}


def main() -> None:
    port = _free_port()
    searches = _search_paths(500)
    command, env = gunicorn(port)
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp, serving(command, env, Path(tmp, "gunicorn.log")) as server:
        _wait_ready(port, server)
        for name, paths, gzip in (("map", [MAP_PATH], True), ("search", searches, False)):
            for worker in range(WORKERS * 2):  # warm both workers (imports, first queries)
                urllib.request.urlopen(f"http://127.0.0.1:{port}{paths[worker % len(paths)]}").read()
            result = _load(port, paths, gzip, tmp)
            figures["http_tool"] = result.pop("tool")
            figures.update({f"http_{name}_{key}": value for key, value in result.items()})
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
