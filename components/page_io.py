"""The page's inputs and outputs, by key: ``INPUTS`` and ``OUTPUTS`` map each key the page
object reads or writes to its ``(component id, property)``, generated from the filters and the
view registry. callbacks.py wires them; page.py reads and writes the keys."""

from __future__ import annotations

from collections.abc import Mapping

from components import evidence, filters, ids
from components.views import registry
from components.views.registry import VIEWS

Spec = Mapping[str, tuple[str, str]]
FILTER_INPUTS: Spec = {c.key: (c.id, c.prop) for c in filters.CONTROLS}
OPTION_INPUTS: Spec = {f"option_{o.key}": (ids.option(v.name, o.key), "value") for v, o in registry.OPTIONS}
EVIDENCE_INPUTS: Spec = {
    "evidence_search": (ids.EVIDENCE_SEARCH, "value"),
    "sort": (ids.EVIDENCE_SORT, "value"),
    "selected": (ids.EVIDENCE_SELECTED, "data"),
    "page": (ids.EVIDENCE_PAGE, "active_page"),
}
INPUTS: Spec = {
    "search": (ids.URL, "search"),
    **FILTER_INPUTS,
    "ip4": (ids.PICK_IP4, "n_clicks"),
    "nato": (ids.PICK_NATO, "n_clicks"),
    "reset": (ids.RESET, "n_clicks"),
    "clear": (ids.CLEAR_HIGHLIGHT, "n_clicks"),
    # a click on a mark brings its record to the top of the evidence table, and on some charts
    # also filters the page: one callback for both, so neither answer is lost to the other
    **{f"click_{v.name}": (ids.graph(v.name), "clickData") for v in VIEWS if v.click or v.evidence},
    "dark": (ids.THEME_SWITCH, "value"),
    "near": (ids.NEAR_BUILD, "data"),  # which charts are in or near the viewport: only those are built
    **OPTION_INPUTS,
    **EVIDENCE_INPUTS,
}
STATES: Spec = {"shown": (ids.SHOWN, "data"), "lang": (ids.LANG_STORE, "data")}
EVIDENCE_OUTPUTS: Spec = {
    "table": (ids.EVIDENCE_STORE, "data"),
    "evidence_count": (ids.EVIDENCE_COUNT, "children"),
    "pages": (ids.EVIDENCE_PAGE, "max_value"),
    "page": (ids.EVIDENCE_PAGE, "active_page"),
}
COUNT_OUTPUTS: Spec = {
    **{f"count_{v.evidence}": (ids.counter(v.evidence), "children") for v in VIEWS if v.counter},
    **{f"caption_{v.name}": (ids.caption(v.name), "children") for v in VIEWS if v.caption},
    **{f"describe_{v.name}": (ids.description(v.name), "children") for v in VIEWS},
    "slug": (ids.FILE_SLUG, "children"),
    "years_text": (ids.YEAR_VALUE, "children"),
    "filters_text": (ids.PRINT_FILTERS, "children"),
    "sources_title": (ids.VIEW_SOURCES_TITLE, "children"),
    "sources": (ids.VIEW_SOURCES_STORE, "data"),
}
OUTPUTS: Spec = {
    **FILTER_INPUTS,
    **OPTION_INPUTS,
    "search": (ids.URL, "search"),
    "notice": (ids.URL_NOTICE, "children"),
    "notice_open": (ids.URL_NOTICE, "is_open"),
    **COUNT_OUTPUTS,
    # into stores: a graph draws its figure only when it is near the screen (assets/dashboard.js)
    **{f"figure_{v.name}": (ids.figure_store(v.name), "data") for v in VIEWS},
    **EVIDENCE_OUTPUTS,
    "shown": (ids.SHOWN, "data"),
    "selected": (ids.EVIDENCE_SELECTED, "data"),  # a linked record, or a clicked mark's
}
# a new filter from the filter bar ends a highlight; a chart click may be making one
CLEARS_SELECTION = frozenset({*FILTER_INPUTS, "ip4", "nato", "reset", "clear"})
# triggers after which the filters are read again; the URL ones ("search", None) read the link
FILTER_TRIGGERS = frozenset(
    {None, "search", *FILTER_INPUTS, "ip4", "nato", "reset"} | {f"click_{v.name}" for v in VIEWS if v.click}
)
# the digest store's keys: what each part shows, and for a chart the view state it was built for
SHOWN_PARTS = (*(v.name for v in VIEWS), *(f"{v.name}@" for v in VIEWS), "counts", "evidence", "notice")
EVIDENCE_KINDS = frozenset(evidence.KIND_LABELS)
SORTS = frozenset(value for value, _ in evidence.SORTS)
