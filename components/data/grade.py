"""The evidence grade and the source policy: one rule each, declared in ``data/datapackage.json``.

Every fact row gets a grade from three of its cells: who says it (its main source's
``outlet_type``), how we hold it (``quote_origin``) and how far it is verified
(``verification``). The rule lives in the data package (``x-evidence``, ``x-source-policy``)
so that the README, the loader and the tests all read the same declaration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


class RuleError(ValueError):
    """The package's ``x-evidence`` or ``x-source-policy`` is malformed."""


@dataclass(frozen=True)
class Grade:
    code: str
    label: str
    min_points: int | None  # None: reached only by ``forced``
    label_ja: str = ""

    @property
    def name(self) -> str:
        """``"B · Good"``: the badge text."""
        return f"{self.code} · {self.label}"

    def name_in(self, lang: str) -> str:
        """The badge text in English or Japanese (``"B · 良"``)."""
        return f"{self.code} · {self.label_ja}" if lang == "ja" else self.name


@dataclass(frozen=True)
class GradeRule:
    """Points per outlet type, quote origin and verification, summed into a grade."""

    fact_tables: tuple[str, ...]
    who: Mapping[str, int]
    how: Mapping[str, int]
    verification: Mapping[str, int]
    at_most: Mapping[str, str]
    forced: Mapping[str, str]
    grades: tuple[Grade, ...]

    @classmethod
    def of(cls, info: Mapping) -> GradeRule:
        """The rule in ``info["evidence"]``; raises RuleError naming what is wrong."""
        section = info.get("evidence")  # the package's x-evidence
        if not isinstance(section, Mapping):
            raise RuleError("evidence: section missing")
        try:
            grades = tuple(
                Grade(
                    str(g["grade"]),
                    str(g["label"]),
                    None if g["min_points"] is None else int(g["min_points"]),
                    str(g.get("label_ja") or "").strip(),
                )
                for g in section["grades"]
            )
            rule = cls(
                fact_tables=tuple(section["fact_tables"]),
                who=MappingProxyType({str(k): int(v) for k, v in section["who"].items()}),
                how=MappingProxyType({str(k): int(v) for k, v in section["how"].items()}),
                verification=MappingProxyType({str(k): int(v) for k, v in section["verification"].items()}),
                at_most=MappingProxyType(dict(section.get("at_most") or {})),
                forced=MappingProxyType(dict(section.get("forced") or {})),
                grades=grades,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RuleError(f"evidence: malformed ({exc!r})") from None
        codes = [g.code for g in grades]
        ranked = [g.min_points for g in grades if g.min_points is not None]
        if ranked != sorted(ranked, reverse=True) or not ranked or ranked[-1] != 0:
            raise RuleError("evidence.grades: min_points must fall from the best grade to 0")
        for kind, mapping in (("at_most", rule.at_most), ("forced", rule.forced)):
            for value, code in mapping.items():
                if code not in codes or value not in rule.verification:
                    raise RuleError(f"evidence.{kind}: {value} -> {code} names an unknown value or grade")
        untranslated = [g.code for g in grades if not g.label_ja]
        if untranslated:  # the page's second language labels every grade too
            raise RuleError(
                f"evidence.grades: grade(s) {', '.join(untranslated)} lack a Japanese label (label_ja)"
            )
        return rule

    @property
    def codes(self) -> tuple[str, ...]:
        """Grades from best to worst."""
        return tuple(g.code for g in self.grades)

    def label(self, code: str, lang: str = "en") -> str:
        return next(g.name_in(lang) for g in self.grades if g.code == code)

    def grade(self, outlet_type: str, quote_origin: str, verification: str) -> str:
        """The grade of one row (its cells are validated against the same vocabularies)."""
        if verification in self.forced:
            return self.forced[verification]
        points = self.who[outlet_type] + self.how[quote_origin] + self.verification[verification]
        code = next(g.code for g in self.grades if g.min_points is not None and points >= g.min_points)
        cap = self.at_most.get(verification)
        if cap is not None and self.codes.index(code) < self.codes.index(cap):
            code = cap
        return code

    def markdown(self) -> str:
        """The rule as the README's tables (generated, so the README cannot drift from the data)."""
        parts = (
            ("who says it: the main source's `outlet_type`", self.who),
            ("how we hold it: `quote_origin`", self.how),
            ("how far it is verified: `verification`", self.verification),
        )
        out = ["| part of the grade | value | points |", "|---|---|---|"]
        for part, points in parts:
            out += [f"| {part} | `{value}` | {p} |" for value, p in points.items()]
        out += ["", "| grade | label | when |", "|---|---|---|"]
        upper = max(self.who.values()) + max(self.how.values()) + max(self.verification.values())
        for g in self.grades:
            if g.min_points is None:
                when = " or ".join(f"`{v}`" for v, c in self.forced.items() if c == g.code)
                out.append(f"| {g.code} | {g.label} | verification is {when}, whatever the points |")
                continue
            span = str(upper) if g.min_points == upper else f"{g.min_points}–{upper}"
            capped = " or ".join(f"`{v}`" for v, c in self.at_most.items() if c == g.code)
            extra = f"; and any record whose verification is {capped}" if capped else ""
            out.append(f"| {g.code} | {g.label} | {span} points{extra} |")
            upper = g.min_points - 1
        return "\n".join(out)

    def at_least(self, code: str, minimum: str | None) -> bool:
        """Whether ``code`` is ``minimum`` or better (every grade passes when ``minimum`` is None)."""
        return minimum is None or self.codes.index(code) <= self.codes.index(minimum)


@dataclass(frozen=True)
class SourcePolicy:
    """Which outlets may be a fact row's main source."""

    never_main: frozenset[str]
    exception_table: str | None = None
    exception_speaker: str | None = None

    @classmethod
    def of(cls, info: Mapping) -> SourcePolicy:
        section = info.get("source-policy") or {}  # the package's x-source-policy
        exception = section.get("carrier_exception") or {}
        return cls(
            never_main=frozenset(section.get("never_main") or ()),
            exception_table=exception.get("table"),
            exception_speaker=exception.get("speaker_type"),
        )

    def markdown(self) -> str:
        banned = ", ".join(f"`{k}`" for k in sorted(self.never_main))
        return (
            f"A fact row's main `source_id` is never {banned}. Such outlets may appear only in"
            f" `other_sources`, or as the main source of a `{self.exception_table}` row whose"
            f" `speaker_type` is `{self.exception_speaker}` and whose `actor_id` is the outlet's own"
            " country (`outlet_country`): state media carrying its own government's statement."
        )

    def breach(self, table: str, row: Mapping[str, str], source: Mapping[str, str]) -> str | None:
        """Why ``source`` may not be ``row``'s main source, or None.

        The one exception: state media carrying its own government's reaction (a reaction
        whose speaker is that government and whose actor is the outlet's country).
        """
        kind = source.get("outlet_type", "")
        if kind not in self.never_main:
            return None
        if (
            table == self.exception_table
            and row.get("speaker_type") == self.exception_speaker
            and source.get("outlet_country")
            and source.get("outlet_country") == row.get("actor_id")
        ):
            return None
        label = kind.replace("_", " ")
        return (
            f"main source '{source.get('source_id')}' is {label}; such outlets may appear only in"
            " other_sources, or carry a reaction of their own country's government"
        )
