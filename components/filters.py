"""The global filter bar and the URL query that mirrors it.

``parse_query`` and ``build_query`` are pure: the URL is the single source of truth for
a shareable view, and anything in it outside the data's vocabularies is dropped with a
notice rather than trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.data import Dataset, Filters

MAX_QUERY_CHARS = 4000
MAX_ITEMS = 200
ANY_GRADE = "any"  # the evidence filter's value for no minimum grade


@dataclass(frozen=True)
class Vocab:
    """What the filters may hold: actor ids, domain ids and the year span."""

    actors: frozenset[str]
    domains: frozenset[str]
    years: tuple[int, int]
    ip4: tuple[str, ...]
    nato: tuple[str, ...]
    grades: tuple[str, ...] = ()  # evidence grade codes, best first; the last one means "any"

    @classmethod
    def of(cls, ds: Dataset) -> Vocab:
        countries = ds["countries"]
        return cls(
            actors=frozenset(countries["iso3"]) | frozenset(ds["organizations"]["org_id"]),
            domains=frozenset(ds["domains"]["domain_id"]),
            years=ds.year_span,
            ip4=tuple(countries.loc[countries["group"] == "IP4 partner", "iso3"])
            + tuple(o for o in ds["organizations"]["org_id"] if o == "IP4"),
            nato=tuple(countries.loc[countries["nato_member_since"].notna(), "iso3"]),
            grades=ds.rule.codes,
        )


def clean_codes(values, allowed: frozenset[str]) -> tuple[list[str], list[str]]:
    """Split ``values`` into known codes (order kept, de-duplicated) and rejects."""
    if not isinstance(values, list | tuple):
        return [], ([] if values in (None, "") else [str(values)[:40]])
    kept: list[str] = []
    rejected: list[str] = []
    for value in values[:MAX_ITEMS]:
        if isinstance(value, str) and value in allowed:
            if value not in kept:
                kept.append(value)
        else:
            rejected.append(str(value)[:40])
    if len(values) > MAX_ITEMS:
        rejected.append(f"{len(values) - MAX_ITEMS} more values")
    return kept, rejected


def clean_years(value, span: tuple[int, int]) -> tuple[int, int]:
    """A valid ``[from, to]`` inside ``span``; anything else gives the full span."""
    lo, hi = span
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        a, b = sorted(int(v) for v in value)
        return max(lo, min(a, hi)), max(lo, min(b, hi))
    return lo, hi


def clean_grade(value, grades: tuple[str, ...]) -> str | None:
    """A minimum evidence grade code, or None for "any grade" (the worst grade means any)."""
    if isinstance(value, str) and value.strip().upper() in grades[:-1]:
        return value.strip().upper()
    return None


def to_filters(countries, domains, years, vocab: Vocab, grade=None) -> Filters:
    """Filters from raw component values, validated against the vocabularies."""
    c, _ = clean_codes(countries, vocab.actors)
    d, _ = clean_codes(domains, vocab.domains)
    lo, hi = clean_years(years, vocab.years)
    return Filters(frozenset(c), frozenset(d), lo, hi, clean_grade(grade, vocab.grades))


def parse_query(search: str | None, vocab: Vocab) -> tuple[dict, list[str]]:
    """Component values and notices from a URL query string.

    Returns ``({"country": [...], "domain": [...], "years": [lo, hi], "evidence": code or ""}, notices)``.
    Unknown parameters and values outside the vocabularies become notices.
    """
    notices: list[str] = []
    state = {"country": [], "domain": [], "years": list(vocab.years), "evidence": ""}
    if not isinstance(search, str) or not search.strip("?"):
        return state, notices
    if len(search) > MAX_QUERY_CHARS:
        return state, [f"The link's filters are too long ({len(search)} characters) and were ignored."]
    pairs = parse_qsl(search.lstrip("?"), keep_blank_values=True)
    seen = {}
    for key, value in pairs:
        seen.setdefault(key, value)
    for key in seen:
        if key not in ids.PARAMS:
            notices.append(f"Unknown link parameter “{key[:40]}” was ignored.")
    for param, allowed, label in (
        (ids.PARAM_COUNTRY, vocab.actors, "country"),
        (ids.PARAM_DOMAIN, vocab.domains, "domain"),
    ):
        raw = [v for v in seen.get(param, "").split(",") if v]
        kept, rejected = clean_codes(raw, allowed)
        state[param] = kept
        if rejected:
            notices.append(f"Unknown {label} code(s) ignored: {', '.join(rejected[:10])}.")
    lo, hi = vocab.years
    for i, param in enumerate((ids.PARAM_FROM, ids.PARAM_TO)):
        if param not in seen:
            continue
        value = seen[param]
        if value.isdigit() and len(value) == 4 and lo <= int(value) <= hi:
            state["years"][i] = int(value)
        else:
            notices.append(f"“{param}={value[:20]}” is not a year between {lo} and {hi}; ignored.")
    state["years"] = sorted(state["years"])
    if ids.PARAM_EVIDENCE in seen:
        value = seen[ids.PARAM_EVIDENCE]
        grade = clean_grade(value, vocab.grades)
        if grade is not None:
            state["evidence"] = grade
        elif value.strip().upper() != (vocab.grades[-1] if vocab.grades else ""):
            choices = ", ".join(vocab.grades[:-1])
            notices.append(f"“evidence={value[:20]}” is not an evidence grade ({choices}); ignored.")
    return state, notices


def build_query(countries, domains, years, vocab: Vocab, grade=None) -> str:
    """The canonical query string of a filter state ('' for the default view)."""
    f = to_filters(countries, domains, years, vocab, grade)
    c, _ = clean_codes(countries, vocab.actors)
    d, _ = clean_codes(domains, vocab.domains)
    params = {}
    if c:
        params[ids.PARAM_COUNTRY] = ",".join(c)
    if d:
        params[ids.PARAM_DOMAIN] = ",".join(d)
    if f.year_from != vocab.years[0]:
        params[ids.PARAM_FROM] = str(f.year_from)
    if f.year_to != vocab.years[1]:
        params[ids.PARAM_TO] = str(f.year_to)
    if f.min_grade:
        params[ids.PARAM_EVIDENCE] = f.min_grade
    return "?" + urlencode(params, safe=",") if params else ""


def describe(f: Filters, ds: Dataset) -> str:
    """Plain-language summary of the active filters (for subtitles and citations)."""
    parts = []
    if f.countries:
        parts.append("actors: " + ", ".join(sorted(ds.names.get(c, c) for c in f.countries)))
    if f.domains:
        labels = dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"]))
        parts.append("domains: " + ", ".join(sorted(labels[d] for d in f.domains)))
    parts.append(f"years: {f.year_from}–{f.year_to}")
    if f.min_grade:
        parts.append(f"evidence: grade {f.min_grade} or better")
    return "; ".join(parts)


def grade_options(ds: Dataset) -> list[dict]:
    """The evidence filter's choices: any grade, then each minimum grade but the last."""
    rule = ds.rule
    options = [{"label": "Any grade", "value": ANY_GRADE}]
    for code in rule.codes[:-1]:
        label = rule.label(code)
        options.append(
            {"label": f"{label} only" if code == rule.codes[0] else f"{label} or better", "value": code}
        )
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


def layout(ds: Dataset) -> html.Div:
    """The filter bar: countries with quick picks, domains, years, reset."""
    vocab = Vocab.of(ds)
    countries = ds["countries"].sort_values("name")
    orgs = ds["organizations"].sort_values("name")
    actor_options = [{"label": f"{r.name} ({r.iso3})", "value": r.iso3} for r in countries.itertuples()]
    actor_options += [{"label": f"{r.name} ({r.org_id})", "value": r.org_id} for r in orgs.itertuples()]
    domain_options = [
        {"label": r.label, "value": r.domain_id} for r in ds["domains"].sort_values("label").itertuples()
    ]
    lo, hi = vocab.years
    marks = {y: str(y) for y in range(lo, hi + 1) if y % 10 == 0}
    return html.Section(
        [
            html.H2("Filters", className="visually-hidden"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Countries and organizations", html_for=ids.COUNTRY_FILTER),
                            _dropdown(ids.COUNTRY_FILTER, actor_options, "All actors"),
                            html.Div(
                                [
                                    dbc.Button(
                                        "IP4", id=ids.PICK_IP4, size="sm", color="secondary", outline=True
                                    ),
                                    dbc.Button(
                                        "NATO allies",
                                        id=ids.PICK_NATO,
                                        size="sm",
                                        color="secondary",
                                        outline=True,
                                    ),
                                ],
                                className="quick-picks",
                                role="group",
                                **{"aria-label": "Quick picks"},
                            ),
                        ],
                        lg=4,
                        md=12,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Domains", html_for=ids.DOMAIN_FILTER),
                            _dropdown(ids.DOMAIN_FILTER, domain_options, "All domains"),
                        ],
                        lg=3,
                        md=6,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Evidence", html_for=ids.EVIDENCE_FILTER),
                            dbc.Select(
                                id=ids.EVIDENCE_FILTER,
                                options=grade_options(ds),
                                value=ANY_GRADE,
                                size="sm",
                                className="evidence-filter",
                            ),
                        ],
                        lg=2,
                        md=6,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Years", html_for=ids.YEAR_FILTER, id=f"{ids.YEAR_FILTER}-label"),
                            html.Div(
                                dcc.RangeSlider(
                                    id=ids.YEAR_FILTER,
                                    min=lo,
                                    max=hi,
                                    step=1,
                                    value=[lo, hi],
                                    marks=marks,
                                    allowCross=False,
                                    tooltip={"placement": "top", "always_visible": True},
                                    allow_direct_input=False,
                                    className="year-slider",
                                ),
                                className="slider-slot",
                            ),
                        ],
                        lg=2,
                        md=6,
                    ),
                    dbc.Col(
                        [
                            dbc.Button(
                                [
                                    html.I(
                                        className="bi bi-arrow-counterclockwise me-1",
                                        **{"aria-hidden": "true"},
                                    ),
                                    "Reset",
                                ],
                                id=ids.RESET,
                                color="link",
                                className="reset-button",
                            ),
                        ],
                        lg=1,
                        md=12,
                        className="d-flex align-items-end",
                    ),
                ],
                className="g-3",
            ),
        ],
        className="filter-bar",
        **{"aria-label": "Filters"},
    )
