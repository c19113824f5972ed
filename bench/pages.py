"""What a reader waits for, measured in the browser: cold page loads (navigation → every view
rendered, with bytes and requests) and filter changes (change → every view updated), with the
floor plotly.js alone sets for a filter change (every chart redrawn, no Dash, no network)."""

from __future__ import annotations

import time

from bench.browser import CLICK, DASHBOARD_RENDERED, FILTER_STATE, NAVIGATE, REDRAW, SNAPSHOT, Browser, poll
from bench.stats import stats
from components import ids

SETTLE_MS = 400  # no DOM change for this long after the last one = the page is done
FILTER_ACTIONS = (  # (label, kind, target), cycled through
    ("IP4 quick pick", "click", f"#{ids.PICK_IP4}"),
    ("NATO allies quick pick", "click", f"#{ids.PICK_NATO}"),
    ("reset", "click", f"#{ids.RESET}"),
    ("URL ?country=JPN (history)", "history", "?country=JPN"),
    ("reset", "click", f"#{ids.RESET}"),
)


def page_loads(
    browser: Browser, url: str, rendered: str, runs: int, budget_s: float, record=None, phase=None
) -> dict:
    """Cold loads (fresh context): ms from navigation start to ``rendered``, bytes, requests;
    ``runs`` loads or as many as start within ``budget_s`` seconds (at least two). The first
    load's callback requests go to ``record`` (see :meth:`Browser.page`)."""
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


def wait_updated(page, before: dict, timeout_s: float = 20, *, new_requests: bool = True) -> float | None:
    """The page time of the last DOM change once the page is updated after state ``before``:
    callbacks ran since (``new_requests``), the counters changed, every view is drawn, nothing
    is in flight and nothing has changed for SETTLE_MS. None if that takes over ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        s = page.evaluate(FILTER_STATE)
        if (
            s["quiet"]
            and (s["done"] > before["done"] or not new_requests)
            and s["counts"] != before["counts"]
            and s["now"] - s["lastMut"] >= SETTLE_MS
        ):
            return s["lastMut"]
        page.wait_for_timeout(50)
    return None


def filter_changes(browser: Browser, url: str, changes: int, budget_s: float, record=None) -> dict:
    """ms from a filter change to every view updated and nothing in flight: up to ``changes``
    changes cycling through FILTER_ACTIONS, within ``budget_s`` seconds. The cold load before
    them is one more page-load sample (``load_sample``)."""
    phase = {"name": "load"}
    by_action: dict[str, list[float]] = {}
    errors: list[str] = []
    with browser.page(url, record, phase) as (page, net, _offsite):
        page.goto(url + "/", wait_until="commit", timeout=30_000)
        loaded = poll(page, DASHBOARD_RENDERED, 30)
        if loaded is None:
            return {"ms": None, "errors": ["dashboard not rendered within 30 s"]}
        page.wait_for_timeout(100)
        load_sample = {"ms": float(loaded), "bytes": net["bytes"], "requests": net["requests"]}
        phase["name"] = "filter"
        deadline = time.monotonic() + budget_s
        for n in range(changes):
            if n >= len(FILTER_ACTIONS) - 2 and time.monotonic() > deadline:
                break
            label, kind, target = FILTER_ACTIONS[n % len(FILTER_ACTIONS)]
            before = page.evaluate(FILTER_STATE)
            try:  # t0 is taken in the page, right before the change
                t0 = page.evaluate(CLICK if kind == "click" else NAVIGATE, target)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"{label}: {type(exc).__name__}: {str(exc)[:160]}")
                continue
            done_at = wait_updated(page, before)
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
        page.click(f"#{ids.PICK_IP4}")
        wait_updated(page, before, new_requests=False)
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
