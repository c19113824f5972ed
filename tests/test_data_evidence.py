"""Evidence an expert can trust: quotes that are quotes, a grade on every record, sound main
sources, reactions coded by who spoke, and every seed paragraph accounted for.

Each rule is a function of a loaded dataset, run on the curated data (no problems) and on a
deliberately broken copy (the problem is found)."""

from __future__ import annotations

import csv
import json
import re

import pytest

from components.data import Filters, load, validate
from components.data.grade import GradeRule, RuleError
from components.data.query import reactions
from components.views import worldmap
from tests.conftest import BRIEF, SEEDS_DIR

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
QUOTE_MARKS = re.compile(r"[“”\"]")
# the project's internal shorthand: brief sections, seed numbers, row references, snake_case ids
SHORTHAND = re.compile(
    r"\bbrief\b|\bseeds?\s*0\d\d\b|\bC\d{1,2}\b|\bd\d\b|\baddendum\b|next row|previous row|\(above\)|"
    r"\(below\)|see above|†|\bsidecar\b|\b[a-z]+_[a-z0-9_]+\b"
)
needs_shared = pytest.mark.skipif(
    not (SEEDS_DIR.is_dir() and BRIEF.is_file()),
    reason="shared/ (seeds, research brief) not beside the checkout",
)


def normalise(text: str) -> str:
    """Whitespace runs to one space, typographic quotes to straight ones."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def fact_rows(ds):
    for table in ds.rule.fact_tables:
        key = ds.table(table).key
        for row in ds[table].itertuples():
            yield table, getattr(row, key), row


def seed_texts() -> dict[str, str]:
    return {f.name: f.read_text(encoding="utf-8") for f in SEEDS_DIR.glob("*.txt")}


def brief_text() -> str:
    return normalise(BRIEF.read_text(encoding="utf-8").replace("**", "").replace("`", ""))


def public_text(ds):
    """(table, id, column, text) of every cell a reader sees: text columns not marked
    ``public: false``, of every table that is itself public."""
    for table in ds.package.tables.values():
        if not table.public:
            continue
        for col, column in table.columns.items():
            if column.kind != "text" or not column.public:
                continue
            for rid, value in zip(ds[table.name][table.key], ds[table.name][col]):
                if value:
                    yield table.name, rid, col, value


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit(folder, table, key, rid, **cells):
    """Set ``cells`` of row ``rid`` in ``folder/table.csv``."""
    path = folder / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    row = next(r for r in rows if r[key] == rid)
    row.update(cells)
    write_rows(path, rows)


# ------------------------------------------------------------------ quotes that are quotes


def quote_problems(ds, seeds: dict[str, str], brief: str) -> list[str]:
    """Quoted text must be verbatim in the document it names (a seed we hold, else the research
    brief that reproduces it), and a summary must carry no quotation marks."""
    seed_of = dict(zip(ds["sources"]["source_id"], ds["sources"]["seed_file"]))
    normal = {name: normalise(text) for name, text in seeds.items()}
    out = []
    for table, rid, row in fact_rows(ds):
        if row.quote_origin == "summary":
            if QUOTE_MARKS.search(row.quote):
                out.append(f"{table} {rid}: a summary in quotation marks")
            continue
        haystack = normal.get(seed_of.get(row.source_id, ""), brief)
        if normalise(row.quote) not in haystack:
            out.append(f"{table} {rid}: quote not verbatim in its source: {row.quote[:60]}")
    return out


@needs_shared
def test_quotes_are_verbatim_and_summaries_are_not_quotes(ds):
    assert quote_problems(ds, seed_texts(), brief_text()) == []


@needs_shared
def test_a_paraphrase_labelled_as_a_quote_is_caught(data_copy):
    edit(data_copy, "events", "event_id", "ev006", quote="Abe wanted closer ties with NATO")
    edit(data_copy, "events", "event_id", "ev007", quote="NATO “had proposed” negotiations")
    found = quote_problems(load(data_copy), seed_texts(), brief_text())
    assert found == [
        "events ev006: quote not verbatim in its source: Abe wanted closer ties with NATO",
        "events ev007: a summary in quotation marks",
    ]


def reader_text_problems(ds, corpus: str) -> list[str]:
    """Reader-facing text never uses the project's shorthand, and any words it puts in
    quotation marks are verbatim in the seeds or the research brief."""
    out = []
    for table, rid, col, text in public_text(ds):
        for hit in SHORTHAND.finditer(text):
            out.append(f"{table} {rid} {col}: shorthand {hit.group(0)!r}")
        for fragment in re.findall(r"[“\"]([^”\"]+)[”\"]", text):
            if normalise(fragment).rstrip(".,;") not in corpus:
                out.append(f"{table} {rid} {col}: quoted words not found verbatim: {fragment[:40]}")
    return out


@needs_shared
def test_reader_facing_text_is_written_for_readers(ds):
    corpus = normalise(" ".join(seed_texts().values())) + " " + brief_text()
    assert reader_text_problems(ds, corpus) == []


@needs_shared
def test_internal_shorthand_in_a_note_is_caught(data_copy):
    edit(data_copy, "events", "event_id", "ev006", note="See brief C5 and the next row (seed 000).")
    corpus = normalise(" ".join(seed_texts().values())) + " " + brief_text()
    found = reader_text_problems(load(data_copy), corpus)
    assert [f.split(": shorthand ")[1] for f in found] == ["'brief'", "'C5'", "'next row'", "'seed 000'"]


# ------------------------------------------------------------------ the evidence grade


@pytest.mark.parametrize(
    "who, how, verification, grade",
    [
        ("official", "verbatim", "confirmed", "A"),
        ("official", "verbatim", "single_source", "B"),
        ("press", "verbatim", "confirmed", "B"),
        ("research", "quoted_in", "confirmed", "C"),
        ("press", "summary", "confirmed", "C"),
        ("press", "summary", "single_source", "D"),
        ("partisan", "summary", "single_source", "D"),
        ("official", "verbatim", "unverified", "D"),  # 4 points, but unverified is D at best
        ("official", "verbatim", "disputed", "E"),
    ],
)
def test_grade_rule_on_hand_made_rows(ds, who, how, verification, grade):
    assert ds.rule.grade(who, how, verification) == grade


def test_every_record_has_a_grade_from_the_rule(ds):
    outlet = dict(zip(ds["sources"]["source_id"], ds["sources"]["outlet_type"]))
    for _, rid, row in fact_rows(ds):
        assert row.grade == ds.rule.grade(outlet[row.source_id], row.quote_origin, row.verification), rid
    assert ds.rule.codes == ("A", "B", "C", "D", "E")


def test_the_grade_filter_narrows_every_table(ds):
    everything, good = Filters(), Filters(min_grade="B")
    assert len(reactions(ds, good)) < len(reactions(ds, everything))
    assert set(reactions(ds, good)["grade"]) <= {"A", "B"}


@pytest.mark.parametrize(
    "section, message",
    [
        (
            {
                "grades": [
                    {"grade": "A", "label": "x", "min_points": 1},
                    {"grade": "B", "label": "y", "min_points": 3},
                ]
            },
            "min_points must fall",
        ),
        ({"at_most": {"unverified": "Z"}}, "names an unknown value or grade"),
        ({"who": "not a mapping"}, "malformed"),
    ],
)
def test_a_broken_grade_rule_is_reported(ds, section, message):
    info = {"evidence": {**dict(ds.package.extras["evidence"]), **section}}
    with pytest.raises(RuleError, match=message):
        GradeRule.of(info)


def test_a_rule_without_points_for_a_vocabulary_value_is_reported(data_copy):
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["x-evidence"]["who"]["reference"]
    path.write_text(json.dumps(package), encoding="utf-8")
    assert [str(p) for p in validate(data_copy)] == [
        "datapackage.json:0: x-evidence.who: no points for reference"
    ]


# ------------------------------------------------------------------ the source policy


def test_no_fact_rests_on_state_media_a_disinformation_network_or_an_anonymous_post(ds):
    banned = set(ds.package.extras["source-policy"]["never_main"])
    outlet = dict(zip(ds["sources"]["source_id"], ds["sources"]["outlet_type"]))
    assert [(t, rid) for t, rid, row in fact_rows(ds) if outlet[row.source_id] in banned] == []
    assert "disinformation_network" not in set(ds["sources"]["outlet_type"])  # not even as another source


def test_state_media_as_a_main_source_is_refused(data_copy):
    edit(data_copy, "events", "event_id", "ev006", source_id="sputnik_albanese_2024")
    found = [str(p) for p in validate(data_copy)]
    assert len(found) == 1
    assert found[0].startswith("events.csv:")
    assert "main source 'sputnik_albanese_2024' is state affiliated media" in found[0]


def test_state_media_may_carry_only_its_own_governments_reaction(data_copy):
    # Sputnik (Russian state media) carrying the Russian foreign ministry: allowed
    edit(data_copy, "reactions", "reaction_id", "re007", source_id="urdupoint_zakharova_2023")
    assert validate(data_copy) == []
    # the same outlet as the main source of the French president's words: refused
    edit(data_copy, "reactions", "reaction_id", "re011", source_id="urdupoint_macron_2023")
    assert [p.column for p in validate(data_copy)] == ["source_id"]


def test_every_source_is_cited(ds):
    cited = set(ds["countries"]["source_id"])
    for _, _, row in fact_rows(ds):
        cited |= {row.source_id, *row.other_sources}
    assert set(ds["sources"]["source_id"]) <= cited


# ------------------------------------------------------------------ reactions coded by who spoke


def test_a_states_stance_comes_only_from_its_government(ds):
    """The map's stance for a country is the mean of its government's statements, and no
    other voice colours it."""
    fig = worldmap.figure(ds["countries"], mode="stance", reactions=reactions(ds, Filters()))
    shown = dict(zip(fig.data[0].locations, fig.data[0].z))
    df = ds["reactions"]
    official = df[df["speaker_type"] == "government"]
    expected = official.groupby("actor_id")["stance_score"].mean()
    assert shown == pytest.approx(
        {k: float(v) for k, v in expected.items() if k in set(ds["countries"]["iso3"])}
    )


def test_another_voice_never_becomes_a_states_stance(data_copy):
    """A former official's criticism (the Keating/Carr case) does not move Australia's stance."""
    path = data_copy / "reactions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows.append(
        {
            **rows[0],
            "reaction_id": "re999",
            "actor_id": "AUS",
            "speaker": "A former prime minister",
            "speaker_type": "former_official",
            "stance": "opposed",
            "stance_score": "-2",
            "topic": "ip4_summits",
        }
    )
    write_rows(path, rows)
    ds = load(data_copy)
    fig = worldmap.figure(ds["countries"], mode="stance", reactions=reactions(ds, Filters()))
    assert dict(zip(fig.data[0].locations, fig.data[0].z))["AUS"] == 1.0


def test_a_government_statement_needs_its_state(data_copy):
    edit(data_copy, "reactions", "reaction_id", "re007", actor_id="")
    assert [f"{p.column}: {p.message}" for p in validate(data_copy)] == [
        "actor_id: required when speaker_type=government"
    ]


# ------------------------------------------------------------------ IP4 attendance


def test_every_summit_lists_every_partner(ds):
    summits = ds["ip4"][ds["ip4"]["record_type"] == "summit"]
    declared = ds.table("ip4").columns["summit"].values
    assert "The Hague 2025" in declared
    for summit in declared:
        assert sorted(summits[summits["summit"] == summit]["iso3"]) == ["AUS", "JPN", "KOR", "NZL"], summit
    hague = summits[summits["summit"] == "The Hague 2025"].set_index("iso3")
    assert hague.loc["NZL", "attendance"] == "attended"
    assert set(hague.loc[["JPN", "KOR", "AUS"], "attendance"]) == {"represented"}
    assert hague.loc["JPN", "representative"].startswith("Takeshi Iwaya")


# ------------------------------------------------------------------ the seed coverage ledger


def paragraphs(text: str) -> list[str]:
    """A seed's paragraphs: blocks of text between blank lines."""
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def ledger_problems(ds, seeds: dict[str, str]) -> list[str]:
    """Every paragraph of every seed is in the ledger, with the rows that quote it, or a reason."""
    seed_of = dict(zip(ds["sources"]["source_id"], ds["sources"]["seed_file"]))
    known = {rid for _, rid, _ in fact_rows(ds)}
    quoting = [
        (seed_of[row.source_id], rid, normalise(row.quote))
        for _, rid, row in fact_rows(ds)
        if row.quote_origin != "summary" and seed_of.get(row.source_id)
    ]
    ledger = {(r.seed_file, int(r.paragraph)): r for r in ds["seed_coverage"].itertuples()}
    out, seen = [], set()
    for name, text in sorted(seeds.items()):
        for number, block in enumerate(paragraphs(text), start=1):
            where = f"{name[:3]} paragraph {number}"
            entry = ledger.get((name, number))
            seen.add((name, number))
            if entry is None:
                out.append(f"{where}: not in the ledger")
                continue
            words = " ".join(normalise(block).split()[:8])
            if entry.first_words != words:
                out.append(f"{where}: ledger says it starts {entry.first_words!r}, the seed {words!r}")
            for rid in entry.records:
                if rid not in known:
                    out.append(f"{where}: record {rid} does not exist")
            quoted = {rid for s, rid, q in quoting if s == name and q in normalise(block)}
            for rid in sorted(quoted - set(entry.records)):
                out.append(f"{where}: {rid} quotes it but is not listed")
            if not entry.records and not entry.reason:
                out.append(f"{where}: neither carried by a record nor given a reason")
    out += [f"{n[:3]} paragraph {p}: no such paragraph" for n, p in sorted(set(ledger) - seen)]
    return out


@needs_shared
def test_every_seed_paragraph_is_accounted_for(ds):
    assert ledger_problems(ds, seed_texts()) == []


@needs_shared
def test_a_paragraph_left_unaccounted_is_caught(data_copy):
    path = data_copy / "seed_coverage.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    abe = next(r for r in rows if r["records"] == "ev001")
    abe["records"] = ""  # ev001 quotes it but is no longer listed, and no reason is given
    write_rows(path, rows)
    assert ledger_problems(load(data_copy), seed_texts()) == [
        "000 paragraph 15: ev001 quotes it but is not listed",
        "000 paragraph 15: neither carried by a record nor given a reason",
    ]


# ------------------------------------------------------------------ withdrawn records, contradictions


def test_withdrawn_records_are_gone_and_say_what_replaced_them(ds):
    present = {rid for _, rid, _ in fact_rows(ds)}
    for row in ds["withdrawn"].itertuples():
        assert row.record_id not in present
        assert set(row.replaced_by) <= present, row.record_id
        assert len(row.reason) > 40


def test_itpp_declared_total_is_sourced(ds):
    total = ds.table("itpp_areas").extras["programme"]["declared_total"]
    assert total["value"] == 16
    assert total["source_id"] in set(ds["sources"]["source_id"])
    assert len(ds["itpp_areas"]) <= 16


def test_contradictions_are_recorded(ds):
    notes = " ".join(ds["events"]["note"]).lower()
    assert "france" in notes and "unverified" in set(ds["events"]["verification"])
    assert not ds["partnerships"][ds["partnerships"]["status"] == "blocked"].empty


def test_seed_sources_name_their_file(ds):
    seeds = ds["sources"][ds["sources"]["seed_file"] != ""]
    assert len(seeds) == 5
    if SEEDS_DIR.is_dir():
        assert {f.name for f in SEEDS_DIR.glob("*.txt")} == set(seeds["seed_file"])
