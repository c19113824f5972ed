"""The view's state: the filters and the charts' options, validated once, from the URL or from
the controls, and back to a URL (the link is the whole view).

Everything a reader can put in a link passes through here. Anything outside the data's
vocabularies is dropped with a notice rather than trusted; the rest becomes a ``Filters`` and an
``Options`` tuple, which every other layer takes as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from components import i18n, ids
from components.data import Dataset, Filters
from components.data.grade import EvidenceRule
from components.i18n import Translator

MAX_QUERY_CHARS = 4000
MAX_ITEMS = 200
MAX_SELECTED = 50  # records a grouped mark's click brings to the top of the evidence table
ANY_GRADE = "any"  # an evidence control's value for no minimum
Options = tuple[tuple[str, object], ...]  # (option key, validated value), in the registry's order


@dataclass(frozen=True)
class Choice:
    """A chart option as a link or a control may hold it (from a registry ``Option``)."""

    key: str
    param: str  # its name in the link
    kind: str  # "radio" or "checklist"
    allowed: tuple[str, ...]  # in display order
    default: object  # a value, or a tuple of values for a checklist

    def clean(self, value) -> tuple[object, list[str]]:
        """(valid value, rejected values): the default when nothing valid was sent."""
        if self.kind == "checklist":
            if not isinstance(value, list | tuple):
                return self.default, ([] if value is None else [str(value)[:40]])
            kept, rejected = clean_codes(value, frozenset(self.allowed))
            return tuple(v for v in self.allowed if v in kept), rejected  # canonical order
        if isinstance(value, str) and value in self.allowed:
            return value, []
        return self.default, ([] if value is None else [str(value)[:40]])


@dataclass(frozen=True)
class Vocab:
    """What the view state may hold: actor ids, domain ids, the year span, the grades and each
    chart option's choices."""

    actors: frozenset[str]
    domains: frozenset[str]
    years: tuple[int, int]
    ip4: tuple[str, ...]
    nato: tuple[str, ...]
    evidence: EvidenceRule  # the two scales of the grade
    options: tuple[Choice, ...] = field(default=())

    @classmethod
    def of(cls, ds: Dataset, options: Iterable = ()) -> Vocab:
        """The vocabularies of ``ds``; ``options`` are the registry's ``Option`` entries."""
        countries = ds["countries"]
        group = ds.table("ip4").extras["group"]
        choices = tuple(
            Choice(
                o.key,
                o.link_name,
                o.kind,
                tuple(v for v, _ in o.choices(ds)),
                tuple(d) if isinstance(d := o.default(ds), list) else d,
            )
            for o in options
        )
        return cls(
            actors=frozenset(countries["iso3"]) | frozenset(ds["organizations"]["org_id"]),
            domains=frozenset(ds["domains"]["domain_id"]),
            years=ds.year_span,
            ip4=tuple(ds.table("ip4").extras["partner-order"]) + (group,),
            nato=tuple(countries.loc[countries["nato_member_since"].notna(), "iso3"]),
            evidence=ds.rule,
            options=choices,
        )

    @property
    def default_options(self) -> Options:
        return tuple((c.key, c.default) for c in self.options)


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
    """A valid ``(from, to)`` inside ``span``; anything else gives the full span."""
    lo, hi = span
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        a, b = sorted(int(v) for v in value)
        return max(lo, min(a, hi)), max(lo, min(b, hi))
    return lo, hi


def clean_grade(value, rule: EvidenceRule) -> str | None:
    """A minimum two-part grade in its canonical form ("B2", "B" or "2"), or None for any grade
    (a worst step means any, and an earlier one-letter grade reads as a minimum reliability)."""
    parsed = rule.parse(value)
    return "".join(p for p in parsed if p) or None if parsed else None


def grade_of_controls(reliability, credibility, rule: EvidenceRule) -> str | None:
    """The minimum grade the two evidence controls show (either may be "any")."""
    r = reliability if reliability in rule.reliability_codes else ""
    c = credibility if credibility in rule.credibility_codes else ""
    return clean_grade(f"{r}{c}", rule) if r or c else None


def from_controls(countries, domains, years, reliability, credibility, vocab: Vocab) -> Filters:
    """Filters from the filter bar's raw values, validated against the vocabularies."""
    c, _ = clean_codes(countries, vocab.actors)
    d, _ = clean_codes(domains, vocab.domains)
    lo, hi = clean_years(years, vocab.years)
    return Filters(tuple(c), tuple(d), lo, hi, grade_of_controls(reliability, credibility, vocab.evidence))


def controls(f: Filters) -> dict:
    """The filter bar's values that show ``f``."""
    return {
        "countries": list(f.countries),
        "domains": list(f.domains),
        "years": [f.year_from, f.year_to],
        **dict(zip(("reliability", "credibility"), grade_controls(f.min_grade))),
    }


def grade_controls(grade: str | None) -> tuple[str, str]:
    """The two evidence controls' values that show a minimum grade ("B2" → ("B", "2"))."""
    letter = grade[0] if grade and grade[0].isalpha() else ANY_GRADE
    digit = grade[-1] if grade and grade[-1].isdigit() else ANY_GRADE
    return letter, digit


def options_from_controls(values: Mapping[str, object], vocab: Vocab) -> Options:
    """Every chart option from the controls' raw values (by option key), validated."""
    return tuple((c.key, c.clean(values.get(c.key))[0]) for c in vocab.options)


def from_query(
    search: str | None, vocab: Vocab, tr: Translator = i18n.ENGLISH
) -> tuple[Filters, Options, list[str]]:
    """Filters, chart options and notices (in ``tr``'s language) from a URL query string:
    unknown parameters and values outside the vocabularies are dropped, each with a notice."""
    notices: list[str] = []
    full = Filters((), (), *vocab.years)
    if not isinstance(search, str) or not search.strip("?"):
        return full, vocab.default_options, notices
    if len(search) > MAX_QUERY_CHARS:
        notice = tr._("The link's filters are too long ({n} characters) and were ignored.", n=len(search))
        return full, vocab.default_options, [notice]
    seen: dict[str, str] = {}
    for key, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
        seen.setdefault(key, value)
    known = {*ids.PARAMS, ids.PARAM_RECORD, ids.PARAM_LANG, *(c.param for c in vocab.options)}
    notices += [
        tr._("Unknown link parameter “{name}” was ignored.", name=key[:40])
        for key in seen
        if key not in known
    ]
    if ids.PARAM_LANG in seen and seen[ids.PARAM_LANG] not in i18n.LANGS:
        notices.append(
            tr._(
                "“{param}={value}” is not a language of this page ({choices}); ignored.",
                param=ids.PARAM_LANG,
                value=seen[ids.PARAM_LANG][:20],
                choices=", ".join(i18n.LANGS),
            )
        )
    codes = {}
    for param, allowed, message in (
        (ids.PARAM_COUNTRY, vocab.actors, i18n.N_("Unknown country code(s) ignored: {codes}.")),
        (ids.PARAM_DOMAIN, vocab.domains, i18n.N_("Unknown domain code(s) ignored: {codes}.")),
    ):
        kept, rejected = clean_codes([v for v in seen.get(param, "").split(",") if v], allowed)
        codes[param] = tuple(kept)
        if rejected:
            notices.append(tr._(message, codes=", ".join(rejected[:10])))
    lo, hi = vocab.years
    years = [lo, hi]
    for i, param in enumerate((ids.PARAM_FROM, ids.PARAM_TO)):
        value = seen.get(param)
        if value is None:
            continue
        if value.isdigit() and len(value) == 4 and lo <= int(value) <= hi:
            years[i] = int(value)
        else:
            notices.append(
                tr._(
                    "“{param}={value}” is not a year between {first} and {last}; ignored.",
                    param=param,
                    value=value[:20],
                    first=lo,
                    last=hi,
                )
            )
    grade = None
    if ids.PARAM_EVIDENCE in seen:
        value = seen[ids.PARAM_EVIDENCE]
        grade = clean_grade(value, vocab.evidence)
        if vocab.evidence.parse(value) is None:
            notices.append(
                tr._(
                    "“evidence={value}” is not an evidence grade (a source reliability {letters} and/or"
                    " an information credibility {digits}, such as B2); ignored.",
                    value=value[:20],
                    letters="–".join(vocab.evidence.reliability_codes[::5]),
                    digits="–".join(vocab.evidence.credibility_codes[::5]),
                )
            )
    options = []
    for choice in vocab.options:
        raw = seen.get(choice.param)
        if raw is not None and choice.kind == "checklist":
            raw = [v for v in raw.split(",") if v]
        value, rejected = choice.clean(raw)
        if rejected:
            notices.append(
                tr._(
                    "Unknown “{param}” value(s) ignored: {values}.",
                    param=choice.param,
                    values=", ".join(rejected[:10]),
                )
            )
        options.append((choice.key, value))
    first, last = sorted(years)
    f = Filters(codes[ids.PARAM_COUNTRY], codes[ids.PARAM_DOMAIN], first, last, grade)
    return f, tuple(options), notices


def language(search: str | None) -> str:
    """The page's language from a URL query string (``?lang=ja``); the default for none or an
    unknown one (``from_query`` says so)."""
    if not isinstance(search, str) or len(search) > MAX_QUERY_CHARS:
        return i18n.DEFAULT
    for key, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
        if key == ids.PARAM_LANG:
            return i18n.clean(value)
    return i18n.DEFAULT


def linked_record(search: str | None) -> str | None:
    """The record id a link names (``?record=<id>``), as given (the page checks it), or None."""
    if not isinstance(search, str) or len(search) > MAX_QUERY_CHARS:
        return None
    for key, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
        if key == ids.PARAM_RECORD:
            return value.strip()[:80]
    return None


def to_query(f: Filters, vocab: Vocab, options: Options = (), lang: str = i18n.DEFAULT) -> str:
    """The canonical query string of a view ('' for the default view in English): the filters,
    then each chart option that is not at its default, then the language if not the default."""
    params = {}
    if f.countries:
        params[ids.PARAM_COUNTRY] = ",".join(f.countries)
    if f.domains:
        params[ids.PARAM_DOMAIN] = ",".join(f.domains)
    if f.year_from != vocab.years[0]:
        params[ids.PARAM_FROM] = str(f.year_from)
    if f.year_to != vocab.years[1]:
        params[ids.PARAM_TO] = str(f.year_to)
    if f.min_grade:
        params[ids.PARAM_EVIDENCE] = f.min_grade
    values = dict(options)
    for choice in vocab.options:
        value = values.get(choice.key, choice.default)
        if value != choice.default:
            params[choice.param] = ",".join(value) if choice.kind == "checklist" else value
    if lang != i18n.DEFAULT and lang in i18n.LANGS:
        params[ids.PARAM_LANG] = lang
    return "?" + urlencode(params, safe=",") if params else ""


def file_slug(f: Filters, years: tuple[int, int]) -> str:
    """Short, file-name-safe statement of the filters (``all`` for the default view): the one
    naming of every downloaded file, server-side and from the chart's camera button."""
    parts = []
    if f.countries:
        parts.append("country-" + "-".join(sorted(f.countries)))
    if f.domains:
        parts.append("domain-" + "-".join(sorted(f.domains)))
    if f.year_from not in (None, years[0]):  # None: no bound
        parts.append(f"from-{f.year_from}")
    if f.year_to not in (None, years[1]):
        parts.append(f"to-{f.year_to}")
    if f.min_grade:
        parts.append(f"evidence-{f.min_grade}")
    return "_".join(_slug(p) for p in parts) if parts else "all"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:80] or "all"


def describe(f: Filters, ds: Dataset, tr: Translator = i18n.ENGLISH) -> str:
    """Plain-language summary of the active filters (for subtitles and citations), in ``tr``'s
    language (``ds`` is a context's dataset: its names are in that language)."""
    parts = []
    if f.countries:
        names = sorted(ds.names.get(c, c) for c in f.countries)
        parts.append(tr._("actors: {names}", names=tr.sep.join(names)))
    if f.domains:
        labels = dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"]))
        parts.append(tr._("domains: {names}", names=tr.sep.join(sorted(labels[d] for d in f.domains))))
    parts.append(tr._("years: {first}–{last}", first=f.year_from, last=f.year_to))
    if f.min_grade:
        parts.append(tr._("evidence: {grade}", grade=grade_words(f.min_grade, ds.rule, tr)))
    return ("；" if tr.lang == "ja" else "; ").join(parts)


def grade_words(grade: str, rule: EvidenceRule, tr: Translator = i18n.ENGLISH) -> str:
    """A minimum grade in words: "source B or better, information 2 or better"."""
    letter, digit = grade_controls(grade)
    parts = []
    if letter != ANY_GRADE:
        parts.append(tr._("source {code} or better", code=letter))
    if digit != ANY_GRADE:
        parts.append(tr._("information {code} or better", code=digit))
    return tr.sep.join(parts)


def clicked_record(click_data, kinds) -> tuple[str, str] | None:
    """``(kind, record id)`` from a chart's clickData, when it carries one of ``kinds``.

    A grouped mark carries its records' ids joined with ``;``; a very long one is cut between
    ids, never inside one."""
    try:
        record_id, kind = click_data["points"][0]["customdata"][:2]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if not (isinstance(record_id, str) and record_id and kind in kinds):
        return None
    if len(record_id) > 2000:
        record_id = record_id[:2000].rsplit(";", 1)[0]
    return kind, record_id


def clicked_location(click_data) -> str | None:
    """The location code of a map click."""
    try:
        value = click_data["points"][0]["location"]
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, str) else None


def selected_pairs(selected) -> tuple[tuple[str, str], ...]:
    """The evidence rows to highlight, in the order the click gave them (its mark's lead record
    first), from the selection store (anything else is ignored)."""
    if not isinstance(selected, list):
        return ()
    return tuple(
        dict.fromkeys(
            (k, r)
            for item in selected[:MAX_SELECTED]
            if isinstance(item, list) and len(item) == 2
            for k, r in [item]
            if isinstance(k, str) and isinstance(r, str)
        )
    )
