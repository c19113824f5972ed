"""The IP4: summit attendance 2022–2024 and each partner's programme with NATO."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components import filters, style
from components.filters import Filters
from components.i18n import ENGLISH, N_, Translator
from components.views import base
from components.views.axes import date_axis
from components.views.base import View, said

MARKS = {  # how each attendance value is drawn (its words come from the data)
    "attended": {"symbol": "star", "color": style.HIGHLIGHT},
    "represented": {"symbol": "diamond", "color": style.MUTED},
    "absent": {"symbol": "x", "color": style.MUTED},
}
HEIGHT = 600  # px, the figure and its placeholder


def records(ctx, f: Filters, options=None) -> pd.DataFrame:
    """The IP4 summit and programme records a filter state keeps."""
    return filters.rows(ctx.ds, "ip4", f)


def chart(ctx, df: pd.DataFrame, f: Filters, options, theme: str) -> go.Figure:
    summits = ctx.labels("ip4", "summit")  # the meetings' names in the reader's language
    return figure(
        df.assign(summit=df["summit"].map(lambda s: summits.get(s, s))),
        names=ctx.short_names,  # four columns of summits share a phone's width with the names
        partners=ctx.partner_order,
        attendance_labels=ctx.labels("ip4", "attendance"),
        grades=ctx.grades,
        theme=theme,
        tr=ctx.tr,
    )


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


def _summit_label(summit: str) -> str:
    """``Madrid 2022`` → ``Madrid<br>2022``: narrow enough not to tilt on a phone."""
    place, _, year = summit.rpartition(" ")
    return f"{place}<br>{year}" if place else summit


def _attendance_text(row, tr: Translator = ENGLISH) -> str:
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


def figure(
    df: pd.DataFrame,
    *,
    names: Mapping[str, str],
    partners: tuple[str, ...] = (),
    attendance_labels: Mapping[str, str] | None = None,
    grades: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
    tr: Translator = ENGLISH,
) -> go.Figure:
    """Attendance matrix above a shared-axis programme timeline.

    Args:
        df: ``ip4.csv`` rows in view (summit and programme records).
        names: iso3 → country name.
        partners: the partners' reading order (top row first); others follow alphabetically.
        attendance_labels: attendance value → legend label.
        grades: evidence grade code → label, for hovers.
        theme: colour mode.
        tr: the reader's language, for every word that is not the data's.
    """
    if df.empty:
        return style.empty_figure(tr._("No IP4 records match these filters."), theme, height=420)
    grades, attendance_labels = grades or {}, attendance_labels or {}
    present = set(df["iso3"])
    partners = [p for p in partners if p in present] + sorted(present - set(partners))
    labels = {p: names.get(p, p) for p in partners}
    data = []
    summits = df[df["record_type"] == "summit"]
    for attendance, group in summits.groupby("attendance", sort=False):
        style_ = MARKS[attendance]
        data.append(
            {
                "type": "scatter",
                "xaxis": "x",
                "yaxis": "y",
                "x": [_summit_label(v) for v in group["summit"]],
                "y": [labels[p] for p in group["iso3"]],
                "mode": "markers+text",
                "cliponaxis": False,
                "text": [_cell(r, tr) for r in group.itertuples()],
                "textposition": "bottom center",
                "textfont": {"size": 11},
                "marker": {
                    "symbol": [style.hollow(style_["symbol"], g) for g in group["grade"]],
                    "size": 16,
                    "color": style_["color"],
                    "opacity": [style.GRADE_OPACITY[style.band(g)] for g in group["grade"]],
                },
                "name": attendance_labels.get(attendance, attendance),
                "hovertext": [
                    tr._(
                        "{partner} at {summit}",
                        partner="<b>" + style.wrap(labels[r.iso3], 30, 1) + "</b>",
                        summit=r.summit,
                    )
                    + f"<br>{_attendance_text(r, tr)}<br>"
                    + tr._("Evidence: {grade}", grade=grades.get(r.grade, r.grade))
                    for r in group.itertuples()
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "customdata": [[r, "ip4"] for r in group["record_id"]],
            }
        )
    programmes = df[df["record_type"] == "programme"]
    dated = programmes[programmes["agreed"].fillna("") != ""]
    undated = programmes[programmes["agreed"].fillna("") == ""]
    when = pd.to_datetime(dated["agreed"], format="mixed")
    # years or months on the axis however few programmes are in view (one day would tick in hours);
    # a programme with no sourced date sits at the axis's right end, labelled as such
    axis = date_axis(when.min(), when.max()) if len(when) else date_axis("2023-01-01", "2023-12-31")
    no_date = (pd.Timestamp(axis["range"][1]) - pd.Timedelta(days=30)).strftime("%Y-%m-%d")
    if not dated.empty:
        data.append(
            {
                "type": "scatter",
                "xaxis": "x2",
                "yaxis": "y2",
                "x": when.dt.strftime("%Y-%m-%d").tolist(),
                "y": [labels[p] for p in dated["iso3"]],
                "mode": "markers+text",
                "cliponaxis": False,
                "text": [_doc_label(d) for d in dated["partnership_document"]],
                "textposition": _alternating(dated),
                "textfont": {"size": 10},
                "marker": {
                    "symbol": [style.hollow("square", g) for g in dated["grade"]],
                    "opacity": [style.GRADE_OPACITY[style.band(g)] for g in dated["grade"]],
                    "size": 11,
                    "color": [
                        style.FRAMEWORK_COLORS["ip4_itpp"] if "ITPP" in d else style.FRAMEWORK_COLORS["nato"]
                        for d in dated["partnership_document"]
                    ],
                },
                "name": tr._("Programme agreed"),
                "hovertext": [
                    f"<b>{style.wrap(labels[p], 30, 1)}</b>: {style.wrap(d, 40, 2)}<br>"
                    + tr._("agreed {date}", date=tr.date(a, _precision(precision)))
                    + "<br>"
                    + tr._("Evidence: {grade}", grade=grades.get(g, g))
                    for p, d, a, precision, g in zip(
                        dated["iso3"],
                        dated["partnership_document"],
                        dated["agreed"],
                        _column(dated, "agreed_precision"),
                        dated["grade"],
                    )
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "customdata": [[r, "ip4"] for r in dated["record_id"]],
            }
        )
    if not undated.empty:
        data.append(
            {
                "type": "scatter",
                "xaxis": "x2",
                "yaxis": "y2",
                "x": [no_date] * len(undated),
                "y": [labels[p] for p in undated["iso3"]],
                "mode": "markers+text",
                "cliponaxis": False,
                "text": [
                    tr._("{document}: no date", document=_doc_label(d))
                    for d in undated["partnership_document"]
                ],
                "textposition": "middle left",
                "textfont": {"size": 10, "color": style.MUTED},
                "marker": {"symbol": "square-x", "size": 11, "color": style.MUTED},
                "name": tr._("Date not found"),
                "hovertext": [
                    f"<b>{style.wrap(labels[p], 30, 1)}</b>: {style.wrap(d, 40, 2)}<br>"
                    + tr._("no sourced date")
                    + "<br>"
                    + tr._("Evidence: {grade}", grade=grades.get(g, g))
                    for p, d, g in zip(undated["iso3"], undated["partnership_document"], undated["grade"])
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "customdata": [[r, "ip4"] for r in undated["record_id"]],
            }
        )
    data += style.grade_legend(tr=tr)
    order = [labels[p] for p in partners][::-1]
    summit_order = [_summit_label(v) for v in dict.fromkeys(summits.sort_values("summit_date")["summit"])]
    # two panels sharing the width: summits above (58 % of the height), programmes below
    spacing, top_share = 0.16, 0.58
    split = (1 - spacing) * (1 - top_share)

    def rows_axis(domain, bottom):
        # extra room under each panel's last row for its two-line labels
        return {
            "domain": domain,
            "categoryorder": "array",
            "categoryarray": order,
            "range": [bottom, len(order) - 0.4],
            "automargin": True,
        }

    def panel_title(text, y):
        return {
            "text": text,
            "x": 0.5,
            "xanchor": "center",
            "xref": "paper",
            "y": y,
            "yanchor": "bottom",
            "yref": "paper",
            "showarrow": False,
            "font": {"size": 16},
        }

    layout = {
        "xaxis": {
            "anchor": "y",
            "domain": [0.0, 1.0],
            "categoryorder": "array",
            "categoryarray": summit_order,
            "type": "category",
            "tickangle": 0,  # two short lines each: level even on a phone
            "tickfont": {"size": 10},
            "range": [-0.6, max(len(summit_order), 3) - 0.4],
        },
        "yaxis": {"anchor": "x", **rows_axis([split + spacing, 1.0], -1.0)},
        "xaxis2": {"anchor": "y2", "domain": [0.0, 1.0], **axis},
        "yaxis2": {"anchor": "x2", **rows_axis([0.0, split], -0.6)},
        "annotations": [
            panel_title(tr._("Summit attendance"), 1.0),
            panel_title(tr._("Partnership programmes"), split),
        ],
        "height": HEIGHT,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "legend": style.foot_legend(font={"size": 11}),
        "hovermode": "closest",
        "clickmode": "event",
    }
    return style.build_figure(data, layout, theme)


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


ABBREVIATIONS = {"Joint Political Declaration": "JPD"}


def _doc_label(document: str) -> str:
    """Short marker label: the programme's acronym (the axis gives the year), whether the name
    leads with it ("IPCP (Individual…)") or ends with it (国別パートナーシップ協力計画（IPCP）)."""
    text = str(document)
    acronym = re.search(r"[(（]([A-Z]{3,})[)）]", text)
    name = acronym.group(1) if acronym else re.split(r"[(（]", text)[0].strip()
    return style.wrap(ABBREVIATIONS.get(name, name), 14, 1)


def describe(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """Attendance at the summits in view (by the leader or represented) and the programme dates."""
    tr = base.translator(ctx)
    if df.empty:
        return tr._("No summit attendance or programme{scope} in the years chosen.", scope=base.scope(ctx, f))
    summits = df[df["record_type"] == "summit"]
    programmes = df[df["record_type"] == "programme"]
    parts = []

    def times(n: int) -> str:
        return base.some(n, tr._("no times"), tr.n_("{n} time", "{n} times", n))

    if len(summits):
        how = summits["attendance"]
        represented = sorted({ctx.names[i] for i in summits.loc[how == "represented", "iso3"]})
        counts = {kind: int((how == kind).sum()) for kind in ("attended", "represented", "absent")}
        count = summits["summit"].nunique()
        # each part first: Babel's extractor skips a message nested in another's arguments
        held = base.some(count, tr._("no summits"), tr.n_("{n} summit", "{n} summits", count))
        who = tr._(" ({names})", names=tr.join(represented)) if represented else ""
        text = tr._(
            "{summits}: a leader attended {attended}, a representative {represented}{who}",
            summits=held,
            attended=times(counts["attended"]),
            represented=times(counts["represented"]),
            who=who,
        )
        if counts["absent"]:
            text = tr._("{text}, no one {absent}", text=text, absent=times(counts["absent"]))
        parts.append(text)
    if len(programmes):
        years = programmes["agreed"].str[:4]
        dated = years[years != ""]
        text = tr.n_("{n} programme document", "{n} programme documents", len(programmes))
        if len(dated) and dated.nunique() > 1:
            text = tr._(
                "{documents} agreed {first}–{last}", documents=text, first=dated.min(), last=dated.max()
            )
        elif len(dated):
            text = tr._("{documents} agreed in {year}", documents=text, year=dated.min())
        if len(dated) < len(programmes):
            text = tr._(
                "{documents} ({count} with no date in the sources)",
                documents=text,
                count=len(programmes) - len(dated),
            )
        parts.append(text)
    return tr._("{parts}.", parts=tr._("; ").join(parts))


def _attendance(row, ctx) -> str:
    if row.attendance == "attended":
        return ctx._("{leader} attended", leader=row.leader)
    if row.attendance == "represented":
        return ctx._(
            "{leader} did not attend; represented by {representative}",
            leader=row.leader,
            representative=row.representative,
        )
    return ctx._("not represented ({leader} did not attend)", leader=row.leader)


def evidence_rows(df: pd.DataFrame, ctx) -> dict:
    names, summits = ctx.names, ctx.labels("ip4", "summit")
    return {
        "record_id": df["record_id"],
        "date": [s or a or "" for s, a in zip(df["summit_date"], df["agreed"])],
        "title": [
            f"{summits.get(r.summit, r.summit)}: {names.get(r.iso3, r.iso3)} — {_attendance(r, ctx)}"
            if r.record_type == "summit"
            else f"{names.get(r.iso3, r.iso3)}: {r.partnership_document}"
            for r in df.itertuples()
        ],
        "actors": [names.get(c, c) for c in df["iso3"]],
    }


VIEW = View(
    order=4,
    name="ip4",
    short=N_("IP4 at NATO"),
    title=said(N_("The Indo-Pacific Four at NATO")),
    reading=lambda ctx: ctx._(
        "Who represented {partners} at NATO summits since {year}, "
        "and when each agreed its programmes with NATO.",
        partners=ctx.tr.join(ctx.names[p] for p in ctx.partner_order),
        year=min(d for d in ctx.ds["ip4"]["summit_date"] if d)[:4],
    ),
    description=N_("Top: attendance matrix of the four partners at the summits. Bottom: programme dates."),
    describe=describe,
    height=HEIGHT,
    records=records,
    chart=chart,
    evidence="ip4",
    kind="ip4",
    kind_label=N_("IP4 record"),
    rows=evidence_rows,
)
