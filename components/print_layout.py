"""Print layout: a chart laid out at an export size preset, before the export browser renders it.

Kept apart from the browser (``images``) as pure figure-to-figure work, testable without Chromium:
``annotate`` sets a copy of the view's figure on white paper at the preset's width, its type
resized and its text legible, with the title, a filter subtitle and the keys above the plot and a
source line under it. The layout is fixed before plotly draws, so text sizes are estimated
(``typography``).
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass

import plotly.graph_objects as go

from components import i18n, style, typography
from components.images import DEFAULT_PRESET, PRESETS, SCREEN_TEXT, Preset


def _each(value, fn):
    return [fn(v) for v in value] if isinstance(value, list | tuple) else fn(value)


def _typeset(node, p: Preset, family: str | None = None) -> None:
    """Every font in ``node`` (a figure's JSON) at the preset's sizes and every text colour
    legible on paper (``typography.legible``), in place; a font that names its ``family`` set
    in ``family`` instead, when given (a Japanese export: one face for every text)."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if isinstance(key, str) and key.endswith("font") and isinstance(value, dict):
            if "size" in value:
                value["size"] = _each(value["size"], p.size)
            if "color" in value:
                value["color"] = _each(value["color"], typography.legible)
            if family and "family" in value:
                value["family"] = _each(value["family"], lambda _: family)
        if isinstance(value, dict | list) and key != "template":
            _typeset(value, p, family)


NO_LEGEND = frozenset({"treemap", "sunburst", "icicle"})
LEGEND_TEXT_GAP = 40  # px before an entry's text: its symbol (30) and a gap (5) each side
LEGEND_ITEM_GAP = 5
SCREEN_CARD = 680  # px: a chart card's width on a 1,440 px wide page
GEO_ASPECT = 0.5  # height / width of the world map's projection (natural earth, 50° S to 82° N)


def legend_entries(data: list[dict], layout: dict, legend: str = "legend") -> list[str]:
    """The names plotly puts in the figure's legend ``legend`` (``legend2``…; none when it draws
    no legend)."""
    if layout.get("showlegend") is False or (layout.get(legend) or {}).get("visible") is False:
        return []
    entries, explicit = [], False
    for trace in data:
        kind = trace.get("type", "scatter")
        if trace.get("visible") is False or kind in NO_LEGEND or trace.get("legend", "legend") != legend:
            continue
        if trace.get("showlegend", kind != "choropleth"):
            entries.append(typography.plain(trace.get("name") or "trace"))
            explicit |= trace.get("showlegend") is True
    return entries if len(entries) > 1 or explicit or layout.get("showlegend") is True else []


def legend_height(entries, px: float, width: float, *, title: str = "") -> float:
    """The height plotly gives a horizontal legend of ``entries`` (from ``legend_entries``) at
    ``px`` in ``width`` px, in its "normal" trace order: one row when all fit, else a grid of
    columns as wide as the widest entry."""
    if not entries:
        return 0.0
    widths = [LEGEND_TEXT_GAP + typography.text_width(name, px) for name in entries]
    if sum(widths) + LEGEND_ITEM_GAP * (len(widths) - 1) < width:
        rows = 1
    else:
        per_row = max(1, int((width + LEGEND_ITEM_GAP) // (max(widths) + LEGEND_ITEM_GAP)))
        rows = -(-len(widths) // per_row)
    row = max(px * typography.LINE, 16) + 3  # plotly's entry: its text's line, at least its symbol, and 3 px
    return (
        rows * row
        + (typography.text_height(title, px) + LEGEND_ITEM_GAP if title else 0)
        + 2 * LEGEND_ITEM_GAP
        + 2
    )


def _colorbar_height(bar: dict, px: float) -> float:
    ticks = 1 + max((str(t).count("<br>") for t in bar.get("ticktext") or [""]), default=0)
    title = 1 if (bar.get("title") or {}).get("text") else 0
    return (title + ticks) * px * typography.LINE + bar.get("thickness", 30) + 2 * bar.get("ypad", 10) + 10


def _tick_room(layout: dict, p: Preset) -> float:
    """Room under the plot area for the tick labels of its lowest x axis."""
    lowest = None
    for name, axis in layout.items():
        if not (name.startswith("xaxis") and isinstance(axis, dict)):
            continue
        if axis.get("visible") is False or axis.get("showticklabels") is False or axis.get("side") == "top":
            continue
        anchor = layout.get("yaxis" + str(axis.get("anchor", "y"))[1:]) or {}
        bottom = (anchor.get("domain") or [0, 1])[0] if isinstance(anchor, dict) else 0
        if lowest is None or bottom < lowest[0]:
            lowest = (bottom, axis)
    if lowest is None:
        return 0.0
    axis = lowest[1]
    words = [*(axis.get("ticktext") or []), str(axis.get("tickformat") or "")]
    lines = 1 + max(len(re.findall(r"<br>|\n", str(t))) for t in words)
    if axis.get("type") == "date" and "tickformat" not in axis:
        lines = max(lines, 2)  # plotly's own date ticks put the year on a second line
    size = (axis.get("tickfont") or {}).get("size", p.text)
    return lines * size * typography.LINE + axis.get("ticklen", 5) + 4


def _treemap_for_print(trace: dict, p: Preset) -> None:
    """A treemap's labels legible in print, in place: each tile's text in ink or white,
    whichever reads better on the tile as drawn (its colour over its parents'; plotly judges a
    translucent tile on white), and its parents' headers tall enough for their lines (a label
    that would have to shrink under ``p.small`` is hidden instead, see ``uniformtext``)."""
    ids, parents = trace.get("ids") or trace.get("labels") or [], trace.get("parents") or []
    colors = (trace.get("marker") or {}).get("colors") or []
    if not (len(ids) == len(parents) == len(colors)):
        return
    index, seen = {node: i for i, node in enumerate(ids)}, {}

    def drawn(i: int, depth: int = 0) -> str:
        if i not in seen:
            parent = index.get(parents[i])
            under = typography.PAPER if parent is None or depth > 50 else drawn(parent, depth + 1)
            seen[i] = typography.over(colors[i], under)
        return seen[i]

    ink = style.ink(style.LIGHT)
    trace.setdefault("insidetextfont", {})["color"] = [
        max((ink, typography.PAPER), key=lambda text: typography.contrast(text, drawn(i)) or 0)
        for i in range(len(ids))
    ]
    size = (trace.get("textfont") or {}).get("size", p.text)
    labels = trace.get("labels") or []
    heads = [str(labels[i]).count("<br>") + 1 for i in range(len(labels)) if ids[i] in set(parents)]
    if heads:
        trace.setdefault("marker", {})["pad"] = {
            "t": round(max(heads) * size * typography.LINE + 6),
            "l": 3,
            "r": 3,
            "b": 3,
        }


def annotate(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    footer: str,
    preset: str | Preset = DEFAULT_PRESET,
    lang: str = i18n.DEFAULT,
) -> go.Figure:
    """A print-ready copy of ``fig`` laid out at ``preset``: light template on white paper, the
    chart's title and a filter subtitle on top, its key (legend or colour scale) under them,
    and a source line under the plot.

    The view's type is resized for the preset (``Preset.size``), every text colour made legible
    on white, and every legend shown (an export stands alone). The plot area keeps the height it
    has on the page (a slide's fills the 16:9 page, or a taller chart gets a larger 16:9 canvas).
    Title and keys are pinned to the paper's top edge (plotly reserves the keys' room, however
    many rows they wrap into); the source line sits under the lowest axis's tick labels, right-
    aligned when y-axis labels may push the plot area's left edge. Sizes are estimated from the
    widths of DejaVu Sans, a Japanese character one em (``typography.text_width``), and plotly's
    own layout rules; tests measure the rendered files (tests/test_print.py).

    Every text is set in the font stack of ``lang`` (``style.font_family``): a Japanese export in
    a Japanese face first (Noto Sans CJK JP on the export server), its title, subtitle and
    source line too, so that no character is left to a fallback without its glyph.
    """
    p = PRESETS[preset] if isinstance(preset, str) else preset
    spec = copy.deepcopy(fig.to_plotly_json())
    layout, data = spec.get("layout", {}), spec.get("data", [])
    layout.pop("template", None)
    view = _view_on_page(layout, data, p)
    family = style.font_family(i18n.clean(lang))
    _typeset(spec, p, family if family != style.FONT_FAMILY else None)
    for trace in data:
        if trace.get("type") == "treemap":
            _treemap_for_print(trace, p)
    keys = _keys(layout, data, p)
    sheet = _sheet(layout, keys, p, view, (title, subtitle, footer))
    _place_keys([(kind, key, h) for (kind, key, _), h in zip(keys, sheet.key_heights) if h], p, sheet)
    labelled = _automargin(layout)
    ink = style.ink(style.LIGHT)
    layout.update(
        width=sheet.width,
        height=sheet.height,
        paper_bgcolor=typography.PAPER,
        plot_bgcolor=typography.PAPER,
        font={"family": family, "size": p.text, "color": ink},
        margin={"t": round(sheet.top), "b": round(sheet.bottom), "l": p.pad, "r": p.pad, "pad": 0},
        uniformtext={"minsize": p.small, "mode": "hide"},  # a label that would shrink is left out
        title=_title(sheet, p, family),
        annotations=[*(layout.get("annotations") or []), _source_note(sheet, p, family, labelled)],
    )
    return style.build_figure(data, layout, style.LIGHT)


@dataclass(frozen=True)
class _View:
    """The view as laid out on the page (px): its top and bottom margins, grown with the
    preset's type, and the height of its plot area."""

    top: float
    bottom: float
    plot: float


def _view_on_page(layout: dict, data: list[dict], p: Preset) -> _View:
    """The view's margins and plot area, which the export keeps: the plot area is the figure's
    height less its margins and its key below (the views' legends are under their plots)."""
    margin = layout.get("margin") or {}
    grow = max(1.0, p.text / SCREEN_TEXT)  # the view's margins hold type: a slide's is larger
    below = legend_height(
        legend_entries(data, layout),
        ((layout.get("legend") or {}).get("font") or {}).get("size", SCREEN_TEXT),
        SCREEN_CARD,
    )
    design = float(layout.get("height") or 450) - margin.get("t", 10)
    plot = max(design - max(margin.get("b", 10), below), 0.6 * design, 120.0)
    return _View(margin.get("t", 10) * grow, margin.get("b", 10) * grow, plot)


def _keys(layout: dict, data: list[dict], p: Preset) -> list[tuple[str, dict, list[str] | None]]:
    """(kind, its layout, its entries) of every key above the plot: every legend, shown (an
    export stands alone) with its entries in rows, and every horizontal colour scale."""
    keys = []
    for name in sorted(k for k in layout if re.fullmatch(r"legend\d*", k)) or ["legend"]:
        legend = layout.setdefault(name, {})
        entries = legend_entries(data, layout | {name: {}}, name)
        legend["visible"] = True
        legend.setdefault("font", {}).setdefault("size", p.text)
        legend["traceorder"] = "normal"  # entries in rows (grouped, a group would be a column)
        keys.append(("legend", legend, entries))
    return keys + [
        ("colorbar", t["colorbar"], None)
        for t in data
        if isinstance(t.get("colorbar"), dict)
        and t["colorbar"].get("orientation") == "h"
        and t.get("showscale", True) is not False
    ]


def _key_heights(keys, room: float, p: Preset) -> list[float]:
    """Each key's height (0: not drawn) when its rows may be ``room`` px wide."""
    return [
        legend_height(entries, key["font"]["size"], room, title=(key.get("title") or {}).get("text") or "")
        if kind == "legend"
        else _colorbar_height(key, p.text)
        for kind, key, entries in keys
    ]


@dataclass(frozen=True)
class _Sheet:
    """An export's paper (px): its size, the margins around the plot area, its words wrapped to
    fit it, and its keys' heights."""

    width: int
    height: int
    top: float  # over the plot area: title, subtitle, keys and the view's own top margin
    bottom: float  # under the plot area: tick labels, the source line and the pad
    ticks: float  # the lowest axis's tick labels, which the source line goes under
    gap: int
    header: float  # the title, a gap and the subtitle
    key_heights: list[float]
    heading: str
    subheading: str
    source: str


def _sheet(layout: dict, keys, p: Preset, view: _View, words: tuple[str, str, str]) -> _Sheet:
    """The paper for the view at ``p``, with the export's title, subtitle and source line
    (``words``) wrapped to its width: as tall as all its parts, or for a fixed shape a canvas
    the plot fills (a taller chart gets a larger one, in 16 px steps so both sides are whole
    pixels, whose keys may then take fewer rows)."""
    inner, gap = p.width - 2 * p.pad, round(p.text * 0.8)
    heading = typography.wrap_to_width(words[0], inner, p.title, bold=True, lines=2)
    subheading = typography.wrap_to_width(words[1], inner, p.text, lines=3)
    header = typography.text_height(heading, p.title) + gap + typography.text_height(subheading, p.text)
    source = typography.wrap_to_width(words[2], inner, p.small, lines=4)
    ticks = _tick_room(layout, p) or view.bottom  # the view's bottom margin is for its ticks
    plot = view.plot
    if "geo" in layout and not any(re.fullmatch(r"[xy]axis\d*", k) for k in layout):
        plot = min(plot, inner * GEO_ASPECT)  # a map as tall as the width lets it be drawn
    bottom = ticks + gap + typography.text_height(source, p.small) + p.pad

    def over_plot(heights: list[float]) -> float:  # the plot area's top margin
        return p.pad + header + gap + sum(h + gap for h in heights if h) + view.top

    width, heights = p.width, _key_heights(keys, inner, p)
    height = over_plot(heights) + plot + bottom
    if p.aspect:
        width = max(p.width, 16 * math.ceil(height / p.aspect / 16))
        heights = _key_heights(keys, width - 2 * p.pad, p)
        height = width * p.aspect
    return _Sheet(
        width=width,
        height=round(height),
        top=over_plot(heights),
        bottom=bottom,
        ticks=ticks,
        gap=gap,
        header=header,
        key_heights=heights,
        heading=heading,
        subheading=subheading,
        source=source,
    )


def _place_keys(keys: list[tuple[str, dict, float]], p: Preset, sheet: _Sheet) -> None:
    """The keys drawn, (kind, its layout, its height), one under another below the subtitle, in
    place: legends flush left without a box, colour scales centred."""
    y = p.pad + sheet.header + sheet.gap  # from the top, px: where the next key goes
    for kind, key, h in keys:
        key.update(xref="container", yref="container", y=1 - y / sheet.height, yanchor="top")
        if kind == "legend":
            key.update(orientation="h", x=p.pad / sheet.width, xanchor="left")
            key.update(bgcolor="rgba(0,0,0,0)", borderwidth=0)
        else:
            inner = p.width - 2 * p.pad
            key.update(x=0.5, xanchor="center", lenmode="pixels", len=min(inner, 40 * p.text))
        y += h + sheet.gap


def _automargin(layout: dict) -> bool:
    """Every axis's tick labels push the margins rather than leave the paper, in place; whether
    a y axis has tick labels (they push the plot area's left edge)."""
    labelled = False
    for name, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", name) and isinstance(axis, dict):
            axis["automargin"] = True
            labelled |= (
                name.startswith("y") and axis.get("visible", True) and axis.get("showticklabels", True)
            )
    return labelled


def _title(sheet: _Sheet, p: Preset, family: str) -> dict:
    """The title and the filter subtitle, pinned to the paper's top left corner."""
    ink = style.ink(style.LIGHT)
    return {
        "text": f"<b>{sheet.heading}</b>",
        "font": {"family": family, "size": p.title, "color": ink},
        "subtitle": {"text": sheet.subheading, "font": {"family": family, "size": p.text, "color": ink}},
        "xref": "container",
        "x": p.pad / sheet.width,
        "xanchor": "left",
        "yref": "container",
        "y": 1 - p.pad / sheet.height,
        "yanchor": "top",
        "automargin": False,
        "pad": {"t": 0, "b": 0, "l": 0, "r": 0},
    }


def _source_note(sheet: _Sheet, p: Preset, family: str, labelled: bool) -> dict:
    """The source line under the lowest axis's tick labels: right-aligned when y-axis labels
    may push the plot area's left edge (``labelled``), else flush left."""
    return {
        "text": sheet.source,
        "xref": "paper",
        "x": 1 if labelled else 0,
        "xanchor": "right" if labelled else "left",
        "yref": "paper",
        "y": 0,
        "yanchor": "top",
        "yshift": -(sheet.ticks + sheet.gap),
        "align": "left",
        "showarrow": False,
        "font": {"family": family, "size": p.small, "color": typography.EXPORT_FOOTER},
    }
