"""Every callback of the page, registered in one place.

Callbacks stay thin: validate the inputs against the data's vocabularies, filter
through the data layer, call a pure builder, return. They read only the dataset
passed to :func:`register`, which is never mutated, so the app is safe under
several gunicorn workers.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections import OrderedDict

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate
from flask import Flask, Response, g, request
from plotly.io.json import to_json_plotly

from components import downloads, evidence, export, filters, ids, itpp, style, timeline, worldmap
from components.data import Dataset, Filters, query
from components.views import TITLES, Views

FILTER_STATES = (
    State(ids.COUNTRY_FILTER, "value"),
    State(ids.DOMAIN_FILTER, "value"),
    State(ids.YEAR_FILTER, "value"),
    State(ids.EVIDENCE_FILTER, "value"),
)
PAGE_INPUTS = {
    "search": Input(ids.URL, "search"),
    "countries": Input(ids.COUNTRY_FILTER, "value"),
    "domains": Input(ids.DOMAIN_FILTER, "value"),
    "years": Input(ids.YEAR_FILTER, "value"),
    "grade": Input(ids.EVIDENCE_FILTER, "value"),
    "ip4": Input(ids.PICK_IP4, "n_clicks"),
    "nato": Input(ids.PICK_NATO, "n_clicks"),
    "reset": Input(ids.RESET, "n_clicks"),
    "map_click": Input(ids.MAP_GRAPH, "clickData"),
    "itpp_click": Input(ids.ITPP_GRAPH, "clickData"),
    "dark": Input(ids.THEME_SWITCH, "value"),
    "lanes": Input(ids.TIMELINE_LANES, "value"),
    "mode": Input(ids.MAP_MODE, "value"),
    "chosen": Input(ids.NETWORK_FRAMEWORK, "value"),
    "evidence_search": Input(ids.EVIDENCE_SEARCH, "value"),
    "sort": Input(ids.EVIDENCE_SORT, "value"),
    "selected": Input(ids.EVIDENCE_SELECTED, "data"),
    "page": Input(ids.EVIDENCE_PAGE, "active_page"),
}
PAGE_STATES = {"shown": State(ids.SHOWN, "data")}
PAGE_OUTPUTS = {
    "countries": Output(ids.COUNTRY_FILTER, "value"),
    "domains": Output(ids.DOMAIN_FILTER, "value"),
    "years": Output(ids.YEAR_FILTER, "value"),
    "grade": Output(ids.EVIDENCE_FILTER, "value"),
    "search": Output(ids.URL, "search"),
    "notice": Output(ids.URL_NOTICE, "children"),
    "notice_open": Output(ids.URL_NOTICE, "is_open"),
    "count_events": Output(ids.COUNT_EVENTS, "children"),
    "count_partnerships": Output(ids.COUNT_PARTNERSHIPS, "children"),
    "count_areas": Output(ids.COUNT_AREAS, "children"),
    "count_reactions": Output(ids.COUNT_REACTIONS, "children"),
    "timeline": Output(ids.TIMELINE_GRAPH, "figure"),
    "map": Output(ids.MAP_GRAPH, "figure"),
    "network": Output(ids.NETWORK_GRAPH, "figure"),
    "itpp": Output(ids.ITPP_GRAPH, "figure"),
    "itpp_note": Output(ids.ITPP_NOTE, "children"),
    "ip4": Output(ids.IP4_GRAPH, "figure"),
    "reactions": Output(ids.REACTIONS_GRAPH, "figure"),
    "table": Output(ids.EVIDENCE_TABLE, "children"),
    "evidence_count": Output(ids.EVIDENCE_COUNT, "children"),
    "pages": Output(ids.EVIDENCE_PAGE, "max_value"),
    "page": Output(ids.EVIDENCE_PAGE, "active_page"),
    "shown": Output(ids.SHOWN, "data"),
}
COUNTS = ("count_events", "count_partnerships", "count_areas", "count_reactions")
EVIDENCE_OUTPUTS = ("table", "evidence_count", "pages", "page")
SHOWN_PARTS = (*TITLES, "counts", "evidence", "notice")  # the keys of the page's digest store
VIEW_OPTION = {"timeline": ids.TIMELINE_LANES, "map": ids.MAP_MODE, "network": ids.NETWORK_FRAMEWORK}
FILTER_TRIGGERS = frozenset(
    {None, ids.URL, ids.COUNTRY_FILTER, ids.DOMAIN_FILTER, ids.YEAR_FILTER, ids.EVIDENCE_FILTER}
    | {ids.PICK_IP4, ids.PICK_NATO, ids.RESET, ids.MAP_GRAPH, ids.ITPP_GRAPH}
)
EVIDENCE_TRIGGERS = frozenset(
    {ids.EVIDENCE_SEARCH, ids.EVIDENCE_SORT, ids.EVIDENCE_SELECTED, ids.EVIDENCE_PAGE}
)
EVIDENCE_KINDS = frozenset(evidence.KIND_LABELS)
MAX_SELECTED = 50
PAGE_RESPONSES = 64  # update_page responses kept per worker (at most ~300 KB each)


def theme_of(dark) -> str:
    return style.DARK if dark is True else style.LIGHT


def option(value, allowed, default):
    """``value`` when it is one of ``allowed``, else ``default``."""
    return value if isinstance(value, str) and value in allowed else default


def clicked(click_data) -> tuple[str, str] | None:
    """``(kind, record id)`` from a chart's clickData, when it carries one."""
    try:
        point = click_data["points"][0]
        record_id, kind = point["customdata"][:2]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if isinstance(record_id, str) and kind in EVIDENCE_KINDS and record_id:
        if len(record_id) > 2000:  # a grouped mark's ";"-joined ids: cut between ids, not inside one
            record_id = record_id[:2000].rsplit(";", 1)[0]
        return kind, record_id
    return None


def register(app: dash.Dash, ds: Dataset, *, response_cache: int = PAGE_RESPONSES, exporter: export.Exporter):
    """Wire every callback of the page to ``app`` for dataset ``ds``, with a cache of
    ``response_cache`` page responses (0: none).

    Returns ``fill(layout, query)``, which sets a layout's initial props to the page at
    ``query`` (see :class:`app.DashboardDash`)."""
    if response_cache:
        cache_page_responses(app.server, response_cache)
    vocab = filters.Vocab.of(ds)
    views = Views.of(ds)
    names = dict(ds.names)
    domain_labels = dict(views.domain_labels)
    area_domains = dict(zip(ds["itpp_areas"]["area_id"], ds["itpp_areas"]["domains"]))
    frameworks = views.frameworks
    lanes_allowed = {value for value, _ in timeline.LANE_OPTIONS}
    modes_allowed = {value for value, _ in worldmap.MODES}
    sorts_allowed = {value for value, _ in evidence.SORTS}
    views_allowed = frozenset(TITLES)

    def to_filters(countries, domains, years, grade):
        return filters.to_filters(countries, domains, years, vocab, grade)

    @functools.lru_cache(maxsize=512)
    def cached_figure(view: str, f: Filters, options: tuple, theme: str) -> tuple[dict, str]:
        """(figure JSON, digest) per validated (view, filters, options, theme): the same view
        requested again (by any user of this worker) costs nothing. Keys are validated values
        only. The digest tells whether a chart already shows this figure."""
        fig = views.figure(view, f, dict(options), theme).to_plotly_json()
        return fig, _digest(fig)

    def figure(view: str, f, options=None, theme: str = style.LIGHT) -> tuple[dict, str]:
        opts = options or view_options()
        key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in opts.items()))
        return cached_figure(view, f, key, theme)

    def view_options(lanes=None, mode=None, chosen=None) -> dict:
        """A chart's own options, validated."""
        return {
            "lanes": option(lanes, lanes_allowed, "domain"),
            "mode": option(mode, modes_allowed, "group"),
            "frameworks": filters.clean_codes(chosen, frameworks)[0] if chosen is not None else None,
        }

    @functools.lru_cache(maxsize=256)
    def counters(f: Filters) -> tuple[str, str, str, str]:
        return (
            str(len(query.events(ds, f))),
            str(len(query.partnerships(ds, f))),
            str(len(query.itpp_areas(ds, f))),
            str(len(query.reactions(ds, f))),
        )

    @functools.lru_cache(maxsize=256)
    def itpp_note(f: Filters) -> str:
        return itpp.note(len(views.records("itpp", f)), len(ds["itpp_areas"]), views.itpp_total)

    @functools.lru_cache(maxsize=64)
    def evidence_rows(f: Filters):
        frames = {
            "events": query.events(ds, f),
            "partnerships": query.partnerships(ds, f),
            "itpp_areas": query.itpp_areas(ds, f),
            "ip4": query.ip4(ds, f),
            "reactions": query.reactions(ds, f),
        }
        return evidence.records(frames, names=names, domain_labels=domain_labels)

    @functools.lru_cache(maxsize=256)
    def evidence_page(f: Filters, search: str, sort: str, highlighted: frozenset, wanted: int):
        """(table, count text, page count, page number, digest) of one evidence page."""
        rows = evidence_rows(f)
        shown = evidence.select(rows, search=search, sort=sort, sources=ds["sources"])
        rows_on_page, number, pages = evidence.page(shown, number=wanted, highlighted=highlighted)
        count = f"{len(shown)} of {len(rows)} records in view"
        if pages > 1:
            count += f" · page {number} of {pages}"
        table = _plain(
            evidence.table(rows_on_page, sources=ds["sources"], grades=views.grades, highlighted=highlighted)
        )
        return table, count, pages, number, _digest([table, count, pages, number])

    def resolve_filters(trigger, inp: dict) -> tuple[list, list, list, str, str | None, list[str]]:
        """The filter state after ``trigger``: (countries, domains, years, grade, query, notices).
        The URL wins on load and back/forward; ``query`` is None when the URL is already right."""
        if trigger in (None, ids.URL):
            state, notices = filters.parse_query(inp["search"], vocab)
            grade = state["evidence"] or filters.ANY_GRADE
            return state["country"], state["domain"], state["years"], grade, None, notices
        countries, _ = filters.clean_codes(inp["countries"], vocab.actors)
        domains, _ = filters.clean_codes(inp["domains"], vocab.domains)
        years = list(filters.clean_years(inp["years"], vocab.years))
        grade = filters.clean_grade(inp["grade"], vocab.grades) or filters.ANY_GRADE
        if trigger == ids.PICK_IP4:
            countries = list(vocab.ip4)
        elif trigger == ids.PICK_NATO:
            countries = list(vocab.nato)
        elif trigger == ids.RESET:
            countries, domains, years, grade = [], [], list(vocab.years), filters.ANY_GRADE
        elif trigger == ids.MAP_GRAPH:
            iso3 = _location(inp["map_click"])
            if iso3 in vocab.actors and iso3 not in countries:
                countries = [*countries, iso3]
        elif trigger == ids.ITPP_GRAPH:
            picked = clicked(inp["itpp_click"])
            if picked and picked[1] in area_domains:
                domains = list(area_domains[picked[1]])
        query = filters.build_query(countries, domains, years, vocab, grade)
        return countries, domains, years, grade, (query if query != (inp["search"] or "") else None), []

    def page_outputs(trigger, inp: dict) -> dict:
        """Every filter-driven output of the page after ``trigger``, as ``PAGE_OUTPUTS`` keys.

        Only the outputs that the trigger affects are computed, and a part of the page that
        already shows the same content (``inp["shown"]``: digests of each chart, the counters
        and the evidence page) is left as it is: it would cost the browser a redraw for nothing.
        """
        out = dict.fromkeys(PAGE_OUTPUTS, no_update)
        given = inp["shown"] if isinstance(inp["shown"], dict) else {}
        shown = {part: given[part] for part in SHOWN_PARTS if isinstance(given.get(part), str)}
        now = dict(shown)

        def show(part: str, digest: str, values: dict, *, force: bool = False) -> None:
            if force or shown.get(part) != digest:
                out.update(values)
                now[part] = digest

        countries, domains, years, grade, query, notices = resolve_filters(trigger, inp)
        f = to_filters(countries, domains, years, grade)
        theme = theme_of(inp["dark"])
        options = view_options(inp["lanes"], inp["mode"], inp["chosen"] or [])
        everything = trigger in FILTER_TRIGGERS
        if everything:
            for key, value, given in (
                ("countries", countries, inp["countries"]),
                ("domains", domains, inp["domains"]),
                ("years", years, inp["years"]),
                ("grade", grade, inp["grade"]),
            ):
                if value != given:
                    out[key] = value
            if query is not None:
                out["search"] = query
            notice = " ".join(notices) if trigger in (None, ids.URL) else ""
            # a notice is shown again even if it is the same text: the reader may have closed it
            show("notice", notice, {"notice": notice, "notice_open": bool(notice)}, force=bool(notice))
            values = dict(zip(COUNTS, counters(f), strict=True)) | {"itpp_note": itpp_note(f)}
            show("counts", _digest(values), values)
        for view in TITLES:  # the six charts; their PAGE_OUTPUTS keys are the view names
            if everything or trigger == ids.THEME_SWITCH or trigger == VIEW_OPTION.get(view):
                fig, digest = figure(view, f, options, theme)
                show(view, digest, {view: fig}, force=trigger == ids.RESET)  # Reset also undoes zooms
        if everything or trigger in EVIDENCE_TRIGGERS:
            page_number = inp["page"] if trigger == ids.EVIDENCE_PAGE and isinstance(inp["page"], int) else 1
            search = inp["evidence_search"] if isinstance(inp["evidence_search"], str) else ""
            sort = option(inp["sort"], sorts_allowed, "date-desc")
            highlighted = frozenset(_pairs(inp["selected"]))
            *values, digest = evidence_page(
                f, search.strip().casefold()[:200], sort, highlighted, max(1, min(page_number, 10_000))
            )
            show("evidence", digest, dict(zip(EVIDENCE_OUTPUTS, values, strict=True)))
        if now != shown:
            out["shown"] = now
        return out

    @app.callback(output=PAGE_OUTPUTS, inputs=PAGE_INPUTS, state=PAGE_STATES)
    def update_page(**inp):
        """Every filter-driven output of the page in one round trip.

        One callback instead of a chain (filters, then one callback per view) halves the
        round trips of a filter change and the Dash renderer's bookkeeping. When nothing
        changes (the first request of a page whose layout already shows the default view),
        Dash answers 204 and the browser does nothing.
        """
        out = page_outputs(ctx.triggered_id, inp)
        if all(value is no_update for value in out.values()):
            raise PreventUpdate
        return out

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Output(ids.EXPORT_TOAST, "children"),
        Output(ids.EXPORT_TOAST, "is_open"),
        Input({"type": ids.DOWNLOAD_ITEM_TYPE, "view": ALL, "fmt": ALL}, "n_clicks"),
        Input(ids.DOWNLOAD_VIEW, "n_clicks"),
        *FILTER_STATES,
        State(ids.TIMELINE_LANES, "value"),
        State(ids.MAP_MODE, "value"),
        State(ids.NETWORK_FRAMEWORK, "value"),
        State(ids.URL, "href"),
        prevent_initial_call=True,
    )
    def download(_items, _bundle, countries, domains, years, grade, lanes, mode, chosen, href):
        """One chart as PNG/SVG/PDF/CSV, or the whole view as a ZIP."""
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update, no_update, no_update
        f = to_filters(countries, domains, years, grade)
        options = view_options(lanes, mode, chosen)
        link = _link(href)
        trigger = ctx.triggered_id
        try:
            if trigger == ids.DOWNLOAD_VIEW:
                name, payload = downloads.view_bundle(views, exporter, f, options, link)
            else:
                view, fmt = trigger.get("view"), trigger.get("fmt")
                if view not in views_allowed or fmt not in export.FORMATS:
                    return no_update, no_update, no_update
                name, payload = downloads.chart_file(views, exporter, view, fmt, f, options)
        except export.ExportError as exc:
            return no_update, str(exc), True
        return dcc.send_bytes(payload, name), no_update, no_update

    @app.callback(
        Output(ids.CITE_MODAL, "is_open"),
        Output(ids.CITE_TEXT, "children"),
        Output(ids.CITE_BIBTEX, "children"),
        Input(ids.CITE_OPEN, "n_clicks"),
        State(ids.URL, "href"),
        prevent_initial_call=True,
    )
    def open_citation(_clicks, href):
        plain, bibtex = export.citation(url=_link(href), info=ds.info)
        return True, plain, bibtex

    @app.callback(
        Output(ids.EVIDENCE_SELECTED, "data"),
        Input(ids.TIMELINE_GRAPH, "clickData"),
        Input(ids.NETWORK_GRAPH, "clickData"),
        Input(ids.ITPP_GRAPH, "clickData"),
        Input(ids.IP4_GRAPH, "clickData"),
        Input(ids.REACTIONS_GRAPH, "clickData"),
        prevent_initial_call=True,
    )
    def select_evidence(*clicks):
        picked = clicked(clicks[[i["id"] for i in ctx.inputs_list].index(ctx.triggered_id)])
        if picked is None:
            return no_update
        kind, record_ids = picked
        return [[kind, r] for r in record_ids.split(";")[:MAX_SELECTED]]

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
        ClientsideFunction("dashboard", "scrollToEvidence"),
        Output(ids.EVIDENCE_SCROLL, "data"),
        Input(ids.EVIDENCE_TABLE, "children"),
        State(ids.EVIDENCE_SELECTED, "data"),
        prevent_initial_call=True,
    )

    def fill(layout, query: str):
        """``layout`` with the outputs of the browser's first request for a page at ``query``
        (what ``update_page`` would send) as initial props: that page draws at once, and its
        first request changes nothing (204)."""
        inputs = {
            key: getattr(layout[dep.component_id], dep.component_property, None)
            for key, dep in (PAGE_INPUTS | PAGE_STATES).items()
        }
        prefill(layout, page_outputs(ids.URL, inputs | {"search": query}))
        return layout

    return fill


def cache_page_responses(server: Flask, size: int = PAGE_RESPONSES) -> None:
    """Answer a repeated ``update_page`` request with the bytes it got last time.

    The response is a pure function of the request body (inputs, state and trigger all
    travel in it) and of the dataset, which never changes; so an identical request (every
    first visit to the default page, for one) skips Dash's parsing, dispatch and the JSON
    encoding of a ~130 KB page (about 3 ms). Per worker, LRU, keyed on a digest of the body.
    """
    cache: OrderedDict[bytes, bytes] = OrderedDict()
    lock = threading.Lock()  # the dev server and threaded workers share an app
    page_output = f"{ids.TIMELINE_GRAPH}.figure"

    @server.before_request
    def cached_page():
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        body = request.get_data(cache=True)
        key = hashlib.blake2b(body, digest_size=16).digest()
        with lock:
            hit = cache.get(key)
            if hit is not None:
                cache.move_to_end(key)
        if hit is not None:
            return Response(hit, mimetype="application/json")
        try:
            is_page = page_output in json.loads(body).get("output", "")
        except (ValueError, AttributeError, TypeError):
            is_page = False  # Dash answers it (a 400 for a malformed body)
        g.page_response_key = key if is_page else None
        return None

    @server.after_request
    def remember_page(response: Response) -> Response:
        key = g.pop("page_response_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            with lock:
                cache[key] = response.get_data()
                while len(cache) > size:
                    cache.popitem(last=False)
        return response


def _digest(value) -> str:
    """A short digest of a JSON-able value: equal content, equal digest, in every worker."""
    return hashlib.blake2b(to_json_plotly(value).encode(), digest_size=8).hexdigest()


def prefill(layout, outputs: dict) -> None:
    """Set ``outputs`` (``PAGE_OUTPUTS`` keys; ``no_update`` ones skipped) as the initial
    props of the components in ``layout``."""
    for key, value in outputs.items():
        if value is not no_update:
            dep = PAGE_OUTPUTS[key]
            setattr(layout[dep.component_id], dep.component_property, value)


def _plain(value):
    """Components as plain JSON types, for the cache: serialising a cached evidence page is
    then one pass of the C JSON encoder instead of ~330 ``to_plotly_json`` hooks. (Figures
    stay as ``to_plotly_json()``: their numpy arrays are 5-10× smaller than Python lists.)"""
    return json.loads(to_json_plotly(value))


def _link(href) -> str:
    """The page's own URL as the browser reports it, if it is a plausible one."""
    return (
        href
        if isinstance(href, str) and href.startswith(("http://", "https://")) and len(href) < 4000
        else ""
    )


def _location(click_data) -> str | None:
    try:
        value = click_data["points"][0]["location"]
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, str) else None


def _pairs(selected) -> list[tuple[str, str]]:
    if not isinstance(selected, list):
        return []
    return [
        (k, r)
        for item in selected[:MAX_SELECTED]
        if isinstance(item, list) and len(item) == 2
        for k, r in [item]
        if isinstance(k, str) and isinstance(r, str)
    ]
