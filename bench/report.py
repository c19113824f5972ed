"""The issue's targets, checked against a run's figures, and the one table the run prints.

Both read the result dict that ``bench.run`` builds (and writes as JSON): ``baseline`` and
``scales`` (``1x``, ``10x``, ``100x``), each with its page_load, filter_change, callbacks,
throughput, memory and lighthouse figures.
"""

from __future__ import annotations

from bench.replay import USERS
from bench.stats import KB, MB, ratio
from components.views.registry import VIEWS


def g(d, *path):
    """``d[path[0]][path[1]]…``, or None where a key is missing."""
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
    bare = g(base, "quiet_change", "ms")
    for stat, limit in (("median", 5.0), ("p95", 8.0)):
        r = ratio(g(one, "quiet_change", "ms", stat), g(bare, stat))
        add(
            f"click → last DOM change ≤ {limit:.0f}× bare round trip ({stat})",
            r,
            limit,
            r is not None and r <= limit,
        )
    stale = g(one, "quiet_change", "stale_drawn_ms")
    add(
        "stale chart drawn ≤ 300 ms after entering the viewport",
        stale,
        300,
        stale is not None and stale <= 300,
    )
    r100 = ratio(g(hundred, "filter_change", "ms", "median"), fmed)
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
    met = worst is not None and worst <= 5.0
    add("every callback p95 ≤ 5× baseline no-op (worst)", worst, 5.0, met, worst_name)
    cold = ratio(g(one, "first_visit", "ms", "p95"), base_p95)
    met = cold is not None and cold <= 5.0
    add("first visit of a filter state, cold workers: p95 ≤ 5× baseline no-op p95", cold, 5.0, met)
    largest = round(biggest / KB, 1) if biggest else None
    met = bool(biggest) and biggest <= 300 * KB
    add("no callback response > 300 KB at 1× (largest, KB)", largest, 300, met, biggest_name)
    tr = ratio(g(one, "throughput", "rps"), g(base, "throughput", "rps"))
    errs = g(one, "throughput", "errors")
    off = ratio(g(one, "uncached", "throughput", "rps"), g(base, "throughput", "rps"))
    off_note = f"response cache off: {off:.2f}" if off is not None else ""
    add("throughput ≥ 50% of baseline", tr, 0.5, tr is not None and tr >= 0.5, off_note)
    add("throughput errors = 0", errs, 0, errs == 0)
    mem = g(hundred, "memory_after_load", "max_mb")
    add("worker memory ≤ 250 MB at 100× (after load)", mem, 250, mem is not None and mem <= 250)
    lh, blh = one.get("lighthouse") or {}, base.get("lighthouse") or {}
    perf, bare_perf = lh.get("performance"), blh.get("performance")
    met = perf is not None and bare_perf is not None and perf >= bare_perf
    add("Lighthouse performance ≥ the bare page's", perf, bare_perf, met, lh.get("error", ""))
    tbt = ratio(g(lh, "metrics_ms", "total-blocking-time"), g(blh, "metrics_ms", "total-blocking-time"))
    add("Lighthouse total blocking time ≤ 1.25× the bare page's", tbt, 1.25, tbt is not None and tbt <= 1.25)
    for cat, limit in (("accessibility", 1.00), ("best-practices", 0.95)):
        value = lh.get(cat)
        met = value is not None and value >= limit
        add(f"Lighthouse {cat} ≥ {limit:.2f}", value, limit, met, lh.get("error", ""))
    return targets


def fmt(v, unit=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.1f}{unit}" if abs(v) >= 10 else f"{v:.2f}{unit}"
    return f"{v:,}{unit}" if isinstance(v, int) else f"{v}{unit}"


def table(res: dict) -> str:
    """The run as one text table (min / median / p95 / ratio to the baseline), then the targets."""
    rows: list[tuple] = []
    base, scales = res["baseline"], res["scales"]

    def trio(s, scale=1.0):
        if not s:
            return ("—", "—", "—")
        return tuple(fmt(round(s[k] / scale, 2) if scale != 1.0 else s[k]) for k in ("min", "median", "p95"))

    def row(name, s, ratio_to=None, scale=1.0):
        r = ratio(g(s, "median"), g(ratio_to, "median")) if ratio_to else None
        rows.append((name, *trio(s, scale), fmt(r) if r is not None else ""))

    def heading(text):
        rows.append((text, "", "", "", ""))

    heading("PAGE LOAD (ms, navigation → all views rendered)")
    row("  baseline: one graph drawn", g(base, "page_load", "ms"))
    for key, s in scales.items():
        row(f"  dashboard {key}", g(s, "page_load", "ms"), g(base, "page_load", "ms"))
    heading("FIRST-LOAD BYTES (KB) / REQUESTS")
    row("  baseline KB", g(base, "page_load", "bytes"), scale=KB)
    for key, s in scales.items():
        row(f"  dashboard {key} KB", g(s, "page_load", "bytes"), g(base, "page_load", "bytes"), scale=KB)
    row("  baseline requests", g(base, "page_load", "requests"))
    for key, s in scales.items():
        row(f"  dashboard {key} requests", g(s, "page_load", "requests"), g(base, "page_load", "requests"))
    heading("FILTER CHANGE (ms, change → every view updated)")
    one_f = g(scales.get("1x"), "filter_change", "ms")
    for key, s in scales.items():
        row(f"  dashboard {key} (all changes)", g(s, "filter_change", "ms"), one_f if key != "1x" else None)
    for change, s in (g(scales.get("1x"), "filter_change", "by_change") or {}).items():
        row(f"    1× {change}", s)
    for key, s in scales.items():
        floor = g(s, "filter_change", "plotly_floor", "ms")
        row(f"  plotly.js redraw floor {key} ({len(VIEWS)} × Plotly.react, no Dash)", floor)
    heading("CLICK → LAST DOM CHANGE (ms, 600 ms of quiet; bare page: input → output)")
    row("  baseline: input → output", g(base, "quiet_change", "ms"))
    for key, s in scales.items():
        if g(s, "quiet_change", "ms"):
            row(
                f"  dashboard {key}: IP4 / Reset / NATO / Reset",
                g(s, "quiet_change", "ms"),
                g(base, "quiet_change", "ms"),
            )
            drawn = g(s, "quiet_change", "stale_drawn_ms")
            rows.append((f"  dashboard {key}: stale chart, in view → drawn", "", fmt(drawn), "", ""))
    heading("CALLBACK SERVER TIME (ms; ratio = median / baseline no-op; resp KB)")
    if g(scales.get("1x"), "first_visit", "ms"):
        row("  1× first visit of a filter state, cold workers", g(scales["1x"], "first_visit", "ms"))
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
    heading(f"THROUGHPUT ({USERS} clients, 2 workers)")
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
        label = f"  {key}: {fmt(t.get('rps'))} req/s, {t.get('requests')} req, {t.get('errors')} errors"
        rows.append((label + ", latency ms", *trio(t.get("ms")), fmt(r) if r is not None else ""))
    heading("WORKER MEMORY (MB VmRSS, max of 2 workers)")
    for key, s in [("baseline", base), *[(f"dashboard {k}", v) for k, v in scales.items()]]:
        a, b = g(s, "memory_after_start", "max_mb"), g(s, "memory_after_load", "max_mb")
        if a is not None or b is not None:
            heading(f"  {key}: after start {fmt(a)} → after load {fmt(b)}")
    heading("LIGHTHOUSE (desktop, no throttling)")
    for key, s in (("baseline", base), ("dashboard 1x", scales.get("1x", {}))):
        lh = s.get("lighthouse") or {}
        if "error" in lh:
            heading(f"  {key}: ERROR {lh['error'][:150]}")
        else:
            m = lh.get("metrics_ms", {})
            heading(
                f"  {key}: perf {fmt(lh.get('performance'))}, a11y {fmt(lh.get('accessibility'))}, "
                f"best practices {fmt(lh.get('best-practices'))}; "
                f"FCP {m.get('first-contentful-paint')} ms, "
                f"LCP {m.get('largest-contentful-paint')} ms, TBT {m.get('total-blocking-time')} ms"
            )
    width = max(len(r[0]) for r in rows) + 2
    lines = [f"{'measure':<{width}}{'min':>10}{'median':>10}{'p95':>10}{'ratio':>8}"]
    lines += [f"{r[0]:<{width}}{r[1]:>10}{r[2]:>10}{r[3]:>10}{r[4]:>8}" for r in rows]
    lines += ["", f"{'TARGETS':<58}{'value':>12}{'limit':>8}  met"]
    for t in res["targets"]:
        note = f"  ({t['note'][:60]})" if t["note"] else ""
        met = "yes" if t["met"] else "NO"
        lines.append(f"{t['target']:<58}{fmt(t['value']):>12}{fmt(t['limit']):>8}  {met}{note}")
    return "\n".join(lines)
