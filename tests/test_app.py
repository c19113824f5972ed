"""The app in-process: layout, callbacks through Flask's test client, offline assets."""

from __future__ import annotations

import json

import pytest

from components import ids
from components.views import TITLES


def output_spec(key: str):
    parts = key.strip(".").split("...")
    specs = [dict(zip(("id", "property"), p.rsplit(".", 1))) for p in parts]
    return specs if key.startswith("..") else specs[0]


def call(dash_app, client, output_id: str, values: dict, changed: list[str] | None = None, headers=None):
    """POST a callback request as the browser would and return the decoded response."""
    key = next(k for k in dash_app.callback_map if output_id in k)
    spec = dash_app.callback_map[key]
    inputs = [
        {"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")}
        for i in spec["inputs"]
    ]
    state = [
        {"id": s["id"], "property": s["property"], "value": values.get(f"{s['id']}.{s['property']}")}
        for s in spec["state"]
    ]
    body = {
        "output": key,
        "outputs": output_spec(key),
        "inputs": inputs,
        "state": state,
        "changedPropIds": changed or [],
    }
    return client.post("/_dash-update-component", json=body, headers=headers)


def test_layout_has_every_declared_id(dash_app):
    layout = dash_app.layout
    for component_id in ids.ALL:
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
    assert footer.count("<li>") == len(ds["sources"])
    assert f"{len(ds['sources'])} documents cited" in footer


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


def test_timeline_callback(dash_app, client, ds):
    resp = call(
        dash_app,
        client,
        "timeline-graph.figure",
        {
            "filter-country.value": ["KOR"],
            "filter-years.value": list(ds.year_span),
            "timeline-lanes.value": "domain",
        },
        ["filter-country.value"],
    )
    assert resp.status_code == 200
    fig = resp.get_json()["response"]["timeline-graph"]["figure"]
    shown = {c[0] for t in fig["data"] for c in t.get("customdata", [])}
    expected = {
        e
        for e, c, o in zip(ds["events"]["event_id"], ds["events"]["countries"], ds["events"]["organizations"])
        if "KOR" in c + o
    }
    assert shown == expected


def test_unchanged_parts_of_the_page_are_not_resent(dash_app, client, ds):
    """A part of the page (a chart, the counters, the evidence page) that a change leaves as
    it is is not sent again: the page sends the digests of what it shows, and only the parts
    that differ come back; when none does, Dash answers 204 and the browser does nothing."""
    values = {
        "filter-years.value": list(ds.year_span),
        "filter-country.value": [],
        "filter-domain.value": [],
        "filter-evidence.value": "any",
    }
    first = call(dash_app, client, "timeline-graph.figure", values, [])
    body = first.get_json()["response"]
    shown = body[ids.SHOWN]["data"]
    assert set(shown) == {*TITLES, "counts", "evidence", "notice"}
    assert all(g in body for g in ids.GRAPHS)
    values[f"{ids.SHOWN}.data"] = shown
    # the same filters again: nothing to redraw, nothing new to remember
    same = call(dash_app, client, "timeline-graph.figure", values, ["filter-domain.value"])
    assert same.status_code == 204
    # Japan only: the ITPP (Japan's programme) is the same chart, the timeline is not
    values["filter-country.value"] = ["JPN"]
    japan = call(dash_app, client, "timeline-graph.figure", values, ["filter-country.value"]).get_json()
    assert {ids.TIMELINE_GRAPH, ids.COUNT_EVENTS, ids.EVIDENCE_TABLE} <= set(japan["response"])
    assert ids.ITPP_GRAPH not in japan["response"]
    now = japan["response"][ids.SHOWN]["data"]
    assert now["itpp"] == shown["itpp"] and now["timeline"] != shown["timeline"]
    # a theme switch redraws every chart; Reset resends every chart (it also undoes zooms)
    dark = call(
        dash_app,
        client,
        "timeline-graph.figure",
        {**values, "theme-switch.value": True},
        ["theme-switch.value"],
    )
    assert set(ids.GRAPHS) <= set(dark.get_json()["response"])
    values[f"{ids.SHOWN}.data"] = now
    reset = call(dash_app, client, "timeline-graph.figure", values, ["filter-reset.n_clicks"]).get_json()
    assert set(ids.GRAPHS) <= set(reset["response"])
    # a forged digest store only costs a redraw, and is not echoed back
    for forged_store in ("not a dict", {"itpp": 1, "junk": "x" * 10_000}):
        values[f"{ids.SHOWN}.data"] = forged_store
        forged = call(dash_app, client, "timeline-graph.figure", values, ["filter-country.value"])
        assert forged.status_code == 200 and ids.ITPP_GRAPH in forged.get_json()["response"]
        assert set(forged.get_json()["response"][ids.SHOWN]["data"]) == set(shown)


def layout_values(dash_app) -> dict:
    """The callback inputs and state as the layout sets them (what the browser sends first)."""
    key = next(k for k in dash_app.callback_map if "timeline-graph.figure" in k)
    spec = dash_app.callback_map[key]
    return {
        f"{d['id']}.{d['property']}": getattr(dash_app.layout[d["id"]], d["property"], None)
        for d in spec["inputs"] + spec["state"]
    }


def test_the_layout_already_shows_the_default_page(dash_app, client):
    """The first request of a page without filters changes nothing (204), because the layout
    carries the default page; a link with filters gets its page."""
    layout = dash_app.layout
    assert all(layout[g].figure["data"] for g in ids.GRAPHS)
    assert layout[ids.EVIDENCE_TABLE].children and layout[ids.COUNT_EVENTS].children
    values = layout_values(dash_app) | {"url.search": ""}
    assert call(dash_app, client, "timeline-graph.figure", values, ["url.search"]).status_code == 204
    values["url.search"] = "?country=KOR"
    linked = call(dash_app, client, "timeline-graph.figure", values, ["url.search"]).get_json()["response"]
    assert linked[ids.COUNTRY_FILTER]["value"] == ["KOR"]
    assert {*ids.GRAPHS, ids.COUNT_EVENTS, ids.EVIDENCE_TABLE} <= set(linked)


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
    assert find(linked, ids.COUNT_EVENTS)["children"] == str(korea)
    default = str(len(ds["events"]))
    oversized = "http://localhost/?" + "country=KOR&" * 1000
    for referer in (None, "not a url", "http://[::1/?country=KOR", oversized):
        resp = client.get("/_dash-layout", headers={"Referer": referer} if referer else {})
        assert resp.status_code == 200
        assert find(resp.get_json(), ids.COUNT_EVENTS)["children"] == default
    # a hostile query is reported as plain text, like any unknown parameter
    hostile = client.get("/_dash-layout", headers={"Referer": "http://x/?<script>=1"}).get_json()
    assert find(hostile, ids.URL_NOTICE)["is_open"] is True
    assert "<script>" in find(hostile, ids.URL_NOTICE)["children"]


def test_a_link_notice_is_shown_and_cleared(dash_app, client):
    """A link with an unknown value opens the notice; the next clean link closes it."""
    values = layout_values(dash_app) | {"url.search": "?country=XXX"}
    bad = call(dash_app, client, "timeline-graph.figure", values, ["url.search"]).get_json()["response"]
    assert bad[ids.URL_NOTICE]["is_open"] is True and "XXX" in bad[ids.URL_NOTICE]["children"]
    values |= {"url.search": "?country=KOR", f"{ids.SHOWN}.data": bad[ids.SHOWN]["data"]}
    good = call(dash_app, client, "timeline-graph.figure", values, ["url.search"]).get_json()["response"]
    assert good[ids.URL_NOTICE]["is_open"] is False


def test_a_repeated_page_request_is_answered_from_the_response_cache(dash_app, client, ds, monkeypatch):
    """update_page is a pure function of its request: the same body gets the same bytes,
    without running the callback again, compressed like any other response."""
    import gzip

    values = {"filter-years.value": list(ds.year_span), "filter-country.value": ["AUS"]}
    first = call(dash_app, client, "timeline-graph.figure", values, ["filter-country.value"])
    assert first.status_code == 200
    key = next(k for k in dash_app.callback_map if "timeline-graph.figure" in k)

    def broken(*args, **kwargs):
        raise AssertionError("the callback ran again")

    monkeypatch.setitem(dash_app.callback_map[key], "callback", broken)
    again = call(dash_app, client, "timeline-graph.figure", values, ["filter-country.value"])
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    gz = {"Accept-Encoding": "gzip"}
    zipped = call(dash_app, client, "timeline-graph.figure", values, ["filter-country.value"], gz)
    assert zipped.headers.get("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == first.get_json()
    # another request is not served from the cache: the broken callback answers it (a 500: our bug)
    values["filter-country.value"] = ["NZL"]
    other = call(dash_app, client, "timeline-graph.figure", values, ["filter-country.value"])
    assert other.status_code == 500


def test_response_cache_setting(monkeypatch, ds):
    """DASHBOARD_RESPONSE_CACHE=0 turns the cache off."""
    from app import create_app

    monkeypatch.setenv("DASHBOARD_RESPONSE_CACHE", "0")
    app = create_app()
    client = app.server.test_client()
    values = {"filter-years.value": list(ds.year_span)}
    assert call(app, client, "timeline-graph.figure", values, []).status_code == 200
    key = next(k for k in app.callback_map if "timeline-graph.figure" in k)
    monkeypatch.setitem(app.callback_map[key], "callback", None)  # not callable: it fails if it runs
    assert call(app, client, "timeline-graph.figure", values, []).status_code == 500


def test_a_grouped_marks_long_id_list_is_cut_between_ids():
    from components.callbacks import clicked

    ids_ = ";".join(f"event-with-a-long-identifier-{i:04d}" for i in range(80))
    kind, record_ids = clicked({"points": [{"customdata": [ids_, "event"]}]})
    assert kind == "event" and len(record_ids) <= 2000
    assert all(i in ids_.split(";") for i in record_ids.split(";"))


def test_counters_callback(dash_app, client, ds):
    resp = call(
        dash_app, client, "count-events.children", {"filter-domain.value": ["cyber"]}, ["filter-domain.value"]
    )
    counts = resp.get_json()["response"]
    expected = sum("cyber" in d for d in ds["events"]["domains"])
    assert counts["count-events"]["children"] == str(expected)


def test_sync_filters_from_url(dash_app, client):
    resp = call(
        dash_app, client, "filter-country.value", {"url.search": "?country=KOR,BAD&from=2022"}, ["url.search"]
    )
    out = resp.get_json()["response"]
    assert out["filter-country"]["value"] == ["KOR"]
    assert out["filter-years"]["value"][0] == 2022
    assert out["url-notice"]["is_open"] is True
    assert "BAD" in out["url-notice"]["children"]


def test_sync_filters_to_url(dash_app, client, ds):
    resp = call(
        dash_app,
        client,
        "filter-country.value",
        {
            "filter-country.value": ["JPN"],
            "filter-domain.value": ["cyber"],
            "filter-years.value": list(ds.year_span),
            "url.search": "",
        },
        ["filter-country.value"],
    )
    assert resp.get_json()["response"]["url"]["search"] == "?country=JPN&domain=cyber"


def test_map_click_adds_country(dash_app, client, ds):
    resp = call(
        dash_app,
        client,
        "filter-country.value",
        {
            "map-graph.clickData": {"points": [{"location": "FRA"}]},
            "filter-country.value": ["JPN"],
            "filter-years.value": list(ds.year_span),
        },
        ["map-graph.clickData"],
    )
    out = resp.get_json()["response"]
    assert out["filter-country"]["value"] == ["JPN", "FRA"]
    assert out["url"]["search"] == "?country=JPN,FRA"


def test_itpp_click_sets_domains(dash_app, client, ds):
    area = ds["itpp_areas"].iloc[0]
    resp = call(
        dash_app,
        client,
        "filter-country.value",
        {
            "itpp-graph.clickData": {"points": [{"customdata": [area["area_id"], "itpp"]}]},
            "filter-years.value": list(ds.year_span),
        },
        ["itpp-graph.clickData"],
    )
    assert resp.get_json()["response"]["filter-domain"]["value"] == list(area["domains"])


@pytest.mark.parametrize(
    "values",
    [
        {"filter-country.value": "x" * 100_000},
        {"filter-country.value": list(range(10_000))},
        {"filter-country.value": {"nested": {"deep": [1, 2]}}},
        {"filter-years.value": ["a", None]},
        {"timeline-lanes.value": ["not", "a", "string"]},
    ],
)
def test_forged_inputs_are_harmless(dash_app, client, values):
    resp = call(dash_app, client, "timeline-graph.figure", values, list(values))
    assert resp.status_code == 200
    assert "Traceback" not in resp.get_data(as_text=True)


def test_evidence_callback_text_only(dash_app, client, ds):
    resp = call(
        dash_app,
        client,
        "evidence-table.children",
        {"evidence-search.value": "Williamsburg"},
        ["evidence-search.value"],
    )
    body = json.dumps(resp.get_json())
    assert "Williamsburg" in body


def test_graphs_keep_their_height_before_plotly_draws(dash_app):
    """Each graph's placeholder height has its min-height rule, so nothing jumps on load."""
    import re
    from pathlib import Path

    css = (Path(__file__).parent.parent / "assets" / "style.css").read_text()
    for graph_id in ids.GRAPHS:
        graph = dash_app.layout[graph_id]
        height = graph.figure["layout"]["height"]
        assert f"graph-h-{height}" in graph.className.split()
        rule = rf"\.graph-h-{height}:not\(:has\(\.main-svg\)\) \{{ min-height: {height}px; \}}"
        assert re.search(rule, css), graph_id
