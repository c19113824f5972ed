"""The validator and loader share one schema; every kind of bad data gets a FILE:LINE message."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from components.data import DataError, Problem, load, validate
from tests.conftest import ROOT


def rows_of(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def messages(folder) -> list[str]:
    return [str(p) for p in validate(folder)]


def test_curated_data_is_valid():
    assert validate(ROOT / "data") == []


def test_problem_format():
    assert str(Problem("events.csv", 12, "date", "bad")) == "events.csv:12: date: bad"


def test_missing_file(data_copy):
    (data_copy / "reactions.csv").unlink()
    assert messages(data_copy) == ["reactions.csv:0: *: file not found"]


def test_missing_column(data_copy):
    path = data_copy / "reactions.csv"
    rows = rows_of(path)
    col = rows[0].index("quote")
    write_rows(path, [r[:col] + r[col + 1 :] for r in rows])
    assert messages(data_copy) == ["reactions.csv:1: quote: required column missing"]


def test_empty_file(data_copy):
    (data_copy / "domains.csv").write_bytes(b"")
    found = messages(data_copy)
    assert "domains.csv:1: *: file is empty (expected a header row)" in found


def test_not_utf8(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b",", b",caf\xe9 ", 1)
    path.write_bytes(b"\n".join(lines))
    found = messages(data_copy)
    assert any(m.startswith("events.csv:4: *: not valid UTF-8 (byte 0xe9") for m in found), found


def test_bom_is_accepted(data_copy, ds):
    path = data_copy / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(data_copy) == []
    assert list(load(data_copy)["events"].columns) == list(ds["events"].columns)


def _set_cell(folder, table, column, value, row_index=2):
    path = folder / f"{table}.csv"
    rows = rows_of(path)
    rows[row_index][rows[0].index(column)] = value
    write_rows(path, rows)
    return row_index + 1  # physical line (no multi-line cells in these files)


def test_malformed_date(data_copy):
    line = _set_cell(data_copy, "events", "date", "2023-13-45")
    assert messages(data_copy) == [
        f"events.csv:{line}: date: '2023-13-45' is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    ]


def test_precision_mismatch(data_copy):
    path = data_copy / "events.csv"
    rows = rows_of(path)
    rows[2][rows[0].index("date")] = "2014"
    rows[2][rows[0].index("date_precision")] = "day"
    write_rows(path, rows)
    assert messages(data_copy) == [
        "events.csv:3: date_precision: 'day' does not match date '2014' (which has year precision)"
    ]


def test_unknown_iso_code(data_copy):
    line = _set_cell(data_copy, "events", "countries", "JPN;XYZ")
    assert messages(data_copy) == [
        f"events.csv:{line}: countries: unknown reference 'XYZ' (not in countries.iso3)"
    ]


def test_unknown_source(data_copy):
    line = _set_cell(data_copy, "reactions", "source_id", "nowhere")
    assert messages(data_copy) == [
        f"reactions.csv:{line}: source_id: unknown reference 'nowhere' (not in sources.source_id)"
    ]


def test_duplicate_id(data_copy):
    path = data_copy / "events.csv"
    rows = rows_of(path)
    first = rows[1][0]
    rows[5][0] = first
    write_rows(path, rows)
    assert messages(data_copy) == [f"events.csv:6: event_id: duplicate id '{first}' (first on line 2)"]


def test_stance_score_out_of_range(data_copy):
    line = _set_cell(data_copy, "reactions", "stance_score", "5")
    assert messages(data_copy) == [f"reactions.csv:{line}: stance_score: 5 is out of range (-2…2)"]


def test_empty_quote(data_copy):
    line = _set_cell(data_copy, "partnerships", "quote", "")
    assert messages(data_copy) == [f"partnerships.csv:{line}: quote: required value is empty"]


def test_too_many_fields(data_copy):
    path = data_copy / "domains.csv"
    rows = rows_of(path)
    rows[3] = rows[3] + ["surplus"]
    write_rows(path, rows)
    found = messages(data_copy)
    assert (
        found[0] == f"domains.csv:4: *: row has {len(rows[0]) + 1} fields, header has {len(rows[0])} "
        "(check for an unquoted comma or a missing field)"
    )


def test_every_problem_is_reported(data_copy):
    _set_cell(data_copy, "reactions", "stance_score", "9", row_index=1)
    _set_cell(data_copy, "reactions", "stance", "furious", row_index=2)
    _set_cell(data_copy, "events", "date", "someday", row_index=3)
    found = messages(data_copy)
    assert len(found) == 3
    assert [m.split(":")[0] for m in found] == ["events.csv", "reactions.csv", "reactions.csv"]


def test_load_raises_with_all_problems(data_copy):
    _set_cell(data_copy, "reactions", "stance_score", "9")
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert len(err.value.problems) == 1


def test_loader_types(ds):
    ev = ds["events"]
    assert isinstance(ev["domains"].iloc[0], tuple)
    assert str(ds["reactions"]["stance_score"].dtype) == "Int64"
    assert ev["year"].between(1980, 2030).all()
    assert ds["countries"]["nato_member_since"].notna().sum() == 32


def run_app(*args, env=None):
    return subprocess.run(
        [sys.executable, "app.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_check_data_cli_valid():
    done = run_app("--check-data", "data")
    assert done.returncode == 0
    assert done.stdout.startswith("OK: ") and "events" in done.stdout


def test_check_data_cli_prints_every_problem(data_copy):
    _set_cell(data_copy, "reactions", "stance_score", "9", row_index=1)
    _set_cell(data_copy, "events", "date", "someday", row_index=3)
    done = run_app("--check-data", str(data_copy))
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert lines == [
        "events.csv:4: date: 'someday' is not a valid date (use YYYY, YYYY-MM or YYYY-MM-DD)",
        "reactions.csv:2: stance_score: 9 is out of range (-2…2)",
    ]
    assert "Traceback" not in done.stderr


def test_server_refuses_invalid_data(data_copy):
    import os

    (data_copy / "events.csv").unlink()
    done = run_app(env={**os.environ, "DASHBOARD_DATA_DIR": str(data_copy)})
    assert done.returncode == 1
    assert "events.csv:0: *: file not found" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_data_docs_hold_the_schema_and_the_evidence_rules():
    from components.data.docs import evidence_markdown, schema_markdown

    docs = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert schema_markdown() in docs
    assert evidence_markdown() in docs


def _edit_package(folder, table, column, **changes):
    import json

    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == table)
    field = (
        next(f for f in resource["schema"]["fields"] if f["name"] == column) if column else resource["schema"]
    )
    for key, value in changes.items():
        if value is None:
            field.pop(key, None)
        else:
            field[key] = value
    path.write_text(json.dumps(package), encoding="utf-8")


@pytest.mark.parametrize(
    "table, column, changes, message",
    [
        (
            "events",
            "date",
            {"type": "dat"},
            "events.date: unknown type 'dat' (use one of: boolean, integer, number, string)",
        ),
        (
            "reactions",
            "stance",
            {"constraints": {"required": True, "enum": []}, "categories": None},
            "reactions.stance: enum constraint lists no values",
        ),
        (
            "ip4",
            None,
            {"x-row-rules": [{"rule": "required_if", "columns": ["leader"]}]},
            "ip4.x-row-rules: unknown rule 'required_if' (known: any_of, required_when)",
        ),
    ],
    ids=["unknown-type", "enum-without-values", "unknown-rule"],
)
def test_a_broken_schema_gets_a_clear_message(data_copy, table, column, changes, message):
    _edit_package(data_copy, table, column, **changes)
    found = [str(p) for p in validate(data_copy)]
    assert found == [f"datapackage.json:0: {message}"]


def test_the_package_is_a_valid_frictionless_data_package():
    """What any Frictionless tool (Open Data Editor, CKAN, the frictionless CLI) checks."""
    exe = str(Path(sys.executable).parent / "frictionless")
    done = subprocess.run(
        [exe, "validate", "data/datapackage.json"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout[-2000:]


def _edit_resource(folder, table, **changes):
    import json

    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == table).update(changes)
    path.write_text(json.dumps(package), encoding="utf-8")


PROGRAMME = {
    "record": "ip4_prog_jpn_itpp2023",
    "actors": ["JPN", "NATO"],
    "period": [2023, 2026],
    "declared_total": {"value": 16, "source_id": "jt2023", "quote": "a total of 16 collaboration areas"},
}


@pytest.mark.parametrize(
    "table, changes, message",
    [
        (
            "itpp_areas",
            {"x-programme": PROGRAMME | {"record": "ip4_nope"}},
            "itpp_areas.x-programme: record 'ip4_nope' is not an ip4 record_id",
        ),
        (
            "itpp_areas",
            {"x-programme": PROGRAMME | {"record": "ip4_prog_aus_itpp2023"}},
            "itpp_areas.x-programme: record 'ip4_prog_aus_itpp2023' has no 'agreed' date",
        ),
        (
            "itpp_areas",
            {"x-programme": PROGRAMME | {"actors": ["JPN", "NTO"]}},
            "itpp_areas.x-programme: actors: unknown actor(s) ['NTO']",
        ),
        (
            "itpp_areas",
            {"x-programme": PROGRAMME | {"declared_total": {"value": "16", "source_id": "jt2023"}}},
            "itpp_areas.x-programme.declared_total.value: '16' is not of type 'integer'",
        ),
        (
            "itpp_areas",
            {"x-programme": {k: v for k, v in PROGRAMME.items() if k != "period"}},
            "itpp_areas.x-programme: 'period' is a required property",
        ),
        ("ip4", {"x-partner-order": ["JPN", "KOREA"]}, "ip4.x-partner-order: a list of country iso3 codes"),
        ("ip4", {"x-group": "IP5"}, "ip4.x-group: an organization org_id, got 'IP5'"),
    ],
    ids=[
        "unknown-record",
        "undated-record",
        "unknown-actor",
        "bad-total",
        "no-period",
        "bad-partner",
        "bad-group",
    ],
)
def test_a_broken_dataset_fact_gets_a_clear_message(data_copy, table, changes, message):
    """The facts the views read from the package (not from code) are checked like the data."""
    _edit_resource(data_copy, table, **changes)
    found = [str(p) for p in validate(data_copy)]
    assert len(found) == 1 and found[0].startswith(f"datapackage.json:0: {message}"), found


def test_citation_cff_is_generated_from_the_package():
    """CITATION.cff at the root says what the data package says (title, version, authors,
    licences), so citation tools and the dashboard's own citations agree."""
    from components.citation_file import citation_cff
    from components.data import load

    ds = load()
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert text == citation_cff(ds), "regenerate: python app.py --citation-cff > CITATION.cff"
    assert f'version: "{ds.info["version"]}"' in text and "cff-version: 1.2.0" in text
    assert ds.info["authors"] and f'  - name: "{ds.info["authors"]}"' in text
