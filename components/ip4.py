"""The IP4: summit attendance 2022–2024 and each partner's programme with NATO."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components import ids, style
from components.cards import card, graph

SUMMITS = ("Madrid 2022", "Vilnius 2023", "Washington 2024")


HEIGHT = 600  # px, the figure and its placeholder


def layout() -> dbc.Col:
    return card(
        "ip4",
        "The Indo-Pacific Four at NATO",
        "Who represented Japan, South Korea, Australia and New Zealand at the last three summits, "
        "and when each agreed its programme with NATO.",
        graph(
            ids.IP4_GRAPH,
            "Top: attendance matrix of the four partners at three summits. Bottom: programme dates.",
            height=HEIGHT,
        ),
    )


def _short(leader: str) -> str:
    """Leader name without the parenthesised role, on two lines, for cell labels."""
    first, _, rest = str(leader).split("(")[0].strip().partition(" ")
    return style.wrap(first, 20, 1) + ("<br>" + style.wrap(rest, 20, 1) if rest else "")


def figure(df: pd.DataFrame, *, names: Mapping[str, str], theme: str = style.LIGHT) -> go.Figure:
    """Attendance matrix above a shared-axis programme timeline.

    Args:
        df: ``ip4.csv`` rows in view (summit and programme records).
        names: iso3 → country name.
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No IP4 records match these filters.", theme, height=420)
    partners = [p for p in ("JPN", "KOR", "AUS", "NZL") if p in set(df["iso3"])] + sorted(
        set(df["iso3"]) - {"JPN", "KOR", "AUS", "NZL"}
    )
    labels = {p: names.get(p, p) for p in partners}
    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=[0.58, 0.42],
        vertical_spacing=0.16,
        subplot_titles=("Summit attendance", "Partnership programmes"),
    )
    summits = df[df["record_type"] == "summit"]
    for attended, group in summits.groupby(summits["attended"].fillna(False).astype(bool)):
        fig.add_trace(
            go.Scatter(
                x=group["summit"],
                y=[labels[p] for p in group["iso3"]],
                mode="markers+text",
                cliponaxis=False,
                text=[_short(leader) if attended else "absent" for leader in group["leader"]],
                textposition="bottom center",
                textfont={"size": 11},
                marker={
                    "symbol": "star" if attended else "star-open",
                    "size": 16,
                    "color": style.HIGHLIGHT if attended else style.MUTED,
                },
                name="Attended" if attended else "Not represented",
                hovertext=[
                    f"<b>{style.wrap(labels[p], 30, 1)}</b> at {s}<br>{style.wrap(leader, 45, 3)}"
                    for p, s, leader in zip(group["iso3"], group["summit"], group["leader"])
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                customdata=[(r, "ip4") for r in group["record_id"]],
            ),
            row=1,
            col=1,
        )
    programmes = df[df["record_type"] == "programme"]
    dated = programmes[programmes["agreed"].fillna("") != ""]
    undated = programmes[programmes["agreed"].fillna("") == ""]
    if not dated.empty:
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(dated["agreed"], format="mixed"),
                y=[labels[p] for p in dated["iso3"]],
                mode="markers+text",
                cliponaxis=False,
                text=[_doc_label(d, a) for d, a in zip(dated["partnership_document"], dated["agreed"])],
                textposition=_alternating(dated),
                textfont={"size": 10},
                marker={
                    "symbol": "square",
                    "size": 11,
                    "color": [
                        style.FRAMEWORK_COLORS["ip4_itpp"] if "ITPP" in d else style.FRAMEWORK_COLORS["nato"]
                        for d in dated["partnership_document"]
                    ],
                },
                name="Programme agreed",
                hovertext=[
                    f"<b>{style.wrap(labels[p], 30, 1)}</b>: {style.wrap(d, 40, 2)}<br>agreed {a}"
                    for p, d, a in zip(dated["iso3"], dated["partnership_document"], dated["agreed"])
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                customdata=[(r, "ip4") for r in dated["record_id"]],
            ),
            row=2,
            col=1,
        )
    if not undated.empty:
        fig.add_trace(
            go.Scatter(
                x=[pd.Timestamp("2024-12-31")] * len(undated),
                y=[labels[p] for p in undated["iso3"]],
                mode="markers+text",
                cliponaxis=False,
                text=[f"{_doc_label(d, '')}: no date" for d in undated["partnership_document"]],
                textposition="middle left",
                textfont={"size": 10, "color": style.MUTED},
                marker={"symbol": "square-open", "size": 11, "color": style.MUTED},
                name="Date not found",
                hovertext=[
                    f"<b>{style.wrap(labels[p], 30, 1)}</b>: {style.wrap(d, 40, 2)}<br>no sourced date"
                    for p, d in zip(undated["iso3"], undated["partnership_document"])
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                customdata=[(r, "ip4") for r in undated["record_id"]],
            ),
            row=2,
            col=1,
        )
    order = [labels[p] for p in partners][::-1]
    # extra room under each panel's last row for its two-line labels
    for row, bottom in ((1, -1.0), (2, -0.6)):
        fig.update_yaxes(
            categoryorder="array",
            categoryarray=order,
            range=[bottom, len(order) - 0.4],
            automargin=True,
            row=row,
            col=1,
        )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=list(SUMMITS),
        type="category",
        range=[-0.6, len(SUMMITS) - 0.4],
        row=1,
        col=1,
    )
    fig.update_xaxes(type="date", row=2, col=1)
    fig.update_layout(
        template=style.template(theme),
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=False,
        hovermode="closest",
        clickmode="event",
    )
    return fig


def _alternating(df: pd.DataFrame) -> list[str]:
    """Labels above and below in turn along each partner's row, so neighbours don't collide."""
    order = df.assign(_x=pd.to_datetime(df["agreed"], format="mixed")).sort_values("_x")
    rank = order.groupby("iso3").cumcount()
    return ["top center" if rank[i] % 2 == 0 else "bottom center" for i in df.index]


ABBREVIATIONS = {"Joint Political Declaration": "JPD"}


def _doc_label(document: str, agreed: str) -> str:
    """Short marker label: the programme's acronym (the axis gives the year)."""
    name = str(document).split("(")[0].strip()
    return style.wrap(ABBREVIATIONS.get(name, name), 14, 1)
