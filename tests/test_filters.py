"""URL parameters and filter values are validated against the data's vocabularies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import filters
from components.data import Filters, query


@pytest.fixture(scope="module")
def vocab(ds):
    return filters.Vocab.of(ds)


def test_round_trip(vocab):
    query = filters.build_query(["JPN", "KOR"], ["cyber", "maritime"], [2014, 2023], vocab)
    assert query == "?country=JPN,KOR&domain=cyber,maritime&from=2014&to=2023"
    state, notices = filters.parse_query(query, vocab)
    assert notices == []
    assert state == {
        "country": ["JPN", "KOR"],
        "domain": ["cyber", "maritime"],
        "years": [2014, 2023],
        "evidence": "",
    }


def test_evidence_grade_round_trip(vocab):
    query = filters.build_query(["JPN"], [], list(vocab.years), vocab, "B")
    assert query == "?country=JPN&evidence=B"
    state, notices = filters.parse_query(query, vocab)
    assert (state["evidence"], notices) == ("B", [])
    assert filters.to_filters(["JPN"], [], list(vocab.years), vocab, "b").min_grade == "B"


@pytest.mark.parametrize("value", ["Z", "best", "<script>", "A,B"])
def test_unknown_evidence_grade_gives_a_notice(vocab, value):
    state, notices = filters.parse_query(f"?evidence={value}", vocab)
    assert state["evidence"] == ""
    assert len(notices) == 1 and "is not an evidence grade (A, B, C, D)" in notices[0]


def test_the_lowest_grade_means_any_grade(vocab):
    state, notices = filters.parse_query("?evidence=E", vocab)
    assert (state["evidence"], notices) == ("", [])
    assert filters.build_query([], [], list(vocab.years), vocab, "E") == ""


def test_default_view_has_empty_query(vocab):
    assert filters.build_query([], [], list(vocab.years), vocab) == ""


def test_unknown_values_give_notices(vocab):
    state, notices = filters.parse_query("?country=JPN,XXX&domain=nope&from=abc&to=2023&evil=1", vocab)
    assert state["country"] == ["JPN"]
    assert state["domain"] == []
    assert state["years"] == [vocab.years[0], 2023]
    text = " ".join(notices)
    assert "XXX" in text and "nope" in text and "from=abc" in text and "evil" in text


def test_reversed_years_are_sorted(vocab):
    state, _ = filters.parse_query("?from=2020&to=2010", vocab)
    assert state["years"] == [2010, 2020]


def test_huge_query_is_refused(vocab):
    state, notices = filters.parse_query("?country=" + "JPN," * 5000, vocab)
    assert state["country"] == [] and notices


def test_to_filters_drops_unknown(vocab):
    f = filters.to_filters(["JPN", 5, None, "ZZZ"], "cyber", [1800, 3000], vocab)
    assert f == Filters(frozenset({"JPN"}), frozenset(), *vocab.years)


values = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=30),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(countries=values, domains=values, years=values)
def test_filters_never_raise(vocab, countries, domains, years):
    f = filters.to_filters(countries, domains, years, vocab)
    assert f.countries <= vocab.actors and f.domains <= vocab.domains
    assert vocab.years[0] <= f.year_from <= f.year_to <= vocab.years[1]


@settings(max_examples=200, deadline=None)
@given(search=st.text(max_size=200))
def test_parse_query_never_raises(vocab, search):
    state, notices = filters.parse_query(search, vocab)
    assert set(state["country"]) <= vocab.actors
    assert set(state["domain"]) <= vocab.domains
    assert all(isinstance(n, str) for n in notices)


def test_filtering_semantics(ds, vocab):
    f = filters.to_filters(["KOR"], [], None, vocab)
    ev = query.events(ds, f)
    assert all("KOR" in c + o for c, o in zip(ev["countries"], ev["organizations"]))
    f = filters.to_filters([], ["cyber"], None, vocab)
    assert all("cyber" in d for d in query.events(ds, f)["domains"])
    f = filters.to_filters([], [], [2022, 2023], vocab)
    assert query.events(ds, f)["year"].between(2022, 2023).all()
