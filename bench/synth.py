"""Synthetic datasets N× the curated one, for the scale part of the benchmark.

    .venv/bin/python -m bench.synth 10 /tmp/data10     # writes and validates a 10× copy

Every table and the package descriptor of ``data/`` are copied; the fact tables that grow with the
world (events, partnerships, reactions) get ``factor - 1`` extra copies of each row with
a new unique id (``<id>_sN``), so references, vocabularies and dates stay valid. The
result is checked with :func:`components.data.validate`, which must return ``[]``.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

from components.data import DEFAULT_DATA_DIR, validate

# table -> primary key column
GROWN = {"events": "event_id", "partnerships": "edge_id", "reactions": "reaction_id"}


def generate(factor: int, out_dir: Path | str, src: Path = DEFAULT_DATA_DIR) -> Path:
    """Write a ``factor``× copy of ``src`` into ``out_dir`` and return it (validated)."""
    if factor < 1:
        raise ValueError("factor must be >= 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.suffix in (".json", ".csv") and path.stem not in GROWN:
            shutil.copy2(path, out / path.name)
    for table, key in GROWN.items():
        with (src / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            rows = list(reader)
        with (out / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            for copy in range(factor):
                for row in rows:
                    if copy:
                        row = {**row, key: f"{row[key]}_s{copy}"}
                    writer.writerow(row)
    problems = validate(out)
    if problems:
        raise ValueError(f"synthetic data is invalid: {[str(p) for p in problems[:5]]}")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = generate(int(argv[0]), Path(argv[1]))
    sizes = {p.stem: sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in sorted(out.glob("*.csv"))}
    print(f"OK: {out} ({', '.join(f'{k} {v}' for k, v in sizes.items())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
