"""What only a browser shows of reuse: a record's link opening on its row and picking out its
marks, the rows' *Copy link* and *Cite*, the embed snippet and a page on another origin framing
the embed (and failing to frame the full page)."""

from __future__ import annotations

import threading
import unicodedata
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

from tests.conftest import wait_js
from tests.test_accessibility import serious_violations

SELECTED_MARKS = """(id) => {
    const gd = document.querySelector(`#${id} .js-plotly-plot`);
    return gd.data.filter(t => Array.isArray(t.selectedpoints))
        .flatMap(t => t.selectedpoints.map(i => t.customdata[i][0]));
}"""


def test_a_record_link_opens_on_its_row_and_picks_out_its_marks(page_factory):
    page, _ = page_factory("?record=ev040")
    wait_js(page, "document.querySelector('#evidence-table tr.evidence-hit')")
    rows = page.eval_on_selector_all("#evidence-table tbody tr", "rs => rs.map(r => r.dataset.record)")
    assert rows[0] == "event:ev040"
    assert page.get_attribute("#evidence-table tbody tr:first-child", "aria-current") == "true"
    # the row was brought into view, and the timeline (drawn as it was reached) picks out its mark
    assert page.evaluate("document.querySelector('tr.evidence-hit').getBoundingClientRect().top") < 900
    page.evaluate("window.dashboardLazy.drawAll()")
    wait_js(page, "window.dashboardLazy.settled(true)")
    marks = page.evaluate(SELECTED_MARKS, "timeline-graph")
    assert marks and all("ev040" in m.split(";") for m in marks)


def test_an_unknown_record_link_gets_the_notice(page_factory):
    page, _ = page_factory("?record=ev999")
    wait_js(page, "document.querySelector('#url-notice') && document.querySelector('#url-notice').innerText")
    assert "ev999" in page.inner_text("#url-notice")
    assert page.locator("#evidence-table tr.evidence-hit").count() == 0


def test_each_row_copies_its_link_and_cites_itself(page_factory):
    page, _ = page_factory("?country=NZL", lazy=False)
    first = page.locator("#evidence-table tbody tr").first
    record = first.get_attribute("data-record").split(":")[1]
    first.locator("[data-record-link]").click()
    wait_js(page, f"document.querySelector('#record-status').innerText.includes('{record}')")
    first.locator("[data-record-cite]").click()
    page.wait_for_selector("#cite-modal .cite-text")
    wait_js(page, f"document.querySelector('#cite-modal .cite-text').innerText.includes('record {record}')")
    assert page.inner_text("#cite-title") == "Cite this record"
    assert f"?record={record}" in page.inner_text("#cite-modal .cite-text")
    assert f"_{record}," in page.inner_text("#cite-bibtex")


def test_the_embed_snippet_frames_on_another_origin_and_the_page_does_not(page_factory, browser, live_server):
    page, _ = page_factory("?country=JPN&lanes=actor&record=ev040")
    page.click("#timeline-download-menu")
    page.get_by_text("Embed this chart…").first.click()
    wait_js(page, "document.querySelector('#embed-code') && document.querySelector('#embed-code').value")
    snippet = page.input_value("#embed-code")
    assert serious_violations(page) == []  # the embed dialog open
    assert f'src="{live_server}/embed/timeline?country=JPN&lanes=actor"' in snippet
    assert 'title="Timeline of Japan–NATO and IP4–NATO relations"' in snippet
    drawn_height = page.evaluate(
        "document.querySelector('#timeline-graph .js-plotly-plot')._fullLayout.height"
    )
    assert f'height="{round(drawn_height + 220)}"' in snippet  # the chart, its title and its footer fit

    # a page on another origin (another port) holding the snippet and an iframe of the full page
    html = (
        f'<!doctype html><html><body>{snippet}<iframe id="full" src="{live_server}/"></iframe></body></html>'
    )
    with serve_once(html.encode()) as host:
        context = browser.new_context()
        other = context.new_page()
        errors = []
        other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        other.goto(host)
        check_framing(other, errors)
        context.close()


def check_framing(other, errors) -> None:
    """The embed in ``other`` draws its chart with no console error; the full page is refused."""
    drawn = "() => document.getElementById('embed-chart')?.dataset.state === 'drawn'"
    waited = 0
    while not any("/embed/timeline" in f.url and f.evaluate(drawn) for f in other.frames):
        assert waited < 20_000, f"the embedded chart was not drawn: {[f.url for f in other.frames]}, {errors}"
        other.wait_for_timeout(200)
        waited += 200
    embed = next(f for f in other.frames if "/embed/timeline" in f.url)
    assert serious_violations(embed) == []
    assert embed.evaluate("document.querySelectorAll('#embed-chart .scatterlayer .point').length") > 10
    full = other.frame_locator("#full")
    assert full.locator("#filter-country").count() == 0  # refused: the full page is not framed
    assert [e for e in errors if "frame" not in e.lower()] == []  # the embed itself logs nothing
    assert any("frame" in e.lower() and "ancestors" in e.lower() for e in errors)


@contextmanager
def serve_once(body: bytes):
    """An HTML page served from another loopback port (another origin)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/article.html"
    finally:
        server.shutdown()


def printed(page) -> tuple[int, str]:
    """The page printed to an A4 PDF as the browser prints it (print media, "beforeprint" and
    "afterprint"): its page count and its text."""
    import io

    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    # NFKC: the PDF's ligatures ("ﬁ") back to letters
    return len(pdf.pages), unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pdf.pages))


def test_printing_gives_a_clean_report(page_factory, live_server, ds):
    from components.views.context import Context
    from components.views.registry import VIEWS

    page, _ = page_factory("?country=JPN&from=2010")
    # the browser's print dialog is the one thing a headless browser cannot show: record the call
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.click("#print-view")
    wait_js(page, "window.__printed === true")
    assert page.evaluate("window.dashboardLazy.settled(true)")  # every part drawn before printing
    pages, text = printed(page)
    flat = " ".join(text.split())
    assert 6 <= pages <= 40
    assert f"Data: {ds.info['name']} v{ds.info['version']}" in flat
    assert f"View: {live_server}/?country=JPN&from=2010" in flat
    assert f"Filters: actors: Japan; years: 2010–{ds.year_span[1]}" in flat
    ctx = Context.of(ds)
    for view in VIEWS:
        assert " ".join(view.title(ctx).split()) in flat, view.name
    assert "records in view · page 1 of" in flat
    assert f"Every record in view, as CSV: {live_server}/api/v1/records.csv?country=JPN&from=2010" in flat
    for screen_only in ("Download this view", "Copy link", "Dark mode", "Skip to", "Jump to", "Not drawn"):
        assert screen_only not in flat, screen_only
    # afterwards the page is as it was: charts back at the screen's width
    assert page.evaluate("document.querySelector('#timeline-graph .js-plotly-plot')._fullLayout.width") > 1000


def test_a_print_from_the_browsers_menu_says_what_it_could_not_draw(page_factory):
    page, _ = page_factory()
    _, text = printed(page)  # no Print button, no Ctrl+P: the far parts are still stale
    assert "Not drawn when printed: print with the Print button or Ctrl+P" in " ".join(text.split())


def test_the_highlight_can_be_cleared(page_factory):
    page, _ = page_factory("?record=ev040", lazy=False)
    wait_js(page, "!document.getElementById('clear-highlight').hidden")
    assert page.evaluate(SELECTED_MARKS, "timeline-graph")
    page.click("#clear-highlight")
    wait_js(page, "document.getElementById('clear-highlight').hidden")
    wait_js(page, "!document.querySelector('#evidence-table tr.evidence-hit')")
    wait_js(page, "window.location.search === ''")
    wait_js(page, "window.dashboardLazy.settled(true)")
    assert page.evaluate(SELECTED_MARKS, "timeline-graph") == []  # no mark faded any more
