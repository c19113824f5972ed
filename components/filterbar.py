"""The global filter bar: countries with quick picks, domains, evidence grade, years, reset.

Its values are validated in components/state.py, which also keeps them in the URL.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.state import ANY_GRADE
from components.views.context import Context


def grade_options(ctx: Context, part: str) -> list[dict]:
    """One evidence control's choices (``part``: reliability or credibility): any, then each
    minimum step but the last, by its code and words ("B or better: usually reliable")."""
    scale = getattr(ctx.ds.rule, part)
    options = [{"label": ctx._("Any"), "value": ANY_GRADE}]
    for i, level in enumerate(scale[:-1]):
        words = level.name_in(ctx.lang)
        text = (
            ctx._("{code} only: {words}", code=level.code, words=words)
            if i == 0
            else ctx._("{code} or better: {words}", code=level.code, words=words)
        )
        options.append({"label": text, "value": level.code})
    return options


def _dropdown(component_id: str, options: list[dict], placeholder: str) -> html.Div:
    """A multi-select in a slot that keeps its height while Dash loads the dropdown's code."""
    return html.Div(
        dcc.Dropdown(
            id=component_id,
            options=options,
            multi=True,
            placeholder=placeholder,
            className="filter-dropdown",
        ),
        className="dropdown-slot",
    )


def _field(label, control_id: str, *controls, lg: int, md: int, label_id: str | None = None) -> dbc.Col:
    """A labelled control in the bar's grid."""
    label_props = {"id": label_id} if label_id else {}
    return dbc.Col([dbc.Label(label, html_for=control_id, **label_props), *controls], lg=lg, md=md)


def _pick(label: str, button_id: str) -> dbc.Button:
    return dbc.Button(label, id=button_id, size="sm", color="secondary", outline=True)


def layout(ctx: Context) -> html.Section:
    """The filter bar: countries with quick picks, domains, evidence grade, years, reset."""
    ds, name, label = ctx.ds, "name", "label"  # in the context's language (``Context.of``)
    countries = ds["countries"].sort_values(name)
    orgs = ds["organizations"].sort_values(name)
    actor_options = [
        {"label": f"{getattr(r, name)} ({r.iso3})", "value": r.iso3} for r in countries.itertuples()
    ]
    actor_options += [
        {
            "label": getattr(r, name)
            if f"({r.org_id})" in getattr(r, name)
            else f"{getattr(r, name)} ({r.org_id})",
            "value": r.org_id,
        }
        for r in orgs.itertuples()
    ]
    domain_options = [
        {"label": getattr(r, label), "value": r.domain_id}
        for r in ds["domains"].sort_values(label).itertuples()
    ]
    lo, hi = ds.year_span
    quick_picks = html.Div(
        [_pick("IP4", ids.PICK_IP4), _pick(ctx._("NATO allies"), ids.PICK_NATO)],
        className="quick-picks",
        role="group",
        **{"aria-label": ctx._("Quick picks")},
    )
    reliability, credibility = (
        dbc.Select(
            id=control_id,
            options=grade_options(ctx, part),
            value=ANY_GRADE,
            size="sm",
            className="evidence-filter",
        )
        for part, control_id in (
            ("reliability", ids.RELIABILITY_FILTER),
            ("credibility", ids.CREDIBILITY_FILTER),
        )
    )
    years = html.Div(
        dcc.RangeSlider(
            id=ids.YEAR_FILTER,
            min=lo,
            max=hi,
            step=1,
            value=[lo, hi],
            marks={y: str(y) for y in range(lo, hi + 1) if y % 10 == 0},
            allowCross=False,
            # the chosen years are written beside the label: two tooltips collide on a narrow range
            tooltip={"placement": "top", "always_visible": False},
            allow_direct_input=False,
            className="year-slider",
        ),
        className="slider-slot",
    )
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
                    _field(
                        ctx._("Countries and organizations"),
                        ids.COUNTRY_FILTER,
                        _dropdown(ids.COUNTRY_FILTER, actor_options, ctx._("All actors")),
                        quick_picks,
                        lg=5,
                        md=12,
                    ),
                    _field(
                        ctx._("Domains"),
                        ids.DOMAIN_FILTER,
                        _dropdown(ids.DOMAIN_FILTER, domain_options, ctx._("All domains")),
                        lg=3,
                        md=6,
                    ),
                    _field(
                        [
                            ctx._("Years") + " ",
                            html.Span(f"{lo}–{hi}", id=ids.YEAR_VALUE, className="year-value"),
                        ],
                        ids.YEAR_FILTER,
                        years,
                        lg=4,
                        md=6,
                        label_id=f"{ids.YEAR_FILTER}-label",
                    ),
                    # the two parts of NATO's evidence grade, each its own minimum
                    _field(ctx._("Source reliability"), ids.RELIABILITY_FILTER, reliability, lg=4, md=6),
                    _field(ctx._("Information credibility"), ids.CREDIBILITY_FILTER, credibility, lg=4, md=6),
                    dbc.Col(reset, lg=4, md=12, className="d-flex align-items-end justify-content-lg-end"),
                ],
                className="g-3",
            ),
        ],
        className="filter-bar",
        **{"aria-label": ctx._("Filters")},
    )
