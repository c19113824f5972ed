"""The global filters, each declared once.

One entry per filter gives its fields in ``Filters``, its link parameters, its controls in the
filter bar, how it reads a link, a request or the controls (one parser: lenient for the page,
which drops a bad value with a notice; strict for the API and MCP, which answer a bad value
with an error naming it), what it keeps of each fact table, its words in a subtitle and its part
of a file name. Adding a filter is one entry here (and its words in the message catalogs).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import i18n, ids
from components.data import Dataset
from components.filters.kinds import ANY, MAX_ITEMS, Codes, Grade, Years, split_grade
from components.filters.tables import (
    ABOUT,
    BY,
    in_years,
    ip4_years,
    programme,
    programme_meets,
    reaction_relations,
    touches,
)
from components.filters.vocab import Control, ParamError, Problem, Vocab
from components.i18n import N_, Translator

__all__ = [
    "ABOUT",
    "ANY",
    "BY",
    "FILTERS",
    "MAX_ITEMS",
    "Filters",
    "ParamError",
    "Problem",
    "Vocab",
    "split_grade",
]

ACTORS = Codes(
    name="countries",
    param="country",
    control=Control("countries", ids.COUNTRY_FILTER),
    codes=lambda ds: ds.names,  # countries' and organizations' names
    label=N_("Countries and organizations"),
    everything=N_("All actors"),
    unknown=N_("Unknown country or organization code(s) in “{param}”: {codes}."),
    words=N_("actors: {names}"),
    slug_prefix="country",
    keeps={
        "events": lambda df, v, ds: touches(
            (c + o for c, o in zip(df["countries"], df["organizations"])), v, df.index
        ),
        # the partnerships that touch a selected actor
        "partnerships": lambda df, v, ds: touches(zip(df["from_id"], df["to_id"]), v, df.index),
        # the programme's areas, when a selected actor is one of its parties
        "itpp_areas": lambda df, v, ds: programme_meets(
            df, not frozenset(v).isdisjoint(programme(ds)["actors"])
        ),
        # a partner's records, and every partner's for the group itself
        "ip4": lambda df, v, ds: touches(
            ((c, ds.table("ip4").extras["group"]) for c in df["iso3"]), v, df.index
        ),
        # reactions by a selected actor, or about its cooperation
        "reactions": lambda df, v, ds: reaction_relations(df, v) != "",
    },
    options=lambda ctx: _actor_options(ctx),
    grid={"lg": 5, "md": 12},
    extra=lambda ctx: [_quick_picks(ctx)],
)
DOMAINS = Codes(
    name="domains",
    param="domain",
    control=Control("domains", ids.DOMAIN_FILTER),
    codes=lambda ds: dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"])),
    label=N_("Domains"),
    everything=N_("All domains"),
    unknown=N_("Unknown domain code(s) in “{param}”: {codes}."),
    words=N_("domains: {names}"),
    slug_prefix="domain",
    # IP4 records and reactions have no domain: a domain filter leaves them all
    keeps={
        t: (lambda df, v, ds: touches(df["domains"], v, df.index))
        for t in ("events", "partnerships", "itpp_areas")
    },
)
YEARS = Years(
    keeps={
        "events": lambda df, span, ds: in_years(df["year"], span),
        # partnerships in force by the period's end (an undated one always)
        "partnerships": lambda df, span, ds: df["since"].isna() | (df["since"] <= (span[1] or 10_000)),
        # the programme's areas, when its period meets the filter's
        "itpp_areas": lambda df, span, ds: programme_meets(
            df,
            (span[1] or 10_000) >= programme(ds)["period"][0]
            and (span[0] or -10_000) <= programme(ds)["period"][1],
        ),
        "ip4": lambda df, span, ds: in_years(ip4_years(df), span),
        "reactions": lambda df, span, ds: in_years(df["year"], span),
    }
)
GRADE = Grade()

FILTERS = (ACTORS, DOMAINS, YEARS, GRADE)  # in the filter bar's reading order
PARAMS = tuple(p for flt in FILTERS for p in flt.params)
CODE_FILTERS = tuple(flt for flt in FILTERS if isinstance(flt, Codes))  # each with a vocabulary
CONTROLS = tuple(c for flt in FILTERS for c in flt.controls)

Filters = dataclasses.make_dataclass(
    "Filters",
    [(n, object, dataclasses.field(default=v)) for flt in FILTERS for n, v in flt.empty.items()],
    frozen=True,
    namespace={"__doc__": "Validated global filters, one field per filter value; empty and None mean all."},
)
Filters.__module__ = __name__


def everything(vocab: Vocab) -> Filters:
    """No filter: every record of the dataset's span."""
    return Filters(**{k: v for flt in FILTERS for k, v in flt.default(vocab).items()})


def parse(
    raw: Mapping[str, object], vocab: Vocab, *, strict: bool = False, tr: Translator = i18n.ENGLISH
) -> tuple[Filters, list[str]]:
    """Filters from link or request parameters, and the notices of what was dropped (in ``tr``'s
    language). Strict (the API, MCP): the first problem raises ``ParamError`` naming its
    parameter. Lenient (the page): a bad value is dropped and said."""
    values, problems = {}, []
    for flt in FILTERS:
        values |= flt.read(raw, vocab, problems)
        if strict and problems:
            raise ParamError(problems[0].param, problems[0].text(i18n.ENGLISH))
    return Filters(**values), [p.text(tr) + " " + tr._(p.then) for p in problems]


def from_controls(values: Mapping[str, object], vocab: Vocab) -> Filters:
    """Filters from the filter bar's raw values (by control key), validated."""
    out = {}
    for flt in FILTERS:
        out |= flt.from_controls(values, vocab)
    return Filters(**out)


def to_controls(f: Filters) -> dict:
    """The filter bar's values (by control key) that show ``f``."""
    out = {}
    for flt in FILTERS:
        out |= flt.to_controls(f)
    return out


def to_params(f: Filters, vocab: Vocab) -> dict[str, str]:
    """The link parameters of ``f`` (a filter at its default is left out)."""
    out = {}
    for flt in FILTERS:
        out |= flt.write(f, vocab)
    return out


def describe(f: Filters, ds: Dataset, tr: Translator = i18n.ENGLISH) -> str:
    """The filters in words, for subtitles and citations ("actors: Japan; years: 2010–2026")."""
    parts = [text for flt in FILTERS if (text := flt.describe(f, ds, tr))]
    return ("；" if tr.lang == "ja" else "; ").join(parts)


def slug(f: Filters, years: tuple[int, int]) -> str:
    """A short, file-name-safe statement of the filters (``all`` for none; ``years`` is the
    dataset's span): the one naming of every downloaded file."""
    parts = [_slug(text) for flt in FILTERS if (text := flt.slug(f, years))]
    return "_".join(parts) if parts else "all"


def _slug(text: str) -> str:
    return "_".join(re.sub(r"[^A-Za-z0-9]+", "-", p).strip("-")[:80] for p in text.split("_")) or "all"


def rows(ds: Dataset, table: str, f: Filters) -> pd.DataFrame:
    """The records of fact table ``table`` that every filter keeps."""
    df = ds[table]
    mask = pd.Series(True, index=df.index, dtype=bool)
    for flt in FILTERS:
        kept = flt.keep(table, df, f, ds)
        if kept is not None:
            mask &= kept
    return df[mask]


def layout(ctx) -> list:
    """Every filter's field in the filter bar, in reading order."""
    return [col for flt in FILTERS for col in flt.layout(ctx)]


def _actor_options(ctx) -> list[dict]:
    ds = ctx.ds  # in the context's language (``Context.of``)
    options = [
        {"label": f"{r.name} ({r.iso3})", "value": r.iso3}
        for r in ds["countries"].sort_values("name").itertuples()
    ]
    options += [
        {"label": r.name if f"({r.org_id})" in r.name else f"{r.name} ({r.org_id})", "value": r.org_id}
        for r in ds["organizations"].sort_values("name").itertuples()
    ]
    return options


def _quick_picks(ctx) -> html.Div:
    buttons = [
        dbc.Button(label, id=button_id, size="sm", color="secondary", outline=True)
        for label, button_id in (("IP4", ids.PICK_IP4), (ctx._("NATO allies"), ids.PICK_NATO))
    ]
    return html.Div(buttons, className="quick-picks", role="group", **{"aria-label": ctx._("Quick picks")})
