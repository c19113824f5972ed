"""Every fact row carries evidence: a known source and a quote found verbatim in it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import BRIEF, SEEDS_DIR

FACT_TABLES = ("events", "itpp_areas", "ip4", "partnerships", "reactions")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Whitespace runs to one space, typographic quotes to straight ones."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def fact_rows(ds):
    for table in FACT_TABLES:
        for row in ds[table].itertuples():
            yield table, row


def test_minimum_sizes(ds):
    assert len(ds["events"]) >= 40
    assert len(ds["partnerships"]) >= 40
    assert len(ds["reactions"]) >= 12
    assert set(ds["ip4"].query("record_type == 'summit'")["summit"]) == {
        "Madrid 2022",
        "Vilnius 2023",
        "Washington 2024",
    }


def test_every_fact_row_has_a_quote(ds):
    for table, row in fact_rows(ds):
        assert row.quote.strip(), f"{table}:{row.line} has no quote"


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="shared/seeds not beside the checkout")
def test_seed_quotes_are_verbatim(ds):
    seeds = ds["sources"].set_index("source_id")["seed_file"]
    texts = {f.name: normalise(f.read_text(encoding="utf-8")) for f in SEEDS_DIR.glob("*.txt")}
    missing = []
    for table, row in fact_rows(ds):
        if row.quote_origin != "seed":
            continue
        seed_file = seeds.get(row.source_id, "")
        assert seed_file in texts, f"{table}.csv:{row.line}: {row.source_id} is not a seed"
        if normalise(row.quote) not in texts[seed_file]:
            missing.append(f"{table}.csv:{row.line}: {row.quote[:60]}")
    assert missing == []


@pytest.mark.skipif(not BRIEF.is_file(), reason="shared/research-brief.md not beside the checkout")
def test_brief_quotes_are_verbatim(ds):
    brief = normalise(BRIEF.read_text(encoding="utf-8").replace("**", "").replace("`", ""))
    missing = [
        f"{table}.csv:{row.line}: {row.quote[:60]}"
        for table, row in fact_rows(ds)
        if row.quote_origin != "seed" and normalise(row.quote) not in brief
    ]
    assert missing == []


def test_seed_sources_name_their_file(ds):
    seeds = ds["sources"][ds["sources"]["seed_file"] != ""]
    assert len(seeds) == 5
    if SEEDS_DIR.is_dir():
        assert {f.name for f in SEEDS_DIR.glob("*.txt")} == set(seeds["seed_file"])


def test_itpp_declared_total_is_sourced(ds):
    total = ds.meta["itpp_areas"]["declared_total"]
    assert total["value"] == 16
    assert total["source_id"] in set(ds["sources"]["source_id"])
    assert len(ds["itpp_areas"]) <= 16


def test_contradictions_are_recorded(ds):
    notes = " ".join(ds["events"]["note"]).lower()
    assert "france" in notes and "unverified" in " ".join(ds["events"]["verification"])
    tokyo = ds["partnerships"][ds["partnerships"]["status"] == "blocked"]
    assert not tokyo.empty
