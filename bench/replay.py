"""The browser's own callback requests, replayed against a server: one at a time, for each
callback's server time and response size, and many at once for throughput. The load comes
from Locust in its own process (bench/load.py, through :class:`Load`), so that gevent never
patches this one, which also drives Playwright (and, in tests/test_load.py, pytest)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench import CALLBACK_PATH, ROOT
from bench.stats import stats
from components import ids

USERS = 16  # concurrent clients of the throughput measurement


def callback_name(body: dict) -> str:
    """A callback's name in the report: its first output, ``<id>.<property>``."""
    outputs = body.get("outputs")
    first = outputs[0] if isinstance(outputs, list) and outputs else outputs
    if isinstance(first, dict):
        return f"{first.get('id')}.{first.get('property')}"
    return str(body.get("output", "?"))[:60]


def unique_payloads(recorded: list[dict]) -> dict[tuple[str, str], tuple[str, bytes]]:
    """First (path, body) of each callback per phase (load / filter), as the browser sent it."""
    out: dict[tuple[str, str], tuple[str, bytes]] = {}
    for item in recorded:
        if not item["body"]:
            continue
        body = json.loads(item["body"])
        key = (callback_name(body), item["phase"])
        out.setdefault(key, (item.get("path") or CALLBACK_PATH, item["body"].encode()))
    return out


def post(url: str, payload: tuple[str, bytes], timeout: float = 30) -> tuple[int, int]:
    """POST ``payload`` (path, JSON body): (status, response bytes)."""
    path, body = payload
    req = urllib.request.Request(
        url + path, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, len(r.read())


def replay(url: str, payloads: dict, runs: int, budget_s: float) -> dict:
    """Latency (ms) and response size of each recorded callback: ``runs`` times each, or as
    many as fit in ``budget_s`` seconds per callback (at least once)."""
    out = {}
    for (name, phase), body in sorted(payloads.items()):
        times, sizes, errors = [], [], 0
        deadline = time.monotonic() + budget_s
        for i in range(runs):
            if i and time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            try:
                status, size = post(url, body)
            except (OSError, urllib.error.URLError):
                errors += 1
                continue
            times.append((time.perf_counter() - t0) * 1000)
            sizes.append(size)
            if status >= 300:
                errors += 1
        out[f"{name} [{phase}]"] = {
            "ms": stats(times, 2),
            "response_bytes": max(sizes) if sizes else None,
            "request_bytes": len(body[1]),
            "errors": errors,
        }
    return out


class Load:
    """``python -m bench.load`` (Locust, headless) against ``host``, started now: ``requests``
    (``{"method", "path", "body", "name"}``) replayed by ``users`` users for ``seconds``.
    ``started`` is the epoch second at which the load began (known once every user runs);
    :meth:`result` waits for the end and returns the process's JSON: ``summary`` (Locust's
    stats) and ``records`` (one per request)."""

    def __init__(self, host: str, requests: list[dict], *, users: int, seconds: float, timeout: float = 30):
        self.seconds, self.timeout = seconds, timeout
        self._dir = tempfile.TemporaryDirectory(prefix="bench-load-")
        work = Path(self._dir.name)
        (work / "requests.json").write_text(json.dumps(requests))
        self.out, self.log = work / "results.json", work / "locust.log"
        cmd = [
            sys.executable, "-m", "bench.load", "--host", host, "--requests", str(work / "requests.json"),
            "--users", str(users), "--seconds", str(seconds), "--timeout", str(timeout),
            "--out", str(self.out),
        ]  # fmt: skip
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
        self.started = None
        for line in self.proc.stdout:  # its first line, once every user runs
            if line.startswith("{"):
                self.started = json.loads(line)["started"]
                break
        if self.started is None:
            self.proc.wait(timeout=30)
            raise RuntimeError(f"the load did not start: {self._log_tail()}")

    def result(self) -> dict:
        try:
            self.proc.communicate(timeout=self.seconds + self.timeout + 60)
            if self.proc.returncode != 0 or not self.out.exists():
                raise RuntimeError(f"the load failed (exit {self.proc.returncode}): {self._log_tail()}")
            return json.loads(self.out.read_text())
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self._dir.cleanup()

    def _log_tail(self, n: int = 10) -> str:
        return " | ".join(self.log.read_text(errors="replace").splitlines()[-n:])


def throughput(url: str, payloads: list[tuple[str, bytes]], seconds: float) -> dict:
    """USERS clients replaying ``payloads`` round-robin for ``seconds``: successful requests per
    second, their latency, and the failures (errors and statuses ≥ 300)."""
    requests = [{"method": "POST", "path": path, "body": body.decode()} for path, body in payloads]
    result = Load(url, requests, users=USERS, seconds=seconds, timeout=15).result()
    summary = result["summary"]
    ok = [r["ms"] for r in result["records"] if r["error"] is None and 0 < r["status"] < 300]
    return {
        "seconds": round(summary["seconds"], 1),
        "clients": USERS,
        "requests": len(ok),
        "rps": round(len(ok) / summary["seconds"], 1) if summary["seconds"] else None,
        "ms": stats(ok),
        "errors": len(result["records"]) - len(ok),
    }


def first_visits(url: str, body: bytes, countries: list[str]) -> dict:
    """Server time (ms) of filter states no worker has seen: the recorded filter callback
    ``body`` with the country filter set to each of ``countries`` in turn, against a server
    started just before (cold workers, nothing warmed)."""
    template = json.loads(body)
    times, errors = [], 0
    for country in countries:
        payload = json.loads(json.dumps(template))
        for dep in payload["inputs"]:
            if dep.get("id") == ids.COUNTRY_FILTER and dep.get("property") == "value":
                dep["value"] = [country]
        payload["changedPropIds"] = [f"{ids.COUNTRY_FILTER}.value"]
        t0 = time.perf_counter()
        try:
            status, _size = post(url, (CALLBACK_PATH, json.dumps(payload).encode()))
        except (OSError, urllib.error.URLError):
            errors += 1
            continue
        times.append((time.perf_counter() - t0) * 1000)
        errors += status >= 300
    return {"ms": stats(times, 2), "raw": [round(t, 1) for t in times], "errors": errors}
