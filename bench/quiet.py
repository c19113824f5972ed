"""The filter-change measure as a reader lives it, and its floor: from a click (or a keystroke on
the bare page) to the last DOM change anywhere in the page, once nothing has changed for 600 ms;
and how soon a chart that was stale is drawn once it enters the viewport.

Both pages are measured the same way, in the same browser, at 1440 × 900: the dashboard over
rounds of IP4 / Reset / NATO / Reset, the bare Dash page (bench/baseline_app.py) over as many
edits of its one input, whose no-op callback writes its one output.
"""

from __future__ import annotations

import time

from bench import baseline_app
from bench.browser import PARTS_DRAWN, Browser, poll
from bench.stats import stats
from components import ids

QUIET_MS = 600  # no DOM change for this long: the page is done
ROUND = (f"#{ids.PICK_IP4}", f"#{ids.RESET}", f"#{ids.PICK_NATO}", f"#{ids.RESET}")
STALE_CHART = "reactions-graph"  # more than a screen below the first one at 1440 × 900

# performance.now() right before the click, in the page
CLICK = "(sel) => { const t = performance.now(); document.querySelector(sel).click(); return t; }"
# an edit of the bare page's input as React sees a keystroke
TYPE = """([sel, value]) => { const el = document.querySelector(sel);
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t = performance.now(); set.call(el, value);
  el.dispatchEvent(new Event('input', {bubbles: true})); return t; }"""
# the last DOM change, once QUIET_MS have passed without one (window.__bench: bench/browser.py)
QUIET = f"""() => {{ const b = window.__bench, now = performance.now();
  return (b.pending === 0 && now - b.lastMut >= {QUIET_MS}) ? b.lastMut : null; }}"""
# the page's parts drawn (or marked stale, far from the screen) and nothing in flight
READY = f"""() => {{ const b = window.__bench || {{pending: 1}};
  return b.pending === 0 && {PARTS_DRAWN}; }}"""
# scroll a stale chart into view; resolves with ms from entering the viewport to drawn
SCROLL_TO_STALE = """(id) => new Promise(resolve => {
  const part = document.querySelector('[data-lazy="' + id + '"]');
  if (part.dataset.state !== 'stale') { resolve({error: 'not stale: ' + part.dataset.state}); return; }
  let entered = null;
  const seen = new IntersectionObserver(es => {
    if (entered === null && es.some(e => e.isIntersecting)) entered = performance.now(); });
  seen.observe(part);
  const done = new MutationObserver(() => {
    if (part.dataset.state === 'drawn') {
      done.disconnect(); seen.disconnect();
      resolve(entered === null ? {error: 'drawn, but never seen entering the viewport'}
                               : {ms: performance.now() - entered});
    } });
  done.observe(part, {attributes: true, attributeFilter: ['data-state']});
  part.scrollIntoView({block: 'center', behavior: 'instant'});
  setTimeout(() => resolve({error: 'not drawn within 10 s'}), 10000);
})"""


def _last_change(page, t0: float, timeout_s: float = 20) -> float | None:
    """ms from ``t0`` to the last DOM change after it, once the page has been quiet."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        last = page.evaluate(QUIET)
        if last is not None and last > t0:
            return last - t0
        page.wait_for_timeout(50)
    return None


def dashboard(browser: Browser, url: str, rounds: int) -> dict:
    """Click → last DOM change over ``rounds`` rounds of IP4 / Reset / NATO / Reset, then a
    stale chart scrolled into view: ms from entering the viewport to drawn."""
    times, errors = [], []
    with browser.page(url) as (page, _net, _offsite):
        page.goto(url + "/", wait_until="commit", timeout=30_000)
        if poll(page, READY, 30) is None:
            return {"ms": None, "errors": ["dashboard not ready within 30 s"]}
        page.wait_for_timeout(QUIET_MS)
        for _ in range(rounds):
            for selector in ROUND:
                ms = _last_change(page, page.evaluate(CLICK, selector))
                if ms is None:
                    errors.append(f"{selector}: no quiet within 20 s")
                else:
                    times.append(ms)
        page.click(f"#{ids.PICK_IP4}")  # a filter change while the chart is far away
        page.wait_for_timeout(QUIET_MS * 2)
        drawn = page.evaluate(SCROLL_TO_STALE, STALE_CHART)
    if "error" in drawn:
        errors.append(f"stale chart: {drawn['error']}")
    return {"ms": stats(times), "raw": times, "stale_drawn_ms": drawn.get("ms"), "errors": errors}


def bare(browser: Browser, url: str, edits: int) -> dict:
    """Input → last DOM change on the bare Dash page, ``edits`` times, measured the same way."""
    times, errors = [], []
    with browser.page(url) as (page, _net, _offsite):
        page.goto(url + "/", wait_until="commit", timeout=30_000)
        page.wait_for_selector(f"#{baseline_app.INPUT}", timeout=30_000)
        page.wait_for_timeout(QUIET_MS * 2)
        for n in range(edits):
            ms = _last_change(page, page.evaluate(TYPE, [f"#{baseline_app.INPUT}", f"edit {n}"]))
            if ms is None:
                errors.append(f"edit {n}: no quiet within 20 s")
            else:
                times.append(ms)
    return {"ms": stats(times), "raw": times, "errors": errors}
