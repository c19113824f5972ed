"""The view cards: the frame every card shares, and a chart's card made from its registry entry."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import i18n, ids, images, style
from components.i18n import N_, Translator
from components.views.base import View
from components.views.context import Context

DOWNLOAD_FORMATS = {
    "png": N_("PNG image"),
    "svg": N_("SVG image"),
    "pdf": N_("PDF"),
    "csv": N_("CSV data with quotes"),
}


def safe_href(url) -> str | None:
    """The URL when it is an http(s) link, else None (never render other schemes)."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
        return url
    return None


def download_menu(view: str, tr: Translator = i18n.ENGLISH) -> dbc.DropdownMenu:
    """A chart's download menu: server-rendered images with title and sources, under a heading
    for each size preset (each item names its size to a screen reader too), and the CSV."""
    items = []
    for size in images.PRESETS.values():
        size_label = tr._(size.label)
        # a real heading: dbc's header item has role="heading" without the aria-level it requires
        items.append(html.H3(size_label, className="dropdown-header h6 mb-0"))
        for fmt in images.IMAGE_FORMATS:
            label = (
                tr._("{format}, {size}", format=tr._(DOWNLOAD_FORMATS[fmt]), size=tr._(size.png))
                if fmt == "png"
                else tr._(DOWNLOAD_FORMATS[fmt])
            )
            items.append(
                dbc.DropdownMenuItem(
                    [label, html.Span(f" ({size_label})", className="visually-hidden")],
                    id=ids.download_item(view, fmt, size.key),
                )
            )
    items += [
        dbc.DropdownMenuItem(divider=True),
        dbc.DropdownMenuItem(tr._(DOWNLOAD_FORMATS["csv"]), id=ids.download_item(view, "csv")),
        dbc.DropdownMenuItem(divider=True),
        dbc.DropdownMenuItem(tr._("Embed this chart…"), id=ids.embed_item(view)),
    ]
    return dbc.DropdownMenu(
        items,
        label=tr._("Download"),
        size="sm",
        color="secondary",
        align_end=True,
        className="download-menu",
        id=f"{view}-download-menu",
    )


def card(
    name: str,
    title: str,
    reading: str,
    body,
    *,
    controls=None,
    wide=False,
    download=True,
    tr: Translator = i18n.ENGLISH,
) -> dbc.Col:
    """A card: title, a one-sentence reading of what it shows, controls, body."""
    header = [
        html.Div(
            [
                # focusable from the page's "Jump to" links
                html.H2(title, className="card-title h5", id=ids.title(name), tabIndex="-1"),
                html.P(reading, className="card-reading"),
            ],
            className="card-heading",
        )
    ]
    # the download first: one Tab after a skip link lands on the card, before any option
    tools = [c for c in (download_menu(name, tr) if download else None, controls) if c is not None]
    if tools:
        header.append(html.Div(tools, className="card-controls"))
    return dbc.Col(
        dbc.Card(
            [dbc.CardHeader(header, className="view-header"), dbc.CardBody(body, className="view-body")],
            className="view-card h-100",
            id=ids.card(name),
        ),
        xs=12,
        xl=12 if wide else 6,
        className="view-col",
    )


def view_card(view: View, ctx: Context) -> dbc.Col:
    """A chart's card, all from its registry entry: option control, graph, caption."""
    controls = None
    if view.option is not None:
        option = view.option
        make = dbc.RadioItems if option.kind == "radio" else dbc.Checklist
        controls = make(
            id=ids.option(view.name, option.key),
            options=[
                {"label": ctx._(label), "value": value} for value, label in option.choices(ctx.ds, ctx.lang)
            ],
            value=option.default(ctx.ds),
            inline=True,
            className=f"view-options {view.name}-options",
        )
    body = [graph(view, ctx)]
    if view.caption is not None:
        body.append(html.P(id=ids.caption(view.name), className="view-caption small"))
    return card(
        view.name, view.title(ctx), view.reading(ctx), body, controls=controls, wide=view.wide, tr=ctx.tr
    )


def graph_config(view: View, lang: str = i18n.DEFAULT) -> dict:
    """plotly.js's config of a chart, on the page and in an embed: its own mode-bar buttons and
    nothing that sends the chart off-site, in the page's language (plotly.js's own words:
    the mode bar's tips, month names on date axes)."""
    return {
        "locale": lang,
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": view.name},
        "modeBarButtons": [list(view.modebar)],
        "showSendToCloud": False,  # plotly.js's "Share chart…" uploads the chart to Plotly Cloud
        **view.config,
    }


def graph(view: View, ctx: Context) -> html.Div:
    """A ``dcc.Graph`` with an accessible name and description.

    It keeps the view's height (the ``--graph-h`` rule in style.css) until plotly.js has
    drawn, then starts as a blank plot that tall, so the cards below do not jump when the
    first figure arrives (cumulative layout shift).
    """
    graph_id = ids.graph(view.name)
    config = graph_config(view, ctx.lang)
    return html.Div(
        [
            dcc.Loading(
                dcc.Graph(
                    id=graph_id,
                    config=config,
                    figure=style.placeholder(view.height),
                    className="view-graph",
                ),
                type="circle",
                delay_show=400,
            ),
            # what the chart shows now, in words: its accessible description, readable on screen too
            html.Details(
                [
                    html.Summary(ctx._("Describe this chart")),
                    html.P(ctx._(view.description), id=ids.description(view.name)),
                ],
                className="chart-description small",
            ),
        ],
        role="figure",
        className="graph-wrap",
        # on the wrapper: until its code loads, dcc.Graph renders a bare div without its style
        style={"--graph-h": f"{view.height}px"},
        **{
            "aria-labelledby": ids.title(view.name),
            "aria-describedby": ids.description(view.name),
            "data-lazy": graph_id,  # drawn only near the screen (assets/dashboard.js)
        },
    )
