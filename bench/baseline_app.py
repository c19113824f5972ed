"""The benchmark's floor: a bare Dash app with one empty graph and one no-op callback.

    cd bench && ../.venv/bin/gunicorn -w 2 baseline_app:server

Same Dash settings as the dashboard where they matter (assets served locally, debug off),
so the difference measured by ``bench/run.py`` is the dashboard's own cost.
"""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

app = dash.Dash(__name__, title="Baseline", serve_locally=True, update_title=None)
app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
app.layout = html.Main(
    [
        html.H1("Baseline"),
        html.Label("Input", htmlFor="baseline-input"),
        dcc.Input(id="baseline-input", value="", type="text"),
        html.Div(id="baseline-output"),
        dcc.Graph(id="baseline-graph"),
    ]
)


@app.callback(Output("baseline-output", "children"), Input("baseline-input", "value"))
def noop(value):
    """The no-op callback: returns its input unchanged."""
    return value


server = app.server
