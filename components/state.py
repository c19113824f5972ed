"""The view's state: the filters and the charts' options, validated once, from the URL or from
the controls, and back to a URL (the link is the whole view).

Everything a reader can put in a link passes through here. The filters are read by their own
table (``components/filters.py``); this module adds the link's other parameters: the charts'
options, the language and a linked record. Anything outside the data's vocabularies is dropped
with a notice rather than trusted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from components import filters, i18n, ids
from components.data import Dataset
from components.filters import Filters
from components.i18n import Translator

MAX_QUERY_CHARS = 4000
MAX_ITEMS = filters.MAX_ITEMS
MAX_SELECTED = 50  # records a grouped mark's click brings to the top of the evidence table
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
class Vocab(filters.Vocab):
    """What the view state may hold: the filters' vocabularies and each chart option's choices."""

    options: tuple[Choice, ...] = field(default=())

    @classmethod
    def of(cls, ds: Dataset, options: Iterable = ()) -> Vocab:
        """The vocabularies of ``ds``; ``options`` are the registry's ``Option`` entries."""
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
        base = filters.Vocab.of(ds)
        return cls(**{f: getattr(base, f) for f in base.__dataclass_fields__}, options=choices)

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


def options_from_controls(values: Mapping[str, object], vocab: Vocab) -> Options:
    """Every chart option from the controls' raw values (by option key), validated."""
    return tuple((c.key, c.clean(values.get(c.key))[0]) for c in vocab.options)


def from_query(
    search: str | None, vocab: Vocab, tr: Translator = i18n.ENGLISH
) -> tuple[Filters, Options, list[str]]:
    """Filters, chart options and notices (in ``tr``'s language) from a URL query string:
    unknown parameters and values outside the vocabularies are dropped, each with a notice."""
    full = filters.everything(vocab)
    if not isinstance(search, str) or not search.strip("?"):
        return full, vocab.default_options, []
    if len(search) > MAX_QUERY_CHARS:
        notice = tr._("The link's filters are too long ({n} characters) and were ignored.", n=len(search))
        return full, vocab.default_options, [notice]
    seen: dict[str, str] = {}
    for key, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
        seen.setdefault(key, value)
    known = {*filters.PARAMS, ids.PARAM_RECORD, ids.PARAM_LANG, *(c.param for c in vocab.options)}
    notices = [
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
    f, dropped = filters.parse(seen, vocab, tr=tr)
    notices += dropped
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
    params = filters.to_params(f, vocab)
    values = dict(options)
    for choice in vocab.options:
        value = values.get(choice.key, choice.default)
        if value != choice.default:
            params[choice.param] = ",".join(value) if choice.kind == "checklist" else value
    if lang != i18n.DEFAULT and lang in i18n.LANGS:
        params[ids.PARAM_LANG] = lang
    return "?" + urlencode(params, safe=",") if params else ""


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
