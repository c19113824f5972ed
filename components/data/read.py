"""Reading a table's CSV as a curator wrote it: bytes, encoding, physical lines.

The ``csv`` module, not pandas, so that every problem can name the physical line of the
file (a quoted cell may span lines) and undecodable bytes can be located.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from components.data.problem import Problem


@dataclass
class RawTable:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (physical line, values), blank lines left out
    record_lines: list[int]  # physical line of every CSV record, header first (Frictionless numbering)

    def line_of_row(self, row_number: int) -> int:
        """The physical line of Frictionless's ``row_number`` (1 is the header)."""
        index = row_number - 1
        return self.record_lines[index] if 0 <= index < len(self.record_lines) else row_number


def decode(raw: bytes, fname: str, problems: list[Problem]) -> str:
    """UTF-8 text of ``raw`` (a leading BOM, as Excel writes, is accepted and removed); each
    undecodable line is reported with its byte."""
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


def read_csv(path: Path, problems: list[Problem]) -> RawTable | None:
    """The table at ``path``, or None when there is nothing to read (reported)."""
    fname = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(fname, 0, "*", "file not found"))
        return None
    text = decode(raw, fname, problems)
    if not text.strip():
        problems.append(Problem(fname, 1, "*", "file is empty (expected a header row)"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table = RawTable(path.stem, [], [], [])
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            table.record_lines.append(line)
            if not table.header:
                table.header = [h.strip() for h in record]
                for col in {h for h in table.header if table.header.count(h) > 1}:
                    problems.append(Problem(fname, 1, col, "duplicate column name"))
                continue
            if not record or all(not v.strip() for v in record) and len(record) <= 1:
                continue  # a blank line carries no data
            if len(record) != len(table.header):
                problems.append(
                    Problem(
                        fname,
                        line,
                        "*",
                        f"row has {len(record)} fields, header has {len(table.header)}"
                        " (check for an unquoted comma or a missing field)",
                    )
                )
                continue
            table.rows.append((line, {h: v.strip() for h, v in zip(table.header, record)}))
    except csv.Error as exc:
        problems.append(Problem(fname, reader.line_num, "*", f"malformed CSV: {exc}"))
    return table
