"""The app in-process over HTTP (Flask's test client): the page, its assets, and the few
things only a real request shows: Dash's wiring, the 204, the layout by Referer, the response
cache. The page's logic itself is tested directly in test_page.py."""

from __future__ import annotations

import json

import pytest

from components import ids
from components.page_io import OUTPUTS
from components.views.registry import VIEWS
from tests.helpers import call, pattern_click

GRAPHS = [ids.graph(v.name) for v in VIEWS]
FIGURES = [ids.figure_store(v.name) for v in VIEWS]  # the page callback's figures, drawn near the screen
PAGE = f"{FIGURES[0]}.data"  # an output of the page callback


def test_layout_has_every_declared_id(dash_app):
    layout = dash_app.layout
    for component_id in ids.FIXED:
        layout[component_id]


def test_index_is_offline(client):
    html = client.get("/").get_data(as_text=True)
    assert "/vendor/bootstrap5/css/bootstrap.min.css" in html
    for cdn in ("cdn.jsdelivr", "unpkg.com", "cdn.plot.ly", "fonts.googleapis", "cdnjs"):
        assert cdn not in html


def test_index_serves_the_partial_plotly_bundle(client):
    """`make plotly` built it; the full 4.8 MB plotly.min.js is not on the page."""
    html = client.get("/").get_data(as_text=True)
    assert "/vendor/plotly/plotly-dashboard.min.js" in html
    assert "plotly.min.js" not in html
    resp = client.get("/vendor/plotly/plotly-dashboard.min.js")
    assert resp.status_code == 200 and len(resp.data) < 2_000_000


def test_static_footer_lists_every_source(client, ds):
    html = client.get("/").get_data(as_text=True)
    footer = html[html.index('<footer class="site-footer">') :]
    assert footer.count("<li lang=") == len(ds["sources"])  # each in its title's language
    assert f"All {len(ds['sources'])} documents in the dataset" in footer


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/bootstrap5/css/bootstrap.min.css",
        "/vendor/bootstrap5/css/font/bootstrap-icons.min.css",
        "/vendor/bootstrap5/css/font/fonts/bootstrap-icons.woff2",
        "/assets/topojson/world_110m.json",
    ],
)
def test_local_assets_are_served(client, path):
    assert client.get(path).status_code == 200


def test_debug_is_off(dash_app):
    assert not dash_app.server.debug
    assert not dash_app._dev_tools.ui


def test_a_filter_change_over_http(dash_app, client, ds):
    """Dash's wiring of the page object: a country change comes back with the charts'
    figures, keyed by their component ids."""
    resp = call(
        dash_app,
        client,
        PAGE,
        {
            "filter-country.value": ["KOR"],
            "filter-years.value": list(ds.year_span),
            f"{ids.option('timeline', 'lanes')}.value": "domain",
        },
        ["filter-country.value"],
    )
    assert resp.status_code == 200
    fig = resp.get_json()["response"][ids.figure_store("timeline")]["data"]
    shown = {i for t in fig["data"] for c in t.get("customdata", []) for i in c[0].split(";")}
    expected = {
        e
        for e, c, o in zip(ds["events"]["event_id"], ds["events"]["countries"], ds["events"]["organizations"])
        if "KOR" in c + o
    }
    assert shown == expected


def layout_values(dash_app) -> dict:
    """The callback inputs and state as the layout sets them (what the browser sends first)."""
    key = next(k for k in dash_app.callback_map if PAGE in k)
    spec = dash_app.callback_map[key]
    return {
        f"{d['id']}.{d['property']}": getattr(dash_app.layout[d["id"]], d["property"], None)
        for d in spec["inputs"] + spec["state"]
    }


def test_the_layout_already_shows_the_default_page(dash_app, client):
    """The first request of a page without filters changes nothing (204), because the layout
    carries the default page; a link with filters gets its page."""
    layout = dash_app.layout
    # only the first chart (under the filter bar on every screen) is built for the layout; the
    # others when the reader comes near them
    assert layout[FIGURES[0]].data["data"] and not any(getattr(layout[f], "data", None) for f in FIGURES[1:])
    assert layout[ids.EVIDENCE_STORE].data and layout[ids.counter("events")].children
    values = layout_values(dash_app) | {"url.search": ""}
    assert call(dash_app, client, PAGE, values, ["url.search"]).status_code == 204
    values["url.search"] = "?country=KOR"
    linked = call(dash_app, client, PAGE, values, ["url.search"]).get_json()["response"]
    assert linked[ids.COUNTRY_FILTER]["value"] == ["KOR"]
    assert {FIGURES[0], ids.counter("events"), ids.EVIDENCE_STORE} <= set(linked)
    assert not set(FIGURES[1:]) & set(linked)  # far charts: not built
    values[f"{ids.NEAR_BUILD}.data"] = {ids.graph(v.name): 1 for v in VIEWS}
    reached = call(dash_app, client, PAGE, values, [f"{ids.NEAR_BUILD}.data"]).get_json()["response"]
    assert set(FIGURES[1:]) <= set(reached)  # reached: built for the current filters


def find(tree, component_id: str) -> dict:
    """A component's props in a layout JSON tree."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return props
        tree = list(props.values()) if "props" in tree else list(tree.values())
    for child in tree if isinstance(tree, list) else []:
        if isinstance(child, (dict, list)) and (found := find(child, component_id)):
            return found
    return {}


def test_a_linked_page_gets_its_own_layout(dash_app, client, ds):
    """The layout request carries the page's URL as its Referer: a shared link gets a layout
    that already shows its filters; a missing, foreign-looking or oversized one the default."""
    linked = client.get("/_dash-layout", headers={"Referer": "http://localhost/?country=KOR"}).get_json()
    assert find(linked, ids.COUNTRY_FILTER)["value"] == ["KOR"]
    korea = sum("KOR" in c + o for c, o in zip(ds["events"]["countries"], ds["events"]["organizations"]))
    assert find(linked, ids.counter("events"))["children"] == str(korea)
    default = str(len(ds["events"]))
    oversized = "http://localhost/?" + "country=KOR&" * 1000
    for referer in (None, "not a url", "http://[::1/?country=KOR", oversized):
        resp = client.get("/_dash-layout", headers={"Referer": referer} if referer else {})
        assert resp.status_code == 200
        assert find(resp.get_json(), ids.counter("events"))["children"] == default
    # a hostile query is reported as plain text, like any unknown parameter
    hostile = client.get("/_dash-layout", headers={"Referer": "http://x/?<script>=1"}).get_json()
    assert find(hostile, ids.URL_NOTICE)["is_open"] is True
    assert "<script>" in find(hostile, ids.URL_NOTICE)["children"]


def test_a_repeated_page_request_is_answered_from_the_response_cache(dash_app, client, ds, monkeypatch):
    """update_page is a pure function of its request: the same body gets the same bytes,
    without running the callback again, compressed like any other response."""
    import gzip

    values = {"filter-years.value": list(ds.year_span), "filter-country.value": ["AUS"]}
    first = call(dash_app, client, PAGE, values, ["filter-country.value"])
    assert first.status_code == 200
    key = next(k for k in dash_app.callback_map if PAGE in k)

    def broken(*args, **kwargs):
        raise AssertionError("the callback ran again")

    monkeypatch.setitem(dash_app.callback_map[key], "callback", broken)
    again = call(dash_app, client, PAGE, values, ["filter-country.value"])
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    gz = {"Accept-Encoding": "gzip"}
    zipped = call(dash_app, client, PAGE, values, ["filter-country.value"], gz)
    assert zipped.headers.get("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == first.get_json()
    # another request is not served from the cache: the broken callback answers it (a 500: our bug)
    values["filter-country.value"] = ["NZL"]
    other = call(dash_app, client, PAGE, values, ["filter-country.value"])
    assert other.status_code == 500


def test_response_cache_setting(monkeypatch, ds):
    """DASHBOARD_RESPONSE_CACHE=0 turns the cache off."""
    from app import create_app

    monkeypatch.setenv("DASHBOARD_RESPONSE_CACHE", "0")
    app = create_app()
    client = app.server.test_client()
    values = {"filter-years.value": list(ds.year_span)}
    assert call(app, client, PAGE, values, []).status_code == 200
    key = next(k for k in app.callback_map if PAGE in k)
    monkeypatch.setitem(app.callback_map[key], "callback", None)  # not callable: it fails if it runs
    assert call(app, client, PAGE, values, []).status_code == 500


def test_forged_input_values_get_a_valid_page(dash_app, client):
    """Values a browser could never send are a valid page, not an error."""
    forged = {
        "filter-country.value": {"nested": [1]},
        "filter-years.value": ["a", None],
        "evidence-sort.value": {},
    }
    resp = call(dash_app, client, PAGE, forged, ["filter-country.value"])
    assert resp.status_code == 200
    assert resp.get_json()["response"]["filter-country"]["value"] == []


def test_every_page_output_is_wired(dash_app):
    key = next(k for k in dash_app.callback_map if PAGE in k)
    assert set(key.strip(".").split("...")) == {f"{cid}.{prop}" for cid, prop in OUTPUTS.values()}


def test_a_download_over_http(dash_app, client, ds):
    """The download callback answers a menu click (a pattern-matching id) with the file."""
    pattern, changed = pattern_click(ids.download_item("timeline", "csv"))
    values = {"pattern": pattern, "filter-country.value": ["JPN"], "filter-years.value": list(ds.year_span)}
    resp = call(dash_app, client, f"{ids.DOWNLOAD}.data", values, [changed])
    data = resp.get_json()["response"][ids.DOWNLOAD]["data"]
    assert data["filename"].startswith("timeline_country-JPN_") and data["base64"]
