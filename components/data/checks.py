"""Validation: the Frictionless validator for what the standard says, the project's checks for
the rest, and every problem as ``FILE:LINE: COLUMN: message`` on the file's physical line.
"""

from __future__ import annotations

import math
import re
from datetime import date

import frictionless

from components.data.grade import EvidenceRule, RuleError, SourcePolicy, address, original
from components.data.package import Column, Package, Table
from components.data.problem import Problem
from components.data.read import RawTable

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PRECISION_BY_PARTS = {1: "year", 2: "month", 3: "day"}
_PRECISIONS_OF_PARTS = {1: ("year", "decade"), 2: ("month",), 3: ("day",)}
# Frictionless errors about what read.py has already reported, with the physical line
_REPORTED = frozenset(
    {
        "extra-cell",
        "missing-cell",
        "blank-row",
        "encoding-error",
        "scheme-error",
        "source-error",
        "format-error",
    }
)
_TYPE_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "url": "a URL"}


def parse_date(value: str) -> tuple[date, str] | None:
    """``(first day, precision)`` of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value."""
    m = _DATE_RE.match(value)
    if not m:
        return None
    parts = [int(p) for p in m.groups() if p is not None]
    try:
        d = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return d, _PRECISION_BY_PARTS[len(parts)]


def _bad_date(value: str) -> str:
    return f"'{_clip(value)}' is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)"


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _range(column: Column) -> str:
    lo, hi = ("" if v is None else f"{v:g}" for v in (column.minimum, column.maximum))
    return f"({lo}…{hi})"


# ------------------------------------------------------------------ the standard


def standard(package: Package, raw: dict[str, RawTable], problems: list[Problem]) -> None:
    """Frictionless's validation of the package, its messages rewritten in the project's form."""
    # each schema's fieldsMatch is "equal": columns may come in any order, and a missing one is
    # one missing-label error rather than every later column shifted
    report = frictionless.Package(str(package.path)).validate()
    for error in report.errors:  # the descriptor itself
        problems.append(Problem(package.path.name, 0, error.type, error.note))
    for task in report.tasks:
        table, rows = package.tables.get(task.name), raw.get(task.name)
        if table is None or rows is None:
            continue
        for error in task.errors:
            if error.type in _REPORTED:
                continue
            problems.append(_translate(error, table, rows))


def _translate(error, table: Table, rows: RawTable) -> Problem:
    fname = f"{table.name}.csv"
    line = rows.line_of_row(getattr(error, "row_number", None) or 1)
    name = getattr(error, "field_name", None) or "*"
    column = table.columns.get(name)
    cell = str(getattr(error, "cell", "") or "")
    if error.type == "missing-label":
        return Problem(fname, 1, name, "required column missing")
    if error.type == "primary-key":
        first = re.search(r"position \"?(\d+)", error.note)
        where = f" (first on line {rows.line_of_row(int(first.group(1)))})" if first else ""
        value = dict(rows.rows).get(line, {}).get(table.key or "", "")
        return Problem(fname, line, table.key or "*", f"duplicate id '{_clip(value)}'{where}")
    if error.type == "foreign-key":
        target = f"{error.reference_name}.{error.reference_field_names[0]}"
        return Problem(
            fname,
            line,
            error.field_names[0],
            f"unknown reference '{_clip(error.field_cells[0])}' (not in {target})",
        )
    if error.type == "type-error" and column is not None:
        return Problem(
            fname, line, name, f"'{_clip(cell)}' is not {_TYPE_WORDS.get(column.kind, column.kind)}"
        )
    if error.type == "constraint-error" and column is not None:
        if '"required"' in error.note:
            return Problem(fname, line, name, "required value is empty")
        if '"enum"' in error.note:
            return Problem(fname, line, name, f"'{_clip(cell)}' is not one of: {', '.join(column.values)}")
        if '"minimum"' in error.note or '"maximum"' in error.note:
            return Problem(fname, line, name, f"{cell} is out of range {_range(column)}")
        if '"pattern"' in error.note and column.kind == "date":
            return Problem(
                fname, line, name, f"'{_clip(cell)}' is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)"
            )
        if '"pattern"' in error.note:
            return Problem(
                fname, line, name, f"'{_clip(cell)}' is not a valid identifier (expected {column.pattern})"
            )
    return Problem(fname, line, name, error.note)


# ------------------------------------------------------------------ the project's checks


def columns(table: Table, raw: RawTable, problems: list[Problem]) -> None:
    """What Table Schema cannot say: calendar dates and their precision, list items, finite
    numbers and conditional requirements."""
    fname = f"{table.name}.csv"
    present = {c: col for c, col in table.columns.items() if c in raw.header}
    for line, row in raw.rows:
        for name, column in present.items():
            if row[name]:
                found = _cell(row[name], column, row)
                if found:
                    problems.append(Problem(fname, line, *found))
        for rule in table.rules:
            _row_rule(rule, row, present, fname, line, problems)
        for name in present:  # a reader's word in English has its Japanese twin (``<column>_ja``)
            twin = f"{name}_ja"
            if twin in present and row[name].strip() and not row[twin].strip():
                problems.append(
                    Problem(fname, line, twin, f"missing the Japanese of {name} {_clip(row[name])!r}")
                )


def _cell(value: str, column: Column, row: dict[str, str]) -> tuple[str, str] | None:
    """``(column, message)`` when ``value`` breaks what the standard cannot check."""
    name = column.name
    if column.kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            return name, _bad_date(value)
        precision = row.get(column.precision or "", "")
        if precision and precision not in _PRECISIONS_OF_PARTS[len(value.split("-"))]:
            return (
                column.precision,
                f"'{precision}' does not match date '{value}' (which has {parsed[1]} precision)",
            )
        if precision == "decade" and parsed[0].year % 10:
            return column.precision, f"'{value}' is not the first year of a decade"
    elif column.kind == "list":
        if any(not item.strip() for item in value.split(column.separator)):
            return (
                name,
                f"'{_clip(value)}' has an empty list element (separate items with '{column.separator}')",
            )
    elif column.kind == "float":
        try:
            if not math.isfinite(float(value)):
                return name, f"'{_clip(value)}' is not a finite number"
        except ValueError:
            return None  # Frictionless reports the type error
    elif column.kind == "url" and any(c.isspace() for c in value):
        return name, f"'{_clip(value)}' is not a URL (contains spaces)"
    return None


def _row_rule(rule, row, present, fname, line, problems) -> None:
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


def references(package: Package, raw: dict[str, RawTable], problems: list[Problem]) -> None:
    """References the standard's foreign keys cannot express: list items, and values that may
    name a row of either of two tables."""
    keys = {f"{name}.{col}": {row[col] for _, row in t.rows} for name, t in raw.items() for col in t.header}
    for name, t in raw.items():
        table = package.tables[name]
        for col, column in table.columns.items():
            if not column.refs or col not in t.header or (column.kind != "list" and len(column.refs) == 1):
                continue  # a single-table reference is a standard foreign key
            if any(r.split(".")[0] not in raw for r in column.refs):
                continue  # the referenced file is missing or unreadable: reported already
            known = set().union(*(keys.get(r, set()) for r in column.refs))
            label = " or ".join(column.refs)
            for line, row in t.rows:
                items = row[col].split(column.separator) if column.kind == "list" else [row[col]]
                for item in (i.strip() for i in items if row[col]):
                    if item and item not in known:
                        problems.append(
                            Problem(
                                f"{name}.csv",
                                line,
                                col,
                                f"unknown reference '{_clip(item)}' (not in {label})",
                            )
                        )


def evidence(package: Package, raw: dict[str, RawTable], problems: list[Problem]) -> None:
    """The two-part grade holds: every fact row's credibility meets its rule (1 needs independent
    sources), every copy points at a source, a source read in a copy names one, no row was
    checked in the future, and every main source is allowed by the source policy."""
    try:
        rule = EvidenceRule.of(package.extras)
    except RuleError as exc:
        problems.append(Problem(package.path.name, 0, "x-evidence", str(exc)))
        return
    for part, codes in (("reliability", rule.reliability_codes), ("credibility", rule.credibility_codes)):
        table = "sources" if part == "reliability" else rule.fact_tables[0]
        declared = package.tables[table].columns[part].values
        if tuple(declared) != codes:
            problems.append(
                Problem(package.path.name, 0, f"x-evidence.{part}", f"the scale must match {table}.{part}")
            )
    sources = {row["source_id"]: row for _, row in raw["sources"].rows} if "sources" in raw else {}
    copied = {(row.get("copy_of") or "").strip() for row in sources.values()}
    for line, row in raw["sources"].rows if "sources" in raw else ():
        if row.get("copy_of") and original(row["source_id"], sources) is None:
            problems.append(Problem("sources.csv", line, "copy_of", "copies form a loop"))
        if row.get("read") == "copy" and row["source_id"] not in copied:
            problems.append(
                Problem("sources.csv", line, "read", "read in a copy, but no source names it in copy_of")
            )
    today = date.today().isoformat()
    policy = SourcePolicy.of(package.extras)
    for name in rule.fact_tables:
        for line, row in raw[name].rows if name in raw else ():
            source = sources.get(row.get("source_id", ""))
            message = policy.breach(name, row, source) if source else None
            if source and not message and not address(source, sources):
                message = f"main source '{source['source_id']}' has no url, and no copy of it has one"
            if message:
                problems.append(Problem(f"{name}.csv", line, "source_id", message))
            message = rule.credibility_problem(row, name, sources)
            if message:
                problems.append(Problem(f"{name}.csv", line, "credibility", message))
            if row.get("checked_on", "") > today:
                problems.append(
                    Problem(f"{name}.csv", line, "checked_on", f"in the future (today is {today})")
                )
