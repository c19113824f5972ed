"""What the filters are checked against (``Vocab``), the controls that hold them, and the
problems a bad value raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from components.data import Dataset
from components.data.grade import EvidenceRule
from components.i18n import N_, Translator


class ParamError(ValueError):
    """A request parameter that cannot be used; ``param`` names it, the message says why."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class Vocab:
    """What the filters may hold, from a dataset: each code filter's codes (by its name), the
    year span, the quick picks and the grade's scales."""

    codes: Mapping[str, frozenset[str]]
    years: tuple[int, int]
    ip4: tuple[str, ...]
    nato: tuple[str, ...]
    evidence: EvidenceRule

    @property
    def actors(self) -> frozenset[str]:
        return self.codes["countries"]

    @property
    def domains(self) -> frozenset[str]:
        return self.codes["domains"]

    @classmethod
    def of(cls, ds: Dataset) -> Vocab:
        countries = ds["countries"]
        group = ds.table("ip4").extras["group"]
        from components.filters import CODE_FILTERS  # each declares its vocabulary

        return cls(
            codes={flt.name: frozenset(flt.codes(ds)) for flt in CODE_FILTERS},
            years=ds.year_span,
            ip4=tuple(ds.table("ip4").extras["partner-order"]) + (group,),
            nato=tuple(countries.loc[countries["nato_member_since"].notna(), "iso3"]),
            evidence=ds.rule,
        )


@dataclass(frozen=True)
class Control:
    """A control of the filter bar that holds (part of) a filter: its key in the page object's
    inputs, its component id and the property read."""

    key: str
    id: str
    prop: str = "value"


class Problem(Exception):
    """A value a filter cannot use: the message (an English msgid), its fields, and what the
    lenient reader does with it (``then``, a msgid: by default the value is ignored)."""

    def __init__(self, where: str, message: str, then: str = N_("Ignored."), **values):
        super().__init__(message)
        self.param, self.message, self.then, self.values = where, message, then, values

    def text(self, tr: Translator) -> str:
        return tr._(self.message, **self.values)


def items(value) -> list:
    """A parameter's items: a comma-separated string (a link) or a list (a tool's argument)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return list(value) if isinstance(value, list | tuple) else [value]


# ------------------------------------------------------------------ the kinds of filter
