"""The evidence card: search, sort, the table of records in view, and its pages."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from plotly.io.json import to_json_plotly

from components import ids, labels, style
from components.cards import card, safe_href
from components.evidence import KIND_LABELS, SORTS, grade_reasons
from components.i18n import ENGLISH, N_

HEADINGS = (  # English msgids: shown as ``ctx._(heading)``
    N_("Date"),
    N_("Kind"),
    N_("Record"),
    N_("Actors"),
    N_("Domains"),
    N_("Source's words"),
    N_("Source"),
    N_("Evidence grade"),
)


def layout(ctx=None) -> dbc.Col:
    """The evidence card, in the context's language (English without one)."""
    tr = ctx.tr if ctx is not None else ENGLISH
    return card(
        "evidence",
        tr._("Evidence"),
        tr._(
            "Every record behind the views above, with its source, the source's words (or a summary, "
            "labelled as such) and its two-part NATO grade: the source's reliability (A–F) and the "
            "information's credibility (1–6). Click a mark in any chart to bring its row to the top."
        ),
        _body(tr),
        controls=_controls(tr),
        wide=True,
        download=False,
    )


def _controls(tr) -> html.Div:
    """The card's search box and sort order, labelled for screen readers."""
    return html.Div(
        [
            dbc.Label(tr._("Search the evidence"), html_for=ids.EVIDENCE_SEARCH, className="visually-hidden"),
            dbc.Input(
                id=ids.EVIDENCE_SEARCH,
                type="search",
                placeholder=tr._("Search titles, quotes, actors, sources…"),
                debounce=0.3,
                maxLength=200,
                size="sm",
            ),
            dbc.Label(tr._("Sort"), html_for=ids.EVIDENCE_SORT, className="visually-hidden"),
            dbc.Select(
                id=ids.EVIDENCE_SORT,
                options=[{"label": tr._(label), "value": value} for value, label in SORTS],
                value=SORTS[0][0],
                size="sm",
            ),
        ],
        className="evidence-controls",
    )


def _body(tr) -> list:
    """The card's body: the count and the highlight's button, the table (drawn near the screen),
    the printed page's note and the pages."""
    return [
        html.Div(
            [
                html.P(id=ids.EVIDENCE_COUNT, className="small text-body-secondary mb-0", role="status"),
                # shown while a record is highlighted here and picked out in the charts
                html.Button(
                    tr._("Clear the highlight"),
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


def _evidence_cell(row, publisher: str, tr=ENGLISH) -> list:
    """The record's text under its label: quotation marks only around verbatim words. The text
    is the source's (never translated), so it declares its own language."""
    # the publisher inside the label is the data's word: it declares its own language
    before, _, after = labels.quote_label(row.quote_origin, "\0", tr).partition("\0")
    words = [before, html.Span(publisher, lang=labels.text_lang(publisher)), after] if _ else [before]
    label = html.Div(words, className="evidence-label")
    lang = labels.text_lang(row.quote)
    body = (
        html.Div(row.quote, className="summary-text", lang=lang)
        if row.quote_origin in ("summary", "translation")  # never in quotation marks
        else html.Q(row.quote, lang=lang)
    )
    return [label, body]


def _grade_cell(row, reliability_reason: str, ctx) -> list:
    """The two-part grade as its code ("B2"), then each part in words with its reason."""
    parts = grade_reasons(ctx, row.grade, reliability_reason, row.credibility_reason)
    return [
        html.Span(
            row.grade,
            className=f"grade-badge grade-{style.band(row.grade)}",
            title=ctx.grades.get(row.grade, row.grade),
        ),
        *(
            html.Div(
                [words, html.Span(reason, lang=labels.text_lang(reason))],
                className="small text-body-secondary",
            )
            for words, reason in parts
        ),
        html.Div(
            ctx._("Checked {date}", date=ctx.tr.record_date(row.checked_on)),
            className="small text-body-secondary",
        ),
    ]


def _record_actions(record_id: str, tr=ENGLISH) -> html.Div:
    """*Copy link* (the page opened on this record) and *Cite* (the record's citation): plain
    buttons that assets/dashboard.js answers, so a page of rows adds no callbacks."""
    return html.Div(
        [
            html.Button(
                [html.I(className="bi bi-link-45deg me-1", **{"aria-hidden": "true"}), tr._("Copy link")],
                type="button",
                className="btn btn-link btn-sm record-action",
                **{
                    "data-record-link": record_id,
                    "aria-label": tr._("Copy link to record {record}", record=record_id),
                },
            ),
            html.Button(
                [html.I(className="bi bi-quote me-1", **{"aria-hidden": "true"}), tr._("Cite")],
                type="button",
                className="btn btn-link btn-sm record-action",
                **{
                    "data-record-cite": record_id,
                    "aria-label": tr._("Cite record {record}", record=record_id),
                },
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
    tr = ctx.tr
    if df.empty:
        return html.P(tr._("No records match these filters and search."), className="empty-state")
    headings = [tr._(h) for h in HEADINGS]
    src = ctx.ds["sources"].set_index("source_id")
    body = [
        _row(row, src.loc[row.source_id] if row.source_id in src.index else None, ctx, headings, highlighted)
        for row in df.itertuples()
    ]
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in headings]))
    return dbc.Table([head, html.Tbody(body)], hover=True, size="sm", className="evidence-table align-top")


def _row(row, s, ctx, headings: list[str], highlighted: frozenset[tuple[str, str]]) -> html.Tr:
    """One record's row, its source ``s`` (None when the record names none that is known); a
    highlighted record's row is marked as the current one."""
    tr = ctx.tr
    publisher = s["publisher"] if s is not None else ""
    cells = (
        (ctx.tr.record_date(row.date), "text-nowrap"),
        (tr._(KIND_LABELS.get(row.kind, row.kind)), None),
        (_record_cell(row, ctx), None),
        (row.actors, None),
        (row.domains, None),
        (_evidence_cell(row, publisher, tr), "quote-cell"),
        (_source_cell(row, s, ctx), None),
        (_grade_cell(row, s["reliability_reason"] if s is not None else "", ctx), None),
    )
    is_hit = (row.kind, row.record_id) in highlighted
    return html.Tr(
        # each cell names its column: on a phone the rows read as cards (style.css)
        [
            html.Td(content, className=cls, **{"data-label": heading})
            for (content, cls), heading in zip(cells, headings, strict=True)
        ],
        className="evidence-hit" if is_hit else None,
        **{"data-record": f"{row.kind}:{row.record_id}"},
        **({"aria-current": "true"} if is_hit else {}),
    )


def _record_cell(row, ctx) -> list:
    """The record's title, summary and note, then its *Copy link* and *Cite*."""
    # an event's title is in the reader's language (``evidence.records``); the other kinds'
    # titles and every summary and note are the data's English: declared where they are
    record = [html.Div(row.title, className="fw-semibold", **_lang_of(row.title, ctx))]
    if row.summary:
        record.append(html.Div(row.summary, className="small", lang=labels.text_lang(row.summary)))
    if row.note:
        note = html.Div(row.note, className="small text-body-secondary", lang=labels.text_lang(row.note))
        record.append(note)
    record.append(_record_actions(row.record_id, ctx.tr))
    return record


def _source_cell(row, s, ctx) -> list:
    """The source's title (linked when it has a safe address), its publisher and date, and the
    copy it was read through; the record's source id when the source is unknown."""
    href = safe_href(s["address"]) if s is not None else None
    publisher = s["publisher"] if s is not None else ""
    # the source's title and publisher are the data's words: each declares its language
    title = s["title"] if s is not None else row.source_id
    return [
        html.A(title, href=href, target="_blank", rel="noopener noreferrer", lang=labels.text_lang(title))
        if href
        else html.Span(title, lang=labels.text_lang(title)),
        html.Div(
            f"{publisher}{', ' + s['published'] if s is not None and s['published'] else ''}",
            className="small text-body-secondary",
            lang=labels.text_lang(publisher),
        ),
        *(
            [
                html.Div(
                    ctx._("read via {copy}", copy=s["read_via"]),
                    className="small text-body-secondary",
                    lang=labels.text_lang(s["read_via"]),
                )
            ]
            if s is not None and s["read_via"]
            else []
        ),
    ]


def _lang_of(text: str, ctx) -> dict:
    """``lang`` for a record's title where it differs from the page's: a title with no Japanese
    in it on a Japanese page is the data's English (a partnership's relation, a reaction's
    summary); anything else is in the page's language."""
    lang = labels.text_lang(text)
    return {"lang": lang} if lang != ctx.lang else {}


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
    # the sources' titles and publishers are their own words, nearly all English (Markdown
    # cannot mark one item's language; the footer's full list does, item by item)
    return json.loads(to_json_plotly(html.Div(markdown, lang="en")))


def sources_markdown(source_ids: list[str], sources: pd.DataFrame) -> str:
    """The sources of the view as a Markdown list (one component on the page, not hundreds):
    title, linked when it has an http(s) address, then publisher and date."""
    rows = sources.set_index("source_id")
    items = []
    for sid in source_ids:
        if sid not in rows.index:
            continue
        s = rows.loc[sid]
        href = safe_href(s["address"])
        title = f"[{_md(s['title'])}](<{quote(href, safe=URL_SAFE)}>)" if href else _md(s["title"])
        published = f", {_md(s['published'])}" if s["published"] else ""
        via = f" (read via {_md(s['read_via'])})" if s["read_via"] else ""
        items.append(f"- {title} — {_md(s['publisher'])}{published}{via}")
    return "\n".join(items)
