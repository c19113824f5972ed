"""The data contract: ``data/datapackage.json``, a Frictionless Data Package, read once.

Table Schema says what the standard can say (types, required, enums, ranges, primary and
foreign keys). What it cannot say is declared in ``x-`` properties that this module reads and
checks: dates of mixed precision (``x-date``), ``;``-separated lists (``x-list``), references
to one of several tables (``x-references``), conditional requirements (``x-row-rules``), the
curators' columns (``x-public: false``) and dataset facts the views need (``x-programme``…).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from components.data.problem import Problem

DESCRIPTOR = "datapackage.json"
TYPES = frozenset({"string", "integer", "number", "boolean"})
RULES = frozenset({"any_of", "required_when"})


@dataclass(frozen=True)
class Column:
    """One field of a table, as the project reads it."""

    name: str
    kind: str  # id, text, string, int, float, bool, enum, date, url, list
    required: bool
    description: str = ""
    values: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    labels_ja: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # ``label_ja``
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    refs: tuple[str, ...] = ()  # "table.column" targets
    precision: str | None = None  # the column holding a date's precision
    separator: str | None = None
    public: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: Mapping[str, Column]
    key: str | None
    rules: tuple[Mapping, ...]
    extras: Mapping[str, object]  # the resource's x- properties, without the prefix
    public: bool = True

    def labels(self, column: str, lang: str = "en") -> Mapping[str, str]:
        """Value → label of a vocabulary column (``categories``), in English or Japanese."""
        col = self.columns[column]
        return col.labels_ja if lang == "ja" else col.labels


@dataclass(frozen=True)
class Package:
    """The descriptor: dataset metadata, and tables in load order (referenced tables first)."""

    path: Path
    descriptor: Mapping
    tables: Mapping[str, Table]

    @property
    def info(self) -> Mapping:
        return self.descriptor

    @property
    def extras(self) -> Mapping:
        """The package's x- properties, without the prefix (evidence, source-policy, citation…)."""
        return {k[2:]: v for k, v in self.descriptor.items() if k.startswith("x-")}


def read(data_dir: Path) -> tuple[Package | None, list[Problem]]:
    """The package of ``data_dir``, or None with the problems that stop it being read."""
    path = data_dir / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(DESCRIPTOR, 0, "*", "file not found")]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        return None, [Problem(DESCRIPTOR, line, "*", f"not valid JSON: {exc}")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Problem(DESCRIPTOR, 0, "resources", "the package must list its resources")]
    problems: list[Problem] = []
    tables = {}
    for resource in descriptor["resources"]:
        table = _table(resource, problems)
        if table is not None:
            tables[table.name] = table
    return Package(path, MappingProxyType(descriptor), MappingProxyType(tables)), problems


def _where(table: str, column: str = "*") -> tuple[str, int, str]:
    return DESCRIPTOR, 0, f"{table}.{column}" if column != "*" else table


def _table(resource: Mapping, problems: list[Problem]) -> Table | None:
    name = resource.get("name") if isinstance(resource, Mapping) else None
    schema = resource.get("schema") if isinstance(resource, Mapping) else None
    if (
        not isinstance(name, str)
        or not isinstance(schema, Mapping)
        or not isinstance(schema.get("fields"), list)
    ):
        problems.append(
            Problem(DESCRIPTOR, 0, "resources", f"resource {name!r} has no name or no schema fields")
        )
        return None
    key = schema.get("primaryKey")
    key = key[0] if isinstance(key, list) and key else key if isinstance(key, str) else None
    foreign = _foreign_refs(schema)
    columns = {}
    for spec in schema["fields"]:
        column = _column(name, spec, key, foreign, problems)
        if column is not None:
            columns[column.name] = column
    rules = tuple(schema.get("x-row-rules") or ())
    for rule in rules:
        if not isinstance(rule, Mapping) or rule.get("rule") not in RULES:
            kind = rule.get("rule") if isinstance(rule, Mapping) else rule
            problems.append(
                Problem(*_where(name, "x-row-rules"), f"unknown rule {kind!r} (known: any_of, required_when)")
            )
        elif any(c not in columns for c in rule.get("columns", ())):
            problems.append(
                Problem(*_where(name, "x-row-rules"), f"rule names a column that {name} does not have")
            )
    return Table(
        name=name,
        title=str(resource.get("title", name)),
        description=" ".join(str(resource.get("description", "")).split()),
        columns=MappingProxyType(columns),
        key=key,
        rules=rules,
        extras=MappingProxyType({k[2:]: v for k, v in resource.items() if k.startswith("x-")}),
        public=resource.get("x-public", True) is not False,
    )


def _column(table: str, spec: Mapping, key, foreign: Mapping, problems: list[Problem]) -> Column | None:
    name = spec.get("name") if isinstance(spec, Mapping) else None
    if not isinstance(name, str):
        problems.append(Problem(*_where(table), "a field has no name"))
        return None
    type_ = spec.get("type", "string")
    if type_ not in TYPES:
        problems.append(
            Problem(*_where(table, name), f"unknown type {type_!r} (use one of: {', '.join(sorted(TYPES))})")
        )
        return None
    constraints = spec.get("constraints") or {}
    values = tuple(str(v) for v in constraints.get("enum", ()))
    if "enum" in constraints and not values:
        problems.append(Problem(*_where(table, name), "enum constraint lists no values"))
        return None
    categories = spec.get("categories") or ()
    labels = {
        str(c.get("value")): str(c.get("label", c.get("value"))) for c in categories if isinstance(c, Mapping)
    }
    if labels and set(labels) != set(values):
        problems.append(Problem(*_where(table, name), "categories must label exactly the enum's values"))
    # every label a reader sees has its Japanese form (the page's second language)
    labels_ja = {
        str(c.get("value")): str(c.get("label_ja") or "").strip()
        for c in categories
        if isinstance(c, Mapping)
    }
    untranslated = ", ".join(value for value, text in labels_ja.items() if not text)
    if untranslated:
        message = f"categories lack a Japanese label (label_ja): {untranslated}"
        problems.append(Problem(*_where(table, name), message))
    return Column(
        name=name,
        kind=_kind(spec, type_, values, name == key),
        required=bool(constraints.get("required", False)),
        description=str(spec.get("description", "")),
        values=values,
        labels=MappingProxyType(labels),
        labels_ja=MappingProxyType(labels_ja),
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        pattern=constraints.get("pattern"),
        refs=tuple(spec.get("x-references") or foreign.get(name, ())),
        precision=(spec.get("x-date") or {}).get("precision"),
        separator=spec.get("x-list"),
        public=spec.get("x-public", True) is not False,
    )


def _kind(spec: Mapping, type_: str, values: tuple[str, ...], is_key: bool) -> str:
    """The project's reading of a field: what the checks, the loader and the docs do with it."""
    if values:
        return "enum"
    for prop, kind in (("x-list", "list"), ("x-date", "date"), ("x-text", "text")):
        if prop in spec:
            return kind
    if spec.get("format") == "uri":
        return "url"
    if is_key:
        return "id"
    return {"integer": "int", "number": "float", "boolean": "bool"}.get(type_, "string")


def _foreign_refs(schema: Mapping) -> dict[str, tuple[str, ...]]:
    """Column → ``table.column`` targets from a schema's standard ``foreignKeys``."""
    out = {}
    for fk in schema.get("foreignKeys") or ():
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        targets = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        for f, t in zip(fields, targets):
            out[f] = (f"{ref['resource']}.{t}",)
    return out
