"""The data layer: read the curated CSVs through their sidecar schemas, validate, filter.

One declaration per table (``data/<table>.meta.yaml``) drives both the loader and the
validator, so a column cannot be checked one way and loaded another. Validation reads
the raw CSV with the ``csv`` module rather than pandas so that every problem can be
reported as ``FILE:LINE: COLUMN: message`` with the physical line in the file.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import yaml

from components.grade import GradeRule, RuleError, SourcePolicy

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LIST_SEP = ";"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_INT_RE = re.compile(r"^-?\d+$")
_ID_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
_PRECISION_BY_PARTS = {1: "year", 2: "month", 3: "day"}
_PRECISIONS_OF_PARTS = {1: ("year", "decade"), 2: ("month",), 3: ("day",)}


@dataclass(frozen=True)
class Problem:
    """One validation problem, printed as ``FILE:LINE: COLUMN: message``."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class DataError(Exception):
    """Raised by :func:`load` when a data folder does not validate."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Dataset:
    """Validated tables plus their provenance. Frames are shared: never mutate them."""

    tables: MappingProxyType
    meta: MappingProxyType
    info: MappingProxyType
    data_dir: Path
    names: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    rule: GradeRule | None = None

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def year_span(self) -> tuple[int, int]:
        years = pd.concat([self["events"]["year"], self["reactions"]["year"]], ignore_index=True)
        return int(years.min()), int(years.max())


# --------------------------------------------------------------------------- schema


def read_schema(data_dir: Path) -> tuple[dict, dict[str, dict], list[Problem]]:
    """Read ``dataset.yaml`` and every ``<table>.meta.yaml`` of ``data_dir``."""
    problems: list[Problem] = []
    info_path = data_dir / "dataset.yaml"
    try:
        info = yaml.safe_load(info_path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {}, {}, [Problem("dataset.yaml", 0, "*", "file not found")]
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return {}, {}, [Problem("dataset.yaml", 1, "*", f"not valid YAML: {exc}")]
    metas: dict[str, dict] = {}
    for table in info.get("tables", []):
        path = data_dir / f"{table}.meta.yaml"
        try:
            metas[table] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            problems.append(Problem(path.name, 0, "*", "schema file not found"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(Problem(path.name, 1, "*", f"not valid YAML: {exc}"))
    return info, metas, problems


# ------------------------------------------------------------------------ reading


@dataclass
class _Table:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (physical line, values)


def _decode(raw: bytes, fname: str, problems: list[Problem]) -> str:
    """Decode UTF-8 (a leading BOM, as Excel writes, is accepted and removed)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for lineno, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line[exc.start : exc.start + 1].hex()
            problems.append(
                Problem(
                    fname,
                    lineno,
                    "*",
                    f"not valid UTF-8 (byte 0x{bad} at character {exc.start + 1}); save the file as UTF-8",
                )
            )
    return raw.decode("utf-8", errors="replace")


def _read_csv(path: Path, problems: list[Problem]) -> _Table | None:
    fname = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(fname, 0, "*", "file not found"))
        return None
    text = _decode(raw, fname, problems)
    if not text.strip():
        problems.append(Problem(fname, 1, "*", "file is empty (expected a header row)"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] = []
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not header:
                header = [h.strip() for h in record]
                for col in {h for h in header if header.count(h) > 1}:
                    problems.append(Problem(fname, 1, col, "duplicate column name"))
                continue
            if not record or all(not v.strip() for v in record) and len(record) <= 1:
                continue  # a blank line carries no data
            if len(record) != len(header):
                problems.append(
                    Problem(
                        fname,
                        line,
                        "*",
                        f"row has {len(record)} fields, header has {len(header)}"
                        " (check for an unquoted comma or a missing field)",
                    )
                )
                continue
            rows.append((line, {h: v.strip() for h, v in zip(header, record)}))
    except csv.Error as exc:
        problems.append(Problem(fname, reader.line_num, "*", f"malformed CSV: {exc}"))
    return _Table(path.stem, header, rows)


# --------------------------------------------------------------------- validation


def _parse_date(value: str) -> tuple[date, str] | None:
    m = _DATE_RE.match(value)
    if not m:
        return None
    parts = [int(p) for p in m.groups() if p is not None]
    try:
        d = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return d, _PRECISION_BY_PARTS[len(parts)]


def _precision_problem(value: str, precision: str) -> str | None:
    """Why ``precision`` does not fit date ``value`` (a decade is written as its first year)."""
    parsed = _parse_date(value)
    if parsed is None or not precision:
        return None
    parts = len(value.split("-"))
    if precision not in _PRECISIONS_OF_PARTS[parts]:
        return f"'{precision}' does not match date '{value}' (which has {parsed[1]} precision)"
    if precision == "decade" and parsed[0].year % 10:
        return f"'{value}' is not the first year of a decade"
    return None


def _check_cell(value: str, spec: dict) -> str | None:
    """Return a message when ``value`` breaks its column ``spec``, else None."""
    kind = spec.get("type", "string")
    if kind == "id":
        pattern = spec.get("pattern")
        if not (re.match(pattern, value) if pattern else _ID_RE.match(value)):
            return f"'{_clip(value)}' is not a valid identifier" + (
                f" (expected {pattern})" if pattern else " (letters, digits, _ . - only)"
            )
    elif kind == "int":
        if not _INT_RE.match(value):
            return f"'{_clip(value)}' is not a whole number"
        return _check_range(int(value), spec)
    elif kind == "float":
        try:
            number = float(value)
        except ValueError:
            return f"'{_clip(value)}' is not a number"
        if not math.isfinite(number):
            return f"'{_clip(value)}' is not a finite number"
        return _check_range(number, spec)
    elif kind == "date":
        if _parse_date(value) is None:
            return f"'{_clip(value)}' is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    elif kind == "bool":
        if value not in ("true", "false"):
            return f"'{_clip(value)}' is not true or false"
    elif kind == "enum":
        allowed = [str(v) for v in spec["values"]]
        if value not in allowed:
            return f"'{_clip(value)}' is not one of: {', '.join(allowed)}"
    elif kind == "url":
        if any(c.isspace() for c in value):
            return f"'{_clip(value)}' is not a URL (contains spaces)"
    elif kind == "list":
        items = value.split(LIST_SEP)
        if any(not i.strip() for i in items):
            return f"'{_clip(value)}' has an empty list element (separate items with ';')"
    return None


def _check_range(number: float, spec: dict) -> str | None:
    lo, hi = spec.get("min"), spec.get("max")
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        return f"{number:g} is out of range ({lo}…{hi})"
    return None


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _refs(spec: dict) -> list[str]:
    ref = spec.get("ref")
    return [] if ref is None else [ref] if isinstance(ref, str) else list(ref)


def _validate_table(table: _Table, meta: dict, problems: list[Problem]) -> None:
    fname = f"{table.name}.csv"
    columns: dict[str, dict] = meta.get("columns", {})
    for col in columns:
        if col not in table.header:
            problems.append(Problem(fname, 1, col, "required column missing"))
    present = {c: s for c, s in columns.items() if c in table.header}
    key = meta.get("primary_key")
    seen: dict[str, int] = {}
    for line, row in table.rows:
        for col, spec in present.items():
            value = row[col]
            if not value:
                if spec.get("required", True):
                    problems.append(Problem(fname, line, col, "required value is empty"))
                continue
            message = _check_cell(value, spec)
            if message:
                problems.append(Problem(fname, line, col, message))
        for col, spec in present.items():
            prec_col = spec.get("precision")
            if spec.get("type") == "date" and prec_col in present and row[col]:
                message = _precision_problem(row[col], row[prec_col])
                if message:
                    problems.append(Problem(fname, line, prec_col, message))
        if key in present and row[key]:
            if row[key] in seen:
                problems.append(
                    Problem(
                        fname,
                        line,
                        key,
                        f"duplicate id '{_clip(row[key])}' (first on line {seen[row[key]]})",
                    )
                )
            else:
                seen[row[key]] = line
        for rule in meta.get("row_rules", []):
            _check_row_rule(rule, row, present, fname, line, problems)


def _check_row_rule(rule, row, present, fname, line, problems) -> None:
    cols = [c for c in rule["columns"] if c in present]
    if rule["rule"] == "any_of" and cols and not any(row[c] for c in cols):
        problems.append(Problem(fname, line, "/".join(cols), rule["message"]))
    elif rule["rule"] == "required_when":
        wanted = {k: v if isinstance(v, list) else [v] for k, v in rule["when"].items()}
        if all(row.get(k) in v for k, v in wanted.items()):
            when = ", ".join(f"{k}={row.get(k)}" for k in wanted)
            for col in cols:
                if not row[col]:
                    problems.append(Problem(fname, line, col, f"required when {when}"))


def _validate_refs(tables: dict[str, _Table], metas: dict[str, dict], problems: list[Problem]) -> None:
    keys: dict[str, set[str]] = {}
    for name, table in tables.items():
        for col in table.header:
            keys[f"{name}.{col}"] = {row[col] for _, row in table.rows}
    for name, table in tables.items():
        fname = f"{name}.csv"
        for col, spec in metas[name].get("columns", {}).items():
            targets = _refs(spec)
            if not targets or col not in table.header:
                continue
            if any(t.split(".")[0] not in tables for t in targets):
                continue  # the referenced file is missing or unreadable: reported already
            known = set().union(*(keys.get(t, set()) for t in targets))
            label = " or ".join(targets)
            for line, row in table.rows:
                value = row[col]
                if not value:
                    continue
                items = value.split(LIST_SEP) if spec.get("type") == "list" else [value]
                for item in (i.strip() for i in items):
                    if item and item not in known:
                        problems.append(
                            Problem(fname, line, col, f"unknown reference '{_clip(item)}' (not in {label})")
                        )


def _validate_evidence(info: dict, metas: dict, tables: dict[str, _Table], problems: list[Problem]) -> None:
    """The grade rule covers every vocabulary it grades, and every fact row's main source
    is allowed by the source policy."""
    try:
        rule = GradeRule.of(info)
    except RuleError as exc:
        problems.append(Problem("dataset.yaml", 0, "evidence", str(exc)))
        return
    vocabularies = (
        ("who", rule.who, metas.get("sources", {}).get("columns", {}).get("outlet_type", {})),
        ("how", rule.how, metas.get("events", {}).get("columns", {}).get("quote_origin", {})),
        (
            "verification",
            rule.verification,
            metas.get("events", {}).get("columns", {}).get("verification", {}),
        ),
    )
    for part, points, spec in vocabularies:
        missing = [str(v) for v in spec.get("values", []) if str(v) not in points]
        if missing:
            problems.append(
                Problem("dataset.yaml", 0, f"evidence.{part}", f"no points for {', '.join(missing)}")
            )
    policy = SourcePolicy.of(info)
    if "sources" not in tables:
        return
    sources = {row["source_id"]: row for _, row in tables["sources"].rows}
    for name in rule.fact_tables:
        table = tables.get(name)
        for line, row in table.rows if table else ():
            source = sources.get(row.get("source_id", ""))
            message = policy.breach(name, row, source) if source else None
            if message:
                problems.append(Problem(f"{name}.csv", line, "source_id", message))


def _read_all(data_dir: Path) -> tuple[dict, dict, dict[str, _Table], list[Problem]]:
    info, metas, problems = read_schema(data_dir)
    tables: dict[str, _Table] = {}
    for name, meta in metas.items():
        table = _read_csv(data_dir / f"{name}.csv", problems)
        if table is not None:
            _validate_table(table, meta, problems)
            tables[name] = table
    _validate_refs(tables, metas, problems)
    if not problems:
        _validate_evidence(info, metas, tables, problems)
    return info, metas, tables, problems


def validate(data_dir: Path | str) -> list[Problem]:
    """Every problem in a data folder, in file then line order (empty when valid)."""
    *_, problems = _read_all(Path(data_dir))
    order = {name: i for i, name in enumerate(_table_order(Path(data_dir)))}
    return sorted(
        dict.fromkeys(problems),
        key=lambda p: (order.get(p.file.split(".")[0], 99), p.file, p.line),
    )


def _table_order(data_dir: Path) -> list[str]:
    info, _, _ = read_schema(data_dir)
    return list(info.get("tables", []))


# ------------------------------------------------------------------------ loading


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """The folder to load: the argument, else ``DASHBOARD_DATA_DIR``, else ``data/``."""
    chosen = data_dir or os.environ.get("DASHBOARD_DATA_DIR") or DEFAULT_DATA_DIR
    return Path(chosen).resolve()


def load(data_dir: Path | str | None = None) -> Dataset:
    """Validate and load a data folder into typed, read-only frames.

    Raises:
        DataError: with every problem when the folder does not validate.
    """
    path = resolve_data_dir(data_dir)
    info, metas, tables, problems = _read_all(path)
    if problems:
        raise DataError(validate(path))
    frames = {name: _to_frame(tables[name], metas[name]) for name in metas}
    rule = GradeRule.of(info)
    outlet = dict(zip(frames["sources"]["source_id"], frames["sources"]["outlet_type"]))
    for name in rule.fact_tables:
        df = frames[name]
        df["grade"] = [
            rule.grade(outlet[s], q, v)
            for s, q, v in zip(df["source_id"], df["quote_origin"], df["verification"])
        ]
    positions = frozenset(metas["reactions"].get("position_speaker_types", ()))
    frames["reactions"]["position"] = frames["reactions"]["speaker_type"].isin(positions)
    names = dict(zip(frames["countries"]["iso3"], frames["countries"]["name"]))
    names |= dict(zip(frames["organizations"]["org_id"], frames["organizations"]["short_name"]))
    return Dataset(
        tables=MappingProxyType(frames),
        meta=MappingProxyType(metas),
        info=MappingProxyType(info),
        data_dir=path,
        names=MappingProxyType(names),
        rule=rule,
    )


def _to_frame(table: _Table, meta: dict) -> pd.DataFrame:
    """Typed frame of a validated table; list cells become tuples; dates get a year."""
    columns = meta.get("columns", {})
    data = {h: [row[h] for _, row in table.rows] for h in table.header}
    df = pd.DataFrame(data, columns=table.header, dtype=object)
    for col, spec in columns.items():
        kind = spec.get("type")
        if kind == "int":
            df[col] = pd.array([int(v) if v else None for v in df[col]], dtype="Int64")
        elif kind == "float":
            df[col] = pd.to_numeric(df[col]).astype(float)
        elif kind == "bool":
            df[col] = pd.array([{"true": True, "false": False}.get(v) for v in df[col]], dtype="boolean")
        elif kind == "list":
            df[col] = [tuple(i.strip() for i in v.split(LIST_SEP)) if v else () for v in df[col]]
    date_col = next(
        (c for c, s in columns.items() if s.get("type") == "date" and s.get("required", True)), None
    )
    if date_col:
        parsed = [_parse_date(v)[0] for v in df[date_col]]
        df["date_start"] = pd.to_datetime(parsed)
        df["year"] = [d.year for d in parsed]
    df["line"] = [line for line, _ in table.rows]
    return df


# ---------------------------------------------------------------------- filtering


@dataclass(frozen=True)
class Filters:
    """Validated global filters; empty sets mean "all"."""

    countries: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    min_grade: str | None = None  # evidence grade code, e.g. "B": B or better; None: every grade


def _touches(cells: Iterable[Iterable[str]], wanted: frozenset[str], index: pd.Index) -> pd.Series:
    """Boolean mask: each row's values meet ``wanted`` (always true when it is empty)."""
    if not wanted:
        return pd.Series(True, index=index, dtype=bool)
    return pd.Series([not wanted.isdisjoint(c) for c in cells], index=index, dtype=bool)


def _graded(df: pd.DataFrame, ds: Dataset, f: Filters) -> pd.Series:
    """Rows whose evidence grade is ``f.min_grade`` or better."""
    if f.min_grade is None or ds.rule is None:
        return pd.Series(True, index=df.index, dtype=bool)
    allowed = {c for c in ds.rule.codes if ds.rule.at_least(c, f.min_grade)}
    return df["grade"].isin(allowed)


def _in_years(years: pd.Series, f: Filters) -> pd.Series:
    lo = f.year_from if f.year_from is not None else -10_000
    hi = f.year_to if f.year_to is not None else 10_000
    return years.isna() | ((years >= lo) & (years <= hi))


def events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events involving any selected actor and domain within the period."""
    df = ds["events"]
    mask = _in_years(df["year"], f)
    mask &= _touches((c + o for c, o in zip(df["countries"], df["organizations"])), f.countries, df.index)
    mask &= _touches(df["domains"], f.domains, df.index)
    mask &= _graded(df, ds, f)
    return df[mask]


def partnerships(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Edges touching a selected actor, in a selected domain, existing by the period's end.

    Edges without domains (e.g. membership) have no domain dimension and pass the
    domain filter only when it is empty; edges with no ``since`` year are undated and
    pass the period filter.
    """
    df = ds["partnerships"]
    hi = f.year_to if f.year_to is not None else 10_000
    mask = df["since"].isna() | (df["since"] <= hi)
    mask &= _touches(zip(df["from_id"], df["to_id"]), f.countries, df.index)
    mask &= _touches(df["domains"], f.domains, df.index)
    mask &= _graded(df, ds, f)
    return df[mask]


ITPP_ACTORS = frozenset({"JPN", "NATO"})
ITPP_YEARS = (2023, 2026)


def itpp_areas(ds: Dataset, f: Filters) -> pd.DataFrame:
    """ITPP areas: the programme involves Japan and NATO and runs 2023–2026."""
    df = ds["itpp_areas"]
    lo = f.year_from if f.year_from is not None else -10_000
    hi = f.year_to if f.year_to is not None else 10_000
    if (f.countries and not (f.countries & ITPP_ACTORS)) or hi < ITPP_YEARS[0] or lo > ITPP_YEARS[1]:
        return df.iloc[0:0]
    return df[_touches(df["domains"], f.domains, df.index) & _graded(df, ds, f)]


def ip4(ds: Dataset, f: Filters) -> pd.DataFrame:
    """IP4 records of a selected partner in the period (no domain dimension)."""
    df = ds["ip4"]
    years = pd.Series(
        [_year_of(s or a) for s, a in zip(df["summit_date"], df["agreed"])],
        index=df.index,
        dtype="Int64",
    )
    mask = _in_years(years, f)
    mask &= _touches(((c, "IP4") for c in df["iso3"]), f.countries, df.index)
    mask &= _graded(df, ds, f)
    return df[mask]


def reactions(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Reactions by a selected actor in the period (no domain dimension)."""
    df = ds["reactions"]
    mask = _in_years(df["year"], f)
    mask &= _touches(((a,) for a in df["actor_id"]), f.countries, df.index)
    mask &= _graded(df, ds, f)
    return df[mask]


def _year_of(value: str) -> int | None:
    parsed = _parse_date(value) if value else None
    return parsed[0].year if parsed else None


# -------------------------------------------------------------------- documentation


def schema_markdown(data_dir: Path | str | None = None) -> str:
    """The README's data reference, generated from the sidecars (a test keeps it in sync)."""
    path = resolve_data_dir(data_dir)
    info, metas, _ = read_schema(path)
    out = []
    for table in info.get("tables", []):
        meta = metas[table]
        out += [
            f"### `{table}.csv`: {meta['title']}",
            "",
            " ".join(str(meta["description"]).split()),
            "",
            "| column | type | required | description |",
            "|---|---|---|---|",
        ]
        for col, spec in meta["columns"].items():
            kind = spec.get("type", "string")
            if kind == "enum":
                kind = "one of " + ", ".join(f"`{v}`" for v in spec["values"])
            if _refs(spec):
                kind += " → " + " or ".join(f"`{r}`" for r in _refs(spec))
            if "min" in spec or "max" in spec:
                kind += f" ({spec.get('min', '')}…{spec.get('max', '')})"
            required = "yes" if spec.get("required", True) else "no"
            out.append(f"| `{col}` | {kind} | {required} | {spec.get('description', '')} |")
        out.append("")
    return "\n".join(out)


def evidence_markdown(data_dir: Path | str | None = None) -> str:
    """The README's tables of the evidence grade and the source policy, from dataset.yaml."""
    info, _, _ = read_schema(resolve_data_dir(data_dir))
    return GradeRule.of(info).markdown() + "\n\n" + SourcePolicy.of(info).markdown() + "\n"
