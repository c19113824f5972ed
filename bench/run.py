"""Performance benchmark of the dashboard against a bare Dash baseline, in one run.

    .venv/bin/python -m bench.run [--quick] [--no-lighthouse] [--json bench/results/latest.json]

Everything runs against production servers started (and stopped) here: ``gunicorn -w 2
app:server`` on the curated data and on synthetic 10× and 100× copies (``bench/synth.py``),
and ``gunicorn -w 2 bench.baseline_app:server`` (one empty graph, one no-op callback), all on
free loopback ports. Measures (min / median / p95, ratio to the baseline measured in the same run):

1. page load in headless Chromium (Playwright): navigation → every view rendered; bytes and requests
2. filter change in the browser (quick picks IP4 / NATO / reset, and a URL change with history),
   and as a reader lives it: click → the last DOM change anywhere, after 600 ms of quiet, over
   rounds of IP4 / Reset / NATO / Reset, next to the bare page's input → output measured the
   same way; and a stale chart scrolled into view: ms from entering the viewport to drawn
3. server time and response size of each callback, replaying the browser's real payloads
4. the same at 10× and 100× the data
5. throughput: 16 Locust users replaying filter callbacks (20 s; 5 s with --quick); the
   replays repeat, so they hit the app's page-response cache: 3 and 5 are measured again at
   1× with it off (``DASHBOARD_RESPONSE_CACHE=0``), the cost of a request that is not a repeat
6. worker memory (RSS) after start and after the load, at 1× and 100×
7. Lighthouse (desktop preset, system Chromium, no throttling) scores

It prints one table with the issue's targets and writes the same figures as JSON.
Every loop is bounded in count and time; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import BENCH, CALLBACK_PATH, ROOT, baseline_app, quiet, synth
from bench.browser import BASELINE_RENDERED, DASHBOARD_RENDERED, Browser
from bench.lighthouse import lighthouse
from bench.pages import filter_changes, page_loads
from bench.replay import first_visits, replay, throughput, unique_payloads
from bench.report import evaluate, g, table
from bench.servers import serving
from bench.stats import stats

# per scale: repetitions (count) and the seconds they may take (at least one or two runs each)
L, LS, C, CS, R, RS, T = "loads", "loads_s", "changes", "changes_s", "replays", "replay_s", "load_s"
Q = "quiet_rounds"  # rounds of IP4 / Reset / NATO / Reset (click → last DOM change)
QUICK = {
    "1x": {L: 1, LS: 10, C: 3, CS: 10, R: 4, RS: 0.3, T: 5, Q: 3},
    "10x": {L: 1, LS: 6, C: 3, CS: 6, R: 1, RS: 0.1, T: 5},
    "100x": {L: 1, LS: 10, C: 3, CS: 10, R: 1, RS: 0.1, T: 5},
}
FULL = {
    "1x": {L: 6, LS: 25, C: 8, CS: 25, R: 15, RS: 1.2, T: 20, Q: 4},
    "10x": {L: 3, LS: 15, C: 5, CS: 15, R: 6, RS: 0.8, T: 20},
    "100x": {L: 2, LS: 20, C: 4, CS: 25, R: 3, RS: 1.0, T: 10},
}
# one country each: filter states that no page load or filter change of the run has visited
COLD_COUNTRIES = ["FRA", "DEU", "GBR", "ITA", "CAN", "POL", "TUR", "UKR", "CHN", "RUS", "IND", "PHL"]
# the no-op callback as the browser sends it on load, should no load record it
BASELINE_PAYLOAD = {
    "output": f"{baseline_app.OUTPUT}.children",
    "outputs": {"id": baseline_app.OUTPUT, "property": "children"},
    "inputs": [{"id": baseline_app.INPUT, "property": "value", "value": ""}],
    "changedPropIds": [],
    "state": [],
}


def measure_dashboard(
    label: str, data_dir: Path, cfg: dict, browser: Browser, tmp: Path, *, load: bool, lh: bool
) -> dict:
    """Every measure of the dashboard on ``data_dir``; with ``load``, throughput and memory after
    it (and at 1×, the replays and throughput again with the response cache off)."""
    env = {"DASHBOARD_DATA_DIR": str(data_dir)}
    result: dict = {"errors": []}
    t_start = time.monotonic()
    try:
        with serving(f"dashboard-{label}", "app:server", env, tmp) as srv:
            result["start_s"] = round(time.monotonic() - t_start, 1)
            result["memory_after_start"] = srv.memory()
            recorded: list[dict] = []
            print(f"  [{label}] page loads…", flush=True)
            result["page_load"] = page_loads(
                browser, srv.url, DASHBOARD_RENDERED, cfg[L], cfg[LS], recorded, {"name": "load"}
            )
            print(f"  [{label}] filter changes…", flush=True)
            result["filter_change"] = filter_changes(browser, srv.url, cfg[C], cfg[CS], recorded)
            if cfg.get(Q):
                print(f"  [{label}] click → last DOM change, {cfg[Q]} rounds…", flush=True)
                result["quiet_change"] = quiet.dashboard(browser, srv.url, cfg[Q])
            sample, pl = result["filter_change"].pop("load_sample", None), result["page_load"]
            if sample:  # the filter changes' cold load is one more page-load sample
                for key, digits in (("ms", 1), ("bytes", 0), ("requests", 0)):
                    pl["raw"][key].append(sample[key])
                    pl[key] = stats(pl["raw"][key], digits)
            payloads = unique_payloads(recorded)
            print(f"  [{label}] callback replays ({len(payloads)} payloads)…", flush=True)
            result["callbacks"] = replay(srv.url, payloads, cfg[R], cfg[RS])
            bodies = [b for (_name, phase), b in sorted(payloads.items()) if phase == "filter"]
            if load:
                print(f"  [{label}] throughput {cfg[T]} s…", flush=True)
                result["throughput"] = throughput(srv.url, bodies, cfg[T]) if bodies else None
                result["memory_after_load"] = srv.memory()
            if lh:
                print(f"  [{label}] lighthouse…", flush=True)
                result["lighthouse"] = lighthouse(srv.url, tmp, f"dashboard-{label}")
        if load and label == "1x":
            # the same replays with the page-response cache off: what a request costs when
            # it is not a repeat (every figure still cached per worker after its first build)
            print(f"  [{label}] response cache off: replays and throughput…", flush=True)
            off = {**env, "DASHBOARD_RESPONSE_CACHE": "0"}
            with serving(f"dashboard-{label}-nocache", "app:server", off, tmp) as srv:
                result["uncached"] = {
                    "callbacks": replay(srv.url, payloads, cfg[R], cfg[RS]),
                    "throughput": throughput(srv.url, bodies, cfg[T]) if bodies else None,
                }
        page_body = next((b for _path, b in bodies if b'"filter-country"' in b), None)
        if label == "1x" and page_body:
            # filter states no worker has seen, on workers started for it: nothing warmed
            print(
                f"  [{label}] first visits of {len(COLD_COUNTRIES)} filter states, cold workers…", flush=True
            )
            with serving(f"dashboard-{label}-cold", "app:server", env, tmp) as srv:
                result["first_visit"] = first_visits(srv.url, page_body, COLD_COUNTRIES)
    except Exception as exc:  # noqa: BLE001 - recorded in the output, the run goes on
        result["errors"].append(f"{type(exc).__name__}: {str(exc)[:800]}")
    result["phase_s"] = round(time.monotonic() - t_start, 1)
    return result


def measure_baseline(cfg: dict, browser: Browser, tmp: Path, *, lh: bool) -> dict:
    """The same measures of the bare Dash app (bench/baseline_app.py), at the 1× settings."""
    result: dict = {"errors": []}
    t_start = time.monotonic()
    try:
        with serving("baseline", "bench.baseline_app:server", None, tmp) as srv:
            result["memory_after_start"] = srv.memory()
            recorded: list[dict] = []
            print("  [baseline] page loads…", flush=True)
            result["page_load"] = page_loads(
                browser, srv.url, BASELINE_RENDERED, cfg[L], cfg[LS], recorded, {"name": "load"}
            )
            print("  [baseline] input → last DOM change…", flush=True)
            result["quiet_change"] = quiet.bare(browser, srv.url, 4 * cfg[Q])
            payloads = unique_payloads(recorded) or {
                (BASELINE_PAYLOAD["output"], "load"): (CALLBACK_PATH, json.dumps(BASELINE_PAYLOAD).encode())
            }
            result["callbacks"] = replay(srv.url, payloads, cfg[R], cfg[RS])
            print(f"  [baseline] throughput {cfg[T]} s…", flush=True)
            result["throughput"] = throughput(srv.url, list(payloads.values()), cfg[T])
            result["memory_after_load"] = srv.memory()
            if lh:
                print("  [baseline] lighthouse…", flush=True)
                result["lighthouse"] = lighthouse(srv.url, tmp, "baseline")
    except Exception as exc:  # noqa: BLE001
        result["errors"].append(f"{type(exc).__name__}: {str(exc)[:800]}")
    result["phase_s"] = round(time.monotonic() - t_start, 1)
    return result


def rows(data_dir: Path) -> dict[str, int]:
    """Rows of each grown table in ``data_dir``."""
    return {t: sum(1 for _ in open(data_dir / f"{t}.csv", encoding="utf-8")) - 1 for t in synth.GROWN}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 5 s of load")
    parser.add_argument("--json", type=Path, default=BENCH / "results" / "latest.json")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    lh = not args.no_lighthouse
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="dash-bench-"))
    res: dict = {
        "command": "python -m bench.run" + (" --quick" if args.quick else ""),
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
        data = {
            "1x": ROOT / "data",
            "10x": synth.generate(10, tmp / "data10"),
            "100x": synth.generate(100, tmp / "data100"),
        }
        res["synthetic_rows"] = {key: rows(data[key]) for key in ("10x", "100x")}
        browser = Browser()
        print("baseline…", flush=True)
        res["baseline"] = measure_baseline(cfg["1x"], browser, tmp, lh=lh)
        res["scales"] = {}
        for key, load in (("1x", True), ("10x", False), ("100x", True)):
            print(f"dashboard {key.replace('x', '×')}…", flush=True)
            res["scales"][key] = measure_dashboard(
                key, data[key], cfg[key], browser, tmp, load=load, lh=lh and key == "1x"
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
            + (g(s, "quiet_change", "errors") or [])
        )
        for err in errs:
            print(f"  {key}: {err}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
