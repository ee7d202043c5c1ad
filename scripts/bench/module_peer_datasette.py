"""Benchmark worker: the same search served by a peer baseline, Datasette, in the same run.

A data re-user's way to serve the census: the published places exported to a SQLite file (peer_census.py,
with a position index), served by `datasette serve -i` (immutable, as published data is) with a canned query
"the nearest places offering this service around a point". Datasette lives in its own virtualenv,
var/bench/peer-venv, created on the first run (`pip install datasette`), never a project dependency.

Both sides answer the same 300 queries (fixed seed, around real published places, a service that place
offers, a radius, 10 answers at most): `/api/v1/lieux` under gunicorn (2 workers, as throughput.py) and
the canned query's JSON (`_shape=array`). No opening hours: Datasette cannot evaluate OSM opening_hours.
Measured on each: sequential latency over loopback (one client; keep-alive where the server keeps the
connection: Datasette does, gunicorn's sync workers close it after each answer) and throughput with
throughput.py's load (same tool, connections and duration). Also the share of queries whose place ids
agree, in order and as sets (both rank by the haversine distance, ties by name: only float rounding at a
near tie could differ).

Prints one JSON line of figures; {"peer_error": …} (exit 0) when Datasette cannot be installed or started.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import throughput  # sets Django up and puts scripts/ on the path; its server settings and load are used

ROOT = throughput.ROOT

import loadgen
import peer_census

from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.places.selectors import places_published

VENV = ROOT / "var" / "bench" / "peer-venv"
DATASETTE = "datasette>=0.65,<1"
QUERIES = 300
WARM_UP = 20


class PeerError(Exception):
    pass


def _datasette() -> Path:
    """Datasette's command in the bench's own virtualenv, installed on the first run."""
    command = VENV / "bin" / "datasette"
    if command.exists():
        return command
    print(f"Installing {DATASETTE} in {VENV} (the bench's own environment)", file=sys.stderr)
    for step in (
        [sys.executable, "-m", "venv", str(VENV)],
        [str(VENV / "bin" / "pip"), "install", "-q", DATASETTE],
    ):
        done = subprocess.run(step, capture_output=True, text=True, check=False, timeout=600)
        if done.returncode != 0:
            raise PeerError(f"{' '.join(step[:3])} failed: {_last_line(done.stderr or done.stdout)}")
    return command


def _last_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1].strip()[:500] if lines else "(no output)"


def _queries(count: int) -> list[dict[str, object]]:
    """Around real published places (jittered), a radius and one service that place offers (so that most
    answers are not empty); fixed seed, as throughput.py."""
    rng = random.Random(7)
    places = places_published().exclude(latitude=None).order_by("id")
    around = list(places.values_list("latitude", "longitude", "services"))
    if not around:
        raise PeerError("no published place with a position: nothing to search around")
    every = list(ENUMERATIONS["services"])
    queries = []
    for _ in range(count):
        lat, lon, services = rng.choice(around)
        queries.append(
            {
                "lat": round(lat + rng.uniform(-0.05, 0.05), 5),
                "lon": round(lon + rng.uniform(-0.05, 0.05), 5),
                "km": rng.choice([5, 10, 20, 30]),
                "service": rng.choice(services or every),
            }
        )
    return queries


def _maillage_path(query: dict[str, object]) -> str:
    params = {"lat": query["lat"], "lon": query["lon"], "distance_km": query["km"]}
    return "/api/v1/lieux?" + urllib.parse.urlencode({**params, "services": query["service"], "limit": 10})


def _datasette_path(query: dict[str, object]) -> str:
    return f"/{peer_census.DATABASE}/{peer_census.QUERY}.json?" + urllib.parse.urlencode(
        {**query, "_shape": "array"}
    )


def _wait_datasette(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise PeerError(f"datasette stopped (exit {server.returncode})")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/-/versions.json")
            answer = connection.getresponse()
            body = answer.read()
            connection.close()
            if answer.status == 200:
                return
            raise PeerError(f"datasette answered {answer.status}: {body[:300]!r}")
        time.sleep(0.3)
    raise PeerError("datasette did not answer within 90 s")


def _sequential(port: int, paths: list[str]) -> tuple[list[float], list[bytes]]:
    """One client, one request after the other (keep-alive when the server keeps the connection)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, bodies = [], []
    for index, path in enumerate(paths[:WARM_UP] + paths):
        began = time.perf_counter()
        connection.request("GET", path)
        answer = connection.getresponse()
        body = answer.read()
        elapsed = (time.perf_counter() - began) * 1000
        if answer.status != 200:
            raise PeerError(f"GET {path} answered {answer.status}: {body[:300]!r}")
        if index >= WARM_UP:
            latencies.append(elapsed)
            bodies.append(body)
    connection.close()
    return latencies, bodies


def _agreement(maillage: list[bytes], datasette: list[bytes]) -> dict[str, object]:
    ordered = same_set = answers = found = 0
    for ours, theirs in zip(maillage, datasette, strict=True):
        our_ids = [item["id"] for item in json.loads(ours)["items"]]
        their_ids = [row["id"] for row in json.loads(theirs)]
        ordered += our_ids == their_ids
        same_set += set(our_ids) == set(their_ids)
        answers += len(our_ids)
        found += bool(our_ids)
    return {
        "peer_same_ids_ordered_share": round(ordered / len(maillage), 3),
        "peer_same_ids_set_share": round(same_set / len(maillage), 3),
        "peer_answers_per_query": round(answers / len(maillage), 2),
        "peer_queries_answered_share": round(found / len(maillage), 3),
    }


def _measure(side: str, port: int, paths: list[str], tmp: str) -> tuple[dict[str, object], list[bytes]]:
    latencies, bodies = _sequential(port, paths)
    ordered = sorted(latencies)
    load = throughput._load(port, paths, False, tmp)
    figures = {
        f"peer_{side}_p50_ms": round(loadgen._percentile(ordered, 0.50), 2),
        f"peer_{side}_p95_ms": round(loadgen._percentile(ordered, 0.95), 2),
        f"peer_{side}_rps": load["rps"],
        f"peer_{side}_load_p50_ms": load["p50_ms"],
        f"peer_{side}_load_errors": load["errors"],
        "peer_load_tool": load["tool"],
    }
    return figures, bodies


def _ratio(ours: object, theirs: object) -> float | None:
    if isinstance(ours, int | float) and isinstance(theirs, int | float) and theirs:
        return round(ours / theirs, 2)
    return None


def _run(tmp: str) -> dict[str, object]:
    datasette = _datasette()
    figures: dict[str, object] = {}
    started = time.perf_counter()
    database = Path(tmp, f"{peer_census.DATABASE}.db")
    figures["peer_places_exported"] = peer_census.export(database)
    figures["peer_export_s"] = round(time.perf_counter() - started, 2)
    metadata = Path(tmp, "metadata.json")
    metadata.write_text(json.dumps(peer_census.metadata(), ensure_ascii=False), encoding="utf-8")
    queries = _queries(QUERIES)
    ours, theirs = throughput._free_port(), throughput._free_port()
    peer = [str(datasette), "serve", "-i", str(database), "-m", str(metadata), "--host", "127.0.0.1"]
    peer += ["--port", str(theirs), "--setting", "sql_time_limit_ms", "5000"]
    gunicorn, env = throughput.gunicorn(ours)
    with (
        throughput.serving(peer, dict(os.environ), Path(tmp, "datasette.log")) as peer_server,
        throughput.serving(gunicorn, env, Path(tmp, "gunicorn.log")) as maillage_server,
    ):
        _wait_datasette(theirs, peer_server)
        throughput._wait_ready(ours, maillage_server)
        version = subprocess.run([str(datasette), "--version"], capture_output=True, text=True, check=False)
        figures["peer_datasette_version"] = version.stdout.strip().rsplit(" ", 1)[-1]
        for _ in range(throughput.WORKERS * 2):  # warm both gunicorn workers (imports, first queries)
            _sequential(ours, [_maillage_path(queries[0])])
        peer_figures, peer_bodies = _measure("datasette", theirs, [_datasette_path(q) for q in queries], tmp)
        our_figures, our_bodies = _measure("maillage", ours, [_maillage_path(q) for q in queries], tmp)
    figures.update(peer_figures)
    figures.update(our_figures)
    figures["peer_ratio_p95"] = _ratio(figures["peer_maillage_p95_ms"], figures["peer_datasette_p95_ms"])
    figures["peer_ratio_rps"] = _ratio(figures["peer_maillage_rps"], figures["peer_datasette_rps"])
    figures.update(_agreement(our_bodies, peer_bodies))
    figures["_targets"] = [
        ["peer: search p95 <= Datasette's", "peer_ratio_p95", 1.0, "x", "max"],
        ["peer: search req/s >= Datasette's", "peer_ratio_rps", 1.0, "x", "min"],
    ]
    return figures


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            figures = _run(tmp)
        except PeerError as error:
            print(f"Peer baseline (Datasette) not measured: {error}", file=sys.stderr)
            figures = {"peer_error": str(error)}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
