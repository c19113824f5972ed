"""Dataset facts the views read from the package rather than from code: the ITPP's parties,
period, date and declared size (``x-programme``), the IP4's reading order (``x-partner-order``)
and the organization that stands for the group (``x-group``).

Checked with the data, so a mistyped fact is a ``FILE:LINE: COLUMN: message`` problem at
start-up instead of a ``KeyError`` in a chart.
"""

from __future__ import annotations

from components.data.package import Package
from components.data.problem import Problem
from components.data.read import RawTable


def check(package: Package, raw: dict[str, RawTable], problems: list[Problem]) -> None:
    """Every dataset fact names records and codes that exist."""
    keys = {
        name: {row[key] for _, row in raw[name].rows}
        for name, key in (
            ("countries", "iso3"),
            ("organizations", "org_id"),
            ("ip4", "record_id"),
            ("sources", "source_id"),
        )
        if name in raw
    }
    actors = keys.get("countries", set()) | keys.get("organizations", set())
    where = package.path.name

    def problem(table: str, fact: str, message: str) -> None:
        problems.append(Problem(where, 0, f"{table}.x-{fact}", message))

    programme = package.tables["itpp_areas"].extras.get("programme")
    if not isinstance(programme, dict):
        problem("itpp_areas", "programme", "missing (an object: record, actors, period, declared_total)")
    else:
        agreed = (
            {row["record_id"]: row.get("agreed", "") for _, row in raw["ip4"].rows} if "ip4" in raw else {}
        )
        record = programme.get("record")
        if record not in agreed:
            problem("itpp_areas", "programme", f"record '{record}' is not an ip4 record_id")
        elif not agreed[record]:
            problem("itpp_areas", "programme", f"record '{record}' has no 'agreed' date")
        unknown = [a for a in programme.get("actors") or [None] if a not in actors]
        if unknown:
            problem("itpp_areas", "programme", f"actors: unknown actor(s) {unknown}")
        period = programme.get("period")
        if not (isinstance(period, list) and len(period) == 2 and all(isinstance(y, int) for y in period)):
            problem("itpp_areas", "programme", "period: two years, e.g. [2023, 2026]")
        total = programme.get("declared_total")
        if not (isinstance(total, dict) and isinstance(total.get("value"), int) and total["value"] > 0):
            problem("itpp_areas", "programme", "declared_total: an object with a positive integer 'value'")
        elif total.get("source_id") not in keys.get("sources", set()):
            problem(
                "itpp_areas", "programme", f"declared_total: unknown source_id '{total.get('source_id')}'"
            )
    ip4 = package.tables["ip4"].extras
    order = ip4.get("partner-order")
    if not isinstance(order, list) or not order or any(p not in keys.get("countries", set()) for p in order):
        problem("ip4", "partner-order", f"a list of country iso3 codes, got {order!r}")
    if ip4.get("group") not in keys.get("organizations", set()):
        problem("ip4", "group", f"an organization org_id, got {ip4.get('group')!r}")
