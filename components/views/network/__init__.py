"""Partnership network: countries and organizations linked by frameworks.

The nodes' positions come from ``network.layout``, their labels' sides from ``network.labels``
and the key from ``network.legend``; this module draws the edges and the marks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components import filters, style
from components.data import Dataset
from components.filters import Filters
from components.i18n import DEFAULT, ENGLISH, N_, Translator
from components.views import base
from components.views.base import ZOOM_2D, Option, View, said
from components.views.network import labels as network_labels
from components.views.network import legend as network_legend
from components.views.network.legend import ORG_COLOR

HEIGHT = 520  # px, the figure and its placeholder (its key takes about a quarter)
MAX_EDGES = 400  # above this many edges in view, one line per pair, framework and status
BUNDLE_IDS = 50  # edge ids a bundled line carries for its click (the evidence table has all)


def framework_choices(ds: Dataset, lang: str = DEFAULT) -> list[tuple[str, str]]:
    """The frameworks the data uses, labelled in ``lang`` (the data's labels), in the
    vocabulary's order (the network's option)."""
    present = set(ds["partnerships"]["framework"])
    return [(k, label) for k, label in ds.labels("partnerships", "framework", lang).items() if k in present]


def all_frameworks(ds: Dataset) -> list[str]:
    return [key for key, _ in framework_choices(ds)]


def records(ctx, f: Filters, options) -> pd.DataFrame:
    """The partnerships a filter state keeps, in the frameworks the reader has ticked."""
    edges = filters.rows(ctx.ds, "partnerships", f)
    return edges[edges["framework"].isin(list(options["frameworks"]))]


def chart(ctx, df: pd.DataFrame, f: Filters, options, theme: str) -> go.Figure:
    return figure(
        df,
        positions=ctx.positions,
        names=ctx.names,
        groups=ctx.groups,
        selected=frozenset(f.countries),
        grades=ctx.grades,
        framework_labels=ctx.labels("partnerships", "framework"),
        status_labels=ctx.labels("partnerships", "status"),
        theme=theme,
        tr=ctx.tr,
    )


def _edge_ends(df: pd.DataFrame, positions) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """Edge end points, with parallel edges between the same pair drawn side by side."""
    out = {}
    pairs = [tuple(sorted(p)) for p in zip(df["from_id"], df["to_id"])]
    for _, edges in df.groupby(pd.Series(pairs, index=df.index), sort=False):
        n = len(edges)
        for i, (edge, a, b) in enumerate(zip(edges["edge_id"], edges["from_id"], edges["to_id"])):
            (x0, y0), (x1, y1) = positions.get(a, (0.0, 0.0)), positions.get(b, (0.0, 0.0))
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            shift = (i - (n - 1) / 2) * 0.022
            dx, dy = -(y1 - y0) / length * shift, (x1 - x0) / length * shift
            if a > b:  # same side whichever way the edge is written
                dx, dy = -dx, -dy
            out[edge] = ((x0 + dx, y0 + dy), (x1 + dx, y1 + dy))
    return out


def _bundled(df: pd.DataFrame, tr: Translator = ENGLISH) -> pd.DataFrame:
    """Parallel edges of the same pair, framework and status as one row each: the network
    at any data size draws at most pairs × frameworks × statuses lines. ``relation`` says
    how many partnerships a line stands for and names the first ones."""
    pair = pd.Series([" ".join(sorted(p)) for p in zip(df["from_id"], df["to_id"])], index=df.index)
    rows = []
    for _, group in df.groupby([pair, df["framework"], df["status"]], sort=True):
        first = group.iloc[0]
        relations = list(dict.fromkeys(group["relation"]))
        listed = "; ".join(relations[:3])
        if len(relations) > 3:
            listed += tr.n_("; … {n} more", "; … {n} more", len(relations) - 3)
        summary = tr.n_(
            "{n} partnership: {relations}", "{n} partnerships: {relations}", len(group), relations=listed
        )
        rows.append(
            {
                **first.to_dict(),
                "edge_id": ";".join(group["edge_id"].iloc[:BUNDLE_IDS]),
                "relation": summary if len(group) > 1 else first["relation"],
                "since": group["since"].min(),
                "grade": style.best_grade(group["grade"]),
            }
        )
    return pd.DataFrame(rows, columns=df.columns)


def figure(
    df: pd.DataFrame,
    *,
    positions: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    groups: Mapping[str, str],
    selected: frozenset[str] = frozenset(),
    grades: Mapping[str, str] | None = None,
    framework_labels: Mapping[str, str] | None = None,
    status_labels: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
    tr: Translator = ENGLISH,
) -> go.Figure:
    """Edges in view drawn over all nodes at fixed positions.

    Args:
        df: partnerships in view (already filtered by the global and framework filters).
        positions: node id → (x, y), from ``layout.positions`` on the full network.
        names: node id → display name.
        groups: iso3 → country group (organizations are absent).
        selected: actors in the country filter (highlighted).
        grades: evidence grade code → label, for hovers.
        framework_labels: framework → label, for the legend and hovers.
        status_labels: status → label, for the key and hovers (default: the status itself).
        theme: colour mode.
        tr: the reader's language, for every word that is not the data's.
    """
    if df.empty or not positions:
        return style.empty_figure(tr._("No partnerships match these filters."), theme, height=420)
    grades, labels, statuses = grades or {}, framework_labels or {}, status_labels or {}
    if len(df) > MAX_EDGES:
        df = _bundled(df, tr)
    in_view = set(df["from_id"]) | set(df["to_id"])
    ends = _edge_ends(df, positions)
    dashed_lines = df["status"].ne("active")
    nodes = sorted(positions)
    data = [
        *_line_traces(df, ends, dashed_lines, labels),
        _edge_target_trace(df, ends, _edge_hovers(df, names, labels, statuses, grades, tr)),
        _node_trace(df, nodes, positions, names, groups, selected, in_view, theme),
        *network_legend.entries(
            df, dashed_lines, nodes, in_view, groups, selected, labels, theme, status_labels=statuses, tr=tr
        ),
    ]
    return style.build_figure(data, _layout(positions, tr), theme)


def _line_traces(df: pd.DataFrame, ends, dashed_lines: pd.Series, labels: Mapping[str, str]) -> list[dict]:
    """The edges as lines, one trace per framework, status (solid or dashed) and evidence band:
    a trace has one line style, so each combination is its own trace. They carry no hover (the
    midpoints do) and no legend entry (the key names each kind of line at full strength)."""
    traces = []
    bands = df["grade"].map(style.band)
    for (framework, dashed, band), group in df.groupby(["framework", dashed_lines, bands], sort=True):
        xs, ys = [], []
        for edge in group["edge_id"]:
            (x0, y0), (x1, y1) = ends[edge]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {
                    "color": style.FRAMEWORK_COLORS.get(framework, style.MUTED),
                    "width": 2.5 if dashed else 1.6,
                    "dash": "dash" if dashed else "solid",
                },
                "opacity": style.GRADE_LINE_OPACITY[band],
                "name": labels.get(framework, framework),
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    return traces


def _edge_hovers(
    df: pd.DataFrame,
    names: Mapping[str, str],
    labels: Mapping[str, str],
    statuses: Mapping[str, str],
    grades: Mapping[str, str],
    tr: Translator,
) -> list[str]:
    """Each edge's hover: its two ends, what the partnership is, its framework, status and year,
    and its evidence grade."""
    return [
        f"<b>{style.wrap(names.get(a, a), 30, 1)} — {style.wrap(names.get(b, b), 30, 1)}</b>"
        f"<br>{style.wrap(r, 50, 2)}<br>{labels.get(f, f)} · {statuses.get(s, s)}"
        + (" · " + tr._("since {year}", year=int(y)) if pd.notna(y) else "")
        + "<br>"
        + tr._("Evidence: {grade}", grade=grades.get(g, g))
        for a, b, r, f, s, y, g in zip(
            df["from_id"],
            df["to_id"],
            df["relation"],
            df["framework"],
            df["status"],
            df["since"],
            df["grade"],
        )
    ]


def _edge_target_trace(df: pd.DataFrame, ends, hovers: list[str]) -> dict:
    """Invisible markers at the edges' midpoints: a line trace cannot take a hover or a click
    along its length, so these carry each edge's hover and its id for the evidence table."""
    mids = [tuple((p + q) / 2 for p, q in zip(*ends[e])) for e in df["edge_id"]]
    return {
        "type": "scatter",
        "x": [m[0] for m in mids],
        "y": [m[1] for m in mids],
        "mode": "markers",
        "marker": {"size": 10, "color": "rgba(0,0,0,0)"},
        "hovertext": hovers,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "customdata": [[e, "partnership"] for e in df["edge_id"]],
        "showlegend": False,
        "name": "edges",
    }


def _node_trace(
    df: pd.DataFrame,
    nodes: list[str],
    positions: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    groups: Mapping[str, str],
    selected: frozenset[str],
    in_view: set[str],
    theme: str,
) -> dict:
    """Every actor as a mark, so a filtered network keeps its shape: countries as circles in
    their group's colour, organizations as squares; the selected ones large and outlined, those
    with no partnership in view small and faded. Labels go only where they fit (``labels``)."""
    texts = {n: n if n in groups else names.get(n, n) for n in nodes}  # countries by ISO code
    sizes = {n: 20 if n in selected else 13 if n in in_view else 7 for n in nodes}
    solid = (in_view | set(selected)) & set(nodes)
    sides = network_labels.label_sides(
        network_labels.labelled(df, nodes, selected), texts, positions, sizes, selected, solid
    )
    return {
        "type": "scatter",
        "x": [positions[n][0] for n in nodes],
        "y": [positions[n][1] for n in nodes],
        "mode": "markers+text",
        "text": [texts[n] if n in sides else "" for n in nodes],
        "textposition": [sides.get(n, "top center") for n in nodes],
        "textfont": {"size": 10, "color": style.ink(theme)},
        "cliponaxis": False,
        "marker": {
            "size": [sizes[n] for n in nodes],
            "symbol": ["circle" if n in groups else "square" for n in nodes],
            "color": [
                style.GROUP_COLORS.get(groups[n], style.MUTED) if n in groups else ORG_COLOR for n in nodes
            ],
            "opacity": [1 if n in in_view else 0.25 for n in nodes],
            "line": {"width": [2.5 if n in selected else 0.8 for n in nodes], "color": style.ink(theme)},
        },
        "hovertext": [f"<b>{style.wrap(names.get(n, n), 40, 2)}</b> ({n})" for n in nodes],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "customdata": [[n, "actor"] for n in nodes],
        "showlegend": False,
        "name": "actors",
    }


def _layout(positions: Mapping[str, tuple[float, float]], tr: Translator) -> dict:
    """The figure's layout: hidden axes on one scale (a circle stays round) spanning every node,
    the lines' key below the plot, and the actors' key (``legend2``) hidden until an export
    shows it."""
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    pad = network_labels.LABEL_UNITS  # room for the marks at the edges (the margins hold the labels)
    return {
        "height": HEIGHT,
        "margin": {"l": 12, "r": 12, "t": 18, "b": 0},
        "legend": {
            "orientation": "h",
            "y": -0.02,
            "x": 0,
            "yanchor": "top",
            "traceorder": "normal",
            "font": {"size": 11},
            "itemclick": False,  # keys, not switches: the framework filter above picks the lines
            "itemdoubleclick": False,
        },
        "legend2": {
            "visible": False,
            "orientation": "h",
            "title": {"text": tr._("Countries and organizations"), "side": "top"},
            "font": {"size": 11},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        "hovermode": "closest",
        "clickmode": "event",
        "dragmode": "pan",
        "xaxis": {"visible": False, "range": [min(xs) - pad, max(xs) + pad]},
        "yaxis": {
            "visible": False,
            "range": [min(ys) - pad, max(ys) + pad],
            "scaleanchor": "x",
            "scaleratio": 1,
        },
    }


def describe(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``64 partnerships among 45 countries and organizations; largest frameworks: NATO
    membership (33), …``"""
    tr = base.translator(ctx)
    if df.empty:
        return tr._("No partnerships{scope} in view.", scope=base.scope(ctx, f))
    nodes = set(df["from_id"]) | set(df["to_id"])
    inactive = int((df["status"] != "active").sum())
    frameworks = ctx.labels("partnerships", "framework")
    text = tr._(
        "{partnerships}{scope} among {count} countries and organizations; largest frameworks: {frameworks}.",
        partnerships=tr.n_("{n} partnership", "{n} partnerships", len(df)),
        scope=base.scope(ctx, f),
        count=len(nodes),
        frameworks=base.top(tr, df["framework"].value_counts(), frameworks),
    )
    if inactive:
        dashed = tr.n_(
            "{n} link is proposed or blocked, drawn dashed.",
            "{n} links are proposed or blocked, drawn dashed.",
            inactive,
        )
        text = base.sentences(tr, text, dashed)
    return text


def evidence_rows(df: pd.DataFrame, ctx) -> dict:
    names = ctx.names
    pairs = list(zip(df["from_id"], df["to_id"]))
    return {
        "record_id": df["edge_id"],
        "date": [str(int(y)) if pd.notna(y) else "" for y in df["since"]],
        "title": [f"{names.get(a, a)} — {names.get(b, b)}: {r}" for (a, b), r in zip(pairs, df["relation"])],
        "actors": [base.actors(pair, ctx) for pair in pairs],
        "domains": base.domains(df["domains"], ctx),
    }


VIEW = View(
    order=2,
    name="network",
    short=N_("Network"),
    title=said(N_("The web of alliances and partnerships")),
    reading=said(
        N_(
            "Lines are partnerships coloured by framework; dashed lines are proposed or blocked. "
            "Selecting a country in the filter keeps only its neighbourhood."
        )
    ),
    description=N_("Network diagram of partnerships between countries and organizations."),
    describe=describe,
    modebar=ZOOM_2D,
    height=HEIGHT,
    records=records,
    chart=chart,
    evidence="partnerships",
    kind="partnership",
    kind_label=N_("Partnership"),
    rows=evidence_rows,
    counter=N_("partnerships"),
    option=Option("frameworks", "checklist", framework_choices, all_frameworks),
)
