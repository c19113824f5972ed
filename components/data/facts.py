"""Dataset facts the views read from the package rather than from code: the ITPP's parties,
period, date and declared size (``x-programme``), the IP4's reading order (``x-partner-order``)
and the organization that stands for the group (``x-group``).

Their shapes are a JSON Schema (checked with ``jsonschema``, which the Frictionless validator
already brings); what a schema cannot say (that a named record or code exists) is checked
against the data. Either way a mistyped fact is a ``FILE:LINE: COLUMN: message`` problem at
start-up instead of a ``KeyError`` in a chart.
"""

from __future__ import annotations

from jsonschema import Draft202012Validator

from components.data.package import Package
from components.data.problem import Problem
from components.data.read import RawTable

_ID = {"type": "string", "minLength": 1}
SHAPES = {  # (table, fact) → the JSON Schema of the fact
    ("itpp_areas", "programme"): {
        "type": "object",
        "required": ["record", "actors", "period", "declared_total"],
        "properties": {
            "record": _ID,
            "actors": {"type": "array", "items": _ID, "minItems": 1},
            "period": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
            "declared_total": {
                "type": "object",
                "required": ["value", "source_id"],
                "properties": {"value": {"type": "integer", "minimum": 1}, "source_id": _ID},
            },
        },
    },
    ("ip4", "partner-order"): {"type": "array", "items": _ID, "minItems": 1},
    ("ip4", "group"): _ID,
}
_VALIDATORS = {key: Draft202012Validator(schema) for key, schema in SHAPES.items()}


def check(package: Package, raw: dict[str, RawTable], problems: list[Problem]) -> None:
    """Every dataset fact has its shape and names records and codes that exist."""
    where = package.path.name
    found = []
    for (table, fact), validator in _VALIDATORS.items():
        value = package.tables[table].extras.get(fact)
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
        for error in errors:
            at = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
            problems.append(Problem(where, 0, f"{table}.x-{fact}{at}", error.message))
        found.append(not errors)
    if all(found):
        _references(package, raw, problems)


def _keys(raw: dict[str, RawTable], table: str, key: str) -> set[str]:
    return {row[key] for _, row in raw[table].rows} if table in raw else set()


def _references(package: Package, raw: dict[str, RawTable], problems: list[Problem]) -> None:
    """The records and codes the facts name exist in the data."""
    where = package.path.name
    countries = _keys(raw, "countries", "iso3")
    actors = countries | _keys(raw, "organizations", "org_id")
    programme = package.tables["itpp_areas"].extras["programme"]
    agreed = {row["record_id"]: row.get("agreed", "") for _, row in raw["ip4"].rows} if "ip4" in raw else {}

    def problem(table: str, fact: str, message: str) -> None:
        problems.append(Problem(where, 0, f"{table}.x-{fact}", message))

    if programme["record"] not in agreed:
        problem("itpp_areas", "programme", f"record '{programme['record']}' is not an ip4 record_id")
    elif not agreed[programme["record"]]:
        problem("itpp_areas", "programme", f"record '{programme['record']}' has no 'agreed' date")
    unknown = [a for a in programme["actors"] if a not in actors]
    if unknown:
        problem("itpp_areas", "programme", f"actors: unknown actor(s) {unknown}")
    if programme["declared_total"]["source_id"] not in _keys(raw, "sources", "source_id"):
        source = programme["declared_total"]["source_id"]
        problem("itpp_areas", "programme", f"declared_total: unknown source_id '{source}'")
    ip4 = package.tables["ip4"].extras
    if any(p not in countries for p in ip4["partner-order"]):
        problem("ip4", "partner-order", f"a list of country iso3 codes, got {ip4['partner-order']!r}")
    if ip4["group"] not in _keys(raw, "organizations", "org_id"):
        problem("ip4", "group", f"an organization org_id, got {ip4['group']!r}")
