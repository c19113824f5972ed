"""Performance benchmark of the dashboard against a bare Dash baseline, in one run.

    .venv/bin/python bench/run.py [--quick] [--json bench/results/latest.json]

Everything runs against production servers started (and stopped) here: ``gunicorn -w 2
app:server`` on the curated data and on synthetic 10× and 100× copies (``bench/synth.py``),
and ``gunicorn -w 2 baseline_app:server`` (``bench/baseline_app.py``: one empty graph, one
no-op callback), all on free loopback ports. Measures (min / median / p95, ratio to the
baseline measured in the same run):

1. page load in headless Chromium (Playwright): navigation → every view rendered; bytes and requests
2. filter change in the browser (quick picks IP4 / NATO / reset, and a URL change with history)
3. server time and response size of each callback, replaying the browser's real payloads
4. the same at 10× and 100× the data
5. throughput: 16 client threads replaying filter callbacks (20 s; 5 s with --quick); the
   replays repeat, so they hit the app's page-response cache: 3 and 5 are measured again at
   1× with it off (``DASHBOARD_RESPONSE_CACHE=0``), the cost of a request that is not a repeat
6. worker memory (VmRSS) after start and after the load, at 1× and 100×
7. Lighthouse (desktop preset, system Chromium, no throttling) scores

It prints one table with the issue's targets and writes the same figures as JSON.
Every loop is bounded in count and time; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402

VENV_BIN = Path(sys.executable).parent
GUNICORN = VENV_BIN / "gunicorn"
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
GRAPHS = ("timeline-graph", "map-graph", "network-graph", "itpp-graph", "ip4-graph", "reactions-graph")
CALLBACK_PATH = "/_dash-update-component"
THREADS = 16
SETTLE_MS = 400  # no DOM change for this long after the last one = the page is done
KB = 1024
MB = 1024 * 1024

# ---------------------------------------------------------------- browser-side probes

# Counts Dash's callback fetches so "updated" also means "nothing in flight", and notes the
# time of the last DOM change: a view is updated when its last mutation has happened.
INIT_SCRIPT = """
(() => {
  const b = window.__bench = {pending: 0, done: 0, last: 0, lastMut: 0};
  new MutationObserver(() => { b.lastMut = performance.now(); }).observe(
    document, {subtree: true, childList: true, attributes: true, characterData: true});
  const orig = window.fetch.bind(window);
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('_dash-update-component')) { return orig(input, init); }
    b.pending += 1;
    const end = () => { b.pending -= 1; b.done += 1; b.last = performance.now(); };
    return orig(input, init).then(r => { end(); return r; }, e => { end(); throw e; });
  };
})();
"""

DASHBOARD_RENDERED = """
() => {
  const ids = __IDS__;
  const drawn = ids.every(id => document.querySelector('#' + id + ' .main-svg'));
  const table = document.querySelector('#evidence-table table');
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const b = window.__bench || {pending: 0, done: 1};
  return (drawn && table && !loading && b.pending === 0 && b.done > 0) ? performance.now() : null;
}
""".replace("__IDS__", json.dumps(list(GRAPHS)))

BASELINE_RENDERED = """
() => {
  const drawn = document.querySelector('#baseline-graph .main-svg');
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const b = window.__bench || {pending: 0, done: 1};
  return (drawn && !loading && b.pending === 0 && b.done > 0) ? performance.now() : null;
}
"""

# state of the page for a filter change: counters text, requests done, all quiet?
FILTER_STATE = """
() => {
  const ids = __IDS__;
  const b = window.__bench;
  const drawn = ids.every(id => document.querySelector('#' + id + ' .main-svg'));
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const counts = ['count-events', 'count-partnerships', 'count-reactions']
    .map(id => (document.getElementById(id) || {}).textContent || '').join('|');
  return {now: performance.now(), counts: counts, done: b.done, pending: b.pending, lastMut: b.lastMut,
          quiet: drawn && !loading && b.pending === 0 && !!document.querySelector('#evidence-table table')};
}
""".replace("__IDS__", json.dumps(list(GRAPHS)))


# the figures as drawn now, deep-copied, under window.__snap[key]
SNAPSHOT = """
(key) => { const snap = window.__snap = window.__snap || {};
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const id = gd.parentElement.id || gd.id;
    (snap[id] = snap[id] || {})[key] = {data: JSON.parse(JSON.stringify(gd.data)),
                                        layout: JSON.parse(JSON.stringify(gd.layout))};
  } return Object.keys(snap).length; }
"""

# Plotly.react every graph to snapshot ``key``, one after another: ms per graph and total
REDRAW = """
async (key) => { const out = {}; let total = 0;
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const id = gd.parentElement.id || gd.id; const s = window.__snap[id][key];
    const t = performance.now();
    await window.Plotly.react(gd, s.data, s.layout, gd._context);
    out[id] = performance.now() - t; total += out[id];
  } out.total = total; return out; }
"""


# ---------------------------------------------------------------------- statistics


def stats(values: list[float], digits: int = 1) -> dict | None:
    """min / median / p95 (nearest rank) / n of ``values``; None when empty."""
    if not values:
        return None
    v = sorted(values)
    p95 = v[min(len(v) - 1, max(0, int(round(0.95 * len(v) + 0.4999)) - 1))]
    return {
        "min": round(v[0], digits),
        "median": round(statistics.median(v), digits),
        "p95": round(p95, digits),
        "n": len(v),
    }


def ratio(a, b) -> float | None:
    try:
        return round(a / b, 2) if a is not None and b else None
    except TypeError:
        return None


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: direct children of the master process."""
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
        return sorted(int(p) for p in text.split())
    except (OSError, ValueError):
        pass
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


class Server:
    """``gunicorn -w 2 <module>:server`` on a free loopback port, stopped on exit."""

    def __init__(self, name: str, module: str, cwd: Path, env: dict | None, log_dir: Path):
        self.name, self.module, self.cwd = name, module, cwd
        self.env = {**os.environ, **(env or {})}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_dir / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> None:
        cmd = [
            str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--no-control-socket",
            "--timeout", "60", "--backlog", "256", self.module,
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=self.cwd, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} server exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as r:
                    if r.status == 200 and len(worker_pids(self.proc.pid)) >= 2:
                        break
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.25)
        else:
            raise RuntimeError(f"{self.name} server not ready after {timeout}s: {self.log_tail()}")
        self._settle()

    def _settle(self, timeout: float = 30) -> None:
        """Wait until both workers have imported the app (RSS stops growing)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            now = [rss_mb(p) or 0 for p in worker_pids(self.proc.pid)]
            if last is not None and len(now) >= 2 and all(abs(a - b) < 1 for a, b in zip(now, last)):
                return
            last = now
            time.sleep(0.4)

    def memory(self) -> dict:
        workers = {p: rss_mb(p) for p in worker_pids(self.proc.pid)}
        values = [v for v in workers.values() if v is not None]
        return {"workers_mb": values, "max_mb": max(values) if values else None}

    def log_tail(self, n: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.kill(self.proc.pid, signal.SIGTERM)  # the master stops its own workers
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)
        except ProcessLookupError:
            pass


@contextmanager
def serving(*args, **kwargs):
    server = Server(*args, **kwargs)
    try:
        server.start()
        yield server
    finally:
        server.stop()


# -------------------------------------------------------------------------- browser


class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)

    def close(self):
        try:
            self.browser.close()
        finally:
            self._pw.stop()

    @contextmanager
    def page(self, origin: str, record: list | None = None, phase: dict | None = None):
        """A fresh context (cold cache) whose requests must stay on ``origin``."""
        context = self.browser.new_context(viewport={"width": 1440, "height": 900})
        context.add_init_script(INIT_SCRIPT)
        offsite: list[str] = []

        def guard(route):
            if route.request.url.startswith(origin):
                route.continue_()
            else:
                offsite.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        net = {"bytes": 0, "requests": 0, "by_url": {}, "urls": {}, "encoding": {}}
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")

        def on_sent(e):
            net["requests"] += 1
            net["urls"][e["requestId"]] = e["request"]["url"]

        def on_response(e):
            headers = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}
            net["encoding"][e["requestId"]] = headers.get("content-encoding", "")

        def on_finished(e):
            size = int(e.get("encodedDataLength", 0))
            net["bytes"] += size
            url = net["urls"].get(e["requestId"], "?")
            net["by_url"][url] = net["by_url"].get(url, 0) + size

        cdp.on("Network.requestWillBeSent", on_sent)
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        if record is not None:

            def on_request(req):
                if req.method == "POST" and CALLBACK_PATH in req.url:
                    path = req.url[len(origin) :]
                    record.append(
                        {"phase": (phase or {}).get("name", "?"), "body": req.post_data, "path": path}
                    )

            page.on("request", on_request)
        try:
            yield page, net, offsite
        finally:
            context.close()


def poll(page, script: str, timeout_s: float):
    """Evaluate ``script`` every 50 ms until it returns a truthy value (or time runs out)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(script)
        if value:
            return value
        page.wait_for_timeout(50)
    return None


def page_loads(
    browser: Browser, url: str, rendered: str, runs: int, budget_s: float, record=None, phase=None
) -> dict:
    """Cold loads (fresh context): ms from navigation start to rendered, bytes, requests;
    ``runs`` loads or as many as start within ``budget_s`` seconds (at least two)."""
    times, sizes, counts, errors = [], [], [], []
    top: dict[str, int] = {}
    encodings: dict[str, str] = {}
    deadline = time.monotonic() + budget_s
    for i in range(runs):
        if i >= min(runs, 2) and time.monotonic() > deadline:
            break
        with browser.page(url, record if i == 0 else None, phase) as (page, net, offsite):
            try:
                page.goto(url + "/", wait_until="commit", timeout=30_000)
                done = poll(page, rendered, 30)
            except Exception as exc:  # noqa: BLE001 - recorded, the run goes on
                errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
                continue
            if done is None:
                errors.append("not rendered within 30 s")
                continue
            page.wait_for_timeout(100)  # let the CDP events of the last responses arrive
            times.append(float(done))
            sizes.append(net["bytes"])
            counts.append(net["requests"])
            if offsite:
                errors.append(f"off-origin requests: {offsite[:3]}")
            if i == 0:
                top = dict(sorted(net["by_url"].items(), key=lambda kv: -kv[1])[:8])
                encodings = {
                    net["urls"][rid]: enc
                    for rid, enc in net["encoding"].items()
                    if net["urls"].get(rid) in top
                }
    return {
        "raw": {"ms": times, "bytes": sizes, "requests": counts},
        "ms": stats(times),
        "bytes": stats(sizes, 0),
        "requests": stats(counts, 0),
        "largest_resources": [
            {"url": u.replace(url, ""), "bytes": b, "content_encoding": encodings.get(u, "")}
            for u, b in top.items()
        ],
        "errors": errors,
    }


FILTER_ACTIONS = (
    ("IP4 quick pick", "click", "#filter-pick-ip4"),
    ("NATO allies quick pick", "click", "#filter-pick-nato"),
    ("reset", "click", "#filter-reset"),
    ("URL ?country=JPN (history)", "history", "?country=JPN"),
    ("reset", "click", "#filter-reset"),
)


def filter_changes(browser: Browser, url: str, changes: int, budget_s: float, record=None) -> dict:
    """ms from a country-filter change to every view updated and nothing in flight:
    up to ``changes`` changes cycling through FILTER_ACTIONS, within ``budget_s`` seconds."""
    phase = {"name": "load"}
    by_action: dict[str, list[float]] = {}
    errors: list[str] = []
    with browser.page(url, record, phase) as (page, net, _offsite):
        page.goto(url + "/", wait_until="commit", timeout=30_000)
        loaded = poll(page, DASHBOARD_RENDERED, 30)
        if loaded is None:
            return {"ms": None, "errors": ["dashboard not rendered within 30 s"]}
        page.wait_for_timeout(100)
        # this cold load is one more page-load sample
        load_sample = {"ms": float(loaded), "bytes": net["bytes"], "requests": net["requests"]}
        phase["name"] = "filter"
        deadline = time.monotonic() + budget_s
        for n in range(changes):
            if n >= len(FILTER_ACTIONS) - 2 and time.monotonic() > deadline:
                break
            label, kind, target = FILTER_ACTIONS[n % len(FILTER_ACTIONS)]
            before = page.evaluate(FILTER_STATE)
            try:  # t0 is taken in the page, right before the change
                if kind == "click":
                    t0 = page.evaluate(
                        "(sel) => { const t = performance.now();"
                        " document.querySelector(sel).click(); return t; }",
                        target,
                    )
                else:
                    t0 = page.evaluate(
                        "(q) => { const t = performance.now(); window.history.pushState({}, '', '/' + q);"
                        " window.dispatchEvent(new PopStateEvent('popstate', {state: {}})); return t; }",
                        target,
                    )
            except Exception as exc:  # noqa: BLE001
                errors.append(f"{label}: {type(exc).__name__}: {str(exc)[:160]}")
                continue
            # updated = callbacks ran since the change, counters changed (when the filter
            # changes them), every view drawn, nothing in flight, and no DOM change for
            # SETTLE_MS; the time is that of the last DOM change (not of the poll that saw it)
            wait_until = time.monotonic() + 20
            done_at = None
            while time.monotonic() < wait_until:
                s = page.evaluate(FILTER_STATE)
                if (
                    s["quiet"]
                    and s["done"] > before["done"]
                    and s["counts"] != before["counts"]
                    and s["now"] - s["lastMut"] >= SETTLE_MS
                ):
                    done_at = s["lastMut"]
                    break
                page.wait_for_timeout(50)
            if done_at is None:
                errors.append(f"{label}: views not updated within 20 s")
                continue
            by_action.setdefault(label, []).append(done_at - t0)
            page.wait_for_timeout(150)
        floor = plotly_floor(page, runs=max(4, changes))
    every = [v for values in by_action.values() for v in values]
    return {
        "ms": stats(every),
        "by_change": {k: stats(v) for k, v in by_action.items()},
        "plotly_floor": floor,
        "errors": errors,
        "load_sample": load_sample,
    }


def plotly_floor(page, runs: int) -> dict | None:
    """The least a filter change can cost in this browser: Plotly.react of every graph
    between two filter states (the page's, and the IP4 pick's), with no Dash, no network."""
    try:
        page.evaluate(SNAPSHOT, "a")
        before = page.evaluate(FILTER_STATE)
        page.click("#filter-pick-ip4")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            s = page.evaluate(FILTER_STATE)
            if s["quiet"] and s["counts"] != before["counts"] and s["now"] - s["lastMut"] >= SETTLE_MS:
                break
            page.wait_for_timeout(50)
        page.evaluate(SNAPSHOT, "b")
        totals, per_graph = [], {}
        for i in range(runs):
            out = page.evaluate(REDRAW, "ab"[i % 2])
            totals.append(out.pop("total"))
            for graph, ms in out.items():
                per_graph.setdefault(graph, []).append(ms)
        medians = {k: stats(v)["median"] for k, v in per_graph.items()}
        return {"ms": stats(totals), "per_graph_median_ms": medians}
    except Exception as exc:  # noqa: BLE001 - recorded, the run goes on
        return {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}


# ----------------------------------------------------------------- callback replays


def callback_name(body: dict) -> str:
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


def throughput(url: str, bodies: list[tuple[str, bytes]], seconds: float) -> dict:
    """THREADS clients replaying ``bodies`` round-robin for ``seconds``: req/s, latency, errors."""
    latencies: list[list[float]] = [[] for _ in range(THREADS)]
    errors = [0] * THREADS
    max_requests = 200_000 // THREADS
    start_gate = threading.Barrier(THREADS + 1)

    def client(i: int):
        start_gate.wait()
        deadline = time.monotonic() + seconds
        n = i
        while time.monotonic() < deadline and n < max_requests * THREADS:
            body = bodies[n % len(bodies)]
            n += THREADS
            t0 = time.perf_counter()
            try:
                status, _ = post(url, body, timeout=15)
                if status >= 300:
                    errors[i] += 1
                    continue
            except (OSError, urllib.error.URLError):
                errors[i] += 1
                continue
            latencies[i].append((time.perf_counter() - t0) * 1000)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(THREADS)]
    for t in threads:
        t.start()
    start_gate.wait()
    t0 = time.monotonic()
    for t in threads:
        t.join(timeout=seconds + 30)
    elapsed = time.monotonic() - t0
    every = [v for lat in latencies for v in lat]
    return {
        "seconds": round(elapsed, 1),
        "clients": THREADS,
        "requests": len(every),
        "rps": round(len(every) / elapsed, 1) if elapsed else None,
        "ms": stats(every),
        "errors": sum(errors),
    }


# ------------------------------------------------------------------------ lighthouse


def lighthouse(url: str, out_dir: Path, name: str, timeout: float = 150) -> dict:
    local = BENCH / ".cache" / "node_modules" / ".bin" / "lighthouse"
    base = [str(local)] if local.exists() else ["npx", "--yes", "lighthouse@12"]
    report = out_dir / f"lighthouse-{name}.json"
    cmd = [
        *base, url + "/", "--preset=desktop", "--throttling-method=provided",
        "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--output=json", f"--output-path={report}", "--quiet",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=out_dir)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    if proc.returncode != 0 or not report.exists():
        err = (proc.stderr or proc.stdout).strip().splitlines()
        return {"error": f"exit {proc.returncode}: " + " | ".join(err[-5:])[:600]}
    data = json.loads(report.read_text())
    audits = data.get("audits", {})
    result = {k: (v.get("score") if v else None) for k, v in data.get("categories", {}).items()}
    result["metrics_ms"] = {
        m: round(audits[m]["numericValue"])
        for m in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")
        if m in audits and audits[m].get("numericValue") is not None
    }
    result["failed_audits"] = sorted(
        k
        for k, a in audits.items()
        if a.get("score") is not None
        and a.get("score") < 0.9
        and a.get("scoreDisplayMode") in ("binary", "numeric")
    )[:25]
    if data.get("runtimeError"):
        result["runtime_error"] = data["runtimeError"]
    return result


# ---------------------------------------------------------------------------- phases


def measure_dashboard(
    label: str, data_dir: Path | None, cfg: dict, browser: Browser, tmp: Path, *, load: bool, lh: bool
) -> dict:
    env = {"DASHBOARD_DATA_DIR": str(data_dir)} if data_dir else {"DASHBOARD_DATA_DIR": str(ROOT / "data")}
    result: dict = {"errors": []}
    t_start = time.monotonic()
    try:
        with serving(f"dashboard-{label}", "app:server", ROOT, env, tmp) as srv:
            result["start_s"] = round(time.monotonic() - t_start, 1)
            result["memory_after_start"] = srv.memory()
            recorded: list[dict] = []
            print(f"  [{label}] page loads…", flush=True)
            result["page_load"] = page_loads(
                browser, srv.url, DASHBOARD_RENDERED, cfg["loads"], cfg["loads_s"], recorded, {"name": "load"}
            )
            print(f"  [{label}] filter changes…", flush=True)
            result["filter_change"] = filter_changes(
                browser, srv.url, cfg["changes"], cfg["changes_s"], recorded
            )
            sample, pl = result["filter_change"].pop("load_sample", None), result["page_load"]
            if sample:
                for key, digits in (("ms", 1), ("bytes", 0), ("requests", 0)):
                    pl["raw"][key].append(sample[key])
                    pl[key] = stats(pl["raw"][key], digits)
            payloads = unique_payloads(recorded)
            print(f"  [{label}] callback replays ({len(payloads)} payloads)…", flush=True)
            result["callbacks"] = replay(srv.url, payloads, cfg["replays"], cfg["replay_s"])
            if load:
                bodies = [b for (name, phase), b in sorted(payloads.items()) if phase == "filter"]
                print(f"  [{label}] throughput {cfg['load_s']} s…", flush=True)
                result["throughput"] = throughput(srv.url, bodies, cfg["load_s"]) if bodies else None
                result["memory_after_load"] = srv.memory()
            if lh:
                print(f"  [{label}] lighthouse…", flush=True)
                result["lighthouse"] = lighthouse(srv.url, tmp, f"dashboard-{label}")
        if load and label == "1x":
            # the same replays with the page-response cache off: what a request costs when
            # it is not a repeat (every figure still cached per worker after its first build)
            print(f"  [{label}] response cache off: replays and throughput…", flush=True)
            off = {**env, "DASHBOARD_RESPONSE_CACHE": "0"}
            with serving(f"dashboard-{label}-nocache", "app:server", ROOT, off, tmp) as srv:
                result["uncached"] = {
                    "callbacks": replay(srv.url, payloads, cfg["replays"], cfg["replay_s"]),
                    "throughput": throughput(srv.url, bodies, cfg["load_s"]) if bodies else None,
                }
    except Exception as exc:  # noqa: BLE001 - recorded in the output, the run goes on
        result["errors"].append(f"{type(exc).__name__}: {str(exc)[:800]}")
    result["phase_s"] = round(time.monotonic() - t_start, 1)
    return result


def measure_baseline(cfg: dict, browser: Browser, tmp: Path, *, lh: bool) -> dict:
    result: dict = {"errors": []}
    t_start = time.monotonic()
    try:
        with serving("baseline", "baseline_app:server", BENCH, None, tmp) as srv:
            result["memory_after_start"] = srv.memory()
            recorded: list[dict] = []
            print("  [baseline] page loads…", flush=True)
            result["page_load"] = page_loads(
                browser, srv.url, BASELINE_RENDERED, cfg["loads"], cfg["loads_s"], recorded, {"name": "load"}
            )
            payloads = unique_payloads(recorded)
            if not payloads:  # the no-op callback as the browser sends it on load
                payloads = {
                    ("baseline-output.children", "load"): (
                        CALLBACK_PATH,
                        json.dumps(
                            {
                                "output": "baseline-output.children",
                                "outputs": {"id": "baseline-output", "property": "children"},
                                "inputs": [{"id": "baseline-input", "property": "value", "value": ""}],
                                "changedPropIds": [],
                                "state": [],
                            }
                        ).encode(),
                    )
                }
            result["callbacks"] = replay(srv.url, payloads, cfg["replays"], cfg["replay_s"])
            print(f"  [baseline] throughput {cfg['load_s']} s…", flush=True)
            result["throughput"] = throughput(srv.url, list(payloads.values()), cfg["load_s"])
            result["memory_after_load"] = srv.memory()
            if lh:
                print("  [baseline] lighthouse…", flush=True)
                result["lighthouse"] = lighthouse(srv.url, tmp, "baseline")
    except Exception as exc:  # noqa: BLE001
        result["errors"].append(f"{type(exc).__name__}: {str(exc)[:800]}")
    result["phase_s"] = round(time.monotonic() - t_start, 1)
    return result


# ------------------------------------------------------------------ table and targets


def g(d, *path):
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def evaluate(res: dict) -> list[dict]:
    """Every target of the issue, with the measured value and whether it is met."""
    base, one, hundred = res["baseline"], res["scales"].get("1x", {}), res["scales"].get("100x", {})
    targets = []

    def add(name, value, limit, met, note=""):
        targets.append({"target": name, "value": value, "limit": limit, "met": met, "note": note})

    load_ratio = ratio(g(one, "page_load", "ms", "median"), g(base, "page_load", "ms", "median"))
    add("page load ≤ 1.5× baseline (median)", load_ratio, 1.5, load_ratio is not None and load_ratio <= 1.5)
    first_bytes = g(one, "page_load", "bytes", "median")
    mb = round(first_bytes / MB, 2) if first_bytes else None
    add("first-load bytes ≤ 2.2 MB", mb, 2.2, mb is not None and mb <= 2.2)
    fmed, fp95 = g(one, "filter_change", "ms", "median"), g(one, "filter_change", "ms", "p95")
    floor = g(one, "filter_change", "plotly_floor", "ms", "median")
    floor_note = f"plotly.js redraw floor {floor:.0f} ms" if floor else ""
    add("filter change median ≤ 150 ms (1×)", fmed, 150, fmed is not None and fmed <= 150, floor_note)
    add("filter change p95 ≤ 250 ms (1×)", fp95, 250, fp95 is not None and fp95 <= 250, floor_note)
    h_med = g(hundred, "filter_change", "ms", "median")
    r100 = ratio(h_med, fmed)
    add("filter change 100× ≤ 2× the 1× figure (median)", r100, 2.0, r100 is not None and r100 <= 2.0)
    h_p95 = ratio(g(hundred, "filter_change", "ms", "p95"), fp95)
    add("filter change 100× ≤ 2× the 1× figure (p95)", h_p95, 2.0, h_p95 is not None and h_p95 <= 2.0)
    base_cb = [g(v, "ms", "p95") for v in (base.get("callbacks") or {}).values()]
    base_p95 = base_cb[0] if base_cb else None
    worst, worst_name, biggest, biggest_name = None, "", 0, ""
    for name, v in (one.get("callbacks") or {}).items():
        r = ratio(g(v, "ms", "p95"), base_p95)
        if r is not None and (worst is None or r > worst):
            worst, worst_name = r, name
        if (v.get("response_bytes") or 0) > biggest:
            biggest, biggest_name = v["response_bytes"], name
    add(
        "every callback p95 ≤ 5× baseline no-op (worst)",
        worst,
        5.0,
        worst is not None and worst <= 5.0,
        worst_name,
    )
    add(
        "no callback response > 300 KB at 1× (largest, KB)",
        round(biggest / KB, 1) if biggest else None,
        300,
        bool(biggest) and biggest <= 300 * KB,
        biggest_name,
    )
    tr = ratio(g(one, "throughput", "rps"), g(base, "throughput", "rps"))
    errs = g(one, "throughput", "errors")
    off = ratio(g(one, "uncached", "throughput", "rps"), g(base, "throughput", "rps"))
    off_note = f"response cache off: {off:.2f}" if off is not None else ""
    add("throughput ≥ 50% of baseline", tr, 0.5, tr is not None and tr >= 0.5, off_note)
    add("throughput errors = 0", errs, 0, errs == 0)
    mem = g(hundred, "memory_after_load", "max_mb")
    add("worker memory ≤ 250 MB at 100× (after load)", mem, 250, mem is not None and mem <= 250)
    lh = one.get("lighthouse") or {}
    for cat, limit in (("performance", 0.90), ("accessibility", 1.00), ("best-practices", 0.95)):
        value = lh.get(cat)
        add(
            f"Lighthouse {cat} ≥ {limit:.2f}",
            value,
            limit,
            value is not None and value >= limit,
            lh.get("error", ""),
        )
    return targets


def fmt(v, unit=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.1f}{unit}" if abs(v) >= 10 else f"{v:.2f}{unit}"
    return f"{v:,}{unit}" if isinstance(v, int) else f"{v}{unit}"


def table(res: dict) -> str:
    rows: list[tuple] = []
    base = res["baseline"]
    scales = res["scales"]

    def trio(s, scale=1.0):
        if not s:
            return ("—", "—", "—")
        return tuple(fmt(round(s[k] / scale, 2) if scale != 1.0 else s[k]) for k in ("min", "median", "p95"))

    def row(name, s, ratio_to=None, scale=1.0):
        r = ratio(g(s, "median"), g(ratio_to, "median")) if ratio_to else None
        rows.append((name, *trio(s, scale), fmt(r) if r is not None else ""))

    rows.append(("PAGE LOAD (ms, navigation → all views rendered)", "", "", "", ""))
    row("  baseline: one graph drawn", g(base, "page_load", "ms"))
    for key, s in scales.items():
        row(f"  dashboard {key}", g(s, "page_load", "ms"), g(base, "page_load", "ms"))
    rows.append(("FIRST-LOAD BYTES (KB) / REQUESTS", "", "", "", ""))
    row("  baseline KB", g(base, "page_load", "bytes"), scale=KB)
    for key, s in scales.items():
        row(f"  dashboard {key} KB", g(s, "page_load", "bytes"), g(base, "page_load", "bytes"), scale=KB)
    row("  baseline requests", g(base, "page_load", "requests"))
    for key, s in scales.items():
        row(f"  dashboard {key} requests", g(s, "page_load", "requests"), g(base, "page_load", "requests"))
    rows.append(("FILTER CHANGE (ms, change → every view updated)", "", "", "", ""))
    one_f = g(scales.get("1x"), "filter_change", "ms")
    for key, s in scales.items():
        row(f"  dashboard {key} (all changes)", g(s, "filter_change", "ms"), one_f if key != "1x" else None)
    for change, s in (g(scales.get("1x"), "filter_change", "by_change") or {}).items():
        row(f"    1× {change}", s)
    for key, s in scales.items():
        floor = g(s, "filter_change", "plotly_floor", "ms")
        row(f"  plotly.js redraw floor {key} (6 × Plotly.react, no Dash)", floor)
    rows.append(("CALLBACK SERVER TIME (ms; ratio = median / baseline no-op; resp KB)", "", "", "", ""))
    base_cb = next(iter((base.get("callbacks") or {}).values()), {})
    row(
        f"  baseline no-op ({fmt(round((base_cb.get('response_bytes') or 0) / KB, 2))} KB)", base_cb.get("ms")
    )
    for key, s in scales.items():
        for name, v in (s.get("callbacks") or {}).items():
            size = v.get("response_bytes")
            kb = fmt(round(size / KB, 1)) if size is not None else "—"
            label = f"  {key} {name} ({kb} KB)" + (f" ERR {v['errors']}" if v.get("errors") else "")
            row(label, v.get("ms"), base_cb.get("ms"))
        for name, v in (g(s, "uncached", "callbacks") or {}).items():
            row(f"  {key} {name}, response cache off", v.get("ms"), base_cb.get("ms"))
    rows.append(("THROUGHPUT (16 clients, 2 workers)", "", "", "", ""))
    for key, s in [
        ("baseline no-op", base),
        *[(f"dashboard {k} filter callbacks", v) for k, v in scales.items()],
        *[
            (f"dashboard {k}, response cache off", v["uncached"])
            for k, v in scales.items()
            if "uncached" in v
        ],
    ]:
        t = s.get("throughput")
        if not t:
            continue
        r = ratio(t.get("rps"), g(base, "throughput", "rps")) if s is not base else None
        rows.append(
            (
                f"  {key}: {fmt(t.get('rps'))} req/s, {t.get('requests')} req, "
                f"{t.get('errors')} errors, latency ms",
                *trio(t.get("ms")),
                fmt(r) if r is not None else "",
            )
        )
    rows.append(("WORKER MEMORY (MB VmRSS, max of 2 workers)", "", "", "", ""))
    for key, s in [("baseline", base), *[(f"dashboard {k}", v) for k, v in scales.items()]]:
        a, b = g(s, "memory_after_start", "max_mb"), g(s, "memory_after_load", "max_mb")
        if a is not None or b is not None:
            rows.append((f"  {key}: after start {fmt(a)} → after load {fmt(b)}", "", "", "", ""))
    rows.append(("LIGHTHOUSE (desktop, no throttling)", "", "", "", ""))
    for key, s in (("baseline", base), ("dashboard 1x", scales.get("1x", {}))):
        lh = s.get("lighthouse") or {}
        if "error" in lh:
            rows.append((f"  {key}: ERROR {lh['error'][:150]}", "", "", "", ""))
        else:
            m = lh.get("metrics_ms", {})
            rows.append(
                (
                    f"  {key}: perf {fmt(lh.get('performance'))}, a11y {fmt(lh.get('accessibility'))}, "
                    f"best practices {fmt(lh.get('best-practices'))}; "
                    f"FCP {m.get('first-contentful-paint')} ms, "
                    f"LCP {m.get('largest-contentful-paint')} ms, TBT {m.get('total-blocking-time')} ms",
                    "",
                    "",
                    "",
                    "",
                )
            )
    width = max(len(r[0]) for r in rows) + 2
    lines = [f"{'measure':<{width}}{'min':>10}{'median':>10}{'p95':>10}{'ratio':>8}"]
    for r in rows:
        lines.append(f"{r[0]:<{width}}{r[1]:>10}{r[2]:>10}{r[3]:>10}{r[4]:>8}")
    lines.append("")
    lines.append(f"{'TARGETS':<58}{'value':>12}{'limit':>8}  met")
    for t in res["targets"]:
        note = f"  ({t['note'][:60]})" if t["note"] else ""
        lines.append(
            f"{t['target']:<58}{fmt(t['value']):>12}{fmt(t['limit']):>8}  {'yes' if t['met'] else 'NO'}{note}"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 5 s of load")
    parser.add_argument("--json", type=Path, default=BENCH / "results" / "latest.json")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    # repetitions are bounded in count (first figure) and in seconds (second figure)
    # each figure: repetitions (count), and the seconds they may take (at least 1-2 runs)
    L, LS, C, CS, R, RS, T = "loads", "loads_s", "changes", "changes_s", "replays", "replay_s", "load_s"
    if args.quick:
        cfg = {
            "1x": {L: 1, LS: 10, C: 3, CS: 10, R: 4, RS: 0.3, T: 5},
            "10x": {L: 1, LS: 6, C: 3, CS: 6, R: 1, RS: 0.1, T: 5},
            "100x": {L: 1, LS: 10, C: 3, CS: 10, R: 1, RS: 0.1, T: 5},
        }
    else:
        cfg = {
            "1x": {L: 6, LS: 25, C: 8, CS: 25, R: 15, RS: 1.2, T: 20},
            "10x": {L: 3, LS: 15, C: 5, CS: 15, R: 6, RS: 0.8, T: 20},
            "100x": {L: 2, LS: 20, C: 4, CS: 25, R: 3, RS: 1.0, T: 10},
        }
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="dash-bench-"))
    res: dict = {
        "command": "bench/run.py" + (" --quick" if args.quick else ""),
        "mode": "quick" if args.quick else "full",
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "config": cfg,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "loadavg_at_start": list(os.getloadavg()),
    }
    if os.getloadavg()[0] > 0.75 * (os.cpu_count() or 1):
        print(
            f"warning: the machine is busy (load average {os.getloadavg()[0]:.1f}); figures will be inflated"
        )
    browser = None
    try:
        print("generating synthetic data 10× and 100×…", flush=True)
        data10 = synth.generate(10, tmp / "data10")
        data100 = synth.generate(100, tmp / "data100")
        res["synthetic_rows"] = {
            "10x": {t: sum(1 for _ in open(data10 / f"{t}.csv", encoding="utf-8")) - 1 for t in synth.GROWN},
            "100x": {
                t: sum(1 for _ in open(data100 / f"{t}.csv", encoding="utf-8")) - 1 for t in synth.GROWN
            },
        }
        browser = Browser()
        print("baseline…", flush=True)
        res["baseline"] = measure_baseline(cfg["1x"], browser, tmp, lh=not args.no_lighthouse)
        res["scales"] = {}
        print("dashboard 1×…", flush=True)
        res["scales"]["1x"] = measure_dashboard(
            "1x", None, cfg["1x"], browser, tmp, load=True, lh=not args.no_lighthouse
        )
        print("dashboard 10×…", flush=True)
        res["scales"]["10x"] = measure_dashboard(
            "10x", data10, cfg["10x"], browser, tmp, load=False, lh=False
        )
        print("dashboard 100×…", flush=True)
        res["scales"]["100x"] = measure_dashboard(
            "100x", data100, cfg["100x"], browser, tmp, load=True, lh=False
        )
    finally:
        if browser is not None:
            browser.close()
        shutil.rmtree(tmp, ignore_errors=True)
    res["targets"] = evaluate(res)
    res["total_s"] = round(time.monotonic() - started, 1)
    res["loadavg_at_end"] = list(os.getloadavg())
    print()
    print(table(res))
    print(f"\ntotal {res['total_s']} s; JSON: {args.json}")
    for key, s in [("baseline", res["baseline"]), *res["scales"].items()]:
        errs = (
            s.get("errors", [])
            + (g(s, "page_load", "errors") or [])
            + (g(s, "filter_change", "errors") or [])
        )
        for err in errs:
            print(f"  {key}: {err}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
