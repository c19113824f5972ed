"""The data reference in docs/data.md, generated from the package (a test keeps it in sync)."""

from __future__ import annotations

from pathlib import Path

from components.data import package
from components.data.grade import EvidenceRule, SourcePolicy
from components.data.load import resolve_data_dir


def _package(data_dir):
    pkg, problems = package.read(resolve_data_dir(data_dir))
    if pkg is None:
        raise ValueError("; ".join(str(p) for p in problems))
    return pkg


def schema_markdown(data_dir: Path | str | None = None) -> str:
    """One section per table: its title, description and a table of its columns."""
    out = []
    for table in _package(data_dir).tables.values():
        out += [
            f"## `{table.name}.csv`: {table.title}",
            "",
            table.description,
            "",
            "| column | type | required | description |",
            "|---|---|---|---|",
        ]
        for column in table.columns.values():
            kind = column.kind
            if kind == "enum":
                kind = "one of " + ", ".join(f"`{v}`" for v in column.values)
            if column.refs:
                kind += " → " + " or ".join(f"`{r}`" for r in column.refs)
            if column.minimum is not None or column.maximum is not None:
                lo = "" if column.minimum is None else f"{column.minimum:g}"
                hi = "" if column.maximum is None else f"{column.maximum:g}"
                kind += f" ({lo}…{hi})"
            required = "yes" if column.required else "no"
            note = "" if column.public else " *Curators only: not shown in the dashboard or its downloads.*"
            out.append(f"| `{column.name}` | {kind} | {required} | {column.description}{note} |")
        out.append("")
    return "\n".join(out)


def evidence_markdown(data_dir: Path | str | None = None) -> str:
    """The tables of the two-part evidence grade and the source policy."""
    extras = _package(data_dir).extras
    return EvidenceRule.of(extras).markdown() + "\n\n" + SourcePolicy.of(extras).markdown() + "\n"
