"""Every callback of the page, registered in one place.

Callbacks stay thin: validate the inputs against the data's vocabularies, filter
through the data layer, call a pure builder, return. They read only the dataset
passed to :func:`register`, which is never mutated, so the app is safe under
several gunicorn workers.
"""

from __future__ import annotations

import functools

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, no_update

from components import dataset, downloads, evidence, export, filters, ids, itpp, style, timeline, worldmap
from components.dataset import Dataset
from components.views import TITLES, Views

FILTER_INPUTS = (
    Input(ids.COUNTRY_FILTER, "value"),
    Input(ids.DOMAIN_FILTER, "value"),
    Input(ids.YEAR_FILTER, "value"),
    Input(ids.THEME_SWITCH, "value"),
)
EVIDENCE_KINDS = frozenset(evidence.KIND_LABELS)
MAX_SELECTED = 50


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
        return kind, record_id[:2000]
    return None


def register(app: dash.Dash, ds: Dataset) -> None:
    """Wire every callback of the page to ``app`` for dataset ``ds``."""
    vocab = filters.Vocab.of(ds)
    views = Views.of(ds)
    names = dict(ds.names)
    domain_labels = dict(views.domain_labels)
    area_domains = dict(zip(ds["itpp_areas"]["area_id"], ds["itpp_areas"]["domains"]))
    frameworks = views.frameworks
    exporter = export.Exporter()
    lanes_allowed = {value for value, _ in timeline.LANE_OPTIONS}
    modes_allowed = {value for value, _ in worldmap.MODES}
    sorts_allowed = {value for value, _ in evidence.SORTS}
    views_allowed = frozenset(TITLES)

    def to_filters(countries, domains, years):
        return filters.to_filters(countries, domains, years, vocab)

    @app.callback(
        Output(ids.COUNTRY_FILTER, "value"),
        Output(ids.DOMAIN_FILTER, "value"),
        Output(ids.YEAR_FILTER, "value"),
        Output(ids.URL, "search"),
        Output(ids.URL_NOTICE, "children"),
        Output(ids.URL_NOTICE, "is_open"),
        Input(ids.URL, "search"),
        Input(ids.COUNTRY_FILTER, "value"),
        Input(ids.DOMAIN_FILTER, "value"),
        Input(ids.YEAR_FILTER, "value"),
        Input(ids.PICK_IP4, "n_clicks"),
        Input(ids.PICK_NATO, "n_clicks"),
        Input(ids.RESET, "n_clicks"),
        Input(ids.MAP_GRAPH, "clickData"),
        Input(ids.ITPP_GRAPH, "clickData"),
    )
    def sync_filters(search, countries, domains, years, _ip4, _nato, _reset, map_click, itpp_click):
        """Keep the filters and the URL in step; the URL wins on load and back/forward."""
        trigger = ctx.triggered_id
        if trigger in (None, ids.URL):
            state, notices = filters.parse_query(search, vocab)
            notice = " ".join(notices)
            return state["country"], state["domain"], state["years"], no_update, notice, bool(notices)
        countries, _ = filters.clean_codes(countries, vocab.actors)
        domains, _ = filters.clean_codes(domains, vocab.domains)
        years = list(filters.clean_years(years, vocab.years))
        if trigger == ids.PICK_IP4:
            countries = list(vocab.ip4)
        elif trigger == ids.PICK_NATO:
            countries = list(vocab.nato)
        elif trigger == ids.RESET:
            countries, domains, years = [], [], list(vocab.years)
        elif trigger == ids.MAP_GRAPH:
            iso3 = _location(map_click)
            if iso3 in vocab.actors and iso3 not in countries:
                countries = [*countries, iso3]
        elif trigger == ids.ITPP_GRAPH:
            picked = clicked(itpp_click)
            if picked and picked[1] in area_domains:
                domains = list(area_domains[picked[1]])
        query = filters.build_query(countries, domains, years, vocab)
        return countries, domains, years, query if query != (search or "") else no_update, no_update, False

    @app.callback(
        Output(ids.COUNT_EVENTS, "children"),
        Output(ids.COUNT_PARTNERSHIPS, "children"),
        Output(ids.COUNT_AREAS, "children"),
        Output(ids.COUNT_REACTIONS, "children"),
        *FILTER_INPUTS[:3],
    )
    def update_counters(countries, domains, years):
        f = to_filters(countries, domains, years)
        return (
            str(len(dataset.events(ds, f))),
            str(len(dataset.partnerships(ds, f))),
            str(len(dataset.itpp_areas(ds, f))),
            str(len(dataset.reactions(ds, f))),
        )

    @functools.lru_cache(maxsize=512)
    def cached_figure(view: str, f: dataset.Filters, options: tuple, theme: str) -> dict:
        """Figure JSON per validated (view, filters, options, theme): the same view requested
        again (by any user of this worker) costs nothing. Keys are validated values only."""
        return views.figure(view, f, dict(options), theme).to_plotly_json()

    def figure(view: str, f, options=None, theme: str = style.LIGHT) -> dict:
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

    @app.callback(Output(ids.TIMELINE_GRAPH, "figure"), *FILTER_INPUTS, Input(ids.TIMELINE_LANES, "value"))
    def update_timeline(countries, domains, years, dark, lanes):
        f = to_filters(countries, domains, years)
        return figure("timeline", f, view_options(lanes=lanes), theme_of(dark))

    @app.callback(Output(ids.MAP_GRAPH, "figure"), *FILTER_INPUTS, Input(ids.MAP_MODE, "value"))
    def update_map(countries, domains, years, dark, mode):
        f = to_filters(countries, domains, years)
        return figure("map", f, view_options(mode=mode), theme_of(dark))

    @app.callback(Output(ids.NETWORK_GRAPH, "figure"), *FILTER_INPUTS, Input(ids.NETWORK_FRAMEWORK, "value"))
    def update_network(countries, domains, years, dark, chosen):
        f = to_filters(countries, domains, years)
        return figure("network", f, view_options(chosen=chosen or []), theme_of(dark))

    @app.callback(Output(ids.ITPP_GRAPH, "figure"), Output(ids.ITPP_NOTE, "children"), *FILTER_INPUTS)
    def update_itpp(countries, domains, years, dark):
        f = to_filters(countries, domains, years)
        shown = len(views.records("itpp", f))
        note = itpp.note(shown, len(ds["itpp_areas"]), views.itpp_total)
        return figure("itpp", f, theme=theme_of(dark)), note

    @app.callback(Output(ids.IP4_GRAPH, "figure"), *FILTER_INPUTS)
    def update_ip4(countries, domains, years, dark):
        return figure("ip4", to_filters(countries, domains, years), theme=theme_of(dark))

    @app.callback(Output(ids.REACTIONS_GRAPH, "figure"), *FILTER_INPUTS)
    def update_reactions(countries, domains, years, dark):
        return figure("reactions", to_filters(countries, domains, years), theme=theme_of(dark))

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Output(ids.EXPORT_TOAST, "children"),
        Output(ids.EXPORT_TOAST, "is_open"),
        Input({"type": ids.DOWNLOAD_ITEM_TYPE, "view": ALL, "fmt": ALL}, "n_clicks"),
        Input(ids.DOWNLOAD_VIEW, "n_clicks"),
        *(State(i.component_id, i.component_property) for i in FILTER_INPUTS[:3]),
        State(ids.TIMELINE_LANES, "value"),
        State(ids.MAP_MODE, "value"),
        State(ids.NETWORK_FRAMEWORK, "value"),
        State(ids.URL, "href"),
        prevent_initial_call=True,
    )
    def download(_items, _bundle, countries, domains, years, lanes, mode, chosen, href):
        """One chart as PNG/SVG/PDF/CSV, or the whole view as a ZIP."""
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update, no_update, no_update
        f = to_filters(countries, domains, years)
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

    @app.callback(
        Output(ids.EVIDENCE_TABLE, "children"),
        Output(ids.EVIDENCE_COUNT, "children"),
        Output(ids.EVIDENCE_PAGE, "max_value"),
        Output(ids.EVIDENCE_PAGE, "active_page"),
        *FILTER_INPUTS[:3],
        Input(ids.EVIDENCE_SEARCH, "value"),
        Input(ids.EVIDENCE_SORT, "value"),
        Input(ids.EVIDENCE_SELECTED, "data"),
        Input(ids.EVIDENCE_PAGE, "active_page"),
    )
    def update_evidence(countries, domains, years, search, sort, selected, page_number):
        f = to_filters(countries, domains, years)
        frames = {
            "events": dataset.events(ds, f),
            "partnerships": dataset.partnerships(ds, f),
            "itpp_areas": dataset.itpp_areas(ds, f),
            "ip4": dataset.ip4(ds, f),
            "reactions": dataset.reactions(ds, f),
        }
        rows = evidence.records(frames, names=names, domain_labels=domain_labels)
        shown = evidence.select(
            rows,
            search=search if isinstance(search, str) else "",
            sort=option(sort, sorts_allowed, "date-desc"),
            sources=ds["sources"],
        )
        highlighted = frozenset(_pairs(selected))
        wanted = page_number if ctx.triggered_id == ids.EVIDENCE_PAGE and isinstance(page_number, int) else 1
        rows_on_page, number, pages = evidence.page(shown, number=wanted, highlighted=highlighted)
        count = f"{len(shown)} of {len(rows)} records in view"
        if pages > 1:
            count += f" · page {number} of {pages}"
        table = evidence.table(rows_on_page, sources=ds["sources"], highlighted=highlighted)
        return table, count, pages, number

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
