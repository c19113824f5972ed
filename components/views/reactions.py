"""Reactions: governments' and organizations' stances as diverging bars, other voices apart.

A state's or organization's stance comes only from its own statements (``position`` rows, see
``x-position-speaker-types`` in data/datapackage.json). Former officials, analysts and other
voices are drawn in a separate panel, labelled with who they are, and never averaged into a stance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components import labels, style
from components.data import Filters, query

HOVER_QUOTES = 5  # statements in a bar's hover; the evidence table has them all
ROW_PX = 24
HEIGHT = 712  # px, the placeholder's height (the default view's figure)


def records(ctx, f: Filters, options=None) -> pd.DataFrame:
    """The reactions a filter state keeps."""
    return query.reactions(ctx.ds, f)


def chart(ctx, df: pd.DataFrame, f: Filters, options, theme: str) -> go.Figure:
    return figure(
        df,
        names=ctx.names,
        topics=ctx.labels("reactions", "topic"),
        speaker_types=ctx.labels("reactions", "speaker_type"),
        publishers=ctx.publishers,
        grades=ctx.grades,
        theme=theme,
    )


@dataclass(frozen=True)
class _Words:
    """The lookups that turn codes into a reader's words."""

    names: Mapping[str, str]
    topics: Mapping[str, str]  # topic → label, in display order
    speaker_types: Mapping[str, str]
    publishers: Mapping[str, str]
    grades: Mapping[str, str]

    def speaker(self, row) -> str:
        """``Alessio Patalano (analyst)``: the speaker's short name and kind of voice."""
        return f"{row.speaker_label} ({self.speaker_types.get(row.speaker_type, row.speaker_type)})"

    def topic(self, topic: str) -> str:
        return self.topics.get(topic, topic)

    def statement(self, row) -> str:
        text = labels.hover_text(row.quote, row.quote_origin, self.publishers.get(row.source_id, ""), lines=3)
        grade = self.grades.get(row.grade, row.grade)
        return f"{row.date} · {style.wrap(row.speaker, 50, 1)}<br>{text}<br>Evidence: {grade}"


def _positions(df: pd.DataFrame, words: _Words) -> pd.DataFrame:
    rows = []
    for (topic, actor), group in df.groupby(["topic", "actor_id"], sort=False):
        score = float(group["stance_score"].astype(float).mean())
        statements = [words.statement(r) for r in group.itertuples()]
        listed = "<br>".join(statements[:HOVER_QUOTES])
        if len(statements) > HOVER_QUOTES:
            listed += f"<br>… and {len(statements) - HOVER_QUOTES} more in the evidence table"
        name = words.names.get(actor, actor)
        rows.append(
            {
                "topic": words.topic(topic),
                "label": name,
                "score": score,
                "color": style.STANCE_SCALE[int(round(score))],
                "grade": min(group["grade"]),  # the strongest evidence behind the bar
                "hover": f"<b>{style.wrap(name, 40, 1)}</b> on "
                f"{words.topic(topic)}: {score:+.1f} over {len(group)} statement(s)<br>{listed}",
                "ids": ";".join(group["reaction_id"]),
            }
        )
    return pd.DataFrame(rows)


def _voices(df: pd.DataFrame, words: _Words) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic": [words.topic(t) for t in df["topic"]],
            "label": [words.speaker(r) for r in df.itertuples()],
            "score": df["stance_score"].astype(float).tolist(),
            "color": [style.STANCE_SCALE[int(s)] for s in df["stance_score"]],
            "grade": df["grade"].tolist(),
            "hover": [
                f"<b>{style.wrap(words.speaker(r), 45, 1)}</b> on {words.topic(r.topic)}: "
                f"{int(r.stance_score):+d}<br>Not a government's stance"
                f"<br>{words.statement(r)}"
                for r in df.itertuples()
            ],
            "ids": df["reaction_id"].tolist(),
        }
    )


def _ordered(rows: pd.DataFrame, topics: Mapping[str, str]) -> pd.DataFrame:
    order = list(topics.values())
    order += sorted(set(rows["topic"]) - set(order))
    rank = rows["topic"].map({t: i for i, t in enumerate(order)})
    return rows.assign(_rank=rank).sort_values(["_rank", "score", "label"], ascending=[False, True, True])


def figure(
    df: pd.DataFrame,
    *,
    names: Mapping[str, str],
    topics: Mapping[str, str] | None = None,
    speaker_types: Mapping[str, str] | None = None,
    publishers: Mapping[str, str] | None = None,
    grades: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
) -> go.Figure:
    """Horizontal diverging bars of positions above a dot chart of other voices.

    Args:
        df: reactions in view (with ``position``, ``grade``, ``speaker`` columns).
        names: actor id → display name.
        topics: topic → label, in display order (top first).
        speaker_types: speaker type → label.
        publishers: source id → publisher, for "quoted in" labels.
        grades: evidence grade code → label.
        theme: colour mode.
    """
    if df.empty:
        return style.empty_figure("No reactions match these filters.", theme, height=320)
    words = _Words(names, topics or {}, speaker_types or {}, publishers or {}, grades or {})
    bars = _positions(df[df["position"]], words) if df["position"].any() else None
    dots = _voices(df[~df["position"]], words) if (~df["position"]).any() else None
    panels = [(k, _ordered(p, words.topics)) for k, p in (("bars", bars), ("dots", dots)) if p is not None]
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
