"""Reactions: governments' and organizations' stances as diverging bars, other voices apart.

A state's or organization's stance comes only from its own statements (``position`` rows,
see data/reactions.meta.yaml). Former officials, analysts and other voices are drawn in a
separate panel, labelled with who they are, and never averaged into a stance.
"""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go

from components import ids, labels, style
from components.cards import card, graph

TOPIC_LABELS = {
    "tokyo_office": "Tokyo liaison office",
    "itpp": "The ITPP",
    "nato_indo_pacific": "NATO in the Indo-Pacific",
    "ip4_summits": "IP4 at NATO summits",
    "japan_nato_cooperation": "Japan–NATO cooperation",
}
SPEAKER_TYPE_LABELS = {
    "government": "government",
    "organization": "organization",
    "former_official": "former official",
    "legislator": "legislator",
    "state_media": "state media",
    "analyst": "analyst",
}
HOVER_QUOTES = 5  # statements in a bar's hover; the evidence table has them all
ROW_PX = 24
HEIGHT = 712  # px, the placeholder's height (the default view's figure)


def layout() -> dbc.Col:
    return card(
        "reactions",
        "How the region reacts",
        "Bars: each government's or organization's average stance on a topic, from its own statements, "
        "from opposed (left, red) to supportive (right, blue). Dots below: other voices, such as analysts "
        "and former officials, which never count as a state's stance. Hover to read the statements.",
        graph(
            ids.REACTIONS_GRAPH,
            "Diverging bar chart of stance scores by actor and topic, and a dot chart of other voices.",
            height=HEIGHT,
        ),
        wide=True,
    )


def _speaker(row) -> str:
    """``Alessio Patalano (analyst)``: the speaker's short name and kind of voice."""
    return f"{row.speaker_label} ({SPEAKER_TYPE_LABELS.get(row.speaker_type, row.speaker_type)})"


def _statement(row, publishers: Mapping[str, str], grades: Mapping[str, str]) -> str:
    text = labels.hover_text(row.quote, row.quote_origin, publishers.get(row.source_id, ""), lines=3)
    grade = grades.get(row.grade, row.grade)
    return f"{row.date} · {style.wrap(row.speaker, 50, 1)}<br>{text}<br>Evidence: {grade}"


def _positions(df, names, publishers, grades) -> pd.DataFrame:
    rows = []
    for (topic, actor), group in df.groupby(["topic", "actor_id"], sort=False):
        score = float(group["stance_score"].astype(float).mean())
        statements = [_statement(r, publishers, grades) for r in group.itertuples()]
        listed = "<br>".join(statements[:HOVER_QUOTES])
        if len(statements) > HOVER_QUOTES:
            listed += f"<br>… and {len(statements) - HOVER_QUOTES} more in the evidence table"
        rows.append(
            {
                "topic": TOPIC_LABELS.get(topic, topic),
                "label": names.get(actor, actor),
                "score": score,
                "color": style.STANCE_SCALE[int(round(score))],
                "grade": min(group["grade"]),  # the strongest evidence behind the bar
                "hover": f"<b>{style.wrap(names.get(actor, actor), 40, 1)}</b> on "
                f"{TOPIC_LABELS.get(topic, topic)}: {score:+.1f} over {len(group)} statement(s)<br>{listed}",
                "ids": ";".join(group["reaction_id"]),
            }
        )
    return pd.DataFrame(rows)


def _voices(df, publishers, grades) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic": [TOPIC_LABELS.get(t, t) for t in df["topic"]],
            "label": [_speaker(r) for r in df.itertuples()],
            "score": df["stance_score"].astype(float).tolist(),
            "color": [style.STANCE_SCALE[int(s)] for s in df["stance_score"]],
            "grade": df["grade"].tolist(),
            "hover": [
                f"<b>{style.wrap(_speaker(r), 45, 1)}</b> on {TOPIC_LABELS.get(r.topic, r.topic)}: "
                f"{int(r.stance_score):+d}<br>Not a government's stance"
                f"<br>{_statement(r, publishers, grades)}"
                for r in df.itertuples()
            ],
            "ids": df["reaction_id"].tolist(),
        }
    )


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    order = [TOPIC_LABELS[t] for t in TOPIC_LABELS]
    order += sorted(set(rows["topic"]) - set(order))
    rank = rows["topic"].map({t: i for i, t in enumerate(order)})
    return rows.assign(_rank=rank).sort_values(["_rank", "score", "label"], ascending=[False, True, True])


def figure(
    df: pd.DataFrame,
    *,
    names: Mapping[str, str],
    publishers: Mapping[str, str] | None = None,
    grades: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
) -> go.Figure:
    """Horizontal diverging bars of positions above a dot chart of other voices.

    Args:
        df: reactions in view (with ``position``, ``grade``, ``speaker`` columns).
        names: actor id → display name.
        publishers: source id → publisher, for "quoted in" labels.
        grades: evidence grade code → label.
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No reactions match these filters.", theme, height=320)
    publishers, grades = publishers or {}, grades or {}
    bars = _positions(df[df["position"]], names, publishers, grades) if df["position"].any() else None
    dots = _voices(df[~df["position"]], publishers, grades) if (~df["position"]).any() else None
    panels = [(k, _ordered(p)) for k, p in (("bars", bars), ("dots", dots)) if p is not None]
    total = sum(len(p) for _, p in panels)
    # one plot row per bar or dot, plus room for each panel's title
    spacing = 70
    height = max(320, 90 + ROW_PX * total + spacing * (len(panels) - 1))
    plot_px = height - 90 - spacing * (len(panels) - 1)
    data, layout_axes, annotations = [], {}, []
    top = 1.0
    for i, (kind, rows) in enumerate(panels):
        n = "" if i == 0 else str(i + 1)
        share = ROW_PX * len(rows) / max(plot_px, 1)
        bottom = max(top - share, 0.0)
        xs = [s if abs(s) > 0.05 or kind == "dots" else 0.08 for s in rows["score"]]  # a 0 bar still shows
        bands = [style.band(g) for g in rows["grade"]]
        # bars group by topic on the axis; dots carry their own text (speaker and topic), so the
        # long labels need no axis margin and the plot keeps its width on a phone
        y = (
            [rows["topic"].tolist(), rows["label"].tolist()]
            if kind == "bars"
            else [f"{label} · {topic}" for label, topic in zip(rows["label"], rows["topic"])]
        )
        trace = {
            "xaxis": f"x{n}",
            "yaxis": f"y{n}",
            "x": xs,
            "y": y,
            "hovertext": rows["hover"].tolist(),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "customdata": [[i_, "reaction"] for i_ in rows["ids"]],
            "showlegend": False,
        }
        if kind == "bars":
            trace |= {
                "type": "bar",
                "orientation": "h",
                "name": "Stance",
                "marker": {
                    "color": rows["color"].tolist(),
                    "opacity": [style.GRADE_OPACITY[b] for b in bands],
                    "line": {"width": [1.5 if b == "weak" else 0 for b in bands], "color": style.ink(theme)},
                    "pattern": {"shape": ["/" if b == "weak" else "" for b in bands], "fillmode": "overlay"},
                },
            }
        else:
            trace |= {
                "type": "scatter",
                "mode": "markers+text",
                "text": [f"{label} · {topic}" for label, topic in zip(rows["label"], rows["topic"])],
                "textposition": ["middle left" if s > 0 else "middle right" for s in rows["score"]],
                "textfont": {"size": 11},
                "cliponaxis": False,
                "name": "Other voices",
                "marker": {
                    "color": rows["color"].tolist(),
                    "size": 12,
                    "symbol": [style.hollow("circle", g) for g in rows["grade"]],
                    "opacity": [style.GRADE_OPACITY[b] for b in bands],
                    "line": {"width": 1, "color": style.ink(theme)},
                },
            }
        data.append(trace)
        layout_axes[f"xaxis{n}"] = {
            "anchor": f"y{n}",
            "domain": [0, 1],
            "range": [-2.3, 2.3],
            "tickvals": list(style.STANCE_TICKS),
            "ticktext": list(style.STANCE_TICKS.values()),
            "fixedrange": True,
            "zeroline": True,
            "zerolinecolor": style.MUTED,
        }
        layout_axes[f"yaxis{n}"] = {
            "anchor": f"x{n}",
            "domain": [bottom, top],
            "automargin": True,
            "fixedrange": True,
            "tickfont": {"size": 11},
            "showticklabels": kind == "bars",
        }
        title = "Governments and organizations" if kind == "bars" else "Other voices (not a state's stance)"
        annotations.append(
            {
                "text": f"<b>{title}</b>",
                "xref": "paper",
                "yref": "paper",
                "x": 1,
                "y": top,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
        top = bottom - spacing / max(plot_px, 1)
    data += style.grade_legend()
    layout = {
        **layout_axes,
        "annotations": annotations,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 24, "b": 10},
        "bargap": 0.25,
        "legend": style.foot_legend(),
        "hoverlabel": {"align": "left"},
        "clickmode": "event",
    }
    return style.build_figure(data, layout, theme)
