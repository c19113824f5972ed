"""Which marks the timeline draws: one row per (event, lane), events of a lane grouped by
moment and led by the most prominent, summits in a partner's lane drawn as what happened there,
and, past ``MAX_MARKS``, one mark per lane, year and type."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components import style
from components.i18n import ENGLISH, N_, Translator

BIN_IDS = 50  # event ids a binned mark carries for its click (the evidence table has all)
MILESTONE_TYPES = frozenset({"programme"})
SUMMIT_TYPES = frozenset({"summit"})


def lanes(df: pd.DataFrame, lanes: str, names: Mapping[str, str], domain_labels: Mapping[str, str]):
    """One row per (event, lane): events that concern several lanes appear in each."""
    if lanes == "actor":
        keys = [c + o for c, o in zip(df["countries"], df["organizations"])]
        labels = names
    else:
        keys = list(df["domains"])
        labels = domain_labels
    out = df.assign(lane_key=keys).explode("lane_key")
    out = out[out["lane_key"].notna()]
    return out.assign(lane=[labels.get(k, k) for k in out["lane_key"]])


def attendance(ip4: pd.DataFrame, tr: Translator = ENGLISH) -> dict[tuple[str, str], tuple[str, str]]:
    """(summit event id, partner) → (attendance, who went): from the IP4 summit records, so a
    summit is drawn in a partner's lane as what happened there, not as its leader's presence
    (in ``tr``'s language; the names as the data gives them)."""
    out = {}
    for r in ip4[ip4["record_type"] == "summit"].itertuples():
        if r.attendance == "attended":
            words = tr._("{leader} attended", leader=r.leader_label)
        elif r.attendance == "represented":
            words = tr._(
                "{leader} did not attend; {representative} went instead",
                leader=r.leader_label,
                representative=r.representative,
            )
        else:
            words = tr._("{leader} did not attend, and nobody went instead", leader=r.leader_label)
        out[(r.summit_event, r.iso3)] = (r.attendance, words)
    return out


ABSENCE_MARKS = {  # a summit in a partner's lane when its leader stayed away (names: msgids)
    "represented": ("diamond", N_("Summit, leader absent (represented by another official)")),
    "absent": ("x", N_("Summit, not represented")),
}


def priority(etype: str) -> int:
    return 0 if etype in SUMMIT_TYPES else 1 if etype in MILESTONE_TYPES else 2


def marks(
    rows: pd.DataFrame,
    type_labels: Mapping[str, str],
    publishers: Mapping[str, str],
    grades: Mapping[str, str],
    attendance: Mapping[tuple[str, str], tuple[str, str]],
    near: pd.Timedelta,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """One mark per lane and moment. Events in one lane less than ``near`` apart (a day, or the
    width of a mark at the axis's span) would hide each other, so they are one mark, led by the
    most prominent (a summit, then a programme milestone): its date, symbol and grade, its title
    first in the hover and its id first in the click; the others are listed."""
    rows = rows.assign(_rank=[priority(t) for t in rows["event_type"]])
    marks = []
    for lane, group in _clusters(rows, near):
        group = group.sort_values(["_rank", "event_type", "date_start", "event_id"], kind="stable")
        lead = group.iloc[0]
        x = lead["date_start"].strftime("%Y-%m-%d")
        status, words = attendance.get((lead["event_id"], lead["lane_key"]), ("", ""))
        label = type_labels.get(lead["event_type"], lead["event_type"])
        when = display_date(lead["date"], lead["date_precision"], tr)
        publisher = style.wrap(publishers.get(lead["source_id"], lead["source_id"]), 42, 2)
        hover = (  # lines of at most ~42 characters: the label stays inside a phone's screen
            f"<b>{style.wrap(lead['title'], 42, 3)}</b><br>{when} · {label}"
            + (f"<br>{style.wrap(words, 42, 3)}" if words else "")
            + "<br>"
            + tr._("Source: {publisher}", publisher=publisher)
            + "<br>"
            + tr._("Evidence: {grade}", grade=grades.get(lead["grade"], lead["grade"]))
        )
        others = group.iloc[1:]
        if len(others):
            listed = "".join(
                f"<br>· {style.wrap(t, 28, 1)}, {display_date(d, p, tr)}"
                for d, p, t in zip(others["date"][:4], others["date_precision"][:4], others["title"][:4])
            )
            more = (
                "<br>" + tr.n_("… and {n} more", "… and {n} more", len(others) - 4) if len(others) > 4 else ""
            )
            hover += "<br><br>" + tr._("At the same time in this lane:") + listed + more
        marks.append(
            {
                "x": x,
                "lane": lane,
                "etype": lead["event_type"],
                "status": status if status in ABSENCE_MARKS else "",
                "ids": ";".join(group["event_id"]),
                "count": len(group),
                "grade": lead["grade"],
                "hover": hover,
            }
        )
    return pd.DataFrame(marks)


def _lead_date(group: pd.DataFrame) -> pd.Timestamp:
    return group.sort_values(["_rank", "event_type", "date_start", "event_id"]).iloc[0]["date_start"]


def _clusters(rows: pd.DataFrame, near: pd.Timedelta):
    """``(lane, rows)`` of each mark: a lane's events in windows shorter than ``near``, then any
    two windows whose leading events are still closer than ``near`` merged, so no two marks of a
    lane touch (narrower years separate them: ``near`` shrinks with the axis's span)."""
    for lane, events in rows.sort_values(["date_start", "event_id"]).groupby("lane", sort=False):
        windows, start = [], None
        for i, when in zip(events.index, events["date_start"]):
            if start is None or when - start >= near:
                windows.append([])
                start = when
            windows[-1].append(i)
        merged: list[pd.DataFrame] = []
        for window in windows:
            merged.append(events.loc[window])
            while len(merged) > 1 and abs(_lead_date(merged[-1]) - _lead_date(merged[-2])) < near:
                last = merged.pop()
                merged[-1] = pd.concat([merged[-1], last])
        yield from ((lane, group) for group in merged)


def binned(rows: pd.DataFrame, label: str, tr: Translator = ENGLISH) -> pd.DataFrame:
    """One mark per (lane, year) of ``rows``, at mid-year: the timeline at any data size
    draws at most lanes × years × event types marks. Hover names the first titles; the
    mark shows the best grade among its events."""
    marks = []
    for (lane, year), group in rows.groupby(["lane", rows["date_start"].dt.year], sort=True):
        titles = list(dict.fromkeys(group["title"]))
        listed = "<br>".join(f"· {style.wrap(t, 50, 1)}" for t in titles[:3])
        more = (
            "<br>" + tr.n_("… {n} more title", "… {n} more titles", len(titles) - 3)
            if len(titles) > 3
            else ""
        )
        count = tr.n_(
            "{n} {kind} event in {year}",
            "{n} {kind} events in {year}",
            len(group),
            kind=label.lower(),
            year=year,
        )
        marks.append(
            {
                "x": f"{year}-07-01",
                "lane": lane,
                "ids": ";".join(group["event_id"].iloc[:BIN_IDS]),
                "count": len(group),
                "grade": style.best_grade(group["grade"]),
                "hover": f"<b>{count}</b><br>{style.wrap(lane, 50, 1)}<br>{listed}{more}",
            }
        )
    return pd.DataFrame(marks)


def display_date(value: str, precision: str, tr: Translator = ENGLISH) -> str:
    """A date as sourced, at its precision, as the reader's language writes it: ``12 July 2023``
    / ``2023年7月12日``, ``July 2023``, ``2023``, ``1990s`` / ``1990年代``."""
    return tr.date(value, precision)
