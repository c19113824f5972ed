"""Building blocks shared by the view cards: the card frame and an accessible graph."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids, style


def safe_href(url) -> str | None:
    """The URL when it is an http(s) link, else None (never render other schemes)."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
        return url
    return None


def downloads(view: str) -> dbc.DropdownMenu:
    """The card's download menu: server-rendered images with title and sources, and the CSV."""
    labels = {"png": "PNG image", "svg": "SVG image", "pdf": "PDF", "csv": "CSV data with quotes"}
    return dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(label, id={"type": ids.DOWNLOAD_ITEM_TYPE, "view": view, "fmt": fmt})
            for fmt, label in labels.items()
        ],
        label="Download",
        size="sm",
        color="secondary",
        align_end=True,
        className="download-menu",
        id=f"{view}-download-menu",
    )


def card(
    view_id: str, title: str, reading: str, body, *, controls=None, wide=False, download=True
) -> dbc.Col:
    """A view card: title, a one-sentence reading of what it shows, controls, body."""
    header = [
        html.Div(
            [
                html.H2(title, className="card-title h5", id=f"{view_id}-title"),
                html.P(reading, className="card-reading"),
            ],
            className="card-heading",
        )
    ]
    tools = [c for c in (controls, downloads(view_id) if download else None) if c is not None]
    if tools:
        header.append(html.Div(tools, className="card-controls"))
    return dbc.Col(
        dbc.Card(
            [dbc.CardHeader(header, className="view-header"), dbc.CardBody(body, className="view-body")],
            className="view-card h-100",
            id=f"{view_id}-card",
        ),
        xs=12,
        xl=12 if wide else 6,
        className="view-col",
    )


def graph(graph_id: str, description: str, *, height: int, config=None) -> html.Div:
    """A ``dcc.Graph`` with an accessible name and description.

    It keeps ``height`` px (the figure's usual height; a ``.graph-h-<height>`` rule in
    style.css) until plotly.js has drawn, then starts as a blank plot that tall, so the
    cards below do not jump when the first figure arrives (cumulative layout shift).
    """
    cfg = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": graph_id.replace("-graph", "")},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    } | (config or {})
    return html.Div(
        [
            html.P(description, id=f"{graph_id}-desc", className="visually-hidden"),
            dcc.Loading(
                dcc.Graph(
                    id=graph_id,
                    config=cfg,
                    figure=style.placeholder(height),
                    className=f"view-graph graph-h-{height}",
                ),
                type="circle",
                delay_show=400,
            ),
        ],
        role="figure",
        className="graph-wrap",
        **{
            "aria-labelledby": f"{graph_id.replace('-graph', '')}-title",
            "aria-describedby": f"{graph_id}-desc",
        },
    )
