"""A small HTTP load generator (standard library only): what `make bench` uses when `wrk` is missing.

Each of `--concurrency` threads keeps one HTTP/1.1 connection open (keep-alive) and sends GET requests
one after the other for `--duration` seconds, cycling through the paths given (or read from
`--paths-file`, one a line). Prints one JSON line: requests, requests per second, latency percentiles
(ms) and errors (non-2xx/3xx answers and connection failures). The generator shares the machine with
the server it measures (and Python threads share one interpreter lock): its figures are a lower bound.

    python scripts/loadgen.py --host 127.0.0.1 --port 8000 --duration 10 /api/v1/lieux?limit=1
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import threading
import time
from collections.abc import Sequence


def _worker(
    host: str,
    port: int,
    paths: Sequence[str],
    offset: int,
    deadline: float,
    headers: dict[str, str],
    latencies: list[float],
    errors: list[str],
) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    for path in itertools.islice(itertools.cycle(paths), offset, None):
        if time.perf_counter() >= deadline:
            break
        began = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
            continue
        latencies.append((time.perf_counter() - began) * 1000)
        if response.status >= 400:
            errors.append(str(response.status))
    connection.close()


def _percentile(ordered: Sequence[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def run(
    host: str,
    port: int,
    paths: Sequence[str],
    *,
    duration: float,
    concurrency: int,
    headers: dict[str, str] | None = None,
) -> dict[str, object]:
    """Load `host:port` with GET `paths` for `duration` seconds; the figures as a dict."""
    latencies: list[float] = []  # list.append is atomic: the threads share these two lists
    errors: list[str] = []
    started = time.perf_counter()
    deadline = started + duration
    threads = [
        threading.Thread(
            target=_worker,
            args=(host, port, paths, index * 7, deadline, headers or {}, latencies, errors),
            daemon=True,
        )
        for index in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 60)
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "tool": f"python loadgen, {concurrency} connections",
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(_percentile(ordered, 0.50), 1),
        "p99_ms": round(_percentile(ordered, 0.99), 1),
        "errors": len(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="paths to GET, in turn (e.g. /api/v1/lieux?limit=1)")
    parser.add_argument("--paths-file", help="a file of paths, one a line")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds")
    parser.add_argument("--concurrency", type=int, default=4, help="connections (threads)")
    parser.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip")
    args = parser.parse_args()
    paths = list(args.paths)
    if args.paths_file:
        with open(args.paths_file, encoding="utf-8") as lines:
            paths += [line.strip() for line in lines if line.strip()]
    if not paths:
        parser.error("no path to request")
    headers = {"Accept-Encoding": "gzip"} if args.gzip else {}
    figures = run(
        args.host, args.port, paths, duration=args.duration, concurrency=args.concurrency, headers=headers
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
