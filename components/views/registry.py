"""The views, each declared once: one entry per chart, which the page grid, the page object,
the component ids, the downloads, the tests and the benchmark all iterate.

Adding a chart means one module (its pure ``figure`` builder, plus ``records`` and ``chart``
that feed it) and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from components import style
from components.data import Dataset, Filters
from components.i18n import N_
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
    # (value, label) in display order: ``choices(ds)``, or ``choices(ds, lang)`` for the data's
    # labels in that language; the caller shows ``ctx._(label)`` (fixed labels are English msgids)
    choices: Callable[..., list[tuple[str, str]]]
    default: Callable[[Dataset], object]
    param: str = ""  # its name in the link (default: ``key``)

    @property
    def link_name(self) -> str:
        return self.param or self.key


@dataclass(frozen=True)
class View:
    """One chart: its words, its records, its builder, its option and its place on the page."""

    name: str  # also its URL-safe id stem: "<name>-graph", "<name>-card"…
    short: str  # its name in the page's "Jump to" links (an English msgid: shown as ``ctx._(short)``)
    title: Text
    reading: Text  # one sentence: how to read the chart
    description: str  # what the chart is, for screen readers (an English msgid: ``ctx._(description)``)
    height: int  # px, the figure's usual height: its space is kept until it is drawn
    records: Callable[[Context, Filters, Options], pd.DataFrame]
    chart: Callable[[Context, pd.DataFrame, Filters, Options, str], go.Figure]
    evidence: str | None = None  # the fact table its records come from (the evidence table, downloads)
    counter: str | None = None  # the words after its count in the counters ("events"; a msgid)
    option: Option | None = None
    caption: Callable[[Context, Filters], str] | None = None  # a line under the chart
    click: Callable[[Context, Filters, object], Filters] | None = None  # a click that filters the page
    # what the chart shows, in words, from its records in view (its accessible description)
    describe: Callable[[Context, pd.DataFrame, Filters, Options], str] | None = None
    config: Mapping[str, object] = field(default_factory=dict)  # plotly.js config for its graph
    # its mode-bar buttons (plotly.js names): only those that serve a reader of this chart
    modebar: tuple[str, ...] = ("toImage",)
    wide: bool = False  # the full width of the grid on large screens


def _fixed(*pairs: tuple[str, str]) -> Callable[..., list[tuple[str, str]]]:
    """Choices whose labels are English msgids (marked ``N_``), whatever the language asked."""
    return lambda ds, lang=None: list(pairs)


def _said(text: str) -> Text:
    """Words that depend on nothing but the language: ``text`` is an ``N_``-marked msgid."""
    return lambda ctx: ctx._(text)


def _number(n: int, lang: str = "en") -> str:
    """A count in words up to ten, as English prose writes it; digits in Japanese."""
    if lang == "ja":
        return str(n)
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


ZOOM_2D = ("toImage", "zoom2d", "pan2d", "resetScale2d")  # charts whose dense parts a reader zooms into

VIEWS: tuple[View, ...] = (
    View(
        name="timeline",
        short=N_("Timeline"),
        title=_said(N_("Timeline of Japan–NATO and IP4–NATO relations")),
        reading=_said(
            N_(
                "Each mark is a dated event from the sources; stars are summits, large squares the "
                "IPCP → ITPP programme milestones. Click a mark to read its evidence."
            )
        ),
        description=N_("Scatter timeline of events by year, one lane per domain or actor."),
        describe=describe.timeline,
        modebar=ZOOM_2D,
        height=timeline.HEIGHT,
        records=timeline.records,
        chart=timeline.chart,
        evidence="events",
        counter=N_("events"),
        option=Option(
            "lanes",
            "radio",
            _fixed(("domain", N_("Lanes by domain")), ("actor", N_("Lanes by country / organization"))),
            lambda ds: "domain",
        ),
        wide=True,
    ),
    View(
        name="map",
        short=N_("Map"),
        title=_said(N_("Who is who: allies, partners and the region")),
        reading=lambda ctx: ctx._(
            "NATO's {allies} allies and its {partners} Indo-Pacific partners; "
            "switch to see how governments react.",
            allies=ctx.ds["countries"]["nato_member_since"].notna().sum(),
            partners=_number(len(ctx.partner_order), ctx.lang),
        ),
        description=N_(
            "World map coloured by NATO membership and IP4 partnership, "
            "or by governments' stance on NATO–Japan cooperation."
        ),
        describe=describe.worldmap,
        modebar=("toImage", "zoomInGeo", "zoomOutGeo", "resetGeo"),
        height=worldmap.HEIGHT,
        records=worldmap.records,
        chart=worldmap.chart,
        option=Option(
            "mode",
            "radio",
            _fixed(("group", N_("Alliances and partners")), ("stance", N_("Regional reactions"))),
            lambda ds: "group",
            param="map",
        ),
        caption=lambda ctx, f: ctx._(
            "Click a country to add it to the filter. Boundaries are Natural Earth's "
            "1:110m de-facto lines and imply no position on disputed territories."
        ),
        click=worldmap.click,
        config=worldmap.CONFIG,
    ),
    View(
        name="network",
        short=N_("Network"),
        title=_said(N_("The web of alliances and partnerships")),
        reading=_said(
            N_(
                "Lines are partnerships coloured by framework; dashed lines are proposed or blocked. "
                "Selecting a country in the filter keeps only its neighbourhood."
            )
        ),
        description=N_("Network diagram of partnerships between countries and organizations."),
        describe=describe.network,
        modebar=ZOOM_2D,
        height=network.HEIGHT,
        records=network.records,
        chart=network.chart,
        evidence="partnerships",
        counter=N_("partnerships"),
        option=Option("frameworks", "checklist", network.framework_choices, network.all_frameworks),
    ),
    View(
        name="itpp",
        short=N_("ITPP areas"),
        title=lambda ctx: ctx._("The ITPP's {total} areas of cooperation", total=ctx.programme.total),
        reading=lambda ctx: ctx._(
            "Areas of the NATO–Japan programme for {start}–{end}, agreed on {agreed}, by strategic "
            "objective. Click an area to filter every view by its domains.",
            start=ctx.programme.period[0],
            end=ctx.programme.period[1],
            agreed=ctx.tr.date(ctx.programme.agreed, "day"),
        ),
        description=N_("Treemap of the ITPP areas of cooperation grouped by strategic objective."),
        describe=describe.itpp,
        height=itpp.HEIGHT,
        records=itpp.records,
        chart=itpp.chart,
        evidence="itpp_areas",
        counter=N_("ITPP areas"),
        caption=itpp.caption,
        click=itpp.click,
    ),
    View(
        name="ip4",
        short=N_("IP4 at NATO"),
        title=_said(N_("The Indo-Pacific Four at NATO")),
        reading=lambda ctx: ctx._(
            "Who represented {partners} at NATO summits since {year}, "
            "and when each agreed its programmes with NATO.",
            partners=ctx.tr.join(ctx.names[p] for p in ctx.partner_order),
            year=min(d for d in ctx.ds["ip4"]["summit_date"] if d)[:4],
        ),
        description=N_(
            "Top: attendance matrix of the four partners at the summits. Bottom: programme dates."
        ),
        describe=describe.ip4,
        height=ip4.HEIGHT,
        records=ip4.records,
        chart=ip4.chart,
        evidence="ip4",
    ),
    View(
        name="reactions",
        short=N_("Reactions"),
        title=_said(N_("How the region reacts")),
        reading=_said(
            N_(
                "Bars: each government's or organization's average stance on a topic, from its own "
                "statements, from opposed (left, red) to supportive (right, blue). Dots below: other "
                "voices, such as analysts and former officials, which never count as a state's stance. "
                "With a country filter: its own statements, and reactions to its cooperation. Hover to "
                "read the statements."
            )
        ),
        description=N_(
            "Diverging bar chart of stance scores by actor and topic, and a dot chart of other voices."
        ),
        describe=describe.reactions,
        height=reactions.HEIGHT,
        records=reactions.records,
        chart=reactions.chart,
        evidence="reactions",
        counter=N_("reactions"),
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
    what = ctx._(view.description)
    if view.describe is None:
        return what
    df = view.records(ctx, f, options) if records is None else records
    return ctx._("{chart} {shows}", chart=what, shows=view.describe(ctx, df, f, options))


def figure(ctx: Context, view: View, f: Filters, options: Options, theme: str) -> go.Figure:
    """The chart of ``view`` for a filter state and the charts' options."""
    return localized(ctx, view.chart(ctx, view.records(ctx, f, options), f, options, theme))


def localized(ctx: Context, fig: go.Figure) -> go.Figure:
    """``fig`` set in a face for the context's language: Japanese text in a Japanese face first
    (the page's and the embeds' charts are built through ``figure``; an export's fonts are set
    by ``print_layout.annotate``)."""
    if ctx.lang == "ja":
        family = f"{style.JA_FONT}, {style.FONT_FAMILY}"
        fig.update_layout(font_family=family, hoverlabel_font_family=family)
    return fig
