"""Loading: a validated data folder as typed, read-only frames with their grades."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from components.data import checks, facts, package
from components.data.grade import EvidenceRule, address
from components.data.package import Package, Table
from components.data.problem import DataError, Problem
from components.data.read import RawTable, read_csv

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


@dataclass(frozen=True)
class Dataset:
    """Validated tables plus the package that describes them. Frames are shared: never mutate them."""

    tables: Mapping[str, pd.DataFrame]
    package: Package
    rule: EvidenceRule
    names: Mapping[str, str]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def table(self, name: str) -> Table:
        """The schema of table ``name``."""
        return self.package.tables[name]

    def labels(self, table: str, column: str, lang: str = "en") -> Mapping[str, str]:
        """Value → label of a vocabulary column, in English or Japanese."""
        return self.package.tables[table].labels(column, lang)

    def names_in(self, lang: str) -> dict[str, str]:
        """Actor id → its name in charts, in English or Japanese (countries' names,
        organizations' short names)."""
        if lang != "ja":
            return dict(self.names)
        names = dict(zip(self["countries"]["iso3"], self["countries"]["name_ja"]))
        return names | dict(zip(self["organizations"]["org_id"], self["organizations"]["short_name_ja"]))

    @property
    def info(self) -> Mapping[str, str]:
        """The dataset's name, version, release date, licence and citation."""
        d = self.package.descriptor
        licence = (d.get("licenses") or [{}])[0]
        return MappingProxyType(
            {
                "name": d.get("title", ""),
                "version": d.get("version", ""),
                "released": str(d.get("created", ""))[:10],
                # the newest day a fact row was checked against its source
                "checked": max(
                    (str(v) for t in self.rule.fact_tables for v in self.tables[t]["checked_on"]), default=""
                ),
                "licence": d.get("x-licence-note", licence.get("title", "")),
                "licence_url": licence.get("path", ""),
                "citation": d.get("x-citation", ""),
                "description": d.get("description", ""),
                # who made it, as the package declares them (people or an institution)
                "authors": "; ".join(
                    c.get("title", "")
                    for c in d.get("contributors", [])
                    if set(c.get("roles", ["creator"])) & {"creator", "author", "curator"}
                ),
                "title": d.get("title", ""),
            }
        )

    @property
    def year_span(self) -> tuple[int, int]:
        years = pd.concat([self["events"]["year"], self["reactions"]["year"]], ignore_index=True)
        return int(years.min()), int(years.max())


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """The folder to load: the argument, else the embedded ``data/`` (the ``DASHBOARD_DATA_DIR``
    setting is parsed in components/settings.py and passed in by the app)."""
    return Path(data_dir or DEFAULT_DATA_DIR).resolve()


def _read_all(data_dir: Path) -> tuple[Package | None, dict[str, RawTable], list[Problem]]:
    pkg, problems = package.read(data_dir)
    if pkg is None or problems:  # fix the contract before checking data against it
        return pkg, {}, problems
    raw = {}
    for name, table in pkg.tables.items():
        found = read_csv(data_dir / f"{name}.csv", problems)
        if found is not None:
            raw[name] = found
            checks.columns(table, found, problems)
    checks.standard(pkg, raw, problems)
    checks.references(pkg, raw, problems)
    if not problems:
        checks.evidence(pkg, raw, problems)
        facts.check(pkg, raw, problems)
    return pkg, raw, problems


def validate(data_dir: Path | str) -> list[Problem]:
    """Every problem in a data folder, in table then line order (empty when valid)."""
    pkg, _, problems = _read_all(Path(data_dir))
    order = {name: i for i, name in enumerate(pkg.tables)} if pkg else {}
    return sorted(
        dict.fromkeys(problems),
        key=lambda p: (order.get(p.file.rsplit(".", 1)[0], -1), p.file, p.line, p.column),
    )


def load(data_dir: Path | str | None = None) -> Dataset:
    """Validate and load a data folder into typed, read-only frames.

    Raises:
        DataError: with every problem when the folder does not validate.
    """
    path = resolve_data_dir(data_dir)
    pkg, raw, problems = _read_all(path)
    if problems:
        raise DataError(validate(path))
    frames = {name: _frame(raw[name], pkg.tables[name]) for name in pkg.tables}
    rule = EvidenceRule.of(pkg.extras)
    sources = frames["sources"]
    records = {r["source_id"]: r for r in sources.to_dict("records")}
    # where a reader can read each source, and the copy it was read in when not the original
    sources["address"] = [address(r, records) for r in records.values()]
    via = {}
    for copy, original in zip(sources["publisher"], sources["copy_of"]):
        if original:
            via.setdefault(original, copy)
    sources["read_via"] = [
        via.get(s, "") if r == "copy" else "" for s, r in zip(sources["source_id"], sources["read"])
    ]
    reliability = dict(zip(frames["sources"]["source_id"], frames["sources"]["reliability"]))
    for name in rule.fact_tables:
        df = frames[name]
        df["reliability"] = [reliability[s] for s in df["source_id"]]
        df["grade"] = [rule.grade(r, c) for r, c in zip(df["reliability"], df["credibility"])]
    positions = frozenset(pkg.tables["reactions"].extras.get("position-speaker-types", ()))
    frames["reactions"]["position"] = frames["reactions"]["speaker_type"].isin(positions)
    names = dict(zip(frames["countries"]["iso3"], frames["countries"]["name"]))
    names |= dict(zip(frames["organizations"]["org_id"], frames["organizations"]["short_name"]))
    return Dataset(MappingProxyType(frames), pkg, rule, MappingProxyType(names))


def _frame(raw: RawTable, table: Table) -> pd.DataFrame:
    """Typed frame of a validated table; list cells become tuples; dated tables get a year."""
    data = {h: [row[h] for _, row in raw.rows] for h in raw.header}
    df = pd.DataFrame(data, columns=raw.header, dtype=object)
    for name, column in table.columns.items():
        if column.kind == "int":
            df[name] = pd.array([int(v) if v else None for v in df[name]], dtype="Int64")
        elif column.kind == "float":
            df[name] = pd.to_numeric(df[name]).astype(float)
        elif column.kind == "bool":
            df[name] = pd.array([{"true": True, "false": False}.get(v) for v in df[name]], dtype="boolean")
        elif column.kind == "list":
            df[name] = [tuple(i.strip() for i in v.split(column.separator)) if v else () for v in df[name]]
    # the event's own date (one with a precision), not a curation date such as ``checked_on``
    date_col = next(
        (c for c in table.columns.values() if c.kind == "date" and c.required and c.precision), None
    )
    if date_col is not None:
        parsed = [checks.parse_date(v)[0] for v in df[date_col.name]]
        df["date_start"] = pd.to_datetime(parsed)
        df["year"] = [d.year for d in parsed]
    df["line"] = [line for line, _ in raw.rows]
    return df
