"""Colours, fonts and the Plotly templates for both colour modes, declared once.

Palettes are colour-blind safe: categorical colours come from Okabe & Ito (2008),
the stance scale is ColorBrewer's RdBu (diverging, safe for deuteranopia).
"""

from __future__ import annotations

import html
import json
import textwrap
from types import MappingProxyType

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", '
    '"Noto Sans CJK JP", "Liberation Sans", Arial, sans-serif'
)

LIGHT, DARK = "light", "dark"
THEMES = (LIGHT, DARK)

# Okabe-Ito
_ORANGE, _SKY, _GREEN, _YELLOW = "#E69F00", "#56B4E9", "#009E73", "#F0E442"
_BLUE, _VERMILLION, _PURPLE, _GREY = "#0072B2", "#D55E00", "#CC79A7", "#8C8C8C"

FRAMEWORK_COLORS = MappingProxyType(
    {
        "nato": _BLUE,
        "ip4_itpp": _VERMILLION,
        "us_alliance": _SKY,
        "quad": _GREEN,
        "aukus": _PURPLE,
        "trilateral": _ORANGE,
        "bilateral": _GREY,
    }
)
FRAMEWORK_LABELS = MappingProxyType(
    {
        "nato": "NATO membership",
        "ip4_itpp": "NATO–IP4 partnership (IPCP/ITPP)",
        "us_alliance": "US alliance",
        "quad": "Quad",
        "aukus": "AUKUS",
        "trilateral": "Trilateral",
        "bilateral": "Bilateral partnership",
    }
)

GROUP_COLORS = MappingProxyType(
    {
        "NATO ally": _BLUE,
        "IP4 partner": _VERMILLION,
        "other partner": _YELLOW,
        "other": "#C9C9C9",
    }
)

STANCE_SCALE = MappingProxyType({-2: "#B2182B", -1: "#EF8A62", 0: "#BDBDBD", 1: "#67A9CF", 2: "#2166AC"})

OBJECTIVE_COLORS = MappingProxyType({"dialogue": _SKY, "interoperability": _BLUE, "resilience": _GREEN})
OBJECTIVE_LABELS = MappingProxyType(
    {
        "dialogue": "Dialogue and consultations",
        "interoperability": "Practical cooperation and interoperability",
        "resilience": "Resilience",
    }
)

EVENT_SYMBOLS = MappingProxyType(
    {
        "summit": "star",
        "agreement": "diamond",
        "programme": "square",
        "meeting": "circle",
        "visit": "triangle-up",
        "speech": "triangle-down",
        "statement": "circle-open",
        "exercise": "cross",
        "proposal": "hexagon-open",
        "blocked_proposal": "x",
        "report": "hourglass",
        "institutional": "pentagon",
    }
)
EVENT_TYPE_LABELS = MappingProxyType({k: k.replace("_", " ").capitalize() for k in EVENT_SYMBOLS})
HIGHLIGHT = "#E69F00"
MUTED = "#9AA0A6"

_INK = {LIGHT: "#212529", DARK: "#E9ECEF"}
_GRID = {LIGHT: "#E5E7EB", DARK: "#3A3F44"}
_LAND = {LIGHT: "#F1F3F5", DARK: "#2B3035"}
_OCEAN = {LIGHT: "#FFFFFF", DARK: "#212529"}


TRACE_TYPES = frozenset({"bar", "choropleth", "scatter", "treemap"})  # as in plotly-bundle.js


def _template(theme: str) -> go.layout.Template:
    base = pio.templates["plotly_dark" if theme == DARK else "plotly_white"].to_plotly_json()
    # Only the trace types the views draw: the template travels inside every figure, and
    # plotly_white's defaults for 24 trace types cost ~6 KB and ~10 ms per figure built.
    data = {k: v for k, v in base["data"].items() if k in TRACE_TYPES}
    # nor the defaults of subplot kinds and colour scales no view uses (about 1.8 KB)
    unused = {"colorscale", "coloraxis", "polar", "scene", "ternary"}
    layout = {k: v for k, v in base["layout"].items() if k not in unused}
    template = go.layout.Template(layout=layout, data=data)
    template.layout.update(
        font={"family": FONT_FAMILY, "size": 13, "color": _INK[theme]},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        colorway=list(FRAMEWORK_COLORS.values()),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        legend={"bgcolor": "rgba(0,0,0,0)"},
        xaxis={"gridcolor": _GRID[theme], "zerolinecolor": _GRID[theme]},
        yaxis={"gridcolor": _GRID[theme], "zerolinecolor": _GRID[theme]},
        geo={
            "bgcolor": "rgba(0,0,0,0)",
            "landcolor": _LAND[theme],
            "oceancolor": _OCEAN[theme],
            "lakecolor": _OCEAN[theme],
            "countrycolor": _GRID[theme],
            "coastlinecolor": _GRID[theme],
        },
    )
    return template


TEMPLATES = MappingProxyType({t: _template(t) for t in THEMES})
_TEMPLATE_JSON = MappingProxyType({t: TEMPLATES[t].to_plotly_json() for t in THEMES})


def placeholder(height: int) -> dict:
    """A blank figure of ``height`` px: a graph's first state, before its data arrives."""
    hidden = {"visible": False}
    return {
        "data": [],
        "layout": {
            "height": height,
            "xaxis": hidden,
            "yaxis": hidden,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }


def template(theme: str | None) -> go.layout.Template:
    """The Plotly template of a colour mode (light when unknown)."""
    return TEMPLATES.get(theme, TEMPLATES[LIGHT])


def build_figure(data: list[dict], layout: dict, theme: str | None) -> go.Figure:
    """The figure of plain trace and layout dicts, on the theme's template, unvalidated.

    Plotly validates every property of every graph object it builds, and for these
    charts that cost 5-10x the data work (about 200 ms for the six charts, on every
    new filter state). The views build plain dicts and skip it; the tests validate
    every view's output instead (``tests/test_figures.py``, ``validated``).
    """
    theme_template = json.loads(json.dumps(_TEMPLATE_JSON.get(theme, _TEMPLATE_JSON[LIGHT])))
    return go.Figure({"data": data, "layout": {"template": theme_template, **layout}}, _validate=False)


def ink(theme: str | None) -> str:
    """Text colour of a colour mode."""
    return _INK.get(theme, _INK[LIGHT])


def muted_line(theme: str | None) -> str:
    return _GRID.get(theme, _GRID[LIGHT])


def empty_figure(message: str, theme: str | None, *, height: int = 260) -> go.Figure:
    """A blank chart that says why it is blank (used when filters leave nothing)."""
    note = {
        "text": message,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 15, "color": MUTED},
    }
    hidden = {"visible": False}
    return build_figure(
        [], {"height": height, "annotations": [note], "xaxis": hidden, "yaxis": hidden}, theme
    )


def wrap(text: str, width: int = 60, max_lines: int = 6) -> str:
    """Break ``text`` into ``<br>``-joined lines for hover labels (HTML-escaped)."""
    lines = textwrap.wrap(str(text), width=width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return "<br>".join(html.escape(line) for line in lines)
