"""Load and fault tolerance against gunicorn with 2 workers (loopback only, bounded).

50 concurrent clients mix page loads, filter changes and CSV downloads for 60 s. For
the first 40 s there must be no error at all; then one worker is killed: the other keeps
serving, gunicorn replaces it, and only requests in flight on the killed worker may fail.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
CLIENTS, CLEAN_S, AFTER_KILL_S = 50, 40, 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(proc.name))
            except (OSError, ValueError):
                pass
    return out


def payloads(dash_app, ds) -> list[tuple[str, str, bytes | None]]:
    """(method, path, body) requests as the browser sends them."""
    from tests.test_app import call  # noqa: F401  (same payload shape as the in-process tests)

    def body(output_id, values, changed):
        key = next(k for k in dash_app.callback_map if output_id in k)
        spec = dash_app.callback_map[key]
        inputs = []
        for i in spec["inputs"]:
            if not i["id"].startswith("{"):  # a pattern-matching id is declared as its JSON text
                inputs.append(
                    {
                        "id": i["id"],
                        "property": i["property"],
                        "value": values.get(f"{i['id']}.{i['property']}"),
                    }
                )
            else:  # pattern-matching ALL: one entry per matching component
                inputs.append(values.get("pattern", []))
        state = [
            {"id": s["id"], "property": s["property"], "value": values.get(f"{s['id']}.{s['property']}")}
            for s in spec["state"]
        ]
        outputs = [dict(zip(("id", "property"), p.rsplit(".", 1))) for p in key.strip(".").split("...")]
        return json.dumps(
            {
                "output": key,
                "outputs": outputs if key.startswith("..") else outputs[0],
                "inputs": inputs,
                "state": state,
                "changedPropIds": changed,
            }
        ).encode()

    years = list(ds.year_span)
    requests = [("GET", "/", None), ("GET", "/_dash-layout", None), ("GET", "/_dash-dependencies", None)]
    for country in (["JPN"], ["KOR", "AUS"], [], ["FRA"]):
        values = {
            "filter-country.value": country,
            "filter-years.value": years,
            "timeline-lanes.value": "domain",
        }
        requests.append(
            (
                "POST",
                "/_dash-update-component",
                body("timeline-graph.figure", values, ["filter-country.value"]),
            )
        )
        requests.append(
            (
                "POST",
                "/_dash-update-component",
                body("evidence-table.children", values, ["filter-country.value"]),
            )
        )
    item = {"type": "download-item", "view": "timeline", "fmt": "csv"}
    pattern = [{"id": item, "property": "n_clicks", "value": 1}]
    values = {"pattern": pattern, "filter-country.value": ["JPN"], "filter-years.value": years}
    changed = [json.dumps(item, sort_keys=True, separators=(",", ":")) + ".n_clicks"]
    requests.append(("POST", "/_dash-update-component", body("download.data", values, changed)))
    return requests


@pytest.fixture
def gunicorn():
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
            "app:server",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/")
            if len(children(proc.pid)) == 2:
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
    requests = payloads(dash_app, ds)
    # every request works once before the load
    for method, path, body in requests:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        assert resp.status == 200, (path, resp.status, resp.read()[:200])
        resp.read()
    results: list[tuple[float, str, float]] = []  # (time, outcome, latency)
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + CLEAN_S + AFTER_KILL_S

    def client(n: int):
        i = n
        while time.monotonic() < stop_at:
            method, path, body = requests[i % len(requests)]
            i += 1
            t0 = time.monotonic()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                outcome = str(resp.status)
            except (OSError, http.client.HTTPException) as exc:  # e.g. a response cut by the kill
                outcome = type(exc).__name__
            with lock:
                results.append((t0 - start, outcome, time.monotonic() - t0))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(CLEAN_S)
    victim = children(proc.pid)[0]
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic() - start
    for t in threads:
        t.join(timeout=AFTER_KILL_S + 60)
    # a request belongs to the clean phase if it ended before the kill
    clean = [r for r in results if r[0] + r[2] < killed_at]
    after = [r for r in results if r[0] + r[2] >= killed_at]
    latencies = sorted(r[2] for r in clean)
    p95 = latencies[int(0.95 * len(latencies))]
    print(
        f"\n{len(clean)} requests in {killed_at:.0f} s, p95 {p95 * 1000:.0f} ms; {len(after)} after the kill"
    )
    assert [r for r in clean if r[1] != "200"] == []
    failed_after = [r for r in after if r[1] not in ("200",)]
    assert not any(r[1].startswith("5") for r in after), failed_after[:5]
    assert len(failed_after) <= CLIENTS, "only requests in flight on the killed worker may fail"
    late = [r for r in after if r[0] > killed_at + 5]
    assert late and all(r[1] == "200" for r in late), "service recovers after the kill"
    workers = children(proc.pid)
    assert len(workers) == 2 and victim not in workers, "gunicorn replaced the killed worker"
