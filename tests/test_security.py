"""Safe defaults: headers, size limits, forged requests, hostile strings in the data."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import call


def test_security_headers_everywhere(client):
    for path in ("/", "/assets/style.css", "/_dash-layout", "/vendor/bootstrap5/css/bootstrap.min.css"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp
        assert "http" not in csp  # no other origin is allowed
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_frame_ancestors_configurable(monkeypatch):
    from app import create_app

    monkeypatch.setenv("DASHBOARD_FRAME_ANCESTORS", "https://intranet.example")
    headers = create_app().server.test_client().get("/").headers
    assert "frame-ancestors https://intranet.example" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers


def test_request_size_limit(client):
    resp = client.post("/_dash-update-component", data=b"[" * 600_000, content_type="application/json")
    assert resp.status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        json.dumps({"output": "nope.figure", "outputs": {"id": "nope", "property": "figure"}}).encode(),
        json.dumps({"output": 5, "inputs": "x"}).encode(),
        json.dumps([1, 2, 3]).encode(),
    ],
)
def test_forged_requests_are_the_clients_fault(client, body):
    """A malformed or forged callback request gets a 400 saying what is wrong, and nothing of
    the server's insides."""
    resp = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["error"].startswith("invalid callback request: ")
    text = resp.get_data(as_text=True)
    assert "/work" not in text and ".py" not in text


def test_a_bug_on_the_server_is_a_500_with_a_request_id(dash_app, client, monkeypatch, caplog):
    """A well-formed request that fails inside the server is our bug: a generic 500 with a
    request id, and the full traceback in the server's log under that id."""
    key = next(k for k in dash_app.callback_map if "timeline-figure.data" in k)

    def broken(*args, **kwargs):
        raise RuntimeError("injected fault")

    monkeypatch.setitem(dash_app.callback_map[key], "callback", broken)
    with caplog.at_level("ERROR", logger="components.security"):
        resp = call(
            dash_app, client, "timeline-figure.data", {"filter-country.value": ["NZL"]}, ["url.search"]
        )
    assert resp.status_code == 500
    body = resp.get_json()
    assert body["error"] == "internal error" and body["request_id"] == resp.headers["X-Request-Id"]
    assert "injected fault" not in resp.get_data(as_text=True)
    logged = [r for r in caplog.records if body["request_id"] in r.getMessage()]
    assert logged and logged[0].exc_info and "injected fault" in str(logged[0].exc_info[1])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=8) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=json_values, domain=json_values, years=json_values, search=json_values)
def test_the_page_callback_never_fails_on_arbitrary_values(dash_app, client, country, domain, years, search):
    """Over HTTP (the page object gets the same treatment, for every input, in test_page.py)."""
    values = {
        "filter-country.value": country,
        "filter-domain.value": domain,
        "filter-years.value": years,
        "url.search": search,
        "evidence-search.value": search,
    }
    resp = call(dash_app, client, "timeline-figure.data", values, list(values))
    assert resp.status_code in (200, 204), resp.get_data(as_text=True)[:200]


HOSTILE = {
    "title": '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">',
    "quote": '=HYPERLINK("javascript:alert(1)") **bold** [link](javascript:alert(1)) ‏مرحبا 日本 👍 é́',
}


@pytest.fixture
def hostile_data(data_copy):
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    for row in rows[1:4]:
        row[header.index("title")] = HOSTILE["title"]
        row[header.index("quote")] = HOSTILE["quote"] + " " + "long " * 300
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    src = data_copy / "sources.csv"
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("url")] = "javascript:alert(1)"
    rows[2][rows[0].index("title")] = HOSTILE["title"] + " {%scripts%}"
    with src.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return data_copy


def test_hostile_strings_are_text(hostile_data):
    from app import create_app

    app = create_app(hostile_data)
    client = app.server.test_client()
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "javascript:alert(1)" not in layout.replace('\\"javascript:alert(1)\\"', "")  # no href
    index = client.get("/").get_data(as_text=True)  # the static sources footer
    footer = index[index.index('<footer class="site-footer">') :]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in footer and "<script>window" not in footer
    assert "&#123;%scripts%&#125;" in footer and 'href="javascript' not in footer
    resp = call(
        app, client, "evidence-store.data", {"evidence-search.value": "pwned"}, ["evidence-search.value"]
    )
    body = resp.get_data(as_text=True)
    assert "window.__pwned" in body  # present as text in a component's children
    assert '"dangerously_allow_html"' not in body
    fig = call(app, client, "timeline-figure.data", {}).get_json()["response"]["timeline-figure"]["data"]
    hovers = " ".join(h for t in fig["data"] for h in t.get("hovertext", []))
    assert "<script>" not in hovers and "&lt;script&gt;" in hovers


def test_hostile_strings_in_exports(hostile_data):
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    from components import downloads, images
    from components.data import load
    from components.filters import Filters
    from components.views.context import Context
    from components.views.registry import BY_NAME, default_options

    views = Context.of(load(hostile_data))
    DEFAULT_OPTIONS = default_options(views.ds)
    exporter = images.Exporter()
    f = Filters(year_from=views.ds.year_span[0], year_to=views.ds.year_span[1])
    try:
        _, svg = downloads.chart_file(views, exporter, BY_NAME["timeline"], "svg", f, DEFAULT_OPTIONS)
    finally:
        exporter.close()
    root = ET.fromstring(svg)
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert "script" not in tags and "foreignObject" not in tags
    assert not any(k.lower().startswith("on") for el in root.iter() for k in el.attrib)

    class Fake:
        def render(self, fig, fmt, **_):
            return b"img"

    _, payload = downloads.view_bundle(views, Fake(), f, DEFAULT_OPTIONS, "http://h/")
    archive = zipfile.ZipFile(io.BytesIO(payload))
    readme = archive.read("README.txt").decode("utf-8")
    assert "javascript:alert(1)" not in readme  # non-http links are not listed
    rows = archive.read("evidence.csv").decode("utf-8")
    assert "'=HYPERLINK" in rows
    assert '"=HYPERLINK' not in rows and ",=HYPERLINK" not in rows


def test_a_pattern_matching_callback_request_is_well_formed(dash_app):
    """The download menu's items are a pattern-matching input: a list of matches."""
    from components.security import callback_request_problem

    key = next(k for k in dash_app.callback_map if "download.data" in k)
    spec = dash_app.callback_map[key]
    item = {"id": {"type": "download-item", "view": "map", "fmt": "png"}, "property": "n_clicks", "value": 1}
    inputs = [[item], {"id": "download-view", "property": "n_clicks", "value": None}]
    state = [{"id": s["id"], "property": s["property"], "value": None} for s in spec["state"]]
    body = {"output": key, "inputs": inputs, "state": state, "changedPropIds": []}
    assert callback_request_problem(body, dash_app.callback_map) is None
    body["inputs"][0] = [{"id": "download-item", "property": "n_clicks"}]
    assert callback_request_problem(body, dash_app.callback_map) == "inputs: expected a pattern-matching id"
