"""What only a browser can show: every view drawn, filters in the URL, clicks, a11y, air gap.

Every page opened through ``page_factory`` is checked at teardown: no request left the
app's origin, none failed, and the console logged no error.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from components import filters, ids
from tests.conftest import ROOT, goto, to_dark, wait_js, wait_rendered

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / ".artifacts"


# -------------------------------------------------------- expectations from the CSVs


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False)


def _split(cell: str) -> set[str]:
    return {v for v in cell.split(";") if v}


def expected_events(country=None, domain=None, years=None) -> set[str]:
    """Event ids a filter implies, computed straight from events.csv."""
    out = set()
    for row in _csv("events").itertuples():
        actors = _split(row.countries) | _split(row.organizations)
        year = int(row.date[:4])
        if country and not actors & country:
            continue
        if domain and not _split(row.domains) & domain:
            continue
        if years and not years[0] <= year <= years[1]:
            continue
        out.add(row.event_id)
    return out


def expected_reactions(country=None, years=None) -> set[str]:
    out = set()
    for row in _csv("reactions").itertuples():
        if country and row.actor_id not in country and not _split(row.about) & country:
            continue  # neither by a selected actor nor about its cooperation
        if years and not years[0] <= int(row.date[:4]) <= years[1]:
            continue
        out.add(row.reaction_id)
    return out


def expected_ip4(country=None, years=None) -> set[str]:
    out = set()
    for row in _csv("ip4").itertuples():
        if country and not {row.iso3, "IP4"} & country:
            continue
        when = row.summit_date or row.agreed
        if years and when and not years[0] <= int(when[:4]) <= years[1]:
            continue
        out.add(row.record_id)
    return out


def graph_ids(page, graph_id: str, kind: str) -> set[str]:
    """Record ids carried by the marks of a drawn graph."""
    return set(
        page.evaluate(
            """([id, kind]) => {
                const gd = document.getElementById(id).querySelector('.js-plotly-plot');
                const out = [];
                for (const t of gd.data) {
                    for (const c of (t.customdata || [])) {
                        if (Array.isArray(c) && c[1] === kind) out.push(...String(c[0]).split(';'));
                    }
                }
                return out;
            }""",
            [graph_id, kind],
        )
    )


def table_records(page, kind: str) -> set[str]:
    """Record ids of one kind on the evidence table's current page."""
    rows = page.eval_on_selector_all(
        "#evidence-table tr[data-record]", "rows => rows.map(r => r.dataset.record)"
    )
    return {r.split(":", 1)[1] for r in rows if r.startswith(kind + ":")}


def wait_count(page, n: int) -> None:
    """Wait until the events counter shows ``n`` (callbacks run after navigation)."""
    wait_js(page, f"document.querySelector('#count-events').innerText === '{n}'")
    wait_rendered(page)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# ------------------------------------------------------------------------ tests


@pytest.mark.parametrize(
    "query, country, domain, years",
    [
        ("", None, None, None),
        ("?country=KOR", {"KOR"}, None, None),
        ("?domain=cyber", None, {"cyber"}, None),
        ("?from=2022&to=2023", None, None, (2022, 2023)),
    ],
    ids=["default", "korea", "cyber", "2022-2023"],
)
def test_views_show_exactly_the_filtered_records(page_factory, query, country, domain, years):
    page, _ = page_factory(query, lazy=False)
    events = expected_events(country, domain, years)
    assert graph_ids(page, "timeline-graph", "event") == events
    assert page.inner_text("#count-events") == str(len(events))
    assert table_records(page, "event") <= events
    reactions = expected_reactions(country, years)
    assert graph_ids(page, "reactions-graph", "reaction") == reactions
    assert table_records(page, "reaction") <= reactions
    ip4 = expected_ip4(country, years)
    assert graph_ids(page, "ip4-graph", "ip4") == ip4
    others = sum(int(page.inner_text(f"#count-{k}")) for k in ("partnerships", "itpp-areas"))
    total = len(events) + len(reactions) + len(ip4) + others
    assert page.inner_text("#evidence-count").startswith(f"{total} of {total} records")
    if query:
        assert urlparse(page.url).query == query.lstrip("?")


def test_default_page_screenshots(page_factory):
    """Both widths in both colour modes (the dark one by the header's switch), with no sideways
    scrolling; the shots are written to .artifacts/ for a person to look at."""
    for width, height, label in ((1440, 900, "wide"), (390, 844, "phone")):
        page, _ = page_factory(width=width, height=height, lazy=False)
        for mode in ("light", "dark"):
            if mode == "dark":
                to_dark(page)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"horizontal overflow of {overflow}px at {label}, {mode}"
            shot(page, f"page-{label}-{mode}")


def test_timeline_legend_clears_the_axis_on_a_phone(page_factory):
    """On a phone the legend wraps into five rows; it must sit below the year labels."""
    page, _ = page_factory(width=390, height=844, lazy=False)
    gap = page.evaluate(
        """() => { const g = document.getElementById('timeline-graph');
        const legend = g.querySelector('.legend').getBoundingClientRect();
        const ticks = g.querySelector('.xaxislayer-above').getBoundingClientRect();
        return legend.top - ticks.bottom; }"""
    )
    assert gap >= 0, f"the legend overlaps the year labels by {-gap:.0f}px"


def test_each_chart_keeps_its_height_before_its_code_loads(browser, live_server):
    """Until dcc.Graph's code arrives a chart is a bare div; it still holds its view's height, so
    the cards below do not jump when it draws (Lighthouse's cumulative layout shift)."""
    from components import ids
    from components.views.registry import VIEWS

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    held = []
    page.route("**/async-graph.js", lambda route: held.append(route))  # never answered while we look
    try:
        page.goto(live_server + "/")
        wait_js(page, f"document.querySelectorAll('.dash-graph--pending').length === {len(VIEWS)}")
        for view in VIEWS:
            height = page.evaluate(f"document.getElementById('{ids.graph(view.name)}').offsetHeight")
            assert height == view.height, view.name
    finally:
        context.close()


@pytest.mark.parametrize("query", ["", "?country=KOR"], ids=["default", "link"])
def test_a_page_draws_from_its_layout_without_a_round_trip(page_factory, query):
    """The layout already shows the page the URL asks for (a shared link included), so the
    browser's first callback finds nothing to change (204); the charts further down are built
    when they come near (here: all, as printed), and the first chart is never sent twice."""
    map_drawn = "document.querySelector('#map-graph path.choroplethlocation')"  # topojson fetched
    page, _ = page_factory(lazy=False)
    wait_js(page, map_drawn)
    answers = []
    page.on(
        "response",
        lambda r: answers.append(r) if "/_dash-update-component" in r.url else None,
    )
    goto(page, page.url.split("?")[0] + query)
    wait_js(page, f"{map_drawn} && document.querySelector('._dash-loading-callback') === null")
    assert answers[0].status == 204
    later = [set(a.json()["response"]) for a in answers[1:] if a.status == 200]
    assert all(ids.figure_store("timeline") not in sent for sent in later)
    country = {"KOR"} if query else None
    assert page.inner_text("#count-events") == str(len(expected_events(country)))
    assert graph_ids(page, "timeline-graph", "event") == expected_events(country)


def test_malformed_url_shows_notice(page_factory):
    page, _ = page_factory("?country=XXX&from=abc")
    notice = page.locator("#url-notice")
    notice.wait_for(state="visible")
    assert "XXX" in notice.inner_text()


def test_filter_change_updates_url_and_back_restores(page_factory):
    page, _ = page_factory(lazy=False)
    page.click("#filter-pick-ip4")
    page.wait_for_url("**country=*")
    wait_rendered(page)
    assert set(parse_qs(urlparse(page.url).query)["country"][0].split(",")) == {
        "JPN",
        "KOR",
        "AUS",
        "NZL",
        "IP4",
    }
    page.click("#filter-reset")
    wait_js(page, "window.location.search === ''")
    page.go_back()
    page.wait_for_url("**country=*")
    wait_count(page, len(expected_events({"JPN", "KOR", "AUS", "NZL", "IP4"})))
    page.go_forward()
    wait_js(page, "window.location.search === ''")
    wait_count(page, len(expected_events()))


def test_a_filter_change_draws_each_changed_chart_once(page_factory):
    """The IP4 quick pick makes the timeline shorter: it is drawn once, not a second time
    by dcc.Graph's resize; the ITPP treemap (Japan's programme) is unchanged and not
    redrawn at all."""
    page, _ = page_factory(lazy=False)
    page.evaluate(
        """() => { window.__draws = {};
        for (const gd of document.querySelectorAll('.js-plotly-plot')) {
          const id = gd.parentElement.id;
          gd.on('plotly_afterplot', () => { window.__draws[id] = (window.__draws[id] || 0) + 1; });
        } }"""
    )
    height = page.evaluate("document.querySelector('#timeline-graph .main-svg').getAttribute('height')")
    page.click("#filter-pick-ip4")
    wait_count(page, len(expected_events({"JPN", "KOR", "AUS", "NZL", "IP4"})))
    page.wait_for_timeout(1000)  # past dcc.Graph's resize debounce and Plotly's resize timer
    assert (
        page.evaluate("document.querySelector('#timeline-graph .main-svg').getAttribute('height')") != height
    )
    draws = page.evaluate("window.__draws")
    assert draws.get("timeline-graph") == 1, draws
    assert "itpp-graph" not in draws, draws
    assert all(n == 1 for n in draws.values()), draws


def test_map_click_adds_country_to_filter(page_factory):
    page, _ = page_factory(lazy=False)
    # Australia: a large, convex shape, so its centre is inside it
    page.locator("#map-graph").scroll_into_view_if_needed()
    box = page.evaluate(
        """() => {
            const gd = document.querySelector('#map-graph .js-plotly-plot');
            const paths = [...gd.querySelectorAll('path.choroplethlocation')];
            const aus = paths.find(p => (p.__data__ || {}).loc === 'AUS');
            const r = aus.getBoundingClientRect();
            return {x: r.x + r.width * 0.5, y: r.y + r.height * 0.45};
        }"""
    )
    page.mouse.move(box["x"], box["y"])
    page.mouse.click(box["x"], box["y"])
    page.wait_for_url("**country=*")
    assert parse_qs(urlparse(page.url).query)["country"][0] == "AUS"
    page.go_back()
    wait_js(page, "window.location.search === ''")


def test_itpp_area_click_sets_domain(page_factory):
    page, _ = page_factory(lazy=False)
    areas = _csv("itpp_areas")
    name = areas.iloc[0]["name"]
    page.locator("#itpp-graph g.slice text", has_text=name[:12]).first.click(force=True)
    page.wait_for_url("**domain=*")
    domains = set(parse_qs(urlparse(page.url).query)["domain"][0].split(","))
    assert domains == _split(areas.iloc[0]["domains"])


VIEW_SIGNATURE = """() => ({
    counters: [...document.querySelectorAll('.counter-value')].map(e => e.innerText),
    evidence: document.querySelector('#evidence-count').innerText,
    options: [...document.querySelectorAll('.view-options input')].map(i => i.value + ':' + i.checked),
    graphs: [...document.querySelectorAll('.dash-graph')].map(g => {
        const gd = g.querySelector('.js-plotly-plot');
        return [g.id, ((gd && gd.data) || []).map(
            t => [t.type, t.name || '', (t.x || t.locations || t.labels || []).length])];
    }),
})"""


def _after(page, action) -> str:
    """Run ``action`` and wait until the link has changed and the page has drawn it."""
    before = page.evaluate("window.location.search")
    action()
    wait_js(page, f"window.location.search !== {before!r}")
    wait_rendered(page)
    page.wait_for_timeout(300)  # the last chart's draw after the callback
    wait_rendered(page)
    return page.evaluate("window.location.search")


def test_the_link_is_the_view(page_factory):
    """After the controls, the link alone reopens the same view in a fresh page: counters,
    evidence, chart options and every chart's traces."""
    page, _ = page_factory(lazy=False)
    areas = _csv("itpp_areas")
    itpp_text = page.locator("#itpp-graph g.slice text", has_text=areas.iloc[0]["name"][:12]).first

    def click_australia():
        page.locator("#map-graph").scroll_into_view_if_needed()
        # out of date after the reset, the map is fetched and drawn as it comes near
        wait_js(page, "document.querySelector('[data-lazy=\"map-graph\"]').dataset.state === 'drawn'")
        box = page.evaluate(
            """() => {
                const paths = [...document.querySelectorAll('#map-graph path.choroplethlocation')];
                const r = paths.find(p => (p.__data__ || {}).loc === 'AUS').getBoundingClientRect();
                return {x: r.x + r.width * 0.5, y: r.y + r.height * 0.45};
            }"""
        )
        page.mouse.click(box["x"], box["y"])

    actions = {
        "ITPP click": lambda: itpp_text.click(force=True),
        "map click": click_australia,
        "reset": lambda: page.click("#filter-reset"),
        "IP4 quick pick": lambda: page.click("#filter-pick-ip4"),
        "timeline lanes": lambda: page.locator("#timeline-lanes label").nth(1).click(),
        "map mode": lambda: page.locator("#map-map label, #map-mode label").nth(1).click(),
        "network frameworks": lambda: page.locator("#network-frameworks label").first.click(),
    }
    # reopened after a filter from each chart (the ITPP's domain with the map's country), and
    # after every chart option on top of a quick pick: each control changes the view, so one
    # whose state the link lost would show as a difference in one of the two
    reopen = {"map click", "network frameworks"}
    seen = {}
    for name, action in actions.items():
        link = _after(page, action)
        seen[name] = link
        if name in reopen:
            fresh, _ = page_factory(link, lazy=False)
            assert fresh.evaluate("window.location.search") == link, name
            assert fresh.evaluate(VIEW_SIGNATURE) == page.evaluate(VIEW_SIGNATURE), name
    assert "domain=" in seen["ITPP click"] and "AUS" in seen["map click"] and "domain=" in seen["map click"]
    assert seen["reset"] == ""
    assert "lanes=actor" in seen["timeline lanes"] and "map=stance" in seen["map mode"]
    assert "frameworks=" in seen["network frameworks"] and "country=" in seen["network frameworks"]
    assert "lanes=actor" in seen["network frameworks"] and "map=stance" in seen["network frameworks"]


MARK_AT = """(id) => {
    const gd = document.querySelector('#timeline-graph .js-plotly-plot');
    for (const t of gd.data) {
        const k = (t.customdata || []).findIndex(c => c[0].split(';').includes(id));
        if (k < 0) continue;
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        const box = gd.getBoundingClientRect();
        const y = box.top + ya._offset + ya.l2p(ya.d2l(t.y[k]));
        window.scrollBy({top: y - window.innerHeight / 2, behavior: 'instant'});
        const again = gd.getBoundingClientRect();
        return {x: again.left + xa._offset + xa.l2p(xa.d2l(t.x[k])),
                y: again.top + ya._offset + ya.l2p(ya.d2l(t.y[k])), name: t.name,
                lead: t.customdata[k][0].split(';')[0] === id};
    }
    return null;
}"""


def test_each_summit_star_names_its_summit(page_factory):
    """Hovering a summit's star names that summit (first, when it leads the mark), and clicking
    it brings the summit's record to the top of the evidence table, however many events share
    its moment. Over all the years two summits three months apart share a star."""
    page, _ = page_factory()
    page.emulate_media(reduced_motion="reduce")  # a click scrolls its evidence row into view at once
    summits = _csv("events").query("event_type == 'summit'")
    assert len(summits) >= 4
    leads = 0
    for summit in summits.itertuples():
        settled = None  # the last click's row is scrolled into view a frame later: let it land
        while settled != (settled := page.evaluate("window.scrollY")):
            page.wait_for_timeout(100)
        mark = page.evaluate(MARK_AT, summit.event_id)
        assert mark and mark["name"] == "Summit", summit.event_id
        page.mouse.move(5, 5)  # off the chart: the last hover label goes
        wait_js(page, "!document.querySelector('#timeline-graph .hoverlayer .hovertext')")
        page.mouse.move(mark["x"], mark["y"])
        wait_js(page, "document.querySelector('#timeline-graph .hoverlayer .hovertext')")
        hover = page.evaluate("document.querySelector('#timeline-graph .hoverlayer .hovertext').textContent")
        title = " ".join(summit.title.split())[:25]
        assert hover.startswith(title) if mark["lead"] else title in hover, (summit.event_id, hover)
        page.wait_for_timeout(350)  # two clicks within 300 ms are plotly's double-click (zoom reset)
        page.mouse.click(mark["x"], mark["y"])
        first = ":first-child" if mark["lead"] else ""
        row = f"#evidence-table tbody tr{first}[data-record='event:{summit.event_id}'].evidence-hit"
        wait_js(page, f'document.querySelector("{row}")')
        leads += mark["lead"]
    assert leads == len(summits) - 1


def test_from_2022_every_summit_has_its_own_star(page_factory):
    """Narrowed to 2022–2025 the timeline is wider per month: every summit leads its own star
    (hover and click on a star are the test above)."""
    page, _ = page_factory("?from=2022&to=2025")
    summits = _csv("events").query("event_type == 'summit' and date >= '2022'")
    assert len(summits) >= 4
    marks = {s: page.evaluate(MARK_AT, s) for s in summits["event_id"]}
    assert {s: (m["name"], m["lead"]) for s, m in marks.items()} == {
        s: ("Summit", True) for s in summits["event_id"]
    }


def test_timeline_click_highlights_evidence(page_factory):
    page, _ = page_factory(lazy=False)
    point = page.locator("#timeline-graph .scatterlayer .point").first
    point.click(force=True)
    page.wait_for_selector("#evidence-table tr.evidence-hit")
    assert page.locator("#evidence-table tr.evidence-hit").count() >= 1


def test_phone_evidence_cards_mode_bar_and_years(page_factory):
    """At 390 px: the evidence table reads as cards with no sideways scrolling (quote and source
    in view), the mode bar sits above the plot, and the chosen years never overlap."""
    page, _ = page_factory("?from=2022&to=2023", width=390, height=844, lazy=False)
    box = page.evaluate(
        """() => { const s = document.querySelector('.evidence-scroll');
        return [s.scrollWidth, s.clientWidth]; }"""
    )
    assert box[0] <= box[1], f"evidence table {box[0]} px wide in a {box[1]} px box"
    cells = page.evaluate(
        """() => { const s = document.querySelector('.evidence-scroll').getBoundingClientRect();
        return [...document.querySelectorAll('#evidence-table tbody tr:first-child td')].map(td => {
            const r = td.getBoundingClientRect();
            return [td.dataset.label, r.left >= s.left - 1 && r.right <= s.right + 1]; }); }"""
    )
    assert dict(cells)["Source's words"] and dict(cells)["Source"], cells
    page.locator("#reactions-graph").scroll_into_view_if_needed()
    page.locator("#reactions-graph").hover()
    wait_js(page, "document.querySelector('#reactions-graph .modebar-container .modebar')")
    bar, plot = page.evaluate(
        """() => [document.querySelector('#reactions-graph .modebar').getBoundingClientRect().bottom,
                  document.querySelector('#reactions-graph .main-svg').getBoundingClientRect().top]"""
    )
    assert bar <= plot + 1, (bar, plot)
    assert page.inner_text("#filter-years-value") == "2022–2023"
    visible_tooltips = page.evaluate(
        "[...document.querySelectorAll('.year-slider [role=tooltip], .year-slider .dash-slider-tooltip')]"
        ".filter(t => t.getBoundingClientRect().width > 0).length"
    )
    assert visible_tooltips == 0  # two always-visible tooltips collided on a narrow range


FILTER_CONTROLS = [c.id for c in filters.CONTROLS]
FILTER_CONTROLS[1:1] = [ids.PICK_IP4, ids.PICK_NATO]  # the quick picks under the first filter


def test_keyboard_reaches_every_filter_in_order(page_factory):
    """Tab from the top of the page reaches each filter control, in reading order, and the
    reset button after them (a mouse-only control would be missed here)."""
    page, _ = page_factory()
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.id || (e.closest('[id]') || {}).id || ''; })()"
            )
        )
        if reached[-1] == "filter-reset":
            break
    in_bar = [r for r in dict.fromkeys(reached) if r.startswith("filter-")]
    assert in_bar[: len(FILTER_CONTROLS)] == FILTER_CONTROLS, reached
    assert "filter-years" in in_bar and in_bar[-1] == "filter-reset", reached


# ---------------------------------------------------------------------- downloads

DOWNLOAD_QUERY = "?country=JPN&from=2010"


def download(page, view: str, fmt: str, size: str = ""):
    """Click a card's download menu item (``fmt`` at the size preset ``size``; "" for a CSV) and
    return (suggested name, bytes)."""
    import json

    page.locator(f"#{view}-download-menu button.dropdown-toggle").click()
    item_id = json.dumps(
        {"fmt": fmt, "size": size, "type": "download-item", "view": view}, separators=(",", ":")
    )
    with page.expect_download(timeout=30_000) as info:
        page.locator(f"#{view}-download-menu [id='{item_id}']").click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def test_chart_downloads(page_factory, ds):
    """Three charts' menus on one page: the sizes offered, a PNG at A4 width (1,890 px) named
    from the filters, the chart's records as CSV, and one more file each (a slide PNG, a PDF
    with its /Title, an SVG with its <title> and source footer). The exports' contents at every
    size are measured in process (tests/test_print.py); this is the way through the browser."""
    import xml.etree.ElementTree as ET

    page, _ = page_factory(DOWNLOAD_QUERY)
    day = page.evaluate("new Date().toISOString().slice(0, 10)")
    for view in ("timeline", "map", "network"):
        menu = page.locator(f"#{view}-download-menu")
        menu.locator("button.dropdown-toggle").click()
        headers = menu.locator(".dropdown-header").all_inner_texts()
        assert headers == ["Screen, 1,200 px wide", "A4/Letter text width, 16 cm", "Slide, 16:9"]
        menu.locator("button.dropdown-toggle").click()
        name, png = download(page, view, "png", "a4")
        assert name == f"{view}_country-JPN_from-2010_a4_{day}.png"
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == 1890  # 16 cm at 300 dpi
        name, data = download(page, view, "csv")
        assert name == f"{view}_country-JPN_from-2010_{day}.csv"
        rows = pd.read_csv(__import__("io").BytesIO(data), dtype=str, keep_default_na=False)
        if view == "timeline":
            name, png = download(page, view, "png", "slide")
            assert name == f"{view}_country-JPN_from-2010_slide_{day}.png"
            assert int.from_bytes(png[16:20], "big") == 1920
            assert set(rows["event_id"]) == expected_events({"JPN"}, None, (2010, ds.year_span[1]))
            quotes = dict(zip(_csv("events")["event_id"], _csv("events")["quote"]))
            assert all(
                q == quotes[e] or q == "'" + quotes[e] for e, q in zip(rows["event_id"], rows["quote"])
            )
        if view == "map":
            _, pdf = download(page, view, "pdf", "a4")
            assert pdf[:5] == b"%PDF-" and b"/Title <FEFF" in pdf
            assert len(rows) == len(_csv("countries"))
        if view == "network":
            _, svg = download(page, view, "svg", "screen")
            root = ET.fromstring(svg)
            assert root[0].tag.endswith("title") and root[0].text == page.inner_text(f"#{view}-title")
            text = " ".join(t for t in root.itertext())
            assert "Source:" in text and "Data: Japan–NATO Partnership Evidence Base" in text
            assert "actors: Japan" in text
            edges = _csv("partnerships")
            expected = {
                r.edge_id
                for r in edges.itertuples()
                if "JPN" in (r.from_id, r.to_id) and (not r.since or int(r.since) <= ds.year_span[1])
            }
            assert set(rows["edge_id"]) == expected


def test_modebar_filename(page_factory):
    page, _ = page_factory(DOWNLOAD_QUERY, lazy=False)
    day = page.evaluate("new Date().toISOString().slice(0, 10)")
    page.locator("#map-graph").hover()
    with page.expect_download(timeout=30_000) as info:
        page.locator("#map-graph .modebar-btn[data-title*='ownload']").click()
    assert info.value.suggested_filename == f"map_country-JPN_from-2010_{day}.png"
    options = page.evaluate(
        "document.querySelector('#map-graph .js-plotly-plot')._context.toImageButtonOptions"
    )
    assert options["scale"] >= 2


def test_view_bundle_and_citation(page_factory):
    import io
    import zipfile

    from playwright.sync_api import expect

    page, _ = page_factory(DOWNLOAD_QUERY)
    button = page.locator("#download-view")
    with page.expect_download(timeout=90_000) as info:
        button.click()
        # while the ZIP is made, the button says so and takes no second click
        expect(button).to_be_disabled(timeout=5_000)
        expect(button.locator(".when-busy")).to_have_text("Preparing the download…")
        expect(button.locator(".when-busy")).to_be_visible()
        expect(button.locator(".when-idle")).to_be_hidden()
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    expect(button).to_be_enabled()
    expect(button.locator(".when-idle")).to_be_visible()
    expect(button.locator(".when-busy")).to_be_hidden()
    names = set(archive.namelist())
    assert {"timeline.svg", "map.png", "network.csv", "evidence.csv", "README.txt"} <= names
    assert int.from_bytes(archive.read("map.png")[16:20], "big") == 1890  # A4 text width, 300 dpi
    assert "country=JPN" in archive.read("README.txt").decode("utf-8")
    page.click("#cite-open")
    page.wait_for_selector("#cite-bibtex")
    assert "country=JPN" in page.inner_text("#cite-text")
    assert page.inner_text("#cite-bibtex").startswith("@misc{")


# ------------------------------------------------------------------ hostile data

from tests.test_security import hostile_data  # noqa: E402,F401  (fixture)


def test_hostile_data_never_executes(browser, hostile_data):  # noqa: F811
    import threading

    from werkzeug.serving import make_server

    from app import create_app

    server = make_server("127.0.0.1", 0, create_app(hostile_data).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    dialogs, violations = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        goto(page, f"http://127.0.0.1:{server.server_port}/")
        page.fill("#evidence-search", "pwned")
        wait_js(page, "document.querySelector('#evidence-table').innerText.includes('__pwned')")
        point = page.locator("#timeline-graph .scatterlayer .point").first
        point.scroll_into_view_if_needed()
        point.hover(force=True)
        assert page.evaluate("window.__pwned") is None
        assert dialogs == [] and violations == []
        assert "<script>window.__pwned=1</script>" in page.inner_text("#evidence-table")
        assert page.locator("a[href^='javascript:']").count() == 0
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "long and unusual text must not break the layout"
    finally:
        context.close()
        server.shutdown()


# ------------------------------------------------------------------ evidence grade


def test_evidence_grade_filter_from_the_url_and_the_bar(page_factory, ds):
    """?evidence=B2 keeps records whose source is B or better and whose information is 2 or
    better, in every view and counter; each part is its own control, and changing one updates
    the URL the same way."""

    def graded(table, minimum):
        parts = ds.rule.parse(minimum)
        return ds[table][[ds.rule.at_least(g, *parts) for g in ds[table]["grade"]]]

    page, _ = page_factory("?evidence=B2", lazy=False)
    good = graded("events", "B2")
    assert page.inner_text("#count-events") == str(len(good))
    assert graph_ids(page, "timeline-graph", "event") == set(good["event_id"])
    assert (page.input_value("#filter-reliability"), page.input_value("#filter-credibility")) == ("B", "2")
    assert page.inner_text("#count-reactions") == str(len(graded("reactions", "B2")))
    page.select_option("#filter-credibility", "any")
    page.wait_for_url("**evidence=B")
    wait_count(page, len(graded("events", "B")))
    assert graph_ids(page, "reactions-graph", "reaction") == set(graded("reactions", "B")["reaction_id"])
    page.select_option("#filter-reliability", "any")
    wait_js(page, "window.location.search === ''")
    wait_count(page, len(ds["events"]))


def test_a_summary_and_a_translation_are_drawn_without_quotation_marks(page_factory, ds):
    """As drawn: a quote in quotation marks (<q>), a summary and our translation under their
    labels and without (every record is walked in the page object: tests/test_page.py)."""
    events = ds["events"]
    picks = {o: events[events["quote_origin"] == o].iloc[0] for o in ("verbatim", "summary", "translation")}
    page, _ = page_factory()
    drawn = {}
    for origin, row in picks.items():
        page.fill("#evidence-search", row["title"][:40])
        selector = f"#evidence-table tr[data-record='event:{row['event_id']}']"
        wait_js(page, f'document.querySelector("{selector}")')
        drawn[origin] = page.evaluate(
            """(s) => { const tr = document.querySelector(s);
            return [tr.querySelector('.evidence-label').innerText,
                    tr.querySelectorAll('.quote-cell q').length]; }""",
            selector,
        )
    assert drawn["verbatim"][0] == "Quote" and drawn["verbatim"][1] == 1
    assert drawn["summary"] == ["Summary (not a quotation)", 0]
    assert drawn["translation"] == ["Our translation (not the source's words)", 0]
