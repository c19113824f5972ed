"""The network's key: legend-only traces that name its lines and its actors' marks.

The figure draws the marks; this names them, in two legends (the lines below the plot, the
actors in a second one that only an export shows), so the view module keeps to drawing.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce

import pandas as pd

from components import style
from components.i18n import ENGLISH, N_, Translator

ORG_COLOR = "#4D5B6A"
GROUP_NAMES = {  # the legend's words for the countries' groups (msgids)
    "NATO ally": N_("NATO ally"),
    "IP4 partner": N_("IP4 partner"),
    "other partner": N_("Other partner"),
    "other": N_("Other country"),
}


def _dashed_name(
    group: pd.DataFrame,
    labels: Mapping[str, str],
    status_labels: Mapping[str, str] | None = None,
    tr: Translator = ENGLISH,
) -> str:
    """A dashed line's key: what it is (one relation) or what kind it is (several)."""
    relations = list(dict.fromkeys(group["relation"]))
    words = [(status_labels or {}).get(s, s) for s in dict.fromkeys(group["status"])]
    statuses = reduce(lambda a, b: tr._("{first} or {second}", first=a, second=b), words)
    if len(relations) == 1:
        text = tr._("{relation} ({status})", relation=relations[0], status=statuses)
        return text[:1].upper() + text[1:]
    framework = labels.get(group["framework"].iloc[0], group["framework"].iloc[0])
    return tr._("{framework}: {status} ({count})", framework=framework, status=statuses, count=len(relations))


def _key(name: str, group: str, **mark) -> dict:
    """A legend-only trace: a key entry, in legend group ``group``."""
    trace = {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "name": name,
        "legendgroup": group,
        "showlegend": True,
        "hoverinfo": "skip",
        **mark,
    }
    return trace


def entries(
    df, dashed_lines, nodes, in_view, groups, selected, labels, theme, *, status_labels=None, tr=ENGLISH
) -> list[dict]:
    """The key, naming the marks: the lines (a colour per framework; each kind of dashed line by
    what it is) and their evidence in the legend below the plot, and the actors (colour, shape,
    size) in a second legend, titled. The page hides the second one (the map's key gives the
    same colours); an export, which stands alone, shows both (``print_layout.annotate``)."""
    keys = []
    active = set(df.loc[~dashed_lines, "framework"])
    for framework in [*labels, *sorted(set(df["framework"]) - set(labels))]:
        color = style.FRAMEWORK_COLORS.get(framework, style.MUTED)
        if framework in active:
            keys.append(
                _key(
                    labels.get(framework, framework), "lines", mode="lines", line={"color": color, "width": 2}
                )
            )
        for _, group in df[dashed_lines & df["framework"].eq(framework)].groupby("relation", sort=True):
            dashed = {"color": color, "width": 2.5, "dash": "dash"}
            keys.append(
                _key(_dashed_name(group, labels, status_labels, tr), "lines", mode="lines", line=dashed)
            )

    def actor(name, **marker):
        return _key(name, "actors", mode="markers", marker={"size": 10, **marker}, legend="legend2")

    ink = style.ink(theme)
    countries = {groups[n] for n in nodes if n in groups}
    actors = [
        actor(tr._(GROUP_NAMES.get(group, group)), color=color, line={"width": 0.8, "color": ink})
        for group, color in style.GROUP_COLORS.items()
        if group in countries
    ]
    if any(n not in groups for n in nodes):
        actors.append(actor(tr._("Organization or grouping"), symbol="square", color=ORG_COLOR))
    if selected:
        actors.append(
            actor(
                tr._("In the country filter"), size=14, color=style.MUTED, line={"width": 2.5, "color": ink}
            )
        )
    if set(nodes) - in_view:
        actors.append(actor(tr._("No partnership in view (faded)"), color=style.MUTED, opacity=0.25))
    return keys + style.grade_legend("line", tr=tr) + actors
