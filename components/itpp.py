"""The NATO–Japan ITPP's 16 areas, grouped by strategic objective."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from components import ids, style
from components.cards import card, graph

ROOT = "ITPP 2023–2026"
UNIDENTIFIED = "Not publicly identified"
IPCP_LABELS = {
    "true": "already an IPCP priority",
    "false": "new in the ITPP",
    "unknown": "IPCP status unknown",
}


HEIGHT = 380  # px, the figure and its placeholder


def layout() -> dbc.Col:
    body = [
        graph(
            ids.ITPP_GRAPH,
            "Treemap of the ITPP areas of cooperation grouped by strategic objective.",
            height=HEIGHT,
        ),
        html.P(id=ids.ITPP_NOTE, className="itpp-note small"),
    ]
    return card(
        "itpp",
        "The ITPP's 16 areas of cooperation",
        "Areas of the NATO–Japan programme agreed in Vilnius (2023–2026), by strategic objective. "
        "Click an area to filter every view by its domains.",
        body,
    )


def note(shown: int, identified: int, total: int) -> str:
    """Plain statement of how much of the programme the data can show."""
    missing = total - identified
    text = f"{identified} of the {total} areas are identified by public sources"
    text += (
        f"; {missing} are not publicly identified (the official list could not be read)." if missing else "."
    )
    if shown != identified:
        text += f" {shown} match the current filters."
    return text


def figure(df: pd.DataFrame, *, total: int, identified: int, theme: str = style.LIGHT) -> go.Figure:
    """Treemap: programme → objective → area, with a grey block for unidentified areas.

    Args:
        df: ITPP areas in view.
        total: the sourced number of areas in the programme (16).
        identified: number of areas recorded in the data (before filtering).
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No ITPP areas match these filters.", theme, height=380)
    ids_, labels, parents, values, colors, hovers, custom = [], [], [], [], [], [], []

    def add(node_id, label, parent, value, color, hover, data):
        ids_.append(node_id)
        labels.append(label)
        parents.append(parent)
        values.append(value)
        colors.append(color)
        hovers.append(hover)
        custom.append(data)

    unidentified = max(total - identified, 0)
    add(
        ROOT,
        ROOT,
        "",
        len(df) + unidentified,
        "rgba(0,0,0,0)",
        f"{total} areas in the programme",
        ("", "root"),
    )
    for objective in style.OBJECTIVE_LABELS:
        rows = df[df["objective"] == objective]
        if rows.empty:
            continue
        label = style.wrap(style.OBJECTIVE_LABELS[objective], 28, 2)
        node = f"objective:{objective}"
        add(
            node,
            label,
            ROOT,
            len(rows),
            style.OBJECTIVE_COLORS[objective],
            f"{len(rows)} area(s)",
            ("", "objective"),
        )
        for r in rows.itertuples():
            marker = " ✓" if r.in_ipcp == "true" else ""
            add(
                f"area:{r.area_id}",
                style.wrap(r.name, 16, 4) + marker,
                node,
                1,
                style.OBJECTIVE_COLORS[objective],
                f"{style.wrap(r.name, 40, 2)}<br>{IPCP_LABELS.get(r.in_ipcp, r.in_ipcp)}"
                f" · horizon: {style.wrap(r.horizon, 30, 1)}<br>objective mapping: {r.objective_basis}"
                f"<br>confidence: {r.confidence}",
                (r.area_id, "itpp"),
            )
    if unidentified:
        add(
            "unidentified",
            f"{UNIDENTIFIED} ({unidentified})",
            ROOT,
            unidentified,
            style.MUTED,
            "Areas counted in the programme's total but not named by any public source we could read",
            ("", "unidentified"),
        )
    treemap = {
        "type": "treemap",
        "ids": ids_,
        "labels": labels,
        "parents": parents,
        "values": values,
        "branchvalues": "total",
        "marker": {"colors": colors, "line": {"width": 1.5, "color": "rgba(255,255,255,0.6)"}},
        "hovertext": hovers,
        "hovertemplate": "<b>%{label}</b><br>%{hovertext}<extra></extra>",
        "customdata": [list(c) for c in custom],
        "textinfo": "label",
        "textfont": {"size": 12},
        "maxdepth": 3,
        "tiling": {"pad": 2},
        "pathbar": {"visible": False},
        "sort": False,
    }
    return style.build_figure(
        [treemap], {"height": HEIGHT, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}}, theme
    )
