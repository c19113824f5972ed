"""The evidence grade and the source policy: one rule each, declared in ``data/datapackage.json``.

The grade is NATO's two-part (Admiralty) rating, judged on two independent scales:

- **source reliability**, A–F, a property of the source (``sources.reliability``), set per
  source with a one-line reason;
- **information credibility**, 1–6, a property of the claim (each fact row's ``credibility``).
  1 ("confirmed by other sources") has a mechanical test: at least two independent sources that
  say it, named on the row (its ``source_id`` and ``corroborated_by``), each published on or
  after the event; copies of one story (``sources.copy_of``) and records of one publisher count
  once.

A record shows both ("B2"). How the words are held (``quote_origin``: a verbatim quote, a
reported quote, our summary or our translation) is a separate label and never changes either.
The scales, their words and rules, and which columns date a row live in the package
(``x-evidence``), so docs/data.md, the loader, the checks and the tests read one declaration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

CODE_RE = re.compile(r"^([A-Fa-f])?([1-6])?$")


class RuleError(ValueError):
    """The package's ``x-evidence`` or ``x-source-policy`` is malformed."""


@dataclass(frozen=True)
class Level:
    """One step of a scale: ``B`` "Usually reliable", with the rule a curator applies."""

    code: str
    label: str
    label_ja: str
    rule: str

    def name_in(self, lang: str) -> str:
        return self.label_ja if lang == "ja" else self.label


@dataclass(frozen=True)
class EvidenceRule:
    """The two scales, the test of credibility 1 and the columns that date each fact table."""

    fact_tables: tuple[str, ...]
    reliability: tuple[Level, ...]  # best first: A … F
    credibility: tuple[Level, ...]  # best first: 1 … 6
    confirmed: str  # the credibility that needs independent sources ("1")
    independent: int  # how many ("2")
    contradicted: frozenset[str]  # credibilities that may stand beside independent support
    dated_by: Mapping[str, tuple[str, ...]]  # table → the columns giving its event's date

    @classmethod
    def of(cls, info: Mapping) -> EvidenceRule:
        """The rule in ``info["evidence"]``; raises RuleError naming what is wrong."""
        section = info.get("evidence")  # the package's x-evidence
        if not isinstance(section, Mapping):
            raise RuleError("evidence: section missing")
        try:
            scales = {
                part: tuple(
                    Level(
                        str(s["code"]),
                        str(s["label"]),
                        str(s.get("label_ja") or "").strip(),
                        str(s.get("rule", "")),
                    )
                    for s in section[part]["scale"]
                )
                for part in ("reliability", "credibility")
            }
            confirmed = section["credibility"]["confirmed"]
            rule = cls(
                fact_tables=tuple(section["fact_tables"]),
                reliability=scales["reliability"],
                credibility=scales["credibility"],
                confirmed=str(confirmed["code"]),
                independent=int(confirmed["independent_sources"]),
                contradicted=frozenset(str(c) for c in section["credibility"]["contradicted"]),
                dated_by={str(k): tuple(v) for k, v in section["dated_by"].items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RuleError(f"evidence: malformed ({exc!r})") from None
        for part, scale in scales.items():
            codes = [s.code for s in scale]
            if not codes or len(set(codes)) != len(codes):
                raise RuleError(f"evidence.{part}: the scale needs distinct codes")
            untranslated = [s.code for s in scale if not s.label_ja]
            if untranslated:  # the page's second language labels every step too
                raise RuleError(
                    f"evidence.{part}: step(s) {', '.join(untranslated)} lack a Japanese label (label_ja)"
                )
        known = set(rule.credibility_codes)
        if rule.confirmed not in known or not rule.contradicted <= known:
            raise RuleError("evidence.credibility: confirmed/contradicted name unknown codes")
        unknown = set(rule.fact_tables) - set(rule.dated_by)
        if unknown:
            raise RuleError(f"evidence.dated_by: no entry for {', '.join(sorted(unknown))}")
        return rule

    # ------------------------------------------------------------------ codes and words

    @property
    def reliability_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.reliability)

    @property
    def credibility_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.credibility)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every two-part grade, best first by reliability, then credibility ("A1" … "F6")."""
        return tuple(r + c for r in self.reliability_codes for c in self.credibility_codes)

    @staticmethod
    def grade(reliability: str, credibility: str) -> str:
        """The record's two-part grade: ``"B2"``."""
        return f"{reliability}{credibility}"

    def level(self, part: str, code: str) -> Level:
        return next(s for s in getattr(self, part) if s.code == code)

    def label(self, code: str, lang: str = "en") -> str:
        """``"B2 · usually reliable source · probably true"`` (Japanese: ``B2（…／…）``)."""
        r, c = self.level("reliability", code[0]), self.level("credibility", code[1:])
        if lang == "ja":
            return f"{code}（情報源：{r.label_ja}／情報：{c.label_ja}）"
        return f"{code} · {r.label.lower()} source · {c.label.lower()}"

    def parse(self, value) -> tuple[str | None, str | None] | None:
        """A minimum grade from a link or a request: ``"B2"`` (both parts), ``"B"`` (the source's
        reliability only, which an earlier one-letter grade also reads as) or ``"2"``
        (credibility only); None when ``value`` is not one. The worst step of a scale means
        "any", so it is dropped."""
        if not isinstance(value, str):
            return None
        m = CODE_RE.match(value.strip())
        if not m or not any(m.groups()):
            return None
        r, c = (m.group(1) or "").upper() or None, m.group(2)
        r = None if r == self.reliability_codes[-1] else r
        c = None if c == self.credibility_codes[-1] else c
        return r, c

    def at_least(self, code: str, reliability: str | None, credibility: str | None) -> bool:
        """Whether two-part ``code`` meets both minimums (None: any)."""
        ok_r = reliability is None or self.reliability_codes.index(code[0]) <= self.reliability_codes.index(
            reliability
        )
        ok_c = credibility is None or self.credibility_codes.index(code[1:]) <= self.credibility_codes.index(
            credibility
        )
        return ok_r and ok_c

    # ------------------------------------------------------------------ credibility 1

    def supporting(
        self, row: Mapping[str, str], table: str, sources: Mapping[str, Mapping[str, str]]
    ) -> list[str]:
        """The independent sources that support ``row``: its main source and those that corroborate
        it (``corroborated_by``), reduced to
        their originals (a copy counts as the story it copies) and to one per publisher (two
        records of one body are one voice), keeping those published on or after the row's event.
        Returned as the originals' ids, in the row's order."""
        ids = [row.get("source_id", "")]
        ids += [s.strip() for s in (row.get("corroborated_by") or "").split(";") if s.strip()]
        event = _event_day(row, self.dated_by.get(table, ()))
        roots: list[str] = []
        voices: set[str] = set()  # one body's records (a news item and a transcript) are one voice
        for sid in ids:
            root = original(sid, sources)
            if root is None or root in roots:
                continue
            voice = _voice(sources[root].get("publisher", ""))
            if voice in voices:
                continue
            if event is None or _latest_day(sources.get(sid, {}).get("published", "")) >= event:
                roots.append(root)
                voices.add(voice)
        return roots

    def credibility_problem(
        self, row: Mapping[str, str], table: str, sources: Mapping[str, Mapping[str, str]]
    ) -> str | None:
        """Why the row's credibility breaks the rule, or None."""
        found = self.supporting(row, table, sources)
        code = row.get("credibility", "")
        if code == self.confirmed and len(found) < self.independent:
            return (
                f"credibility {code} needs at least {self.independent} independent sources published on"
                f" or after the event (source_id and corroborated_by; copies of one story, and records"
                f" of one publisher, count once); found"
                f" {len(found)}: {', '.join(found) or 'none'}"
            )
        if code not in (self.confirmed, *self.contradicted) and len(found) >= self.independent:
            return (
                f"{len(found)} independent sources support it ({', '.join(found)}): credibility is"
                f" {self.confirmed}, unless a source contradicts it"
                f" ({', '.join(sorted(self.contradicted))})"
            )
        return None

    def markdown(self) -> str:
        """The two scales and their rules as docs/data.md's tables (generated, so the page
        cannot drift from the data)."""
        out = []
        for part, title in (
            ("reliability", "Source reliability (of the source; `sources.reliability`)"),
            ("credibility", "Information credibility (of the claim; each fact row's `credibility`)"),
        ):
            out += [f"| {title} | label | our rule |", "|---|---|---|"]
            out += [f"| {s.code} | {s.label} | {s.rule} |" for s in getattr(self, part)]
            out.append("")
        return "\n".join(out).rstrip()


def original(source_id: str, sources: Mapping[str, Mapping[str, str]]) -> str | None:
    """The original a source copies (following ``copy_of``), or the source itself; None for an
    unknown id or a loop."""
    seen = []
    while source_id in sources and source_id not in seen:
        seen.append(source_id)
        parent = (sources[source_id].get("copy_of") or "").strip()
        if not parent:
            return source_id
        source_id = parent
    return None


def address(source: Mapping[str, str], sources: Mapping[str, Mapping[str, str]]) -> str:
    """Where a reader can read ``source``: its own URL, else (an original read only in a copy)
    the first copy's; "" when there is none."""
    own = (source.get("url") or "").strip()
    if own:
        return own
    sid = source.get("source_id")
    return next(
        ((s.get("url") or "").strip() for s in sources.values() if s.get("copy_of") == sid and s.get("url")),
        "",
    )


def _voice(publisher: str) -> str:
    """Who speaks through a publisher: "Reuters (in WHTC)" and "Reuters" are one voice."""
    return " ".join(publisher.split(" (")[0].casefold().split())


_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _latest_day(value: str) -> date:
    """The last day a date of any precision can mean (an unknown date means none)."""
    m = _DAY.match((value or "").strip())
    if not m:
        return date.min
    y, mo, d = (int(p) if p else None for p in m.groups())
    if mo is None:
        return date(y, 12, 31)
    if d is None:
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(y, mo, d)


def _event_day(row: Mapping[str, str], columns: Iterable[str]) -> date | None:
    """The first day the row's event can mean, from the first of ``columns`` it fills."""
    for column in columns:
        m = _DAY.match((row.get(column) or "").strip())
        if m:
            y, mo, d = (int(p) if p else 1 for p in m.groups())
            return date(y, mo, d)
    return None


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
            f"A fact row's main `source_id` is never {banned}, never a copy (a source with"
            " `copy_of`: the original is cited and the copy we read it through is listed in"
            " `other_sources`), and always has an address a reader can follow: its own `url`, or,"
            " for an original read only in a copy, the copy's. Such outlets may appear only in"
            f" `other_sources`, or as the main source of a `{self.exception_table}` row whose"
            f" `speaker_type` is `{self.exception_speaker}` and whose `actor_id` is the outlet's own"
            " country (`outlet_country`): state media carrying its own government's statement."
        )

    def breach(self, table: str, row: Mapping[str, str], source: Mapping[str, str]) -> str | None:
        """Why ``source`` may not be ``row``'s main source, or None.

        The one exception: state media carrying its own government's reaction (a reaction
        whose speaker is that government and whose actor is the outlet's country).
        """
        sid = source.get("source_id")
        if (source.get("copy_of") or "").strip():
            return (
                f"main source '{sid}' is a copy of '{source['copy_of']}': cite the original and list"
                " the copy in other_sources"
            )
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
            f"main source '{sid}' is {label}; such outlets may appear only in"
            " other_sources, or carry a reaction of their own country's government"
        )
