"""The benchmark's floor: a bare Dash app with one empty graph and one no-op callback.

    .venv/bin/gunicorn -w 2 bench.baseline_app:server      # from the repository root

Same Dash settings as the dashboard where they matter (assets served locally, debug off),
so the difference measured by ``bench/run.py`` is the dashboard's own cost.
"""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

INPUT, OUTPUT, GRAPH = "baseline-input", "baseline-output", "baseline-graph"

app = dash.Dash(__name__, title="Baseline", serve_locally=True, update_title=None)
app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
app.layout = html.Main(
    [
        html.H1("Baseline"),
        html.Label("Input", htmlFor=INPUT),
        dcc.Input(id=INPUT, value="", type="text"),
        html.Div(id=OUTPUT),
        dcc.Graph(id=GRAPH),
    ]
)


@app.callback(Output(OUTPUT, "children"), Input(INPUT, "value"))
def noop(value):
    """The no-op callback: returns its input unchanged."""
    return value


server = app.server
