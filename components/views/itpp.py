"""The NATO–Japan ITPP's areas of cooperation, grouped by strategic objective."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components import filters, style
from components.filters import Filters
from components.i18n import ENGLISH, N_, Translator
from components.state import clicked_record
from components.views import base
from components.views.base import View

UNIDENTIFIED = N_("Not identified in the sources read")
HEIGHT = 380  # px, the figure and its placeholder
# the words for two columns' codes (their values are an enum in the data package, unlabelled)
BASES = {"document": N_("document"), "curators": N_("curators")}
CONFIDENCES = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def records(ctx, f: Filters, options=None) -> pd.DataFrame:
    """The ITPP areas a filter state keeps."""
    return filters.rows(ctx.ds, "itpp_areas", f)


def click(ctx, f: Filters, click_data) -> Filters:
    """A click on an area filters every view by the area's domains."""
    picked = clicked_record(click_data, ("itpp",))
    areas = ctx.ds["itpp_areas"].set_index("area_id")
    if picked and picked[1] in areas.index:
        return replace(f, domains=tuple(areas.at[picked[1], "domains"]))
    return f


def chart(ctx, df: pd.DataFrame, f: Filters, options, theme: str) -> go.Figure:
    first, last = ctx.programme.period
    return figure(
        df,
        total=ctx.programme.total,
        identified=len(ctx.ds["itpp_areas"]),
        root=ctx._("ITPP {first}–{last}", first=first, last=last),
        objective_labels=ctx.labels("itpp_areas", "objective"),
        ipcp_labels=ctx.labels("itpp_areas", "in_ipcp"),
        grades=ctx.grades,
        theme=theme,
        tr=ctx.tr,
    )


def caption(ctx, f: Filters) -> str:
    """The line under the chart: how much of the programme the data can show."""
    return note(len(records(ctx, f)), len(ctx.ds["itpp_areas"]), ctx.programme.total, ctx.tr)


def note(shown: int, identified: int, total: int, tr: Translator = ENGLISH) -> str:
    """Plain statement of how much of the programme the data can show, and why."""
    missing = total - identified
    if missing:
        text = tr._(
            "{identified} of the {total} areas are identified in the sources this project could read; "
            "{missing} are not: NATO publishes the programme's full text, but its list of areas could "
            "not be retrieved here.",
            identified=identified,
            total=total,
            missing=missing,
        )
    else:
        text = tr._(
            "{identified} of the {total} areas are identified in the sources this project could read.",
            identified=identified,
            total=total,
        )
    if shown != identified:
        # sentences follow each other with a space in English, with none in Japanese
        text += ("" if tr.lang == "ja" else " ") + tr._("{shown} match the current filters.", shown=shown)
    return text


def figure(
    df: pd.DataFrame,
    *,
    total: int,
    identified: int,
    root: str,
    objective_labels: Mapping[str, str],
    ipcp_labels: Mapping[str, str],
    grades: Mapping[str, str] | None = None,
    name: str = "name",
    theme: str = style.LIGHT,
    tr: Translator = ENGLISH,
) -> go.Figure:
    """Treemap: programme → objective → area, with a grey block for unidentified areas.

    Args:
        df: ITPP areas in view.
        total: the sourced number of areas in the programme (16).
        identified: number of areas recorded in the data (before filtering).
        root: the programme's label ("ITPP 2023–2026").
        objective_labels: objective → label, in display order.
        ipcp_labels: ``in_ipcp`` value → label.
        grades: evidence grade code → label, for hovers.
        name: the column of the areas' names in the reader's language (``name``, ``name_ja``).
        theme: colour mode.
        tr: the reader's language, for every other word.
    """
    if df.empty:
        return style.empty_figure(tr._("No ITPP areas match these filters."), theme, height=HEIGHT)
    grades = grades or {}
    unidentified = max(total - identified, 0)
    nodes = [
        _node(
            root,
            root,
            "",
            len(df) + unidentified,
            "rgba(0,0,0,0)",
            tr._("{total} areas in the programme", total=total),
            ("", "root"),
        )
    ]
    for objective, objective_label in objective_labels.items():
        rows = df[df["objective"] == objective]
        if not rows.empty:
            nodes += _objective_nodes(rows, objective, objective_label, root, name, ipcp_labels, grades, tr)
    if unidentified:
        nodes.append(_unidentified_node(root, unidentified, tr))
    return style.build_figure(
        [_treemap(nodes)],
        {"height": HEIGHT, "margin": {"l": 0, "r": 0, "t": 0, "b": 22}, "annotations": [_key(tr)]},
        theme,
    )


class _Node(NamedTuple):
    """One tile of the treemap, with its hover and its click data (record id, kind)."""

    id: str
    label: str
    parent: str
    value: int
    color: str
    hover: str
    data: tuple[str, str]
    pattern: str


def _node(
    node_id: str,
    label: str,
    parent: str,
    value: int,
    color: str,
    hover: str,
    data: tuple[str, str],
    grade: str | None = None,
) -> _Node:
    """A tile coloured by its evidence grade: faded for a fair one, hatched for a weak one (a
    tile without a grade, such as a group, is drawn as strong)."""
    band = style.band(grade) if grade else "strong"
    faded = style.faded(color, style.GRADE_OPACITY[band])
    return _Node(node_id, label, parent, value, faded, hover, data, "/" if band == "weak" else "")


def _objective_nodes(
    rows: pd.DataFrame,
    objective: str,
    objective_label: str,
    root: str,
    name: str,
    ipcp_labels: Mapping[str, str],
    grades: Mapping[str, str],
    tr: Translator,
) -> list[_Node]:
    """An objective's tile and its areas' tiles inside it, in the objective's colour; a ✓ marks
    an area also listed in the IPCP."""
    node = f"objective:{objective}"
    color = style.OBJECTIVE_COLORS[objective]
    tiles = [
        _node(
            node,
            style.wrap(objective_label, 28, 2),
            root,
            len(rows),
            color,
            tr.n_("{n} area", "{n} areas", len(rows)),
            ("", "objective"),
        )
    ]
    for r, area in zip(rows.itertuples(), rows[name]):
        marker = " ✓" if r.in_ipcp == "true" else ""
        hover = _area_hover(r, area, ipcp_labels, grades, tr)
        tiles.append(
            _node(
                f"area:{r.area_id}",
                style.wrap(area, 16, 4) + marker,
                node,
                1,
                color,
                hover,
                (r.area_id, "itpp"),
                r.grade,
            )
        )
    return tiles


def _area_hover(
    r, area: str, ipcp_labels: Mapping[str, str], grades: Mapping[str, str], tr: Translator
) -> str:
    """An area's hover: its name, whether it is in the IPCP and its horizon, how its objective
    was assigned (from the document or by the curators) and its evidence grade."""
    return "<br>".join(
        (
            style.wrap(area, 40, 2),
            ipcp_labels.get(r.in_ipcp, r.in_ipcp)
            + " · "
            + tr._("horizon: {horizon}", horizon=style.wrap(r.horizon, 30, 1)),
            tr._(
                "objective mapping: {basis}",
                basis=tr._(BASES.get(r.objective_basis, r.objective_basis)),
            ),
            tr._("Evidence: {grade}", grade=grades.get(r.grade, r.grade)),
        )
    )


def _unidentified_node(root: str, count: int, tr: Translator) -> _Node:
    """A grey tile for the areas the programme counts but no source read names, so the treemap
    shows how much of the programme is unknown instead of hiding it."""
    return _node(
        "unidentified",
        tr._("{label} ({count})", label=tr._(UNIDENTIFIED), count=count),
        root,
        count,
        style.MUTED,
        tr._("Areas counted in the programme's total but not named in any source this project could read"),
        ("", "unidentified"),
    )


def _treemap(nodes: list[_Node]) -> dict:
    """The treemap trace of ``nodes``, parents first; values add up (``branchvalues`` total)."""
    return {
        "type": "treemap",
        "ids": [n.id for n in nodes],
        "labels": [n.label for n in nodes],
        "parents": [n.parent for n in nodes],
        "values": [n.value for n in nodes],
        "branchvalues": "total",
        "marker": {
            "colors": [n.color for n in nodes],
            "line": {"width": 1.5, "color": "rgba(255,255,255,0.6)"},
            "pattern": {"shape": [n.pattern for n in nodes], "fillmode": "overlay", "solidity": 0.3},
        },
        "hovertext": [n.hover for n in nodes],
        "hovertemplate": "<b>%{label}</b><br>%{hovertext}<extra></extra>",
        "customdata": [list(n.data) for n in nodes],
        "textinfo": "label",
        "textfont": {"size": 12},
        "maxdepth": 3,
        "tiling": {"pad": 2},
        "pathbar": {"visible": False},
        "sort": False,
    }


def _key(tr: Translator) -> dict:
    """The grade key under the treemap (its tiles have no legend to carry it)."""
    return {
        "text": tr._("Faded tiles: evidence C or 3; hatched: D–F or 4–6."),
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


def describe(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``10 of the programme's 16 areas, by objective: Resilience (4)…``"""
    tr = base.translator(ctx)
    total = ctx.programme.total
    if df.empty:
        return tr._(
            "No area of the programme's {total}{scope} is in view.", total=total, scope=base.scope(ctx, f)
        )
    objectives = base.top(tr, df["objective"].value_counts(), ctx.labels("itpp_areas", "objective"))
    return tr._(
        "{count} of the programme's {total} areas{scope}, by objective: {objectives}.",
        count=len(df),
        total=total,
        scope=base.scope(ctx, f),
        objectives=objectives,
    )


def evidence_rows(df: pd.DataFrame, ctx) -> dict:
    return {
        "record_id": df["area_id"],
        "date": ctx.programme.agreed,  # the programme's, from its ip4 record
        "title": [ctx._("ITPP area: {name}", name=n) for n in df["name"]],
        "actors": base.actors(ctx.programme.actors, ctx),
        "domains": base.domains(df["domains"], ctx),
    }


VIEW = View(
    order=3,
    name="itpp",
    short=N_("ITPP areas"),
    title=lambda ctx: ctx._("The ITPP's {total} areas of cooperation", total=ctx.programme.total),
    reading=lambda ctx: ctx._(
        "Areas of the NATO–Japan programme for {start}–{end}, agreed on {agreed}, by strategic "
        "objective. Click an area to filter every view by its domains.",
        start=ctx.programme.period[0],
        end=ctx.programme.period[1],
        agreed=ctx.tr.date(ctx.programme.agreed, "day"),
    ),
    description=N_("Treemap of the ITPP areas of cooperation grouped by strategic objective."),
    describe=describe,
    height=HEIGHT,
    records=records,
    chart=chart,
    evidence="itpp_areas",
    kind="itpp",
    kind_label=N_("ITPP area"),
    rows=evidence_rows,
    counter=N_("ITPP areas"),
    caption=caption,
    click=click,
    traces=("treemap",),
)
