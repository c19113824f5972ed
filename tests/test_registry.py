"""Every view in the registry, checked the same way: its ids on the page, its height kept
before it draws, its trace types in the partial plotly.js, its figure valid in every state."""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from components import ids, internals, shell, style
from components.filters import Filters
from components.views import network, registry, timeline
from components.views.context import Context
from tests.helpers import option_sets

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ctx(ds):
    return Context.of(ds)


@pytest.fixture(scope="module")
def layout(ctx):
    return shell.layout(ctx)


def test_names_are_unique_and_url_safe():
    names = [v.name for v in registry.VIEWS]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9]+", n) for n in names)
    keys = [o.key for _, o in registry.OPTIONS]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("view", registry.VIEWS, ids=lambda v: v.name)
def test_each_view_has_its_ids_on_the_page(layout, ctx, view):
    layout[ids.card(view.name)]
    assert layout[ids.title(view.name)].children == view.title(ctx)
    graph = layout[ids.graph(view.name)]
    assert graph.config["toImageButtonOptions"]["filename"] == view.name
    if view.option:
        control = layout[ids.option(view.name, view.option.key)]
        assert [o["value"] for o in control.options] == [v for v, _ in view.option.choices(ctx.ds)]
        assert control.value == view.option.default(ctx.ds)
    if view.caption:
        layout[ids.caption(view.name)]
    if view.counter:
        assert layout[ids.counter(view.evidence)].children == "–"  # until the page object fills it


@pytest.mark.parametrize("view", registry.VIEWS, ids=lambda v: v.name)
def test_each_view_keeps_its_height_before_plotly_draws(layout, view):
    """Its placeholder and the --graph-h rule hold the view's height, so nothing jumps."""
    graph = layout[ids.graph(view.name)]
    assert graph.figure["layout"]["height"] == view.height
    wrapper = next(
        c
        for c in internals.walk(layout)
        if getattr(c, "className", None) == "graph-wrap" and graph in internals.walk(c)
    )
    assert wrapper.style == {"--graph-h": f"{view.height}px"}
    css = (ROOT / "assets" / "style.css").read_text()
    assert ".view-graph:not(:has(.main-svg)) { min-height: var(--graph-h); }" in css


def test_every_trace_type_is_declared_and_in_the_plotly_bundle(ctx, ds):
    """The page serves a partial plotly.js: a trace type missing from it would draw nothing.
    Each view declares what it draws; the registry checks those against the bundle."""
    for view in registry.VIEWS:
        used = {
            trace.type
            for options in option_sets(ds)
            for f in (Filters(), Filters(countries=("JPN",)))
            for trace in registry.figure(ctx, view, f, options, style.LIGHT).data
        }
        assert used == set(view.traces), view.name
    source = (ROOT / "plotly-bundle.js").read_text()
    assert all(f'require("plotly.js/lib/{t}")' in source for t in style.TRACE_TYPES - {"scatter"})
    assert {"bar", "choropleth", "treemap", "scatter"} <= style.TRACE_TYPES


@pytest.mark.parametrize("theme", style.THEMES)
@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(countries=("JPN",)), Filters(domains=("no-such-domain",))],
    ids=["all", "japan", "nothing"],
)
@pytest.mark.parametrize("grouped", [False, True], ids=["one-mark-per-record", "grouped"])
def test_every_view_validates_against_the_plotly_schema(ctx, ds, filters, theme, grouped, monkeypatch):
    """The views build unvalidated figures (style.build_figure), so the schema check is here:
    plotly's validators raise on any unknown property or invalid value. ``grouped`` lowers
    the thresholds so the binned timeline and the bundled network are checked too."""
    if grouped:
        monkeypatch.setattr(timeline, "MAX_MARKS", 5)
        monkeypatch.setattr(network, "MAX_EDGES", 5)
    for view in registry.VIEWS:
        for options in option_sets(ds):
            fig = registry.figure(ctx, view, filters, options, theme)
            checked = go.Figure(fig.to_dict())  # validating: raises ValueError on a bad property
            assert checked.layout.template.layout.font.family == style.FONT_FAMILY
            assert len(checked.data) == len(fig.data)


def test_records_in_view_are_the_charts_records(ctx, ds):
    """One function gives what the counters, the evidence table and the downloads hold."""
    for options in option_sets(ds):
        frames = registry.records_in_view(ctx, Filters(countries=("KOR",)), options)
        for view in registry.VIEWS:
            if view.evidence:
                expected = view.records(ctx, Filters(countries=("KOR",)), options)
                assert frames[view.evidence].equals(expected)
    assert set(frames) == {v.evidence for v in registry.VIEWS if v.evidence}


def test_a_second_view_over_a_used_table_fails_loudly():
    """Two charts over one fact table would make the counters, the evidence table and the ZIP
    keep only one chart's records: the registry refuses it, and any other clash, by name."""
    import dataclasses

    from components.views.registry import BY_NAME, VIEWS, RegistryError, check

    twin = dataclasses.replace(BY_NAME["timeline"], name="timeline-2", order=99, kind="event-2")
    with pytest.raises(RegistryError, match="same fact table: events"):
        check((*VIEWS, twin))
    bare = dataclasses.replace(twin, name="timeline", evidence=None, kind=None, kind_label=None, rows=None)
    with pytest.raises(RegistryError, match="same name: timeline"):
        check((*VIEWS, bare))
    with pytest.raises(RegistryError, match="needs a record kind"):
        check((*VIEWS, dataclasses.replace(twin, evidence="new_table", kind=None)))
    with pytest.raises(RegistryError, match="draws sankey, which plotly-bundle.js does not register"):
        check(
            (
                *VIEWS,
                dataclasses.replace(
                    twin, evidence=None, kind=None, kind_label=None, rows=None, traces=("sankey",)
                ),
            )
        )
    assert check(reversed(VIEWS)) == VIEWS  # the page's order is the views' own
