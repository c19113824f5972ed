"""The world map's stance mode: each country coloured by its government's own statements, with
hovers that say what coloured it and a scale under the map."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components import style
from components.i18n import ENGLISH, Translator
from components.views.reactions_rows import selection_words


def own_statements(reactions: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """The statements that give a country its stance: its government's own (``position`` rows of
    a country actor), never analysts' or other voices'."""
    if reactions.empty:
        return reactions
    return reactions[reactions["position"] & reactions["actor_id"].isin(set(countries["iso3"]))]


def stance_traces(
    countries: pd.DataFrame,
    reactions: pd.DataFrame,
    grades: Mapping[str, str],
    theme: str,
    *,
    selected: tuple[str, ...] = (),
    names: Mapping[str, str],
    tr: Translator = ENGLISH,
) -> list[dict]:
    """The stance choropleth, or no trace when no government statement is in view.

    Only a government's own statements give its country a stance (``position`` rows of a
    country actor); analysts and other voices never colour the map. With a country filter, a
    selected country's colour is its own statements' and another's its reactions to the
    selection's cooperation; the hover says which.
    """
    official = own_statements(reactions, countries)
    if official.empty:
        return []
    scores = official.groupby("actor_id")["stance_score"].mean()
    own = bool(set(countries["iso3"]).intersection(selected))
    title = _title(bool(selected), own, len(selected) == 1, tr)
    return [
        {
            "type": "choropleth",
            "locations": list(scores.index),
            "z": [float(s) for s in scores],
            "zmin": -2,
            "zmax": 2,
            "locationmode": "ISO-3",
            "colorscale": [[(k + 2) / 4, c] for k, c in style.STANCE_SCALE.items()],
            "marker": {"line": {"color": style.muted_line(theme), "width": 0.5}},
            "hovertext": _hovers(official, scores, grades, selected, names, tr),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "colorbar": _colorbar(title, tr),
            "name": tr._("Stance"),
        }
    ]


def _hovers(
    official: pd.DataFrame,
    scores: pd.Series,
    grades: Mapping[str, str],
    selected: tuple[str, ...],
    names: Mapping[str, str],
    tr: Translator,
) -> list[str]:
    """Each coloured country's hover: its mean stance over how many statements, with a filter
    whose cooperation they are about, and its best evidence."""
    by_actor = official.groupby("actor_id")
    counts = by_actor.size()
    best = by_actor["grade"].agg(style.best_grade)
    relation = _relations(official, selected, names, tr) if selected else {}
    return [
        f"<b>{style.wrap(names.get(a, a), 40, 2)}</b><br>"
        + tr.n_(
            "Mean stance {score} over {n} government statement",
            "Mean stance {score} over {n} government statements",
            int(counts[a]),
            score=format(s, "+.1f"),
        )
        + relation.get(a, "")
        + "<br>"
        + tr._("Best evidence: {grade}", grade=grades.get(best[a], best[a]))
        for a, s in scores.items()
    ]


def _relations(
    official: pd.DataFrame, selected: tuple[str, ...], names: Mapping[str, str], tr: Translator
) -> dict[str, str]:
    """With a country filter, a hover line per government: its own statements (a selected one)
    or its reactions to whose cooperation."""
    relation = {}
    for actor, abouts in official.groupby("actor_id")["about"]:
        if actor in selected:
            relation[actor] = "<br>" + tr._("Its own statements (in the filter)")
        else:
            hit = [s for s in selected if any(s in about for about in abouts)]
            whose = selection_words(hit, names, possessive=True, tr=tr)
            relation[actor] = "<br>" + style.wrap(
                tr._("Reactions to {actors} cooperation", actors=whose), 45, 2
            )
    return relation


def _colorbar(title: str, tr: Translator) -> dict:
    """A horizontal scale under the map, so the map keeps the card's width on a phone; its ends
    and middle are named (the five words do not fit a phone's width)."""
    return {
        "title": {"text": title, "side": "top"},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.02,
        "yanchor": "top",
        "tickvals": list(style.STANCE_TICKS),
        "ticktext": [text if score % 2 == 0 else "" for score, text in style.stance_ticks(tr).items()],
        "len": 0.8,
        "thickness": 10,
    }


def _title(selected: bool, own: bool, one: bool, tr: Translator) -> str:
    """The colour bar's title: what colours a country, with a country filter whether its own
    statements (``own``: a selected country is on the map) or reactions to its cooperation."""
    if not selected:
        return tr._("Government stance")
    if own:
        return (
            tr._("Government stance<br>own (outlined) or on its cooperation")
            if one
            else tr._("Government stance<br>own (outlined) or on their cooperation")
        )
    return (
        tr._("Government stance<br>on its cooperation")
        if one
        else tr._("Government stance<br>on their cooperation")
    )
