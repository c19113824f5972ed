"""Headless Chromium (Playwright) for the benchmark, and the scripts it runs in the page.

Each page gets a fresh context (a cold cache) that may only talk to the server under test;
CDP counts the bytes and requests, and an init script counts Dash's callback fetches and
notes the last DOM change, so "rendered" and "updated" are measured in the page itself. The
ids the probes wait for come from the view registry (and the baseline app), never by hand.
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager

from bench import CALLBACK_PATH, CHROMIUM, baseline_app
from components import ids
from components.views.registry import VIEWS

CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
COUNTERS = [ids.counter(v.evidence) for v in VIEWS if v.counter]

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

# every part near the screen drawn, the others marked stale (they are drawn when the reader
# scrolls to them: assets/dashboard.js), the first chart among the drawn
PARTS_DRAWN = "Boolean(window.dashboardLazy && window.dashboardLazy.settled(false))"

# performance.now() once the parts near the screen are drawn and nothing is in flight
DASHBOARD_RENDERED = f"""
() => {{
  const drawn = {PARTS_DRAWN};
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const b = window.__bench || {{pending: 0, done: 1}};
  return (drawn && !loading && b.pending === 0 && b.done > 0) ? performance.now() : null;
}}
"""

BASELINE_RENDERED = f"""
() => {{
  const drawn = document.querySelector({json.dumps("#" + baseline_app.GRAPH + " .main-svg")});
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const b = window.__bench || {{pending: 0, done: 1}};
  return (drawn && !loading && b.pending === 0 && b.done > 0) ? performance.now() : null;
}}
"""

# state of the page for a filter change: counters' text, requests done, all quiet?
FILTER_STATE = f"""
() => {{
  const b = window.__bench;
  const drawn = {PARTS_DRAWN};
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const counts = {json.dumps(COUNTERS)}
    .map(id => (document.getElementById(id) || {{}}).textContent || '').join('|');
  return {{now: performance.now(), counts: counts, done: b.done, pending: b.pending, lastMut: b.lastMut,
          quiet: drawn && !loading && b.pending === 0}};
}}
"""

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

# a click on ``selector`` / a URL change with history, the time taken in the page right before
CLICK = "(sel) => { const t = performance.now(); document.querySelector(sel).click(); return t; }"
NAVIGATE = (
    "(q) => { const t = performance.now(); window.history.pushState({}, '', '/' + q);"
    " window.dispatchEvent(new PopStateEvent('popstate', {state: {}})); return t; }"
)


class Browser:
    """One headless Chromium for the whole run; :meth:`page` opens a fresh context in it."""

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
        """``(page, net, offsite)``: a page in a fresh context (cold cache) whose requests must
        stay on ``origin``; ``net`` counts bytes and requests, ``offsite`` the blocked URLs. The
        callback requests are appended to ``record`` as ``{phase, body, path}``, ``phase`` being
        ``phase["name"]`` when each is sent."""
        context = self.browser.new_context(viewport={"width": 1440, "height": 900})
        context.add_init_script(INIT_SCRIPT)
        offsite: list[str] = []

        def guard(route):
            offsite.append(route.request.url)
            route.abort()

        # only requests leaving the origin are routed: matched in the driver, so the page's own
        # requests never wait on this Python process (which may be busy awaiting the page)
        context.route(re.compile(rf"^(?!{re.escape(origin)}/)"), guard)
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
