"""Evidence an expert can trust: quotes that are quotes, a grade on every record, sound main
sources, reactions coded by who spoke, and every seed paragraph accounted for.

Each rule is a function of a loaded dataset, run on the curated data (no problems) and on a
deliberately broken copy (the problem is found)."""

from __future__ import annotations

import csv
import json
import re

import pytest

from components import filters
from components.data import load, validate
from components.data.grade import EvidenceRule, RuleError, address
from components.filters import Filters
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


def source_texts(ds, seeds: dict[str, str], brief: str) -> dict[str, str]:
    """Each source → the text we hold of it, normalised: the seed file it or a copy of it is,
    the passages read of it or of its copies, and the research brief that reproduces many."""
    sources = ds["sources"]
    normal = {name: normalise(text) for name, text in seeds.items()}
    held: dict[str, list[str]] = {}
    for sid, seed in zip(sources["source_id"], sources["seed_file"]):
        if seed in normal:
            held.setdefault(sid, []).append(normal[seed])
    for sid, passage in zip(ds["passages"]["source_id"], ds["passages"]["passage"]):
        held.setdefault(sid, []).append(normalise(passage))
    for sid, original in zip(sources["source_id"], sources["copy_of"]):  # a copy's text is its original's
        if original:
            held.setdefault(original, []).extend(held.get(sid, []))
    return {sid: " \n ".join([*texts, brief]) for sid, texts in held.items()}


def quote_problems(ds, seeds: dict[str, str], brief: str) -> list[str]:
    """Quoted text must be verbatim in what we hold of its main source (the seed it is, a
    passage read at its address, or the research brief that reproduces it); our translation
    stands beside a passage in the original language; a summary carries no quotation marks."""
    held = source_texts(ds, seeds, brief)
    out = []
    for table, rid, row in fact_rows(ds):
        if row.quote_origin == "summary":
            if QUOTE_MARKS.search(row.quote):
                out.append(f"{table} {rid}: a summary in quotation marks")
            continue
        if row.quote_origin == "translation":
            if QUOTE_MARKS.search(row.quote):
                out.append(f"{table} {rid}: a translation in quotation marks")
            elif row.source_id not in set(ds["passages"]["source_id"]) | set(ds["sources"]["copy_of"]):
                out.append(f"{table} {rid}: a translation without the passage it translates")
            continue
        if not verbatim_in(row.quote, held.get(row.source_id, brief)):
            out.append(f"{table} {rid}: quote not verbatim in its source: {row.quote[:60]}")
    return out


def verbatim_in(quote: str, text: str) -> bool:
    """Whether ``quote`` stands in ``text`` word for word; an ellipsis (…) marks words left
    out, so the parts around it must appear in order."""
    at = 0
    for part in (normalise(p) for p in quote.split("…")):
        found = text.find(part, at) if part else at
        if found < 0:
            return False
        at = found + len(part)
    return True


@needs_shared
def test_quotes_are_verbatim_and_summaries_are_not_quotes(ds):
    assert quote_problems(ds, seed_texts(), brief_text()) == []


@needs_shared
def test_a_paraphrase_labelled_as_a_quote_is_caught(data_copy):
    edit(data_copy, "events", "event_id", "ev006", quote="Abe wanted closer ties with NATO")
    edit(data_copy, "events", "event_id", "ev045", quote="Stoltenberg “warned” on rare earths")
    found = quote_problems(load(data_copy), seed_texts(), brief_text())
    assert found == [
        "events ev006: quote not verbatim in its source: Abe wanted closer ties with NATO",
        "events ev045: a summary in quotation marks",
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


def corpus_of(ds) -> str:
    """Every text we hold: the seeds, the research brief, the passages read and the sources'
    own titles (a note may name a document by its title, in quotation marks)."""
    held = [*ds["passages"]["passage"], *ds["sources"]["title"]]
    return " ".join([normalise(" ".join(seed_texts().values())), brief_text(), *map(normalise, held)])


@needs_shared
def test_reader_facing_text_is_written_for_readers(ds):
    corpus = corpus_of(ds)
    assert reader_text_problems(ds, corpus) == []


@needs_shared
def test_internal_shorthand_in_a_note_is_caught(data_copy):
    edit(data_copy, "events", "event_id", "ev006", note="See brief C5 and the next row (seed 000).")
    corpus = corpus_of(load(data_copy))
    found = reader_text_problems(load(data_copy), corpus)
    assert [f.split(": shorthand ")[1] for f in found] == ["'brief'", "'C5'", "'next row'", "'seed 000'"]


# ------------------------------------------------------------------ the evidence grade (NATO's two parts)

# hand-made: two independent originals, a copy, a second record of one body, a preview, an undated one
SOURCES = {
    "nato": {"source_id": "nato", "publisher": "NATO", "published": "2023-07-12", "copy_of": ""},
    "nato_transcript": {
        "source_id": "nato_transcript",
        "publisher": "NATO",
        "published": "2023-07-13",
        "copy_of": "",
    },
    "kyodo": {"source_id": "kyodo", "publisher": "Kyodo News", "published": "2023-07-13", "copy_of": ""},
    "kyodo_copy": {
        "source_id": "kyodo_copy",
        "publisher": "Kyodo News (in the Daily Sun)",
        "published": "2023-07-20",
        "copy_of": "kyodo",
    },
    "preview": {"source_id": "preview", "publisher": "Reuters", "published": "2023-07-10", "copy_of": ""},
    "undated": {"source_id": "undated", "publisher": "A site", "published": "", "copy_of": ""},
}


@pytest.mark.parametrize(
    "main, others, credibility, problem",
    [
        ("nato", "kyodo", "1", None),  # two independent sources after the event: confirmed
        ("nato", "kyodo", "2", "credibility is 1"),  # …so 2 understates it
        ("nato", "kyodo", "4", None),  # unless a source contradicts it
        ("kyodo", "kyodo_copy", "1", "found 1: kyodo"),  # a copy is the same story
        ("nato", "preview", "1", "found 1: nato"),  # a report before the event does not confirm it
        ("nato", "undated", "1", "found 1: nato"),  # nor one we cannot date
        ("nato", "", "2", None),  # one source, nothing against it: probably true
        ("nato", "", "1", "needs at least 2 independent sources"),
        ("kyodo_copy", "nato", "1", None),  # the copy stands for its original
        ("nato", "nato_transcript", "1", "found 1: nato"),  # two records of one body are one voice
        ("nato", "nato_transcript;kyodo", "1", None),
    ],
)
def test_credibility_rule_on_hand_made_rows(ds, main, others, credibility, problem):
    row = {"source_id": main, "corroborated_by": others, "credibility": credibility, "date": "2023-07-12"}
    row["other_sources"] = "kyodo;preview"  # further sources never count: only those named as corroborating
    found = ds.rule.credibility_problem(row, "events", SOURCES)
    assert (found is None) if problem is None else (problem in found), found


@pytest.mark.parametrize(
    "value, parsed",
    [("B2", ("B", "2")), ("b", ("B", None)), ("2", (None, "2")), ("F6", (None, None)), ("A", ("A", None))],
)
def test_a_minimum_grade_reads_either_part(ds, value, parsed):
    """ "B2" is both parts; an earlier one-letter grade ("b") still reads, as a minimum source
    reliability; the worst step of a scale is no minimum at all."""
    assert ds.rule.parse(value) == parsed


@pytest.mark.parametrize("value", ["G", "7", "B22", "2B", "", "A1 ", None, 3])
def test_a_minimum_grade_that_is_not_one_is_refused(ds, value):
    assert ds.rule.parse(value) is None or value == "A1 "  # surrounding spaces are forgiven


def test_every_record_shows_both_parts(ds):
    """Reliability comes from the main source (whatever the form of the quote), credibility
    from the row; the record's grade is the two side by side."""
    reliability = dict(zip(ds["sources"]["source_id"], ds["sources"]["reliability"]))
    for _, rid, row in fact_rows(ds):
        assert row.grade == reliability[row.source_id] + row.credibility, rid
    assert ds.rule.codes[0] == "A1" and ds.rule.codes[-1] == "F6" and len(ds.rule.codes) == 36


def test_one_source_has_one_reliability_whatever_the_form_of_its_quote(ds, data_copy):
    by_source = {}
    for _, _, row in fact_rows(ds):
        by_source.setdefault(row.source_id, set()).add(row.grade[0])
    assert all(len(v) == 1 for v in by_source.values())
    # holding the words as a summary instead of a quote changes neither part of the grade
    before = ds["events"].set_index("event_id").at["ev006", "grade"]
    edit(data_copy, "events", "event_id", "ev006", quote="Our summary of it.", quote_origin="summary")
    assert load(data_copy)["events"].set_index("event_id").at["ev006", "grade"] == before


def test_the_grade_filter_narrows_every_table(ds):
    everything, good = Filters(), Filters(min_grade="B2")
    assert len(filters.rows(ds, "reactions", good)) < len(filters.rows(ds, "reactions", everything))
    kept = set(filters.rows(ds, "reactions", good)["grade"])
    assert kept and all(g[0] in "AB" and g[1] in "12" for g in kept)
    assert set(filters.rows(ds, "reactions", Filters(min_grade="2"))["credibility"]) <= {"1", "2"}


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda e: e["reliability"]["scale"].append({"code": "A", "label": "x", "label_ja": "x"}),
            "distinct",
        ),
        (lambda e: e["credibility"]["scale"][0].pop("label_ja"), "lack a Japanese label"),
        (lambda e: e["credibility"].update(contradicted=["9"]), "unknown codes"),
        (lambda e: e["dated_by"].pop("events"), "no entry for events"),
        (lambda e: e.update(reliability="not a mapping"), "malformed"),
    ],
)
def test_a_broken_grade_rule_is_reported(ds, change, message):
    evidence = json.loads(json.dumps(ds.package.extras["evidence"]))
    change(evidence)
    with pytest.raises(RuleError, match=message):
        EvidenceRule.of({"evidence": evidence})


def test_a_credibility_the_sources_do_not_bear_is_refused(data_copy):
    """The validator applies the rule to the data: a lone source cannot confirm a claim."""
    edit(data_copy, "events", "event_id", "ev006", credibility="1", corroborated_by="", credibility_reason="")
    found = [str(p) for p in validate(data_copy)]
    assert (
        len(found) == 1
        and found[0].startswith("events.csv:")
        and ": credibility: credibility 1 needs" in found[0]
    )


def test_a_scale_that_drifts_from_its_column_is_reported(data_copy):
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["x-evidence"]["reliability"]["scale"].pop()
    path.write_text(json.dumps(package), encoding="utf-8")
    assert "datapackage.json:0: x-evidence.reliability: the scale must match sources.reliability" in [
        str(p) for p in validate(data_copy)
    ]


# ------------------------------------------------------------------ the source policy


def test_no_fact_rests_on_state_media_a_disinformation_network_or_an_anonymous_post(ds):
    """The only exception is state media carrying its own government's statement."""
    banned = set(ds.package.extras["source-policy"]["never_main"])
    src = ds["sources"].set_index("source_id")
    found = [
        (t, rid)
        for t, rid, row in fact_rows(ds)
        if src.at[row.source_id, "outlet_type"] in banned
        and not (
            t == "reactions"
            and row.speaker_type == "government"
            and src.at[row.source_id, "outlet_country"] == row.actor_id
        )
    ]
    assert found == []
    assert "disinformation_network" not in set(ds["sources"]["outlet_type"])  # not even as another source


COPY_WORDS = re.compile(r"\b(unidentified|blog|aggregator|probable)\b", re.IGNORECASE)


def test_every_main_source_is_an_original_with_an_address(ds):
    """A fact row cites the record of whoever acted or spoke, never a copy of it, and a reader
    can follow it: every main source has an http(s) URL of its own or, when the original's own
    page could not be found, the address of the copy it was read in (``read: copy``)."""
    records = {r["source_id"]: r for r in ds["sources"].to_dict("records")}
    for table, rid, row in fact_rows(ds):
        s = records[row.source_id]
        assert s["copy_of"] == "", (table, rid, "cites a copy")
        assert address(s, records).startswith(("https://", "http://")), (table, rid, "no address")
        if not s["url"]:
            assert s["read"] == "copy", (table, rid)


def test_no_source_a_reader_sees_is_called_a_blog_or_unidentified(ds):
    """Copies are named by the site that copied (read via …), and no publisher, title or note
    calls a source unidentified, a blog, an aggregator or probable."""
    columns = [c for c, col in ds.table("sources").columns.items() if col.kind == "text" and col.public]
    found = [
        (row["source_id"], c, hit.group(0))
        for row in ds["sources"].to_dict("records")
        for c in columns
        for hit in COPY_WORDS.finditer(row[c])
    ]
    assert found == []
    labels = ds.labels("sources", "outlet_type").values()
    assert not [label for label in labels if COPY_WORDS.search(label)]


def test_a_copy_as_a_main_source_is_refused(data_copy):
    edit(data_copy, "sources", "source_id", "nato_keio_2023", copy_of="nato_news_217062")
    found = [str(p) for p in validate(data_copy)]
    assert found and all("is a copy of 'nato_news_217062'" in f for f in found)


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
        cited |= {row.source_id, *row.other_sources, *row.corroborated_by}
    copies = ds["sources"][ds["sources"]["source_id"].isin(cited)]
    cited |= set(copies["copy_of"]) - {""}  # the original a cited copy copies
    assert set(ds["sources"]["source_id"]) <= cited


# ------------------------------------------------------------------ reactions coded by who spoke


def test_a_states_stance_comes_only_from_its_government(ds):
    """The map's stance for a country is the mean of its government's statements, and no
    other voice colours it."""
    fig = worldmap.figure(ds["countries"], mode="stance", reactions=filters.rows(ds, "reactions", Filters()))
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
    fig = worldmap.figure(ds["countries"], mode="stance", reactions=filters.rows(ds, "reactions", Filters()))
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
    seed_of = {sid: seed for sid, seed in zip(ds["sources"]["source_id"], ds["sources"]["seed_file"]) if seed}
    for sid, original in zip(ds["sources"]["source_id"], ds["sources"]["copy_of"]):
        if original and sid in seed_of:  # the seed is a copy we read: its original's rows quote it
            seed_of[original] = seed_of[sid]
    rows = {rid: row for _, rid, row in fact_rows(ds)}
    quoting = [
        (seed_of[row.source_id], rid, normalise(row.quote))
        for rid, row in rows.items()
        if row.quote_origin in ("verbatim", "quoted_in") and seed_of.get(row.source_id)
    ]
    listed_in: dict[str, list[str]] = {}
    for entry in ds["seed_coverage"].itertuples():
        for rid in entry.records:
            listed_in.setdefault(rid, []).append(entry.seed_file)
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
                if rid not in rows:
                    out.append(f"{where}: record {rid} does not exist")
            quoted = {rid for s, rid, q in quoting if s == name and q in normalise(block)}
            for rid in sorted(quoted - set(entry.records)):
                out.append(f"{where}: {rid} quotes it but is not listed")
            if not entry.records and not entry.reason:
                out.append(f"{where}: neither carried by a record nor given a reason")
    out += [f"{n[:3]} paragraph {p}: no such paragraph" for n, p in sorted(set(ledger) - seen)]
    # a listed row that quotes its seed must quote one of the paragraphs that list it
    blocks = {(n, i): normalise(b) for n, t in seeds.items() for i, b in enumerate(paragraphs(t), start=1)}
    for name, rid, quote in quoting:
        places = [
            (r.seed_file, int(r.paragraph)) for r in ds["seed_coverage"].itertuples() if rid in r.records
        ]
        places = [p for p in places if p[0] == name]
        if places and not any(verbatim_in(quote, blocks.get(p, "")) for p in places):
            out.append(
                f"{name[:3]}: {rid} is listed, but its quote is in none of the paragraphs that list it"
            )
    return out


@needs_shared
def test_every_seed_paragraph_is_accounted_for(ds):
    assert ledger_problems(ds, seed_texts()) == []


@needs_shared
def test_a_paragraph_left_unaccounted_is_caught(data_copy):
    path = data_copy / "seed_coverage.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    abe = next(r for r in rows if r["records"].startswith("ev001;"))
    abe["records"], abe["reason"] = "", ""  # ev001 quotes it but is no longer listed, and no reason is given
    write_rows(path, rows)
    assert ledger_problems(load(data_copy), seed_texts()) == [
        "000 paragraph 15: ev001 quotes it but is not listed",
        "000 paragraph 15: neither carried by a record nor given a reason",
    ]


@needs_shared
def test_a_row_listed_under_a_paragraph_it_does_not_quote_is_caught(data_copy):
    """The ledger's claim that a row carries a paragraph is checked against the row's quote."""
    path = data_copy / "seed_coverage.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for r in rows:  # ev001 moves from the paragraph it quotes to the one before
        if r["seed_file"].startswith("000") and r["paragraph"] in ("14", "15"):
            r["records"] = "ev001" if r["paragraph"] == "14" else r["records"].replace("ev001;", "")
    write_rows(path, rows)
    found = ledger_problems(load(data_copy), seed_texts())
    assert "000: ev001 is listed, but its quote is in none of the paragraphs that list it" in found
    assert "000 paragraph 15: ev001 quotes it but is not listed" in found


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
    assert "france" in notes and set(ds["events"]["credibility"]) & {"3", "4"}
    assert not ds["partnerships"][ds["partnerships"]["status"] == "blocked"].empty


def test_seed_sources_name_their_file(ds):
    seeds = ds["sources"][ds["sources"]["seed_file"] != ""]
    assert len(seeds) == 5
    if SEEDS_DIR.is_dir():
        assert {f.name for f in SEEDS_DIR.glob("*.txt")} == set(seeds["seed_file"])
