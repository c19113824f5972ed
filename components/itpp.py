"""The NATO–Japan ITPP's 16 areas, grouped by strategic objective."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from components import ids, style
from components.cards import card, graph

ROOT = "ITPP 2023–2026"
UNIDENTIFIED = "Not identified in the sources read"
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
    """Plain statement of how much of the programme the data can show, and why."""
    missing = total - identified
    text = f"{identified} of the {total} areas are identified in the sources this project could read"
    text += (
        f"; {missing} are not: NATO publishes the programme's full text, but its list of areas could not be"
        " retrieved here."
        if missing
        else "."
    )
    if shown != identified:
        text += f" {shown} match the current filters."
    return text


def figure(
    df: pd.DataFrame,
    *,
    total: int,
    identified: int,
    grades: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
) -> go.Figure:
    """Treemap: programme → objective → area, with a grey block for unidentified areas.

    Args:
        df: ITPP areas in view.
        total: the sourced number of areas in the programme (16).
        identified: number of areas recorded in the data (before filtering).
        grades: evidence grade code → label, for hovers.
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No ITPP areas match these filters.", theme, height=380)
    grades = grades or {}
    ids_, labels, parents, values, colors, hovers, custom, patterns = [], [], [], [], [], [], [], []

    def add(node_id, label, parent, value, color, hover, data, grade=None):
        ids_.append(node_id)
        labels.append(label)
        parents.append(parent)
        values.append(value)
        band = style.band(grade) if grade else "strong"
        colors.append(style.faded(color, style.GRADE_OPACITY[band]))
        hovers.append(hover)
        custom.append(data)
        patterns.append("/" if band == "weak" else "")

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
                f"<br>confidence that it is one of the {total}: {r.confidence}"
                f"<br>Evidence: {grades.get(r.grade, r.grade)}",
                (r.area_id, "itpp"),
                r.grade,
            )
    if unidentified:
        add(
            "unidentified",
            f"{UNIDENTIFIED} ({unidentified})",
            ROOT,
            unidentified,
            style.MUTED,
            "Areas counted in the programme's total but not named in any source this project could read",
            ("", "unidentified"),
        )
    treemap = {
        "type": "treemap",
        "ids": ids_,
        "labels": labels,
        "parents": parents,
        "values": values,
        "branchvalues": "total",
        "marker": {
            "colors": colors,
            "line": {"width": 1.5, "color": "rgba(255,255,255,0.6)"},
            "pattern": {"shape": patterns, "fillmode": "overlay", "solidity": 0.3},
        },
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
    key = {
        "text": "Faded tiles: evidence grade C; hatched: D–E.",
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": -4,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 11, "color": style.MUTED},
    }
    return style.build_figure(
        [treemap],
        {"height": HEIGHT, "margin": {"l": 0, "r": 0, "t": 0, "b": 22}, "annotations": [key]},
        theme,
    )
