"""Load generation with Locust, in a process of its own (importing locust monkey-patches the
whole process with gevent, which breaks Playwright and threaded servers next to it):

    .venv/bin/python -m bench.load --host http://127.0.0.1:8050 --requests requests.json \\
        --users 16 --seconds 20 --out results.json

``requests.json`` is a list of ``{"method", "path", "body", "name"}`` (``body``: the JSON text of
a POST, or null; ``name`` optional). Every user replays the list round-robin from its own offset,
with no pause and no retry, for ``--seconds``; the users then finish the request they are in.
Once every user runs, one line ``{"started": <epoch s when the load began>}`` goes to stdout.
``results.json`` gets Locust's summary (``env.stats``) and one record per request: start (epoch
s), latency (ms), status (0 when there was no response), error (the exception's name), response
bytes, name.

Nothing else imports this module: the benchmark and tests/test_load.py run it through
:class:`bench.replay.Load`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment
from locust.exception import StopUser


def run(
    host: str,
    requests: list[dict],
    *,
    users: int,
    seconds: float,
    timeout: float,
    spawn_rate: float,
    max_requests: int,
) -> dict:
    """Locust headless with ``users`` users replaying ``requests`` for ``seconds``."""
    offsets = itertools.count()
    records: list[dict] = []

    class Replayer(FastHttpUser):
        wait_time = constant(0)
        network_timeout = connection_timeout = timeout
        max_retries = 0

        def on_start(self):
            self.index = next(offsets)

        @task
        def replay(self):
            if len(records) >= max_requests:
                raise StopUser()
            r = requests[self.index % len(requests)]
            self.index += 1
            headers = {"Accept-Encoding": "identity"}  # as a bare HTTP client: no compression asked
            if r.get("body") is not None:
                headers["Content-Type"] = "application/json"
            name = r.get("name") or r["path"]
            self.client.request(r["method"], r["path"], data=r.get("body"), headers=headers, name=name)

    env = Environment(user_classes=[Replayer], host=host, stop_timeout=timeout)

    @env.events.request.add_listener
    def record(name, response_time, response_length, response, exception, start_time, **_):
        status = getattr(response, "status_code", 0) or 0
        error = type(exception).__name__ if exception is not None else None
        records.append(
            {"start": start_time, "ms": response_time, "status": status, "error": error,
             "bytes": response_length, "name": name}
        )  # fmt: skip

    runner = env.create_local_runner()
    started = time.time()
    runner.start(users, spawn_rate=spawn_rate)
    while runner.user_count < users and time.time() - started < 30:
        gevent.sleep(0.01)
    print(json.dumps({"started": started}), flush=True)
    gevent.sleep(max(0.0, started + seconds - time.time()))
    runner.stop()  # waits (up to stop_timeout) for the users' requests in flight
    elapsed = time.time() - started
    runner.quit()
    total = env.stats.total
    summary = {
        "users": users,
        "seconds": round(elapsed, 2),
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": round(total.num_requests / elapsed, 1) if elapsed else None,
        "ms": {  # Locust's own figures: above 100 ms, its percentiles have two significant digits
            "min": round(total.min_response_time or 0, 1),
            "median": total.median_response_time,
            "p95": total.get_response_time_percentile(0.95),
            "max": round(total.max_response_time, 1),
            "avg": round(total.avg_response_time, 1),
        },
        "errors": {f"{e.method} {e.name}: {e.error}": e.occurrences for e in env.stats.errors.values()},
    }
    return {"host": host, "started": started, "summary": summary, "records": records}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", required=True, help="the server's origin, e.g. http://127.0.0.1:8050")
    parser.add_argument("--requests", type=Path, required=True, help="JSON list of requests to replay")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=30, help="seconds for one request")
    parser.add_argument("--spawn-rate", type=float, default=100, help="users started per second")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop the users after as many")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    requests = json.loads(args.requests.read_text())
    if not requests:
        parser.error("no requests to replay")
    result = run(
        args.host.rstrip("/"), requests, users=args.users, seconds=args.seconds, timeout=args.timeout,
        spawn_rate=args.spawn_rate, max_requests=args.max_requests,
    )  # fmt: skip
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
