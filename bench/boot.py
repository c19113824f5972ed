"""What runs before the first screen is interactive: a CPU profile of a cold page load (1440 ×
900) from navigation until the parts near the screen are drawn and nothing has changed for
600 ms, as self time per script and the long tasks (over 50 ms) on the main thread.

    .venv/bin/python -m bench.boot [URL]        # default: a dashboard started here on loopback
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

from bench.browser import Browser, poll
from bench.quiet import QUIET, READY
from bench.servers import serving

LONG_TASKS = """() => window.__long || []"""
WATCH_LONG_TASKS = """() => { window.__long = [];
  new PerformanceObserver(l => { for (const e of l.getEntries())
    window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); })
  .observe({type: 'longtask', buffered: true}); }"""


def profile(url: str) -> dict:
    """Self time (ms) per script URL, the long tasks, and when the page was done."""
    browser = Browser()
    try:
        with browser.page(url) as (page, _net, _offsite):
            cdp = page.context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 500})
            cdp.send("Profiler.start")
            page.goto(url + "/", wait_until="commit", timeout=30_000)
            page.evaluate(WATCH_LONG_TASKS)
            poll(page, READY, 30)
            done = poll(page, QUIET, 10)
            cpu = cdp.send("Profiler.stop")["profile"]
            long_tasks = page.evaluate(LONG_TASKS)
    finally:
        browser.close()
    by_id = {n["id"]: n for n in cpu["nodes"]}
    deltas = dict.fromkeys(by_id, 0.0)
    for sample, delta in zip(cpu["samples"], cpu["timeDeltas"]):
        deltas[sample] = deltas.get(sample, 0.0) + delta / 1000
    by_script: dict[str, float] = defaultdict(float)
    for node_id, ms in deltas.items():
        frame = by_id[node_id]["callFrame"]
        name = frame["url"].rsplit("/", 1)[-1].split("?")[0] or f"({frame['functionName'] or 'native'})"
        by_script[name] += ms
    top = sorted(by_script.items(), key=lambda kv: -kv[1])[:12]
    return {
        "done_ms": round(done) if done else None,
        "self_ms_by_script": {k: round(v) for k, v in top},
        "long_tasks": long_tasks,
        "blocking_ms": sum(max(0, d - 50) for _t, d in long_tasks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url", nargs="?")
    args = parser.parse_args(argv)
    if args.url:
        result = profile(args.url.rstrip("/"))
    else:
        with tempfile.TemporaryDirectory(prefix="bench-boot-") as tmp:
            with serving("dashboard-boot", "app:server", None, Path(tmp)) as srv:
                result = profile(srv.url)
    print(f"done (parts drawn, 600 ms quiet) at {result['done_ms']} ms")
    print(f"long tasks {result['long_tasks']}; blocking {result['blocking_ms']} ms")
    for script, ms in result["self_ms_by_script"].items():
        print(f"  {ms:6d} ms  {script}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
