"""Colours, fonts and the Plotly templates for both colour modes, declared once.

Palettes are colour-blind safe: categorical colours come from Okabe & Ito (2008),
the stance scale is ColorBrewer's RdBu (diverging, safe for deuteranopia). Text contrast and
widths, which the exports and the network's labels estimate, are in ``typography``.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path
from types import MappingProxyType

import plotly.graph_objects as go
import plotly.io as pio

from components import i18n, internals, typography
from components.i18n import N_, Translator

FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", '
    '"Noto Sans CJK JP", "Liberation Sans", Arial, sans-serif'
)
# Japanese: Latin letters and digits in a Latin face, the rest in a Japanese one (Noto Sans CJK JP
# is the one the export server installs). Chromium's PDF keeps no text for the digits of a CJK
# face's Latin glyphs (they copy as NUL), so a Latin face comes first.
JA_FONT = (
    "Liberation Sans, Arial, Noto Sans CJK JP, Noto Sans JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"
)
FONTS = MappingProxyType({"en": FONT_FAMILY, "ja": JA_FONT})


def font_family(lang: str | None) -> str:
    """The font stack text in ``lang`` is set in (the default's for anything unknown)."""
    return FONTS.get(lang, FONT_FAMILY)


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
GROUP_COLORS = MappingProxyType(
    {
        "NATO ally": _BLUE,
        "IP4 partner": _VERMILLION,
        "other partner": _YELLOW,
        "other": "#C9C9C9",
    }
)

STANCE_SCALE = MappingProxyType({-2: "#B2182B", -1: "#EF8A62", 0: "#BDBDBD", 1: "#67A9CF", 2: "#2166AC"})
# the stance axis of the reactions chart and the map's colour bar: one set of words
# (marked for translation here, translated where shown: ``stance_ticks``)
STANCE_TICKS = MappingProxyType(
    {
        -2: N_("Opposed"),
        -1: N_("Skeptical"),
        0: N_("Mixed"),
        1: N_("Supportive"),
        2: N_("Strongly<br>supportive"),
    }
)

OBJECTIVE_COLORS = MappingProxyType({"dialogue": _SKY, "interoperability": _BLUE, "resilience": _GREEN})

# filled shapes only: the hollow variant of each ("-open") marks weak evidence (GRADE_HOLLOW)
EVENT_SYMBOLS = MappingProxyType(
    {
        "summit": "star",
        "agreement": "diamond",
        "programme": "square",
        "meeting": "circle",
        "visit": "triangle-up",
        "speech": "triangle-down",
        "statement": "diamond-tall",
        "exercise": "cross",
        "proposal": "hexagon",
        "blocked_proposal": "x",
        "report": "hourglass",
        "institutional": "pentagon",
    }
)

# How a mark shows its record's two-part grade (components/data/grade.py): solid when the source
# is A–B and the information 1–2, hollow (lines: faint; bars and tiles: hatched) when the source
# is D–F or the information 4–6, faded between. Never colour alone.
GRADE_BANDS = MappingProxyType(  # band → (worst reliability, worst credibility) it admits
    {"strong": ("B", "2"), "fair": ("C", "3")}
)
GRADE_BAND_LABELS = MappingProxyType(  # translated where shown (``grade_legend``)
    {
        "strong": N_("Evidence A–B, 1–2 (solid)"),
        "fair": N_("Evidence C or 3 (faded)"),
        "weak": N_("Evidence D–F or 4–6 (hollow)"),
    }
)
GRADE_OPACITY = MappingProxyType({"strong": 1.0, "fair": 0.45, "weak": 1.0})
GRADE_LINE_OPACITY = MappingProxyType({"strong": 1.0, "fair": 0.55, "weak": 0.3})


def foot_legend(**extra) -> dict:
    """A horizontal legend at the figure's foot: plotly makes room for however many rows it
    wraps into (placed below the plot area it covered the last row and the axis on phones)."""
    return {"orientation": "h", "yref": "container", "y": 0, "x": 0, "yanchor": "bottom", **extra}


def stance_ticks(tr: Translator = i18n.ENGLISH) -> dict[int, str]:
    """Stance score → its words on an axis or colour bar (``STANCE_TICKS``) in ``tr``'s language."""
    return {score: tr._(words) for score, words in STANCE_TICKS.items()}


def grade_legend(
    kind: str = "marker", *, legendgroup: str = "grade", tr: Translator = i18n.ENGLISH
) -> list[dict]:
    """Legend-only traces that explain the grade encoding (``kind``: marker or line), named in
    ``tr``'s language."""
    out = []
    for name, label in GRADE_BAND_LABELS.items():
        trace = {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "name": tr._(label),
            "legendgroup": legendgroup,
        }
        if kind == "line":
            trace |= {
                "mode": "lines",
                "line": {"color": MUTED, "width": 2},
                "opacity": GRADE_LINE_OPACITY[name],
            }
        else:
            symbol = "circle-open" if name == "weak" else "circle"
            trace |= {
                "mode": "markers",
                "marker": {"symbol": symbol, "size": 10, "color": MUTED, "opacity": GRADE_OPACITY[name]},
            }
        out.append(trace)
    return out


def faded(color: str, opacity: float) -> str:
    """``#RRGGBB`` at ``opacity``, for marks without an opacity of their own (treemap tiles)."""
    if opacity >= 1 or not color.startswith("#") or len(color) != 7:
        return color
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity:g})"


def band(grade: str) -> str:
    """The visual band of a two-part grade ("B2": strong); anything unknown counts as weak."""
    letter, digit = (grade[:1].upper(), grade[1:]) if isinstance(grade, str) else ("", "")
    for name, (worst_letter, worst_digit) in GRADE_BANDS.items():
        if "A" <= letter <= worst_letter and digit.isdigit() and "1" <= digit <= worst_digit:
            return name
    return "weak"


BAND_ORDER = ("strong", "fair", "weak")


def grade_rank(grade: str) -> str:
    """A sort key: stronger bands first, then by reliability and credibility ("0B2")."""
    return f"{BAND_ORDER.index(band(grade))}{grade}"


def best_grade(grades) -> str:
    """The strongest of several two-part grades (by band, then reliability, then credibility):
    the grade a mark standing for several records shows."""
    return min(grades, key=grade_rank)


def hollow(symbol: str, grade: str) -> str:
    """``symbol``, hollow when ``grade`` is weak evidence."""
    return f"{symbol}-open" if band(grade) == "weak" else symbol


HIGHLIGHT = "#E69F00"
MUTED = "#9AA0A6"  # marks and, on screen, secondary text; exports darken text in it (``typography.legible``)

_INK = {LIGHT: "#212529", DARK: "#E9ECEF"}
_GRID = {LIGHT: "#E5E7EB", DARK: "#3A3F44"}
_LAND = {LIGHT: "#F1F3F5", DARK: "#2B3035"}
_OCEAN = {LIGHT: "#FFFFFF", DARK: "#212529"}


PLOTLY_BUNDLE = Path(__file__).resolve().parent.parent / "plotly-bundle.js"


def bundled_traces(bundle: Path = PLOTLY_BUNDLE) -> frozenset[str]:
    """The trace types the page's plotly.js bundle registers (scatter is in plotly.js core):
    plotly-bundle.js declares them, for the bundle and for this template alike."""
    registered = re.findall(r'require\("plotly\.js/lib/(\w+)"\)', bundle.read_text())
    return frozenset({"scatter", *registered} - {"core"})


TRACE_TYPES = bundled_traces()


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
    """The figure of plain trace and layout dicts, on the theme's template, unvalidated
    (internals.unvalidated_figure; ``tests/test_figures.py`` validates every view's output)."""
    theme_template = json.loads(json.dumps(_TEMPLATE_JSON.get(theme, _TEMPLATE_JSON[LIGHT])))
    return internals.unvalidated_figure(data, {"template": theme_template, **layout})


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
    """Break ``text`` into ``<br>``-joined lines of about ``width`` characters for hover labels
    (HTML-escaped). A Japanese character counts as two (it is set twice as wide), and Japanese
    text, which has no spaces, breaks between its characters (``typography.fill``)."""
    text = str(text)
    if any(typography.wide(c) for c in text):
        lines = [line for line in typography.fill(text, lambda line: _columns(line) <= width) if line]
    else:
        lines = textwrap.wrap(text, width=width)
    lines = lines or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = typography.ellipsis(lines[-1])
    return "<br>".join(html.escape(line) for line in lines)


def _columns(text: str) -> int:
    """``text``'s width in columns: two for a Japanese character, one for any other."""
    return sum(2 if typography.wide(c) else 1 for c in text)
