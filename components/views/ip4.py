"""The IP4: summit attendance 2022–2024 and each partner's programme with NATO."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components import filters, style
from components.filters import Filters
from components.i18n import ENGLISH, N_, Translator
from components.views import base
from components.views import ip4_marks as marks
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
    summits = df[df["record_type"] == "summit"]
    data = [
        marks.summit_trace(
            group, attendance_labels.get(attendance, attendance), MARKS[attendance], labels, grades, tr
        )
        for attendance, group in summits.groupby("attendance", sort=False)
    ]
    programmes, axis = marks.programme_traces(df[df["record_type"] == "programme"], labels, grades, tr)
    data += programmes + style.grade_legend(tr=tr)
    return style.build_figure(data, _layout(summits, [labels[p] for p in partners][::-1], axis, tr), theme)


def _layout(summits: pd.DataFrame, order: list[str], axis: dict, tr: Translator) -> dict:
    """Two panels sharing the width and the partners' rows (``order``, bottom row first):
    summits above on a category axis, programmes below on ``axis``."""
    summit_order = [
        marks.summit_label(v) for v in dict.fromkeys(summits.sort_values("summit_date")["summit"])
    ]
    spacing, top_share = 0.16, 0.58  # the summits take 58 % of the height
    split = (1 - spacing) * (1 - top_share)
    return {
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
        "yaxis": {"anchor": "x", **_rows_axis(order, [split + spacing, 1.0], -1.0)},
        "xaxis2": {"anchor": "y2", "domain": [0.0, 1.0], **axis},
        "yaxis2": {"anchor": "x2", **_rows_axis(order, [0.0, split], -0.6)},
        "annotations": [
            _panel_title(tr._("Summit attendance"), 1.0),
            _panel_title(tr._("Partnership programmes"), split),
        ],
        "height": HEIGHT,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "legend": style.foot_legend(font={"size": 11}),
        "hovermode": "closest",
        "clickmode": "event",
    }


def _rows_axis(order: list[str], domain: list[float], bottom: float) -> dict:
    """A panel's partner axis; ``bottom`` leaves room under its last row for two-line labels."""
    return {
        "domain": domain,
        "categoryorder": "array",
        "categoryarray": order,
        "range": [bottom, len(order) - 0.4],
        "automargin": True,
    }


def _panel_title(text: str, y: float) -> dict:
    """A panel's title, centred just above it."""
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
