"""The fence around Dash's and Plotly's undocumented internals (components/internals.py,
assets/dash-internals.js): each one still there in the installed versions, and still doing
what the dashboard uses it for. An upgrade that moves one fails here, by name."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import dash
import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs_version

from components import internals
from tests.conftest import ROOT, wait_rendered


def test_the_fence_was_checked_against_the_installed_versions():
    installed = {"dash": version("dash"), "plotly": version("plotly"), "plotly.js": get_plotlyjs_version()}
    assert installed == internals.CHECKED, "re-check components/internals.py and assets/dash-internals.js"
    js = (ROOT / "assets" / "dash-internals.js").read_text()
    assert f"plotly.js {installed['plotly.js']} and Dash {installed['dash']}" in js


@pytest.mark.parametrize("hook", ["serve_layout", "_setup_plotlyjs", "interpolate_index"])
def test_the_dash_hooks_the_app_overrides_exist(hook):
    assert callable(getattr(dash.Dash, hook))


def test_the_app_serves_its_own_plotly_and_page_through_the_hooks():
    app = internals.DashboardDash(
        __name__, plotly_js="/vendor/mine.js", pages={"ja": ("題", "<p>足</p>")}, language=lambda q: "ja"
    )
    app.layout = dash.html.Div()
    page = app.server.test_client().get("/").get_data(as_text=True)
    assert '<script src="/vendor/mine.js"></script>' in page  # _setup_plotlyjs
    assert "plotly.min.js" not in page and "plotly-" not in page  # not the package's bundle
    assert '<html lang="ja">' in page and "<title>題</title>" in page and "<p>足</p>" in page
    assert "<footer>" not in page  # index_string: the scripts are not a contentinfo landmark


def test_a_moved_index_template_fails_loudly():
    with pytest.raises(RuntimeError, match="<footer>"):
        internals.index_string("<html><body>{%app_entry%}</body></html>")


def test_walk_lists_every_component_inside_one():
    inner = dash.html.Span(id="inner")
    assert inner in internals.walk(dash.html.Div([dash.html.P(inner)]))
    assert internals.walk(dash.html.Div()) == []


def test_figures_skip_validation_only_when_asked():
    bad = [{"type": "scatter", "mode": "not-a-mode"}]
    with pytest.raises(ValueError):
        go.Figure({"data": bad})
    assert internals.unvalidated_figure(bad, {}).data[0].mode == "not-a-mode"


def test_the_callback_wire_format_is_dashs():
    source = inspect.getsource(dash.Dash._initialize_context) + inspect.getsource(dash.Dash._prepare_callback)
    assert 'body["output"]' in source and 'body.get("changedPropIds"' in source
    rules = {r.rule for r in internals.DashboardDash(__name__).server.url_map.iter_rules()}
    assert internals.CALLBACK_PATH in rules
    body = {"output": "a.b", "changedPropIds": ["c.d"]}
    assert internals.callback_output(body) == "a.b" and internals.changed_props(body) == ["c.d"]
    assert internals.callback_output([]) is None and internals.callback_output({"output": 1}) is None


@pytest.mark.browser
def test_each_browser_internal_is_there_and_loaded_first(page_factory):
    page, _ = page_factory(lazy=False)
    wait_rendered(page)
    got = page.evaluate(
        """() => {
        const I = window.dashboardInternals;
        const scripts = [...document.scripts].map(s => s.src.split("/").pop().split("?")[0]);
        const chart = I.chartIn(document.getElementById("timeline-graph"));
        const map = I.chartIn(document.getElementById("map-graph"));
        const size = I.size(chart);
        return {
          first: scripts.indexOf("dash-internals.js") < scripts.indexOf("dashboard.js"),
          size: size && size.width > 0 && size.height > 0,
          map: I.hasMap(map), notMap: I.hasMap(chart),
          image: I.setImageOptions(chart, {scale: 3}) && chart._context.toImageButtonOptions.scale,
          handler: typeof I.resizeHandler(chart),
          pending: I.pending(chart), busy: I.busy(),
          guarded: window.Plotly.Plots.resizeOnlyWhenNeeded === true,
        };
      }"""
    )
    assert got == {
        "first": True,
        "size": True,
        "map": True,
        "notMap": False,
        "image": 3,
        "handler": "function",
        "pending": False,
        "busy": False,
        "guarded": True,
    }
