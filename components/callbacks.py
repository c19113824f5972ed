"""Every callback of the page, registered in one place.

Callbacks stay thin: validate the inputs against the data's vocabularies, filter
through the data layer, call a pure builder, return. They read only the dataset
passed to :func:`register`, which is never mutated, so the app is safe under
several gunicorn workers.
"""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from components import (
    dataset,
    evidence,
    filters,
    ids,
    ip4,
    itpp,
    network,
    reactions,
    style,
    timeline,
    worldmap,
)
from components.dataset import Dataset

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
    names = dict(ds.names)
    domain_labels = dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"]))
    publishers = dict(zip(ds["sources"]["source_id"], ds["sources"]["publisher"]))
    groups = dict(zip(ds["countries"]["iso3"], ds["countries"]["group"]))
    coords = {r.iso3: (r.lon, r.lat) for r in ds["countries"].itertuples()}
    positions = network.positions(ds["partnerships"], coords)
    area_domains = dict(zip(ds["itpp_areas"]["area_id"], ds["itpp_areas"]["domains"]))
    itpp_total = int(ds.meta["itpp_areas"].get("declared_total", {}).get("value", len(ds["itpp_areas"])))
    frameworks = frozenset(ds["partnerships"]["framework"])
    lanes_allowed = {value for value, _ in timeline.LANE_OPTIONS}
    modes_allowed = {value for value, _ in worldmap.MODES}
    sorts_allowed = {value for value, _ in evidence.SORTS}

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

    @app.callback(Output(ids.TIMELINE_GRAPH, "figure"), *FILTER_INPUTS, Input(ids.TIMELINE_LANES, "value"))
    def update_timeline(countries, domains, years, dark, lanes):
        f = to_filters(countries, domains, years)
        return timeline.figure(
            dataset.events(ds, f),
            lanes=option(lanes, lanes_allowed, "domain"),
            names=names,
            domain_labels=domain_labels,
            publishers=publishers,
            theme=theme_of(dark),
        )

    @app.callback(Output(ids.MAP_GRAPH, "figure"), *FILTER_INPUTS, Input(ids.MAP_MODE, "value"))
    def update_map(countries, domains, years, dark, mode):
        f = to_filters(countries, domains, years)
        return worldmap.figure(
            ds["countries"],
            mode=option(mode, modes_allowed, "group"),
            reactions=dataset.reactions(ds, f),
            selected=f.countries,
            theme=theme_of(dark),
        )

    @app.callback(Output(ids.NETWORK_GRAPH, "figure"), *FILTER_INPUTS, Input(ids.NETWORK_FRAMEWORK, "value"))
    def update_network(countries, domains, years, dark, chosen):
        f = to_filters(countries, domains, years)
        keep, _ = filters.clean_codes(chosen, frameworks)
        edges = dataset.partnerships(ds, f)
        return network.figure(
            edges[edges["framework"].isin(keep)],
            positions=positions,
            names=names,
            groups=groups,
            selected=f.countries,
            theme=theme_of(dark),
        )

    @app.callback(Output(ids.ITPP_GRAPH, "figure"), Output(ids.ITPP_NOTE, "children"), *FILTER_INPUTS)
    def update_itpp(countries, domains, years, dark):
        f = to_filters(countries, domains, years)
        areas = dataset.itpp_areas(ds, f)
        identified = len(ds["itpp_areas"])
        return (
            itpp.figure(areas, total=itpp_total, identified=identified, theme=theme_of(dark)),
            itpp.note(len(areas), identified, itpp_total),
        )

    @app.callback(Output(ids.IP4_GRAPH, "figure"), *FILTER_INPUTS)
    def update_ip4(countries, domains, years, dark):
        f = to_filters(countries, domains, years)
        return ip4.figure(dataset.ip4(ds, f), names=names, theme=theme_of(dark))

    @app.callback(Output(ids.REACTIONS_GRAPH, "figure"), *FILTER_INPUTS)
    def update_reactions(countries, domains, years, dark):
        f = to_filters(countries, domains, years)
        return reactions.figure(dataset.reactions(ds, f), names=names, theme=theme_of(dark))

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
