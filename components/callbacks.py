"""The page's callbacks: wiring only. Each one names its inputs and outputs and hands them to
the page object (components/page.py), which holds all the logic and is tested without Dash.

The page object reads only its dataset, which is never mutated, so the app is safe under
several gunicorn workers.
"""

from __future__ import annotations

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from components import ids, response_cache
from components.images import ExportError
from components.page import Page, page_link
from components.page_io import FILTER_INPUTS, INPUTS, OPTION_INPUTS, OUTPUTS, STATES
from components.views.registry import VIEWS


def _deps(kind, spec: dict) -> dict:
    """Dash dependencies of ``kind`` (Input, Output, State) by key, from ``{key: (id, prop)}``."""
    return {key: kind(cid, prop) for key, (cid, prop) in spec.items()}


KEY_OF_TRIGGER = {cid: key for key, (cid, _) in INPUTS.items()}
CONTROL_STATES = {**FILTER_INPUTS, **OPTION_INPUTS}
CONTROL_STATES["lang"] = STATES["lang"]


def register(app: dash.Dash, page: Page, *, response_cache_size: int) -> None:
    """Wire every callback of ``app`` to ``page``; keep ``response_cache_size`` whole page
    responses per worker (0: none)."""
    if response_cache_size:
        first = next(iter(k for k in OUTPUTS if k.startswith("figure_")))
        response_cache.install(app.server, output=".".join(OUTPUTS[first]), size=response_cache_size)
    _page(app, page)
    _download(app, page)
    _citation(app, page)
    _lazy_drawing(app)
    _browser_only(app)


def _page(app: dash.Dash, page: Page) -> None:
    """The page's filter-driven outputs."""

    @app.callback(output=_deps(Output, OUTPUTS), inputs=_deps(Input, INPUTS), state=_deps(State, STATES))
    def update_page(**inp):
        """Every filter-driven output of the page in one round trip (half the round trips of a
        chain of callbacks). When nothing changes, Dash answers 204 and the browser does nothing."""
        out = page.outputs(KEY_OF_TRIGGER.get(ctx.triggered_id), inp)
        if not out:
            raise PreventUpdate
        return {key: out.get(key, no_update) for key in OUTPUTS}


def _download(app: dash.Dash, page: Page) -> None:
    """The downloads: a chart's file or the view's ZIP, or a toast saying why not."""

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Output(ids.EXPORT_TOAST, "children"),
        Output(ids.EXPORT_TOAST, "is_open"),
        inputs={
            "items": Input(ids.download_item(ALL, ALL, ALL), "n_clicks"),
            "bundle": Input(ids.DOWNLOAD_VIEW, "n_clicks"),
            "inp": _deps(State, CONTROL_STATES),
            "href": State(ids.URL, "href"),
        },
        # while a file is made (the view's ZIP takes a few seconds), the header's button shows a
        # spinner (style.css: .is-busy) and takes no second click; its words, in the page's
        # language, stay
        running=[
            (Output(ids.DOWNLOAD_VIEW, "disabled"), True, False),
            (Output(ids.DOWNLOAD_VIEW, "className"), "is-busy", ""),
        ],
        prevent_initial_call=True,
    )
    def download(items, bundle, inp, href):
        """One chart as PNG/SVG/PDF (at a size preset) or CSV, or the whole view as a ZIP."""
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            raise PreventUpdate
        try:
            file = page.download(ctx.triggered_id, inp, page_link(href))
        except ExportError as exc:
            return no_update, exc.text(page.context(inp.get("lang")).tr), True
        if file is None:
            raise PreventUpdate
        return dcc.send_bytes(file[1], file[0]), no_update, no_update


def _citation(app: dash.Dash, page: Page) -> None:
    """The citation dialog: the view's, or one record's."""

    @app.callback(
        Output(ids.CITE_MODAL, "is_open"),
        Output(ids.CITE_TITLE, "children"),
        Output(ids.CITE_TEXT, "children"),
        Output(ids.CITE_BIBTEX, "children"),
        Input(ids.CITE_OPEN, "n_clicks"),
        Input(ids.RECORD_CITE, "data"),
        State(ids.URL, "href"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def open_citation(_clicks, record, href, lang):
        """The view's citation, or one record's (a row's *Cite*), in the page's language."""
        words = page.context(lang)
        if ctx.triggered_id != ids.RECORD_CITE:
            return True, words._("Cite this view"), *page.citation(page_link(href), lang)
        cited = page.record_citation(
            record.get("record") if isinstance(record, dict) else None, page_link(href), lang
        )
        if cited is None:
            raise PreventUpdate
        return True, words._("Cite this record"), *cited


def _lazy_drawing(app: dash.Dash) -> None:
    """Each chart, the evidence table and the sources list draw what the server sent only when
    near the screen (assets/dashboard.js)."""
    for view in VIEWS:
        app.clientside_callback(
            ClientsideFunction("dashboard", "drawWhenNear"),
            Output(ids.graph(view.name), "figure"),
            Input(ids.figure_store(view.name), "data"),
            Input(ids.NEAR, "data"),
            Input(ids.EVIDENCE_SELECTED, "data"),  # a linked or clicked record's marks picked out
        )
    app.clientside_callback(
        ClientsideFunction("dashboard", "drawWhenNear"),
        Output(ids.EVIDENCE_TABLE, "children"),
        Input(ids.EVIDENCE_STORE, "data"),
        Input(ids.NEAR, "data"),
        State(ids.EVIDENCE_SELECTED, "data"),  # a clicked mark's record is drawn wherever it is
    )
    app.clientside_callback(
        ClientsideFunction("dashboard", "drawWhenNear"),
        Output(ids.VIEW_SOURCES, "children"),
        Input(ids.VIEW_SOURCES_STORE, "data"),
        Input(ids.NEAR, "data"),
    )


def _browser_only(app: dash.Dash) -> None:
    """What the browser does alone (assets/dashboard.js): the theme, copying the page's link,
    the highlight's button, the embed dialog and scrolling to a record."""
    app.clientside_callback(
        ClientsideFunction("dashboard", "applyTheme"),
        Output(ids.THEME_STORE, "data"),
        Input(ids.THEME_SWITCH, "value"),
    )
    app.clientside_callback(
        ClientsideFunction("dashboard", "copyLink"),
        Output(ids.COPY_LINK_STATUS, "children"),
        Input(ids.COPY_LINK, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("dashboard", "hideWhenNothingHighlighted"),
        Output(ids.CLEAR_HIGHLIGHT, "hidden"),
        Input(ids.EVIDENCE_SELECTED, "data"),
    )
    _embed_dialog(app)
    app.clientside_callback(
        ClientsideFunction("dashboard", "scrollToEvidence"),
        Output(ids.EVIDENCE_SCROLL, "data"),
        Input(ids.EVIDENCE_TABLE, "children"),
        State(ids.EVIDENCE_SELECTED, "data"),
        prevent_initial_call=True,
    )


def _embed_dialog(app: dash.Dash) -> None:
    """A chart's *Embed* opens the dialog with its snippet; *Copy* copies it."""
    app.clientside_callback(
        ClientsideFunction("dashboard", "openEmbed"),
        Output(ids.EMBED_MODAL, "is_open"),
        Output(ids.EMBED_CODE, "value"),
        Output(ids.EMBED_PREVIEW, "href"),
        Output(ids.EMBED_STATUS, "children"),
        Input(ids.embed_item(ALL), "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("dashboard", "copyEmbed"),
        Output(ids.EMBED_STATUS, "children", allow_duplicate=True),
        Input(ids.EMBED_COPY, "n_clicks"),
        State(ids.EMBED_CODE, "value"),
        prevent_initial_call=True,
    )
