"""The views, each declared once: one entry per chart, which the page grid, the page object,
the component ids, the downloads, the tests and the benchmark all iterate.

Adding a chart means one module (its pure ``figure`` builder, plus ``records`` and ``chart``
that feed it) and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components.data import Dataset, Filters
from components.labels import join_and
from components.views import describe, ip4, itpp, network, reactions, timeline, worldmap
from components.views.context import Context

Options = Mapping[str, object]
Text = Callable[[Context], str]  # words that may depend on the data (counts, names, dates)


@dataclass(frozen=True)
class Option:
    """A chart's own control, in its card header and in the page's link. Its value is in every
    options mapping under ``key``; anything a request or a link sends outside ``choices`` falls
    back to ``default``."""

    key: str
    kind: str  # "radio": one value; "checklist": a list of values
    choices: Callable[[Dataset], list[tuple[str, str]]]  # (value, label) in display order
    default: Callable[[Dataset], object]
    param: str = ""  # its name in the link (default: ``key``)

    @property
    def link_name(self) -> str:
        return self.param or self.key


@dataclass(frozen=True)
class View:
    """One chart: its words, its records, its builder, its option and its place on the page."""

    name: str  # also its URL-safe id stem: "<name>-graph", "<name>-card"…
    short: str  # its name in the page's "Jump to" links
    title: Text
    reading: Text  # one sentence: how to read the chart
    description: str  # what the chart is, for screen readers
    height: int  # px, the figure's usual height: its space is kept until it is drawn
    records: Callable[[Context, Filters, Options], pd.DataFrame]
    chart: Callable[[Context, pd.DataFrame, Filters, Options, str], go.Figure]
    evidence: str | None = None  # the fact table its records come from (the evidence table, downloads)
    counter: str | None = None  # the words after its count in the counters ("events")
    option: Option | None = None
    caption: Callable[[Context, Filters], str] | None = None  # a line under the chart
    click: Callable[[Context, Filters, object], Filters] | None = None  # a click that filters the page
    # what the chart shows, in words, from its records in view (its accessible description)
    describe: Callable[[Context, pd.DataFrame, Filters, Options], str] | None = None
    config: Mapping[str, object] = field(default_factory=dict)  # plotly.js config for its graph
    # its mode-bar buttons (plotly.js names): only those that serve a reader of this chart
    modebar: tuple[str, ...] = ("toImage",)
    wide: bool = False  # the full width of the grid on large screens


def _fixed(*pairs: tuple[str, str]) -> Callable[[Dataset], list[tuple[str, str]]]:
    return lambda ds: list(pairs)


def _said(text: str) -> Text:
    return lambda ctx: text


def _number(n: int) -> str:
    """A count in words up to ten, as prose writes it."""
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def _day(iso: str) -> str:
    """``2023-07-12`` → ``12 July 2023`` (a month or a year stays as it is)."""
    if len(iso) != 10:
        return iso
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


ZOOM_2D = ("toImage", "zoom2d", "pan2d", "resetScale2d")  # charts whose dense parts a reader zooms into

VIEWS: tuple[View, ...] = (
    View(
        name="timeline",
        short="Timeline",
        title=_said("Timeline of Japan–NATO and IP4–NATO relations"),
        reading=_said(
            "Each mark is a dated event from the sources; stars are summits, large squares the "
            "IPCP → ITPP programme milestones. Click a mark to read its evidence."
        ),
        description="Scatter timeline of events by year, one lane per domain or actor.",
        describe=describe.timeline,
        modebar=ZOOM_2D,
        height=timeline.HEIGHT,
        records=timeline.records,
        chart=timeline.chart,
        evidence="events",
        counter="events",
        option=Option(
            "lanes",
            "radio",
            _fixed(("domain", "Lanes by domain"), ("actor", "Lanes by country / organization")),
            lambda ds: "domain",
        ),
        wide=True,
    ),
    View(
        name="map",
        short="Map",
        title=_said("Who is who: allies, partners and the region"),
        reading=lambda ctx: (
            f"NATO's {ctx.ds['countries']['nato_member_since'].notna().sum()} allies and its "
            f"{_number(len(ctx.partner_order))} Indo-Pacific partners; switch to see how governments react."
        ),
        description="World map coloured by NATO membership and IP4 partnership, "
        "or by governments' stance on NATO–Japan cooperation.",
        describe=describe.worldmap,
        modebar=("toImage", "zoomInGeo", "zoomOutGeo", "resetGeo"),
        height=worldmap.HEIGHT,
        records=worldmap.records,
        chart=worldmap.chart,
        option=Option(
            "mode",
            "radio",
            _fixed(("group", "Alliances and partners"), ("stance", "Regional reactions")),
            lambda ds: "group",
            param="map",
        ),
        caption=lambda ctx, f: (
            "Click a country to add it to the filter. Boundaries are Natural Earth's "
            "1:110m de-facto lines and imply no position on disputed territories."
        ),
        click=worldmap.click,
        config=worldmap.CONFIG,
    ),
    View(
        name="network",
        short="Network",
        title=_said("The web of alliances and partnerships"),
        reading=_said(
            "Lines are partnerships coloured by framework; dashed lines are proposed or blocked. "
            "Selecting a country in the filter keeps only its neighbourhood."
        ),
        description="Network diagram of partnerships between countries and organizations.",
        describe=describe.network,
        modebar=ZOOM_2D,
        height=network.HEIGHT,
        records=network.records,
        chart=network.chart,
        evidence="partnerships",
        counter="partnerships",
        option=Option("frameworks", "checklist", network.framework_choices, network.all_frameworks),
    ),
    View(
        name="itpp",
        short="ITPP areas",
        title=lambda ctx: f"The ITPP's {ctx.programme.total} areas of cooperation",
        reading=lambda ctx: (
            "Areas of the NATO–Japan programme for {}–{}, agreed on {}, by strategic objective. "
            "Click an area to filter every view by its domains."
        ).format(*ctx.programme.period, _day(ctx.programme.agreed)),
        description="Treemap of the ITPP areas of cooperation grouped by strategic objective.",
        describe=describe.itpp,
        height=itpp.HEIGHT,
        records=itpp.records,
        chart=itpp.chart,
        evidence="itpp_areas",
        counter="ITPP areas",
        caption=itpp.caption,
        click=itpp.click,
    ),
    View(
        name="ip4",
        short="IP4 at NATO",
        title=_said("The Indo-Pacific Four at NATO"),
        reading=lambda ctx: (
            f"Who represented {join_and(ctx.names[p] for p in ctx.partner_order)} at NATO summits since "
            f"{min(d for d in ctx.ds['ip4']['summit_date'] if d)[:4]}, "
            "and when each agreed its programmes with NATO."
        ),
        description="Top: attendance matrix of the four partners at the summits. Bottom: programme dates.",
        describe=describe.ip4,
        height=ip4.HEIGHT,
        records=ip4.records,
        chart=ip4.chart,
        evidence="ip4",
    ),
    View(
        name="reactions",
        short="Reactions",
        title=_said("How the region reacts"),
        reading=_said(
            "Bars: each government's or organization's average stance on a topic, from its own "
            "statements, from opposed (left, red) to supportive (right, blue). Dots below: other voices, "
            "such as analysts and former officials, which never count as a state's stance. With a "
            "country filter: its own statements, and reactions to its cooperation. Hover to read the "
            "statements."
        ),
        description="Diverging bar chart of stance scores by actor and topic, "
        "and a dot chart of other voices.",
        describe=describe.reactions,
        height=reactions.HEIGHT,
        records=reactions.records,
        chart=reactions.chart,
        evidence="reactions",
        counter="reactions",
        wide=True,
    ),
)
BY_NAME: Mapping[str, View] = {v.name: v for v in VIEWS}
OPTIONS: tuple[tuple[View, Option], ...] = tuple((v, v.option) for v in VIEWS if v.option)


def default_options(ds: Dataset) -> dict[str, object]:
    """Every chart option at its default."""
    return {option.key: option.default(ds) for _, option in OPTIONS}


def records_in_view(ctx: Context, f: Filters, options: Options) -> dict[str, pd.DataFrame]:
    """The records behind the charts, by fact table: what the counters count, the evidence table
    lists, and every CSV and the ZIP hold. One function, so they always agree."""
    return {view.evidence: view.records(ctx, f, options) for view in VIEWS if view.evidence}


def description(
    ctx: Context, view: View, f: Filters, options: Options, records: pd.DataFrame | None = None
) -> str:
    """The chart's accessible description: what kind of chart it is, then what it shows now
    (from ``records`` when the caller has already built the view's records)."""
    if view.describe is None:
        return view.description
    df = view.records(ctx, f, options) if records is None else records
    return f"{view.description} {view.describe(ctx, df, f, options)}"


def figure(ctx: Context, view: View, f: Filters, options: Options, theme: str) -> go.Figure:
    """The chart of ``view`` for a filter state and the charts' options."""
    return view.chart(ctx, view.records(ctx, f, options), f, options, theme)
