"""Regional reactions: a diverging chart of stance by actor, grouped by topic."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go

from components import ids, style
from components.cards import card, graph

TOPIC_LABELS = {
    "tokyo_office": "Tokyo liaison office",
    "itpp": "The ITPP",
    "nato_indo_pacific": "NATO in the Indo-Pacific",
    "ip4_summits": "IP4 at NATO summits",
    "japan_nato_cooperation": "Japan–NATO cooperation",
}
HOVER_QUOTES = 5  # quotes in a bar's hover; the evidence table has them all


def layout() -> dbc.Col:
    return card(
        "reactions",
        "How the region reacts",
        "Each bar is an actor's average stance on a topic, from opposed (left, red) to supportive "
        "(right, blue); hover to read the quotes.",
        graph(
            ids.REACTIONS_GRAPH,
            "Diverging bar chart of stance scores by actor and topic.",
            height=636,
        ),
    )


def figure(df: pd.DataFrame, *, names: Mapping[str, str], theme: str = style.LIGHT) -> go.Figure:
    """Horizontal diverging bars: one per (topic, actor), mean stance score.

    Args:
        df: reactions in view.
        names: actor id → display name.
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No reactions match these filters.", theme, height=320)
    rows = []
    for (topic, actor), group in df.groupby(["topic", "actor_id"], sort=False):
        score = float(group["stance_score"].astype(float).mean())
        statements = list(zip(group["date"], group["quote"]))
        quotes = "<br>".join(f"{d}: “{style.wrap(q, 60, 4)}”" for d, q in statements[:HOVER_QUOTES])
        if len(statements) > HOVER_QUOTES:
            quotes += f"<br>… and {len(statements) - HOVER_QUOTES} more in the evidence table"
        rows.append(
            {
                "topic": TOPIC_LABELS.get(topic, topic),
                "actor": names.get(actor, actor),
                "score": score,
                "color": style.STANCE_SCALE[int(round(score))],
                "hover": f"<b>{style.wrap(names.get(actor, actor), 40, 1)}</b> on "
                f"{TOPIC_LABELS.get(topic, topic)}: {score:+.1f}<br>{quotes}",
                "ids": ";".join(group["reaction_id"]),
            }
        )
    bars = pd.DataFrame(rows)
    topic_order = [TOPIC_LABELS[t] for t in TOPIC_LABELS if TOPIC_LABELS[t] in set(bars["topic"])]
    topic_order += sorted(set(bars["topic"]) - set(topic_order))
    bars["topic_rank"] = bars["topic"].map({t: i for i, t in enumerate(topic_order)})
    bars = bars.sort_values(["topic_rank", "score"], ascending=[False, True])
    # bars of exactly zero still need to show: draw "mixed" as a small stub
    xs = [s if abs(s) > 0.05 else 0.08 for s in bars["score"]]
    bar = {
        "type": "bar",
        "x": xs,
        "y": [bars["topic"].tolist(), bars["actor"].tolist()],
        "orientation": "h",
        "marker": {"color": bars["color"].tolist(), "line": {"width": 0}},
        "hovertext": bars["hover"].tolist(),
        "hovertemplate": "%{hovertext}<extra></extra>",
        "customdata": [[i, "reaction"] for i in bars["ids"]],
        "name": "Stance",
    }
    zero_line = {
        "type": "line",
        "x0": 0,
        "x1": 0,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"width": 1, "color": style.MUTED},
    }
    layout = {
        "shapes": [zero_line],
        "xaxis": {
            "range": [-2.3, 2.3],
            "tickvals": [-2, -1, 0, 1, 2],
            "ticktext": ["Opposed", "Skeptical", "Mixed", "Supportive", "Strongly"],
            "fixedrange": True,
        },
        "yaxis": {"automargin": True, "fixedrange": True, "tickfont": {"size": 11}},
        "height": max(320, 60 + 24 * len(bars)),
        "margin": {"l": 10, "r": 10, "t": 10, "b": 30},
        "bargap": 0.25,
        "showlegend": False,
        "hoverlabel": {"align": "left"},
        "clickmode": "event",
    }
    return style.build_figure([bar], layout, theme)
