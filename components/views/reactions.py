"""Reactions: governments' and organizations' stances as diverging bars, other voices apart.

A state's or organization's stance comes only from its own statements (``position`` rows, see
``x-position-speaker-types`` in data/datapackage.json). Former officials, analysts and other
voices are drawn in a separate panel, labelled with who they are, and never averaged into a stance.

A country filter keeps the reactions by a selected actor and those about it (``about``: a
reaction to its cooperation, see ``filters.rows``). The chart then splits each panel in two,
"By Japan" and "About Japan's cooperation", so a reader sees which is which; with no filter the
panels are as before. Every hover says who reacted and what about.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from components import filters, style
from components.filters import Filters
from components.i18n import ENGLISH, N_, Translator
from components.views import base
from components.views.base import View, said
from components.views.reactions_rows import Words, ordered, positions, voices

ROW_PX = 24
HEIGHT = 712  # px, the placeholder's height (the default view's figure)
TITLE_LINE_PX = 16  # a panel title's line
Panel = tuple[str, list[str], pd.DataFrame]  # "bars" or "dots", its title's lines, its rows


def records(ctx, f: Filters, options=None) -> pd.DataFrame:
    """The reactions a filter state keeps."""
    return filters.rows(ctx.ds, "reactions", f)


def chart(ctx, df: pd.DataFrame, f: Filters, options, theme: str) -> go.Figure:
    return figure(
        df,
        names=ctx.names,
        topics=ctx.labels("reactions", "topic"),
        speaker_types=ctx.labels("reactions", "speaker_type"),
        publishers=ctx.publishers,
        grades=ctx.grades,
        selected=f.countries,
        theme=theme,
        tr=ctx.tr,
    )


def _gap(title_lines: int) -> int:
    """px between two panels: the upper one's tick labels, then the lower one's title. A title
    of several lines (a country filter's) also clears the labels a phone turns upright."""
    return 70 if title_lines == 1 else 100 + TITLE_LINE_PX * title_lines


def figure(
    df: pd.DataFrame,
    *,
    names: Mapping[str, str],
    topics: Mapping[str, str] | None = None,
    speaker_types: Mapping[str, str] | None = None,
    publishers: Mapping[str, str] | None = None,
    grades: Mapping[str, str] | None = None,
    selected: Sequence[str] = (),
    theme: str = style.LIGHT,
    tr: Translator = ENGLISH,
) -> go.Figure:
    """Horizontal diverging bars of positions above a dot chart of other voices.

    Args:
        df: reactions in view (with ``position``, ``grade``, ``speaker``, ``about`` columns).
        names: actor id → display name.
        topics: topic → label, in display order (top first).
        speaker_types: speaker type → label.
        publishers: source id → publisher, for "quoted in" labels.
        grades: evidence grade code → label.
        selected: the country filter: each panel splits into the reactions by a selected actor
            and those about one (``filters.reaction_relations``); empty: no split.
        theme: colour mode.
        tr: the reader's language, for every word that is not the data's.
    """
    selected = tuple(selected)
    words = Words(names, topics or {}, speaker_types or {}, publishers or {}, grades or {}, selected, tr)
    if df.empty:
        return _empty(words, theme)
    panels = _panels(df, words)
    domains, height = _domains(panels)
    data, axes, annotations = [], {}, []
    for i, ((kind, title, rows), (bottom, top)) in enumerate(zip(panels, domains)):
        n = "" if i == 0 else str(i + 1)
        data.append(_trace(kind, rows, n, theme, tr))
        axes |= _axes(kind, n, bottom, top, tr)
        annotations.append(_panel_title(title, top))
    data += style.grade_legend(tr=tr)
    return style.build_figure(data, _layout(axes, annotations, height, _title_extra(panels[0][1])), theme)


def _empty(words: Words, theme: str) -> go.Figure:
    """The blank chart when no reaction is in view, naming the country filter if there is one."""
    tr = words.tr
    message = (
        tr._("No reactions by or about {actors} match these filters.", actors=html.escape(words.selection()))
        if words.selected
        else tr._("No reactions match these filters.")
    )
    return style.empty_figure(message, theme, height=320)


def _panels(df: pd.DataFrame, words: Words) -> list[Panel]:
    """Positions (bars) above other voices (dots); with a country filter each splits into the
    reactions by a selected actor and those about one. A panel with no rows is left out."""
    relations = filters.reaction_relations(df, words.selected)
    panels = []
    for kind, build, rows in (("bars", positions, df["position"]), ("dots", voices, ~df["position"])):
        for relation in (filters.BY, filters.ABOUT) if words.selected else ("",):
            part = df[rows & (relations == relation)]
            if not part.empty:
                panels.append((kind, words.title(kind, relation), ordered(build(part, words), words.topics)))
    return panels


def _title_extra(title: list[str]) -> int:
    """px a panel title needs above its first line."""
    return TITLE_LINE_PX * (len(title) - 1)


def _domains(panels: list[Panel]) -> tuple[list[tuple[float, float]], int]:
    """Each panel's vertical domain (bottom, top) and the figure's height: one plot row per bar
    or dot, a gap between panels for the axis above and the title below, room for the first
    title above the plot."""
    total = sum(len(rows) for _, _, rows in panels)
    spacings = [_gap(len(title)) for _, title, _ in panels[1:]]
    plot_px = ROW_PX * total + sum(spacings)  # the panels and the gaps between them: domain 0…1
    height = max(320, 90 + _title_extra(panels[0][1]) + plot_px)
    domains = []
    top = 1.0
    for i, (_, _, rows) in enumerate(panels):
        if i:
            top -= spacings[i - 1] / max(plot_px, 1)
        bottom = max(top - ROW_PX * len(rows) / max(plot_px, 1), 0.0)
        domains.append((bottom, top))
        top = bottom
    return domains, height


def _trace(kind: str, rows: pd.DataFrame, n: str, theme: str, tr: Translator) -> dict:
    """One panel's trace on axes ``x{n}``/``y{n}``: what every panel shares (position, hover,
    the click's record id), then the bar's or the dot's own look."""
    xs = [s if abs(s) > 0.05 or kind == "dots" else 0.08 for s in rows["score"]]  # a 0 bar still shows
    bands = [style.band(g) for g in rows["grade"]]
    trace = {
        "xaxis": f"x{n}",
        "yaxis": f"y{n}",
        "x": xs,
        "y": _y(kind, rows),
        "hovertext": rows["hover"].tolist(),
        "hovertemplate": "%{hovertext}<extra></extra>",
        "customdata": [[i, "reaction"] for i in rows["ids"]],
        "showlegend": False,
    }
    return trace | (_bars(rows, bands, theme, tr) if kind == "bars" else _dots(rows, bands, theme, tr))


def _y(kind: str, rows: pd.DataFrame) -> list:
    """Bars group by topic on the axis; dots carry their own text (speaker and topic), so the
    long labels need no axis margin and the plot keeps its width on a phone."""
    if kind == "bars":
        # a topic on lines of about 14 columns (7 Japanese characters), as many lines as it
        # has rows: the axis margin stays narrow enough to leave the bars room on a phone
        return [[_topic_label(t, rows["topic"]) for t in rows["topic"]], rows["label"].tolist()]
    return _dot_labels(rows)


def _dot_labels(rows: pd.DataFrame) -> list[str]:
    """``speaker · topic``, a dot's label."""
    return [f"{label} · {topic}" for label, topic in zip(rows["label"], rows["topic"])]


def _bars(rows: pd.DataFrame, bands: list[str], theme: str, tr: Translator) -> dict:
    """A stance bar's look: its colour, faded and hatched as its evidence is weaker."""
    return {
        "type": "bar",
        "orientation": "h",
        "name": tr._("Stance"),
        "marker": {
            "color": rows["color"].tolist(),
            "opacity": [style.GRADE_OPACITY[b] for b in bands],
            "line": {"width": [1.5 if b == "weak" else 0 for b in bands], "color": style.ink(theme)},
            "pattern": {"shape": ["/" if b == "weak" else "" for b in bands], "fillmode": "overlay"},
        },
    }


def _dots(rows: pd.DataFrame, bands: list[str], theme: str, tr: Translator) -> dict:
    """Another voice's dot: labelled on the side away from the centre, hollow and faded as its
    evidence is weaker."""
    return {
        "type": "scatter",
        "mode": "markers+text",
        "text": _dot_labels(rows),
        "textposition": ["middle left" if s >= 0 else "middle right" for s in rows["score"]],
        "textfont": {"size": 11},
        "cliponaxis": False,
        "name": tr._("Other voices"),
        "marker": {
            "color": rows["color"].tolist(),
            "size": 12,
            "symbol": [style.hollow("circle", g) for g in rows["grade"]],
            "opacity": [style.GRADE_OPACITY[b] for b in bands],
            "line": {"width": 1, "color": style.ink(theme)},
        },
    }


def _axes(kind: str, n: str, bottom: float, top: float, tr: Translator) -> dict:
    """A panel's two axes: the stance scale across, the rows down (labelled for bars only)."""
    return {
        f"xaxis{n}": {
            "anchor": f"y{n}",
            "domain": [0, 1],
            "range": [-2.3, 2.3],
            "tickvals": list(style.STANCE_TICKS),
            "ticktext": list(style.stance_ticks(tr).values()),
            "fixedrange": True,
            "zeroline": True,
            "zerolinecolor": style.MUTED,
        },
        f"yaxis{n}": {
            "anchor": f"x{n}",
            "domain": [bottom, top],
            "automargin": True,
            "fixedrange": True,
            "tickfont": {"size": 11},
            "showticklabels": kind == "bars",
        },
    }


def _panel_title(title: list[str], top: float) -> dict:
    """A panel's title, right-aligned just above it."""
    return {
        "text": "<br>".join(title),
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": top,
        "xanchor": "right",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 12},
        **({"align": "right"} if len(title) > 1 else {}),
    }


def _layout(axes: dict, annotations: list[dict], height: int, title_extra: int) -> dict:
    """The figure's layout: the panels' axes and titles, the grade key below."""
    return {
        **axes,
        "annotations": annotations,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 24 + title_extra, "b": 10},
        "bargap": 0.25,
        "legend": style.foot_legend(),
        "hoverlabel": {"align": "left"},
        "clickmode": "event",
    }


def _topic_label(topic: str, topics: pd.Series) -> str:
    """A topic's label beside its bars: wrapped onto no more lines than it has rows."""
    rows = int((topics == topic).sum())
    return style.wrap(topic, 14, min(rows, 3)) if rows > 1 else topic


def describe(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """How many statements, how many are governments' or organizations' own, their stances."""
    tr = base.translator(ctx)
    scope = base.scope(ctx, f, countries="by or about", domains=False)  # reactions have no domain
    if df.empty:
        return tr._("No reactions{scope} in the years chosen.", scope=scope)
    own = df[df["position"]]
    stances = own["stance"].value_counts().sort_values(ascending=False, kind="stable")
    said = tr.n_("{n} statement", "{n} statements", len(df)) + scope
    if own.empty:
        return tr._(
            "{statements}, all from other voices, none by a government or an organization.", statements=said
        )
    counted = tr.join(
        tr._("{count} {stance}", count=v, stance=tr._(STANCES.get(k, k))) for k, v in stances.items()
    )
    text = tr._(
        "{statements}: {own} by governments and organizations ({stances}), {others} from other voices.",
        statements=said,
        own=len(own),
        stances=counted,
        others=len(df) - len(own),
    )
    by_actor = own.groupby("actor_id")["stance_score"].mean()
    if len(by_actor):
        low, high = by_actor.min(), by_actor.max()
        if low < 0:
            text = base.sentences(
                tr,
                text,
                tr._("Most opposed: {actors}.", actors=base.names(ctx, by_actor[by_actor == low].index)),
            )
        if high > 0:
            text = base.sentences(
                tr,
                text,
                tr._("Most supportive: {actors}.", actors=base.names(ctx, by_actor[by_actor == high].index)),
            )
    return text


def evidence_rows(df: pd.DataFrame, ctx) -> dict:
    def actors(actor, speaker, about) -> str:
        who = "; ".join(p for p in (ctx.names.get(actor, actor), speaker) if p)
        return ctx._("{actor} (about {actors})", actor=who, actors=base.actors(about, ctx)) if about else who

    return {
        "record_id": df["reaction_id"],
        "date": df["date"],
        "title": df["summary"],
        # the speaker as the data describes them; a Japanese reader gets the Japanese short name
        "actors": [
            actors(a, s, about)
            for a, s, about in zip(
                df["actor_id"], df["speaker_label" if ctx.lang == "ja" else "speaker"], df["about"]
            )
        ],
    }


STANCES = {  # ``reactions.stance`` (an unlabelled enum in the data package) in words: msgids
    "supportive": N_("supportive"),
    "mixed": N_("mixed"),
    "skeptical": N_("skeptical"),
    "opposed": N_("opposed"),
}


VIEW = View(
    order=5,
    name="reactions",
    short=N_("Reactions"),
    title=said(N_("How the region reacts")),
    reading=said(
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
    describe=describe,
    height=HEIGHT,
    records=records,
    chart=chart,
    evidence="reactions",
    kind="reaction",
    kind_label=N_("Reaction"),
    rows=evidence_rows,
    counter=N_("reactions"),
    wide=True,
    traces=("bar", "scatter"),
)
