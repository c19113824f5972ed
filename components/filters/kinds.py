"""The kinds of filter (a multi-select of codes, the period, a minimum grade), the vocabularies
they are checked against, and the problems a bad value raises. The filters themselves, one entry
each, are in ``components/filters/__init__.py``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import ids
from components.data import Dataset
from components.filters.vocab import Control, Problem, Vocab, items
from components.i18n import N_, Translator

MAX_ITEMS = 200  # codes one parameter may list
ANY = "any"  # an evidence control's value for no minimum
Mask = Callable[[pd.DataFrame, object, Dataset], pd.Series]
BY, ABOUT = "by", "about"  # how a reaction meets a country filter


@dataclass(frozen=True)
class Codes:
    """A multi-select of codes (countries and organizations, domains)."""

    name: str  # its field in ``Filters``
    param: str
    control: Control
    codes: Callable[[Dataset], Mapping[str, str]]  # the allowed codes → their names (its vocabulary)
    label: str  # the control's label (msgid)
    everything: str  # the empty control's placeholder (msgid)
    unknown: str  # a problem's words (msgid with {param} and {codes})
    words: str  # its words in a subtitle (msgid with {names})
    slug_prefix: str
    keeps: Mapping[str, Mask]  # fact table → rows kept for the selected codes
    # the control's choices, from a views context (by default every code, by name)
    options: Callable[[object], list[dict]] | None = None
    grid: Mapping[str, int] = field(default_factory=lambda: {"lg": 3, "md": 6})
    extra: Callable[[object], list] | None = None  # more under the control (quick picks)

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def empty(self) -> dict:
        """Its fields when it keeps everything: their defaults in ``Filters``."""
        return {self.name: ()}  # in the reader's order, as the link shows

    @property
    def params(self) -> tuple[str, ...]:
        return (self.param,)

    @property
    def controls(self) -> tuple[Control, ...]:
        return (self.control,)

    def default(self, vocab: Vocab) -> dict:
        return self.empty

    def read(self, raw: Mapping[str, object], vocab: Vocab, problems: list[Problem]) -> dict:
        values = items(raw.get(self.param))
        allowed = vocab.codes[self.name]
        kept = list(dict.fromkeys(v for v in values[:MAX_ITEMS] if isinstance(v, str) and v in allowed))
        rejected = [str(v)[:40] for v in values[:MAX_ITEMS] if not (isinstance(v, str) and v in allowed)]
        if len(values) > MAX_ITEMS:
            rejected.append(f"{len(values) - MAX_ITEMS} more")
        if rejected:
            problems.append(
                Problem(self.param, self.unknown, param=self.param, codes=", ".join(rejected[:10]))
            )
        return {self.name: tuple(kept)}

    def write(self, f, vocab: Vocab) -> dict[str, str]:
        value = getattr(f, self.name)
        return {self.param: ",".join(value)} if value else {}

    def from_controls(self, values: Mapping[str, object], vocab: Vocab) -> dict:
        return self.read({self.param: values.get(self.control.key)}, vocab, [])

    def to_controls(self, f) -> dict:
        return {self.control.key: list(getattr(f, self.name))}

    def keep(self, table: str, df: pd.DataFrame, f, ds: Dataset) -> pd.Series | None:
        value = getattr(f, self.name)
        mask = self.keeps.get(table)
        return mask(df, value, ds) if mask and value else None

    def describe(self, f, ds: Dataset, tr: Translator) -> str | None:
        value = getattr(f, self.name)
        if not value:
            return None
        known = self.codes(ds)
        names = sorted(known.get(code, code) for code in value)
        return tr._(self.words, names=tr.sep.join(names))

    def slug(self, f, years: tuple[int, int]) -> str | None:
        value = getattr(f, self.name)
        return f"{self.slug_prefix}-" + "-".join(sorted(value)) if value else None

    def _options(self, ctx) -> list[dict]:
        if self.options is not None:
            return self.options(ctx)
        named = sorted(self.codes(ctx.ds).items(), key=lambda pair: pair[1])
        return [{"label": name, "value": code} for code, name in named]

    def layout(self, ctx) -> list:
        dropdown = html.Div(
            dcc.Dropdown(
                id=self.control.id,
                options=self._options(ctx),
                multi=True,
                placeholder=ctx._(self.everything),
                className="filter-dropdown",
            ),
            className="dropdown-slot",  # keeps its height while Dash loads the dropdown's code
        )
        extra = self.extra(ctx) if self.extra else []
        return [_field(ctx._(self.label), self.control.id, dropdown, *extra, **self.grid)]


@dataclass(frozen=True)
class Years:
    """The period: a range slider, two link parameters, two fields."""

    name: str = "years"
    params: tuple[str, ...] = ("from", "to")
    control: Control = Control("years", ids.YEAR_FILTER)
    keeps: Mapping[str, Mask] = field(default_factory=dict)

    fields = ("year_from", "year_to")
    empty = MappingProxyType({"year_from": None, "year_to": None})  # None: no bound

    @property
    def controls(self) -> tuple[Control, ...]:
        return (self.control,)

    def default(self, vocab: Vocab) -> dict:
        return dict(zip(self.fields, vocab.years))

    def read(self, raw: Mapping[str, object], vocab: Vocab, problems: list[Problem]) -> dict:
        lo, hi = vocab.years
        years = [lo, hi]
        for i, param in enumerate(self.params):
            value = raw.get(param)
            if value in (None, ""):
                continue
            text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
            if text.isdigit() and len(text) == 4 and lo <= int(text) <= hi:
                years[i] = int(text)
            else:
                problems.append(
                    Problem(
                        param,
                        N_("“{param}={value}” is not a year between {first} and {last}."),
                        param=param,
                        value=str(value)[:20],
                        first=lo,
                        last=hi,
                    )
                )
        if years[0] > years[1]:
            problems.append(
                Problem(
                    self.params[0],
                    N_("“{first_param}={first}” is after “{last_param}={last}”."),
                    then=N_("The two were swapped."),
                    first_param=self.params[0],
                    first=years[0],
                    last_param=self.params[1],
                    last=years[1],
                )
            )
        return dict(zip(self.fields, sorted(years)))

    def write(self, f, vocab: Vocab) -> dict[str, str]:
        out = {}
        for param, value, edge in zip(self.params, (f.year_from, f.year_to), vocab.years):
            if value is not None and value != edge:
                out[param] = str(value)
        return out

    def from_controls(self, values: Mapping[str, object], vocab: Vocab) -> dict:
        value = values.get(self.control.key)
        lo, hi = vocab.years
        if (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            a, b = sorted(int(v) for v in value)
            return dict(zip(self.fields, (max(lo, min(a, hi)), max(lo, min(b, hi)))))
        return self.default(vocab)

    def to_controls(self, f) -> dict:
        return {self.control.key: [f.year_from, f.year_to]}

    def keep(self, table: str, df: pd.DataFrame, f, ds: Dataset) -> pd.Series | None:
        mask = self.keeps.get(table)
        return mask(df, (f.year_from, f.year_to), ds) if mask else None

    def describe(self, f, ds: Dataset, tr: Translator) -> str | None:
        return tr._("years: {first}–{last}", first=f.year_from, last=f.year_to)

    def slug(self, f, years: tuple[int, int]) -> str | None:
        parts = [
            f"{word}-{value}"
            for word, value, edge in (
                ("from", f.year_from, years[0]),
                ("to", f.year_to, years[1]),
            )
            if value not in (None, edge)
        ]
        return "_".join(parts) or None

    def layout(self, ctx) -> list:
        lo, hi = ctx.ds.year_span
        slider = html.Div(
            dcc.RangeSlider(
                id=self.control.id,
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
        label = [ctx._("Years") + " ", html.Span(f"{lo}–{hi}", id=ids.YEAR_VALUE, className="year-value")]
        return [_field(label, self.control.id, slider, lg=4, md=6, label_id=f"{self.control.id}-label")]


@dataclass(frozen=True)
class Grade:
    """A minimum two-part grade: one link parameter ("B2", "B" or "2"), one control per part."""

    name: str = "min_grade"
    param: str = "evidence"
    parts: tuple[tuple[str, Control, str], ...] = (
        ("reliability", Control("reliability", ids.RELIABILITY_FILTER), N_("Source reliability")),
        ("credibility", Control("credibility", ids.CREDIBILITY_FILTER), N_("Information credibility")),
    )

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def empty(self) -> dict:
        return {self.name: None}  # or "B2", "B", "2"

    @property
    def params(self) -> tuple[str, ...]:
        return (self.param,)

    @property
    def controls(self) -> tuple[Control, ...]:
        return tuple(control for _, control, _ in self.parts)

    def default(self, vocab: Vocab) -> dict:
        return self.empty

    def read(self, raw: Mapping[str, object], vocab: Vocab, problems: list[Problem]) -> dict:
        value = raw.get(self.param)
        if value in (None, ""):
            return {self.name: None}
        parsed = vocab.evidence.parse(value)
        if parsed is None:
            rule = vocab.evidence
            problems.append(
                Problem(
                    self.param,
                    N_(
                        "“evidence={value}” is not an evidence grade (a source reliability {letters} and/or"
                        " an information credibility {digits}, such as B2)."
                    ),
                    value=str(value)[:20],
                    letters="–".join(rule.reliability_codes[::5]),
                    digits="–".join(rule.credibility_codes[::5]),
                )
            )
            return {self.name: None}
        return {self.name: "".join(p for p in parsed if p) or None}

    def write(self, f, vocab: Vocab) -> dict[str, str]:
        value = getattr(f, self.name)
        return {self.param: value} if value else {}

    def from_controls(self, values: Mapping[str, object], vocab: Vocab) -> dict:
        rule = vocab.evidence
        letter = values.get("reliability")
        digit = values.get("credibility")
        letter = letter if letter in rule.reliability_codes else ""
        digit = digit if digit in rule.credibility_codes else ""
        return self.read({self.param: f"{letter}{digit}"}, vocab, [])

    def to_controls(self, f) -> dict:
        letter, digit = split_grade(getattr(f, self.name))
        return {"reliability": letter, "credibility": digit}

    def keep(self, table: str, df: pd.DataFrame, f, ds: Dataset) -> pd.Series | None:
        minimum = ds.rule.parse(getattr(f, self.name)) if getattr(f, self.name) else None
        if minimum is None or "grade" not in df:
            return None
        return df["grade"].isin({c for c in ds.rule.codes if ds.rule.at_least(c, *minimum)})

    def describe(self, f, ds: Dataset, tr: Translator) -> str | None:
        value = getattr(f, self.name)
        if not value:
            return None
        letter, digit = split_grade(value)
        parts = []
        if letter != ANY:
            parts.append(tr._("source {code} or better", code=letter))
        if digit != ANY:
            parts.append(tr._("information {code} or better", code=digit))
        return tr._("evidence: {grade}", grade=tr.sep.join(parts))

    def slug(self, f, years: tuple[int, int]) -> str | None:
        value = getattr(f, self.name)
        return f"evidence-{value}" if value else None

    def layout(self, ctx) -> list:
        out = []
        for part, control, label in self.parts:
            scale = getattr(ctx.ds.rule, part)
            options = [{"label": ctx._("Any"), "value": ANY}]
            for i, level in enumerate(scale[:-1]):
                words = level.name_in(ctx.lang)
                message = N_("{code} only: {words}") if i == 0 else N_("{code} or better: {words}")
                options.append({"label": ctx._(message, code=level.code, words=words), "value": level.code})
            select = dbc.Select(
                id=control.id, options=options, value=ANY, size="sm", className="evidence-filter"
            )
            out.append(_field(ctx._(label), control.id, select, lg=4, md=6))
        return out


def split_grade(grade: str | None) -> tuple[str, str]:
    """The two evidence controls' values that show a minimum grade ("B2" → ("B", "2"))."""
    letter = grade[0] if grade and grade[0].isalpha() else ANY
    digit = grade[-1] if grade and grade[-1].isdigit() else ANY
    return letter, digit


def _field(
    label, control_id: str, *controls, lg: int = 3, md: int = 6, label_id: str | None = None
) -> dbc.Col:
    """A labelled control in the filter bar's grid."""
    label_props = {"id": label_id} if label_id else {}
    return dbc.Col([dbc.Label(label, html_for=control_id, **label_props), *controls], lg=lg, md=md)
