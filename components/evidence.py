"""Evidence: the records behind the current view, with their verbatim quotes and sources.

The table is also the accessible alternative to the charts: every mark of every chart
is a row here, as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import ids
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
)
COLUMNS = ("kind", "record_id", "date", "title", "actors", "domains", "quote", "source_id", "note")


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
        "Every record behind the views above, with the verbatim quote and its source. "
        "Click a mark in any chart to bring its row to the top.",
        body,
        controls=controls,
        wide=True,
        download=False,
    )


def _actors(values, names: Mapping[str, str]) -> str:
    return ", ".join(names.get(v, v) for v in values if v)


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
                    "actors": [_actors(c + o, names) for c, o in zip(ev["countries"], ev["organizations"])],
                    "domains": [", ".join(dl.get(d, d) for d in ds_) for ds_ in ev["domains"]],
                    "quote": ev["quote"],
                    "source_id": ev["source_id"],
                    "note": ev["note"],
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
                    "actors": [_actors((a, b), names) for a, b in zip(pa["from_id"], pa["to_id"])],
                    "domains": [", ".join(dl.get(d, d) for d in ds_) for ds_ in pa["domains"]],
                    "quote": pa["quote"],
                    "source_id": pa["source_id"],
                    "note": pa["note"],
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
                    "actors": _actors(("JPN", "NATO"), names),
                    "domains": [", ".join(dl.get(d, d) for d in ds_) for ds_ in it["domains"]],
                    "quote": it["quote"],
                    "source_id": it["source_id"],
                    "note": it["note"],
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
                        f"{s}: {names.get(c, c)} — {leader}" if t == "summit" else f"{names.get(c, c)}: {d}"
                        for t, s, c, leader, d in zip(
                            ip["record_type"],
                            ip["summit"],
                            ip["iso3"],
                            ip["leader"],
                            ip["partnership_document"],
                        )
                    ],
                    "actors": [names.get(c, c) for c in ip["iso3"]],
                    "domains": "",
                    "quote": ip["quote"],
                    "source_id": ip["source_id"],
                    "note": ip["note"],
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
                    "actors": [names.get(a, a) for a in re_["actor_id"]],
                    "domains": "",
                    "quote": re_["quote"],
                    "source_id": re_["source_id"],
                    "note": re_["note"],
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


def table(
    df: pd.DataFrame, *, sources: pd.DataFrame, highlighted: frozenset[tuple[str, str]] = frozenset()
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
        source_cell = [
            html.A(s["title"], href=href, target="_blank", rel="noopener noreferrer")
            if href
            else (s["title"] if s is not None else row.source_id),
            html.Div(
                f"{s['publisher']}{', ' + s['published'] if s is not None and s['published'] else ''}"
                if s is not None
                else "",
                className="small text-body-secondary",
            ),
        ]
        is_hit = (row.kind, row.record_id) in highlighted
        body.append(
            html.Tr(
                [
                    html.Td(row.date, className="text-nowrap"),
                    html.Td(KIND_LABELS.get(row.kind, row.kind)),
                    html.Td(
                        [
                            html.Div(row.title, className="fw-semibold"),
                            html.Div(row.note, className="small text-body-secondary") if row.note else None,
                        ]
                    ),
                    html.Td(row.actors),
                    html.Td(row.domains),
                    html.Td(html.Q(row.quote), className="quote-cell"),
                    html.Td(source_cell),
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
                for h in ("Date", "Kind", "Record", "Actors", "Domains", "Quote", "Source")
            ]
        )
    )
    return dbc.Table([head, html.Tbody(body)], hover=True, size="sm", className="evidence-table align-top")
