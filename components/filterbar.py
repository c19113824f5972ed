"""The global filter bar: each filter's own field (``components/filters.py``), then Reset.

Its values are validated by the filters' table, which also keeps them in the URL.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from components import filters, ids
from components.views.context import Context


def layout(ctx: Context) -> html.Section:
    """The filter bar: every filter in reading order, and Reset after them."""
    reset = dbc.Button(
        [html.I(className="bi bi-arrow-counterclockwise me-1", **{"aria-hidden": "true"}), ctx._("Reset")],
        id=ids.RESET,
        color="link",
        className="reset-button",
    )
    return html.Section(
        [
            html.H2(ctx._("Filters"), className="visually-hidden"),
            dbc.Row(
                [
                    *filters.layout(ctx),
                    dbc.Col(reset, lg=4, md=12, className="d-flex align-items-end justify-content-lg-end"),
                ],
                className="g-3",
            ),
        ],
        className="filter-bar",
        **{"aria-label": ctx._("Filters")},
    )
