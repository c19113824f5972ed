"""The IP4 figure's marks: each partner's attendance at the summits (top panel) and the dates
its programmes with NATO were agreed (bottom panel), with their labels and hovers."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from components import style
from components.i18n import ENGLISH, Translator
from components.views.axes import date_axis

ABBREVIATIONS = {"Joint Political Declaration": "JPD"}  # names with no acronym of their own


def summit_trace(
    group: pd.DataFrame,
    name: str,
    mark: Mapping,
    labels: Mapping[str, str],
    grades: Mapping[str, str],
    tr: Translator,
) -> dict:
    """One attendance value's marks in the matrix: a summit per column, a partner per row, who
    went written under the mark (faded or hollow by evidence grade, as everywhere)."""
    return _marks(
        "",
        group,
        [summit_label(v) for v in group["summit"]],
        labels,
        text=[_cell(r, tr) for r in group.itertuples()],
        textposition="bottom center",
        textfont={"size": 11},
        marker={
            "symbol": [style.hollow(mark["symbol"], g) for g in group["grade"]],
            "size": 16,
            "color": mark["color"],
            "opacity": [style.GRADE_OPACITY[style.band(g)] for g in group["grade"]],
        },
        name=name,
        hovertext=[
            tr._(
                "{partner} at {summit}",
                partner="<b>" + style.wrap(labels[r.iso3], 30, 1) + "</b>",
                summit=r.summit,
            )
            + f"<br>{_attendance_text(r, tr)}<br>"
            + tr._("Evidence: {grade}", grade=grades.get(r.grade, r.grade))
            for r in group.itertuples()
        ],
    )


def programme_traces(
    programmes: pd.DataFrame, labels: Mapping[str, str], grades: Mapping[str, str], tr: Translator
) -> tuple[list[dict], dict]:
    """The timeline's traces (dated programmes, then undated ones) and its date axis."""
    dated = programmes[programmes["agreed"].fillna("") != ""]
    undated = programmes[programmes["agreed"].fillna("") == ""]
    when = pd.to_datetime(dated["agreed"], format="mixed")
    # years or months on the axis however few programmes are in view (one day would tick in hours);
    # a programme with no sourced date sits at the axis's right end, labelled as such
    axis = date_axis(when.min(), when.max()) if len(when) else date_axis("2023-01-01", "2023-12-31")
    no_date = (pd.Timestamp(axis["range"][1]) - pd.Timedelta(days=30)).strftime("%Y-%m-%d")
    traces = [] if dated.empty else [_dated_trace(dated, when, labels, grades, tr)]
    if not undated.empty:
        traces.append(_undated_trace(undated, no_date, labels, grades, tr))
    return traces, axis


def summit_label(summit: str) -> str:
    """``Madrid 2022`` → ``Madrid<br>2022``: narrow enough not to tilt on a phone."""
    place, _, year = summit.rpartition(" ")
    return f"{place}<br>{year}" if place else summit


def _dated_trace(
    dated: pd.DataFrame, when: pd.Series, labels: Mapping[str, str], grades: Mapping[str, str], tr: Translator
) -> dict:
    """Programmes at the date they were agreed, coloured ITPP or other NATO programme; labels
    alternate above and below so a partner's close dates stay readable."""
    return _marks(
        "2",
        dated,
        when.dt.strftime("%Y-%m-%d").tolist(),
        labels,
        text=[_doc_label(d) for d in dated["partnership_document"]],
        textposition=_alternating(dated),
        textfont={"size": 10},
        marker={
            "symbol": [style.hollow("square", g) for g in dated["grade"]],
            "opacity": [style.GRADE_OPACITY[style.band(g)] for g in dated["grade"]],
            "size": 11,
            "color": [
                style.FRAMEWORK_COLORS["ip4_itpp"] if "ITPP" in d else style.FRAMEWORK_COLORS["nato"]
                for d in dated["partnership_document"]
            ],
        },
        name=tr._("Programme agreed"),
        hovertext=[
            _programme_hover(labels[p], d, tr._("agreed {date}", date=tr.date(a, _precision(precision))))
            + tr._("Evidence: {grade}", grade=grades.get(g, g))
            for p, d, a, precision, g in zip(
                dated["iso3"],
                dated["partnership_document"],
                dated["agreed"],
                _column(dated, "agreed_precision"),
                dated["grade"],
            )
        ],
    )


def _undated_trace(
    undated: pd.DataFrame, no_date: str, labels: Mapping[str, str], grades: Mapping[str, str], tr: Translator
) -> dict:
    """Programmes with no sourced date, greyed at ``no_date`` and labelled so: shown rather than
    dropped, since the programme exists even when its date is unknown."""
    return _marks(
        "2",
        undated,
        [no_date] * len(undated),
        labels,
        text=[tr._("{document}: no date", document=_doc_label(d)) for d in undated["partnership_document"]],
        textposition="middle left",
        textfont={"size": 10, "color": style.MUTED},
        marker={"symbol": "square-x", "size": 11, "color": style.MUTED},
        name=tr._("Date not found"),
        hovertext=[
            _programme_hover(labels[p], d, tr._("no sourced date"))
            + tr._("Evidence: {grade}", grade=grades.get(g, g))
            for p, d, g in zip(undated["iso3"], undated["partnership_document"], undated["grade"])
        ],
    )


def _marks(panel: str, rows: pd.DataFrame, x: list, labels: Mapping[str, str], **keys) -> dict:
    """A scatter of marks, one per record of ``rows`` on its partner's row, in the top panel
    (``panel`` "") or the bottom one ("2"); a click on a mark opens its record."""
    return {
        "type": "scatter",
        "xaxis": "x" + panel,
        "yaxis": "y" + panel,
        "x": x,
        "y": [labels[p] for p in rows["iso3"]],
        "mode": "markers+text",
        "cliponaxis": False,
        **keys,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "customdata": [[r, "ip4"] for r in rows["record_id"]],
    }


def _cell(row, tr: Translator = ENGLISH) -> str:
    """The cell label, short enough for four summits side by side on a phone: who went (the
    mark says whether it was the leader; the hover says it in full)."""
    # a Japanese name longer than six characters takes two lines (a full em each character)
    width, lines = (12, 2) if tr.lang == "ja" else (20, 1)
    if row.attendance == "attended":
        return style.wrap(row.leader_label, width, lines)
    if row.attendance == "represented":
        return style.wrap(row.representative_label, width, lines)
    return tr._("nobody")


def _attendance_text(row, tr: Translator = ENGLISH) -> str:
    """A summit hover's middle line: whether the leader went and, if not, who represented the partner."""
    leader = style.wrap(row.leader, 45, 2)
    if row.attendance == "attended":
        return tr._("{leader} attended", leader=leader)
    if row.attendance == "represented":
        return tr._(
            "{leader} did not attend;<br>represented by {representative}",
            leader=leader,
            representative=style.wrap(row.representative, 45, 2),
        )
    return tr._("Not represented ({leader} did not attend)", leader=leader)


def _programme_hover(partner: str, document: str, when: str) -> str:
    """A programme hover's first lines, up to its evidence: partner, document and date."""
    return f"<b>{style.wrap(partner, 30, 1)}</b>: {style.wrap(document, 40, 2)}<br>{when}<br>"


def _doc_label(document: str) -> str:
    """Short marker label: the programme's acronym (the axis gives the year), whether the name
    leads with it ("IPCP (Individual…)") or ends with it (国別パートナーシップ協力計画（IPCP）)."""
    text = str(document)
    acronym = re.search(r"[(（]([A-Z]{3,})[)）]", text)
    name = acronym.group(1) if acronym else re.split(r"[(（]", text)[0].strip()
    return style.wrap(ABBREVIATIONS.get(name, name), 14, 1)


def _alternating(df: pd.DataFrame) -> list[str]:
    """Labels above and below in turn along each partner's row, so neighbours don't collide."""
    order = df.assign(_x=pd.to_datetime(df["agreed"], format="mixed")).sort_values("_x")
    rank = order.groupby("iso3").cumcount()
    return ["top center" if rank[i] % 2 == 0 else "bottom center" for i in df.index]


def _column(df: pd.DataFrame, column: str) -> list:
    """``df[column]``, or blanks where a frame has no such column."""
    return df[column].tolist() if column in df else [""] * len(df)


def _precision(value) -> str:
    """A date's precision as recorded, else ``day`` (its length then says how much is known)."""
    return value if isinstance(value, str) and value else "day"
