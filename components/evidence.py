"""Evidence: the records behind the current view, with their sources, quotes and grades.

The table is also the accessible alternative to the charts: every mark of every chart
is a row here, as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import ids, labels
from components.cards import card, safe_href

PAGE_SIZE = 25
KIND_LABELS = {
    "event": "Event",
    "partnership": "Partnership",
    "itpp": "ITPP area",
    "ip4": "IP4 record",
    "reaction": "Reaction",
}
SORTS = (
    ("date-desc", "Newest first"),
    ("date-asc", "Oldest first"),
    ("kind", "By kind"),
    ("source", "By source"),
    ("grade", "Strongest evidence first"),
)
COLUMNS = (
    "kind",
    "record_id",
    "date",
    "title",
    "summary",
    "actors",
    "domains",
    "quote",
    "quote_origin",
    "source_id",
    "verification",
    "grade",
    "note",
)


def layout() -> dbc.Col:
    controls = html.Div(
        [
            dbc.Label("Search the evidence", html_for=ids.EVIDENCE_SEARCH, className="visually-hidden"),
            dbc.Input(
                id=ids.EVIDENCE_SEARCH,
                type="search",
                placeholder="Search titles, quotes, actors, sources…",
                debounce=0.3,
                maxLength=200,
                size="sm",
            ),
            dbc.Label("Sort", html_for=ids.EVIDENCE_SORT, className="visually-hidden"),
            dbc.Select(
                id=ids.EVIDENCE_SORT,
                options=[{"label": label, "value": value} for value, label in SORTS],
                value="date-desc",
                size="sm",
            ),
        ],
        className="evidence-controls",
    )
    body = [
        html.P(id=ids.EVIDENCE_COUNT, className="small text-body-secondary", role="status"),
        html.Div(
            id=ids.EVIDENCE_TABLE,
            className="evidence-scroll",
            tabIndex="0",
            role="region",
            **{"aria-labelledby": "evidence-title"},
        ),
        dbc.Pagination(
            id=ids.EVIDENCE_PAGE,
            max_value=1,
            active_page=1,
            fully_expanded=False,
            first_last=True,
            previous_next=True,
            size="sm",
            className="evidence-pages mt-2 mb-0",
        ),
    ]
    return card(
        "evidence",
        "Evidence",
        "Every record behind the views above, with its source, the source's words (or a summary, "
        "labelled as such) and an evidence grade. Click a mark in any chart to bring its row to the top.",
        body,
        controls=controls,
        wide=True,
        download=False,
    )


def _actors(values, names: Mapping[str, str]) -> str:
    return ", ".join(names.get(v, v) for v in values if v)


def _attendance(row) -> str:
    if row.attendance == "attended":
        return f"{row.leader} attended"
    if row.attendance == "represented":
        return f"{row.leader} did not attend; represented by {row.representative}"
    return f"not represented ({row.leader} did not attend)"


def _evidence(df: pd.DataFrame) -> dict:
    """The columns every kind of record shares: its text, source and grade."""
    return {
        "quote": df["quote"],
        "quote_origin": df["quote_origin"],
        "source_id": df["source_id"],
        "verification": df["verification"],
        "grade": df["grade"],
        "note": df["note"],
    }


def records(
    frames: Mapping[str, pd.DataFrame],
    *,
    names: Mapping[str, str],
    domain_labels: Mapping[str, str],
) -> pd.DataFrame:
    """One row per record in view, across all tables, in a common shape.

    Args:
        frames: filtered frames keyed ``events``, ``partnerships``, ``itpp_areas``, ``ip4``, ``reactions``.
        names: actor id → display name.
        domain_labels: domain id → label.
    """
    parts = []
    dl = domain_labels
    ev = frames.get("events")
    if ev is not None and not ev.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": "event",
                    "record_id": ev["event_id"],
                    "date": ev["date"],
                    "title": ev["title"],
                    "summary": ev["summary"],
                    "actors": [_actors(c + o, names) for c, o in zip(ev["countries"], ev["organizations"])],
                    "domains": [", ".join(dl.get(d, d) for d in ds_) for ds_ in ev["domains"]],
                    **_evidence(ev),
                }
            )
        )
    pa = frames.get("partnerships")
    if pa is not None and not pa.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": "partnership",
                    "record_id": pa["edge_id"],
                    "date": [str(int(y)) if pd.notna(y) else "" for y in pa["since"]],
                    "title": [
                        f"{names.get(a, a)} — {names.get(b, b)}: {r}"
                        for a, b, r in zip(pa["from_id"], pa["to_id"], pa["relation"])
                    ],
                    "summary": "",
                    "actors": [_actors((a, b), names) for a, b in zip(pa["from_id"], pa["to_id"])],
                    "domains": [", ".join(dl.get(d, d) for d in ds_) for ds_ in pa["domains"]],
                    **_evidence(pa),
                }
            )
        )
    it = frames.get("itpp_areas")
    if it is not None and not it.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": "itpp",
                    "record_id": it["area_id"],
                    "date": "2023-07-12",
                    "title": "ITPP area: " + it["name"],
                    "summary": "",
                    "actors": _actors(("JPN", "NATO"), names),
                    "domains": [", ".join(dl.get(d, d) for d in ds_) for ds_ in it["domains"]],
                    **_evidence(it),
                }
            )
        )
    ip = frames.get("ip4")
    if ip is not None and not ip.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": "ip4",
                    "record_id": ip["record_id"],
                    "date": [s or a or "" for s, a in zip(ip["summit_date"], ip["agreed"])],
                    "title": [
                        f"{r.summit}: {names.get(r.iso3, r.iso3)} — {_attendance(r)}"
                        if r.record_type == "summit"
                        else f"{names.get(r.iso3, r.iso3)}: {r.partnership_document}"
                        for r in ip.itertuples()
                    ],
                    "summary": "",
                    "actors": [names.get(c, c) for c in ip["iso3"]],
                    "domains": "",
                    **_evidence(ip),
                }
            )
        )
    re_ = frames.get("reactions")
    if re_ is not None and not re_.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": "reaction",
                    "record_id": re_["reaction_id"],
                    "date": re_["date"],
                    "title": re_["summary"],
                    "summary": "",
                    "actors": [
                        "; ".join(p for p in (names.get(a, a), s) if p)
                        for a, s in zip(re_["actor_id"], re_["speaker"])
                    ],
                    "domains": "",
                    **_evidence(re_),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=list(COLUMNS))
    out = pd.concat(parts, ignore_index=True)
    return out.fillna("")[list(COLUMNS)]


def select(
    df: pd.DataFrame, *, search: str = "", sort: str = "date-desc", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Rows matching a case-insensitive search, in the chosen order."""
    out = df
    needle = (search or "").strip().casefold()[:200]
    if needle:
        titles = (
            {}
            if sources is None
            else dict(zip(sources["source_id"], sources["title"] + " " + sources["publisher"]))
        )
        hay = (
            out["title"]
            + " "
            + out["summary"]
            + " "
            + out["quote"]
            + " "
            + out["actors"]
            + " "
            + out["domains"]
            + " "
            + out["source_id"].map(lambda s: titles.get(s, s))
        ).str.casefold()
        out = out[hay.str.contains(needle, regex=False)]
    if sort == "date-asc":
        return out.sort_values(["date", "kind"], kind="stable")
    if sort == "kind":
        return out.sort_values(["kind", "date"], kind="stable")
    if sort == "source":
        return out.sort_values(["source_id", "date"], kind="stable")
    if sort == "grade":
        return out.sort_values(["grade", "date"], ascending=[True, False], kind="stable")
    return out.sort_values(["date", "kind"], ascending=[False, True], kind="stable")


def page(
    df: pd.DataFrame, *, number: int = 1, highlighted: frozenset[tuple[str, str]] = frozenset()
) -> tuple[pd.DataFrame, int, int]:
    """One page of rows, highlighted rows first. Returns (rows, page number, page count)."""
    if highlighted:
        first = pd.Series(
            [(k, r) in highlighted for k, r in zip(df["kind"], df["record_id"])], index=df.index
        )
        df = pd.concat([df[first], df[~first]])
    pages = max(1, -(-len(df) // PAGE_SIZE))
    number = min(max(1, number), pages)
    return df.iloc[(number - 1) * PAGE_SIZE : number * PAGE_SIZE], number, pages


def _evidence_cell(row, publisher: str) -> list:
    """The record's text under its label: quotation marks only around verbatim words."""
    label = html.Div(labels.quote_label(row.quote_origin, publisher), className="evidence-label")
    body = (
        html.Div(row.quote, className="summary-text") if row.quote_origin == "summary" else html.Q(row.quote)
    )
    return [label, body]


def _grade_cell(row, outlet_type: str, grade_labels: Mapping[str, str]) -> list:
    return [
        html.Span(grade_labels.get(row.grade, row.grade), className=f"grade-badge grade-{row.grade}"),
        html.Div(
            labels.grade_reason(outlet_type, row.quote_origin, row.verification),
            className="small text-body-secondary",
        ),
    ]


def table(
    df: pd.DataFrame,
    *,
    sources: pd.DataFrame,
    grades: Mapping[str, str],
    highlighted: frozenset[tuple[str, str]] = frozenset(),
) -> html.Table | html.P:
    """The evidence rows as a semantic HTML table.

    All text goes into components as plain strings, so nothing in the data is ever
    interpreted as markup. Pages stay short because the Dash renderer's cost grows
    with the number of components on the page.
    """
    if df.empty:
        return html.P("No records match these filters and search.", className="empty-state")
    src = sources.set_index("source_id")
    body = []
    for row in df.itertuples():
        s = src.loc[row.source_id] if row.source_id in src.index else None
        href = safe_href(s["url"]) if s is not None else None
        publisher = s["publisher"] if s is not None else ""
        source_cell = [
            html.A(s["title"], href=href, target="_blank", rel="noopener noreferrer")
            if href
            else (s["title"] if s is not None else row.source_id),
            html.Div(
                f"{publisher}{', ' + s['published'] if s is not None and s['published'] else ''}",
                className="small text-body-secondary",
            ),
        ]
        is_hit = (row.kind, row.record_id) in highlighted
        record = [html.Div(row.title, className="fw-semibold")]
        if row.summary:
            record.append(html.Div(row.summary, className="small"))
        if row.note:
            record.append(html.Div(row.note, className="small text-body-secondary"))
        body.append(
            html.Tr(
                [
                    html.Td(row.date, className="text-nowrap"),
                    html.Td(KIND_LABELS.get(row.kind, row.kind)),
                    html.Td(record),
                    html.Td(row.actors),
                    html.Td(row.domains),
                    html.Td(_evidence_cell(row, publisher), className="quote-cell"),
                    html.Td(source_cell),
                    html.Td(_grade_cell(row, s["outlet_type"] if s is not None else "", grades)),
                ],
                className="evidence-hit" if is_hit else None,
                **{"data-record": f"{row.kind}:{row.record_id}"},
                **({"aria-current": "true"} if is_hit else {}),
            )
        )
    head = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col")
                for h in (
                    "Date",
                    "Kind",
                    "Record",
                    "Actors",
                    "Domains",
                    "Source's words",
                    "Source",
                    "Evidence grade",
                )
            ]
        )
    )
    return dbc.Table([head, html.Tbody(body)], hover=True, size="sm", className="evidence-table align-top")
