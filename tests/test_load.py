"""Load and fault tolerance against gunicorn with 2 workers (loopback only, bounded).

50 concurrent clients (Locust, in its own process: bench/load.py) mix page loads, filter
changes and CSV downloads for 16 s. For the first 8 s (3,787 requests in a run alone, over a
thousand beside the rest of the suite) there must be no error at all; then one worker is
killed: the other keeps serving, gunicorn replaces it within the last 8 s, and only requests
in flight on the killed worker may fail.
"""

from __future__ import annotations

import http.client
import json
import signal
import socket
import statistics
import subprocess
import sys
import time

import psutil
import pytest

from bench.replay import Load
from components import ids
from components.views.registry import VIEWS
from tests.conftest import ROOT
from tests.helpers import callback_body, pattern_click

pytestmark = pytest.mark.slow
CLIENTS, CLEAN_S, AFTER_KILL_S = 50, 8, 8
PAGE = f"{ids.figure_store(VIEWS[0].name)}.data"  # an output of the page callback


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers(master: int) -> list[int]:
    """The gunicorn workers' pids: the master's children."""
    return sorted(p.pid for p in psutil.Process(master).children())


def post(body: dict) -> dict:
    return {"method": "POST", "path": "/_dash-update-component", "body": json.dumps(body)}


def requests_to_replay(dash_app, ds) -> list[dict]:
    """Page loads, filter and option changes and a CSV download, as the browser sends them."""
    requests = [{"method": "GET", "path": p} for p in ("/", "/_dash-layout", "/_dash-dependencies")]
    country = f"{ids.COUNTRY_FILTER}.value"
    years = {f"{ids.YEAR_FILTER}.value": list(ds.year_span)}
    lanes = f"{ids.option('timeline', 'lanes')}.value"
    for countries in (["JPN"], ["KOR", "AUS"], [], ["FRA"]):
        for lane in ("domain", "actor"):
            values = {country: countries, **years, lanes: lane}
            requests.append(post(callback_body(dash_app, PAGE, values, [country])))
    pattern, changed = pattern_click(ids.download_item("timeline", "csv"))
    values = {"pattern": pattern, country: ["JPN"], **years}
    requests.append(post(callback_body(dash_app, f"{ids.DOWNLOAD}.data", values, [changed])))
    return requests


@pytest.fixture
def gunicorn():
    port = free_port()
    bind = f"127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", bind, "--timeout", "30", "app:server"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/")
            if len(workers(proc.pid)) == 2:
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("gunicorn did not start")
    time.sleep(2)  # both workers booted
    yield proc, port
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def test_load_and_worker_kill(gunicorn, dash_app, ds):
    proc, port = gunicorn
    requests = requests_to_replay(dash_app, ds)
    # every request works once before the load
    for r in requests:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request(r["method"], r["path"], body=r.get("body"), headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        assert resp.status == 200, (r["path"], resp.status, resp.read()[:200])
        resp.read()
    load = Load(f"http://127.0.0.1:{port}", requests, users=CLIENTS, seconds=CLEAN_S + AFTER_KILL_S)
    time.sleep(max(0.0, load.started + CLEAN_S - time.time()))
    victim = workers(proc.pid)[0]
    psutil.Process(victim).send_signal(signal.SIGKILL)
    killed_at = time.time()
    records = load.result()["records"]
    # (start relative to the kill, outcome, latency s); a request is clean if it ended before the kill
    results = [(r["start"] - killed_at, str(r["status"] or r["error"]), r["ms"] / 1000) for r in records]
    clean = [r for r in results if r[0] + r[2] < 0]
    after = [r for r in results if r[0] + r[2] >= 0]
    failed_after = [r for r in after if r[1] != "200"]
    p95 = statistics.quantiles([r[2] for r in clean], n=20)[18]
    print(
        f"\n{len(clean)} requests before the kill, p95 {p95 * 1000:.0f} ms; "
        f"{len(after)} after it, {len(failed_after)} failed: {sorted({r[1] for r in failed_after})}"
    )
    assert [r for r in clean if r[1] != "200"] == []
    assert not any(r[1].startswith("5") for r in after), failed_after[:5]
    assert len(failed_after) <= CLIENTS, "only requests in flight on the killed worker may fail"
    late = [r for r in after if r[0] > 5]
    assert late and all(r[1] == "200" for r in late), "service recovers after the kill"
    replaced = workers(proc.pid)
    assert len(replaced) == 2 and victim not in replaced, "gunicorn replaced the killed worker"
