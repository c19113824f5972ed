"""The charts, collected: every module of ``components.views`` that declares a ``VIEW`` is a chart
on the page, in the order its view gives. The page grid, the page object, the component ids, the
downloads, the evidence table, the tests and the benchmark all iterate ``VIEWS``.

Adding a chart is one module (its ``VIEW``, its records, its figure and its words). This module
only collects the views and refuses a set that does not fit together (``check``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from components import style
from components.data import Dataset
from components.filters import Filters
from components.views import base
from components.views.base import Option, Options, View
from components.views.context import Context

__all__ = ["OPTIONS", "VIEWS", "BY_NAME", "Option", "View", "check", "records_in_view"]


class RegistryError(ValueError):
    """The declared views do not fit together (two of a name, of a table, of a kind…)."""


def check(views: Iterable[View]) -> tuple[View, ...]:
    """The views in page order, or ``RegistryError`` naming what does not fit: every name, fact
    table and record kind is one view's, a view over a fact table says its kind and its rows,
    two views never share an order, and the page's plotly.js draws every view's trace types."""
    views = tuple(sorted(views, key=lambda v: v.order))
    problems = []
    for what, values in (
        ("name", [v.name for v in views]),
        ("order", [v.order for v in views]),
        ("fact table", [v.evidence for v in views if v.evidence]),
        ("record kind", [v.kind for v in views if v.kind]),
    ):
        twice = sorted({str(x) for x in values if values.count(x) > 1})
        if twice:
            problems.append(f"two views declare the same {what}: {', '.join(twice)}")
    for v in views:
        unbundled = sorted(set(v.traces) - style.TRACE_TYPES)
        if unbundled:
            problems.append(
                f"view {v.name!r} draws {', '.join(unbundled)}, which plotly-bundle.js does not register"
            )
        if (
            bool(v.evidence) != bool(v.kind)
            or bool(v.evidence) != bool(v.rows)
            or bool(v.kind) != bool(v.kind_label)
        ):
            problems.append(
                f"view {v.name!r}: a fact table needs a record kind, its words and its rows (or none)"
            )
    if problems:
        raise RegistryError("; ".join(problems))
    return views


def _discovered() -> list[View]:
    import components.views as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if isinstance(getattr(module, "VIEW", None), View):
            found.append(module.VIEW)
    return found


VIEWS: tuple[View, ...] = check(_discovered())
BY_NAME: Mapping[str, View] = {v.name: v for v in VIEWS}
OPTIONS: tuple[tuple[View, Option], ...] = tuple((v, v.option) for v in VIEWS if v.option)
FACT_VIEWS: tuple[View, ...] = tuple(v for v in VIEWS if v.evidence)  # the views the evidence table lists
ZOOM_2D = base.ZOOM_2D


def default_options(ds: Dataset) -> dict[str, object]:
    """Every chart option at its default."""
    return {option.key: option.default(ds) for _, option in OPTIONS}


def records_in_view(ctx: Context, f: Filters, options: Options) -> dict[str, pd.DataFrame]:
    """The records behind the charts, by fact table: what the counters count, the evidence table
    lists, and every CSV and the ZIP hold. One function, so they always agree."""
    return {view.evidence: view.records(ctx, f, options) for view in VIEWS if view.evidence}


def description(
    ctx: Context, view: View, f: Filters, options: Options, records: pd.DataFrame | None = None
) -> str:
    """The chart's accessible description: what kind of chart it is, then what it shows now
    (from ``records`` when the caller has already built the view's records)."""
    what = ctx._(view.description)
    if view.describe is None:
        return what
    df = view.records(ctx, f, options) if records is None else records
    return ctx._("{chart} {shows}", chart=what, shows=view.describe(ctx, df, f, options))


def figure(ctx: Context, view: View, f: Filters, options: Options, theme: str) -> go.Figure:
    """The chart of ``view`` for a filter state and the charts' options."""
    return localized(ctx, view.chart(ctx, view.records(ctx, f, options), f, options, theme))


def localized(ctx: Context, fig: go.Figure) -> go.Figure:
    """``fig`` set in a face for the context's language: Japanese text in a Japanese face first
    (the page's and the embeds' charts are built through ``figure``; an export's fonts are set
    by ``print_layout.annotate``)."""
    if ctx.lang == "ja":
        family = f"{style.JA_FONT}, {style.FONT_FAMILY}"
        fig.update_layout(font_family=family, hoverlabel_font_family=family)
    return fig
