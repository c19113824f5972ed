"""What a chart declares about itself (``View``, ``Option``), and the small helpers its words and
its accessible description share. Each chart's module declares one ``VIEW``; the registry
(``components/views/registry.py``) only collects them and checks them against each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from components import labels
from components.data import Dataset
from components.filters import Filters
from components.i18n import ENGLISH, Translator

if TYPE_CHECKING:  # the views' context imports the network's layout, a view: no cycle at run time
    from components.views.context import Context

Options = Mapping[str, object]
Text = Callable[["Context"], str]  # words that may depend on the data (counts, names, dates)
ZOOM_2D = ("toImage", "zoom2d", "pan2d", "resetScale2d")  # charts whose dense parts a reader zooms into


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
    order: int  # its place in the page's grid
    short: str  # its name in the page's "Jump to" links (an English msgid: shown as ``ctx._(short)``)
    title: Text
    reading: Text  # one sentence: how to read the chart
    description: str  # what the chart is, for screen readers (an English msgid: ``ctx._(description)``)
    height: int  # px, the figure's usual height: its space is kept until it is drawn
    records: Callable[[Context, Filters, Options], pd.DataFrame]
    chart: Callable[[Context, pd.DataFrame, Filters, Options, str], go.Figure]
    # what the chart shows, in words, from its records in view (its accessible description)
    describe: Callable[[Context, pd.DataFrame, Filters, Options], str]
    evidence: str | None = None  # the fact table its records come from (the evidence table, downloads)
    kind: str | None = None  # the kind its marks carry in customdata (its records' kind in the table)
    kind_label: str | None = None  # that kind in words (a msgid)
    # its records in the evidence table's common shape (``components/evidence.py``)
    rows: Callable[[pd.DataFrame, Context], Mapping[str, object]] | None = None
    counter: str | None = None  # the words after its count in the counters ("events"; a msgid)
    option: Option | None = None
    caption: Callable[[Context, Filters], str] | None = None  # a line under the chart
    click: Callable[[Context, Filters, object], Filters] | None = None  # a click that filters the page
    config: Mapping[str, object] = field(default_factory=dict)  # plotly.js config for its graph
    # its mode-bar buttons (plotly.js names): only those that serve a reader of this chart
    modebar: tuple[str, ...] = ("toImage",)
    wide: bool = False  # the full width of the grid on large screens
    # the plotly.js trace types its figure draws: each must be in the page's bundle
    # (plotly-bundle.js; the registry checks, a test checks the figures)
    traces: tuple[str, ...] = ("scatter",)


def fixed(*pairs: tuple[str, str]) -> Callable[..., list[tuple[str, str]]]:
    """Choices whose labels are English msgids (marked ``N_``), whatever the language asked."""
    return lambda ds, lang=None: list(pairs)


def said(text: str) -> Text:
    """Words that depend on nothing but the language: ``text`` is an ``N_``-marked msgid."""
    return lambda ctx: ctx._(text)


def number(n: int, lang: str = "en") -> str:
    """A count in words up to ten, as English prose writes it; digits in Japanese."""
    if lang == "ja":
        return str(n)
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


# ------------------------------------------------------------------ the charts' descriptions

NAMED = 2  # selected actors named in the titles; more are "the selected actors"


def possessive_name(name: str, tr: Translator = ENGLISH) -> str:
    """``Japan's``, ``Philippines'``: English grammar (the Japanese messages put the particle
    after the name themselves, ``{actors}の``)."""
    if tr.lang != "en":
        return name
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def selection_words(
    selected: Sequence[str], names: Mapping[str, str], possessive: bool = False, tr: Translator = ENGLISH
) -> str:
    """``Japan``, ``Japan and South Korea`` or ``the selected actors`` (``Japan's``…): the
    country filter in the chart's words (the map's too), in ``tr``'s language."""
    if len(selected) > NAMED:
        return tr._("the selected actors'") if possessive else tr._("the selected actors")
    words = [names.get(a, a) for a in selected]
    return labels.join_and([possessive_name(w, tr) for w in words] if possessive else words, tr)


def scope(ctx, f: Filters, *, countries: str = "involving", domains: bool = True) -> str:
    """`` involving Japan, in Cyber defence``: the filters that narrow a chart, in words
    (``countries``, "involving" or "by or about", says how a chart relates its records to the
    country filter)."""
    tr = translator(ctx)
    actors = selection_words(f.countries, ctx.names, tr=tr) if f.countries else ""
    fields = tr.join(ctx.domain_labels.get(d, d) for d in f.domains) if f.domains and domains else ""
    if countries == "by or about":
        if actors and fields:
            return tr._(" by or about {actors}, in {domains}", actors=actors, domains=fields)
        if actors:
            return tr._(" by or about {actors}", actors=actors)
    elif actors and fields:
        return tr._(" involving {actors}, in {domains}", actors=actors, domains=fields)
    elif actors:
        return tr._(" involving {actors}", actors=actors)
    return tr._(" in {domains}", domains=fields) if fields else ""


def translator(ctx) -> Translator:
    """The context's language (English for a builder called without a context)."""
    return ctx.tr if ctx is not None else ENGLISH


def some(count: int, none: str, some_: str) -> str:
    """``none`` for a count of 0 (``no summits``), else ``some_`` (``1 summit``, ``2 summits``):
    both already translated, so each msgid stays a literal at its call."""
    return some_ if count else none


def sentences(tr: Translator, *parts: str) -> str:
    """Sentences one after another: a space between them in English, none in Japanese."""
    return ("" if tr.lang == "ja" else " ").join(p for p in parts if p)


def top(tr: Translator, counts: pd.Series, labels: Mapping[str, str], limit: int = 3) -> str:
    """``Resilience (4), Practical cooperation (4) and Dialogue (2)``: the largest groups first."""
    counts = counts.sort_values(ascending=False, kind="stable").head(limit)
    return tr.join(tr._("{label} ({count})", label=labels.get(k, k), count=v) for k, v in counts.items())


def names(ctx, actors) -> str:
    """Actors' names in the context's language, alphabetically, as prose."""
    return translator(ctx).join(sorted(ctx.names.get(a, a) for a in actors))


def actors(values, ctx) -> str:
    """Actors' names in the evidence table's cell."""
    return ctx.tr.sep.join(ctx.names.get(v, v) for v in values if v)


def domains(cells, ctx) -> list[str]:
    """Each record's domains in words, for the evidence table."""
    return [ctx.tr.sep.join(ctx.domain_labels.get(d, d) for d in cell) for cell in cells]
