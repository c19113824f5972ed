"""The evidence card: search, sort, the table of records in view, and its pages."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from plotly.io.json import to_json_plotly

from components import ids, labels
from components.cards import card, safe_href
from components.views.evidence import KIND_LABELS, SORTS, grade_reason

HEADINGS = ("Date", "Kind", "Record", "Actors", "Domains", "Source's words", "Source", "Evidence grade")


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
                value=SORTS[0][0],
                size="sm",
            ),
        ],
        className="evidence-controls",
    )
    body = [
        html.Div(
            [
                html.P(id=ids.EVIDENCE_COUNT, className="small text-body-secondary mb-0", role="status"),
                # shown while a record is highlighted here and picked out in the charts
                html.Button(
                    "Clear the highlight",
                    id=ids.CLEAR_HIGHLIGHT,
                    type="button",
                    hidden=True,
                    className="btn btn-link btn-sm p-0 clear-highlight",
                ),
            ],
            className="d-flex flex-wrap gap-3 align-items-baseline mb-2",
        ),
        html.P(id=ids.RECORD_STATUS, className="visually-hidden", role="status"),
        html.Div(
            id=ids.EVIDENCE_TABLE,
            className="evidence-scroll",
            tabIndex="0",
            role="region",
            # drawn only near the screen, like the charts (assets/dashboard.js)
            **{"aria-labelledby": "evidence-title", "data-lazy": ids.EVIDENCE_TABLE},
        ),
        html.P(id=ids.PRINT_RECORDS, className="print-only small"),
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


def _evidence_cell(row, publisher: str) -> list:
    """The record's text under its label: quotation marks only around verbatim words."""
    label = html.Div(labels.quote_label(row.quote_origin, publisher), className="evidence-label")
    body = (
        html.Div(row.quote, className="summary-text") if row.quote_origin == "summary" else html.Q(row.quote)
    )
    return [label, body]


def _grade_cell(row, outlet_type: str, ctx) -> list:
    return [
        html.Span(ctx.grades.get(row.grade, row.grade), className=f"grade-badge grade-{row.grade}"),
        html.Div(
            grade_reason(ctx, outlet_type, row.quote_origin, row.verification),
            className="small text-body-secondary",
        ),
    ]


def _record_actions(record_id: str) -> html.Div:
    """*Copy link* (the page opened on this record) and *Cite* (the record's citation): plain
    buttons that assets/dashboard.js answers, so a page of rows adds no callbacks."""
    return html.Div(
        [
            html.Button(
                [html.I(className="bi bi-link-45deg me-1", **{"aria-hidden": "true"}), "Copy link"],
                type="button",
                className="btn btn-link btn-sm record-action",
                **{"data-record-link": record_id, "aria-label": f"Copy link to record {record_id}"},
            ),
            html.Button(
                [html.I(className="bi bi-quote me-1", **{"aria-hidden": "true"}), "Cite"],
                type="button",
                className="btn btn-link btn-sm record-action",
                **{"data-record-cite": record_id, "aria-label": f"Cite record {record_id}"},
            ),
        ],
        className="record-actions",
    )


def table(
    df: pd.DataFrame, ctx, *, highlighted: frozenset[tuple[str, str]] = frozenset()
) -> html.Table | html.P:
    """The evidence rows as a semantic HTML table.

    All text goes into components as plain strings, so nothing in the data is ever
    interpreted as markup. Pages stay short because the Dash renderer's cost grows
    with the number of components on the page.
    """
    if df.empty:
        return html.P("No records match these filters and search.", className="empty-state")
    src = ctx.ds["sources"].set_index("source_id")
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
        record.append(_record_actions(row.record_id))
        cells = (
            (row.date, "text-nowrap"),
            (KIND_LABELS.get(row.kind, row.kind), None),
            (record, None),
            (row.actors, None),
            (row.domains, None),
            (_evidence_cell(row, publisher), "quote-cell"),
            (source_cell, None),
            (_grade_cell(row, s["outlet_type"] if s is not None else "", ctx), None),
        )
        body.append(
            html.Tr(
                # each cell names its column: on a phone the rows read as cards (style.css)
                [
                    html.Td(content, className=cls, **{"data-label": heading})
                    for (content, cls), heading in zip(cells, HEADINGS, strict=True)
                ],
                className="evidence-hit" if is_hit else None,
                **{"data-record": f"{row.kind}:{row.record_id}"},
                **({"aria-current": "true"} if is_hit else {}),
            )
        )
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in HEADINGS]))
    return dbc.Table([head, html.Tbody(body)], hover=True, size="sm", className="evidence-table align-top")


URL_SAFE = ":/?#[]@!$&'*+,;=%~"  # kept as they are in a link; spaces, < and > are escaped
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def _md(text) -> str:
    """Data as Markdown text: every character Markdown would read as syntax is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def sources_list(source_ids: list[str], sources: pd.DataFrame) -> dict:
    """The sources of the view as a ``dcc.Markdown`` component (JSON), for the page to draw when
    the list comes near the screen: the Markdown code (about 470 KB with its highlighter) then
    loads only for a reader who scrolls to it, not with the first screen."""
    markdown = dcc.Markdown(
        sources_markdown(source_ids, sources), link_target="_blank", className="source-list"
    )
    return json.loads(to_json_plotly(markdown))


def sources_markdown(source_ids: list[str], sources: pd.DataFrame) -> str:
    """The sources of the view as a Markdown list (one component on the page, not hundreds):
    title, linked when it has an http(s) address, then publisher and date."""
    rows = sources.set_index("source_id")
    items = []
    for sid in source_ids:
        if sid not in rows.index:
            continue
        s = rows.loc[sid]
        href = safe_href(s["url"])
        title = f"[{_md(s['title'])}](<{quote(href, safe=URL_SAFE)}>)" if href else _md(s["title"])
        published = f", {_md(s['published'])}" if s["published"] else ""
        items.append(f"- {title} — {_md(s['publisher'])}{published}")
    return "\n".join(items)
