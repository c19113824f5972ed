"""The filters, each declared once (components/filters.py): every entry read from a link, a
request and the controls, written back, described, named in a file and applied to the tables.
The tests iterate the table, so a new filter is tested by its entry and its own cases here."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import filters, i18n
from components.filters import FILTERS, Filters, ParamError

SAMPLES = {  # per filter: (link parameters, the fields they give, the controls that show them)
    "countries": ({"country": "KOR,JPN"}, {"countries": ("KOR", "JPN")}, {"countries": ["KOR", "JPN"]}),
    "domains": ({"domain": "cyber"}, {"domains": ("cyber",)}, {"domains": ["cyber"]}),
    "years": ({"from": "2010", "to": "2020"}, {"year_from": 2010, "year_to": 2020}, {"years": [2010, 2020]}),
    "min_grade": ({"evidence": "B2"}, {"min_grade": "B2"}, {"reliability": "B", "credibility": "2"}),
}
BAD = {  # per filter: a link value that must be refused, and the parameter named
    "countries": ({"country": "JPN,ZZZ"}, "country"),
    "domains": ({"domain": "warp"}, "domain"),
    "years": ({"from": "1492"}, "from"),
    "min_grade": ({"evidence": "Z9"}, "evidence"),
}


@pytest.fixture(scope="module")
def vocab(ds):
    return filters.Vocab.of(ds)


def test_every_filter_has_its_cases_and_owns_its_fields():
    names = [flt.name for flt in FILTERS]
    assert set(SAMPLES) == set(BAD) == set(names) and len(set(names)) == len(names)
    owned = [field for flt in FILTERS for field in flt.fields]
    assert sorted(owned) == sorted(f.name for f in dataclasses.fields(Filters))
    assert len(set(filters.PARAMS)) == len(filters.PARAMS)
    assert (
        len({c.id for c in filters.CONTROLS})
        == len({c.key for c in filters.CONTROLS})
        == len(filters.CONTROLS)
    )


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.name)
def test_each_filter_round_trips_through_the_link_and_the_controls(vocab, ds, flt):
    params, fields, controls = SAMPLES[flt.name]
    f = dataclasses.replace(filters.everything(vocab), **fields)
    assert filters.parse(params, vocab) == (f, [])
    assert filters.parse(params, vocab, strict=True) == (f, [])
    assert filters.to_params(f, vocab) == params
    assert {k: v for k, v in filters.to_controls(f).items() if k in controls} == controls
    assert filters.from_controls(filters.to_controls(f), vocab) == f
    assert filters.describe(f, ds, i18n.ENGLISH)
    assert filters.slug(f, vocab.years) != "all"


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.name)
def test_a_bad_value_is_dropped_with_a_notice_or_refused_naming_it(vocab, flt):
    params, param = BAD[flt.name]
    f, notices = filters.parse(params, vocab)
    assert len(notices) == 1 and notices[0].endswith("Ignored.")
    with pytest.raises(ParamError) as refused:
        filters.parse(params, vocab, strict=True)
    assert refused.value.param == param and str(refused.value) == notices[0].removesuffix(" Ignored.")
    japanese, notices_ja = filters.parse(params, vocab, tr=i18n.translator("ja"))
    assert japanese == f and notices_ja != notices  # the page's notice in the page's language


def test_an_earlier_one_letter_grade_still_reads(vocab):
    """Links made before the two-part grade (?evidence=b) still open: the letter is read as a
    minimum source reliability, in its canonical form; a worst step means any."""
    assert filters.parse({"evidence": "b"}, vocab)[0].min_grade == "B"
    assert filters.parse({"evidence": "F6"}, vocab) == (filters.everything(vocab), [])
    assert filters.parse({"evidence": "F2"}, vocab)[0].min_grade == "2"
    only = filters.from_controls({"reliability": "any", "credibility": "<x>"}, vocab)
    assert only.min_grade is None


def test_reversed_years_are_swapped_for_a_reader_and_refused_to_a_program(vocab):
    f, notices = filters.parse({"from": "2020", "to": "2010"}, vocab)
    assert (f.year_from, f.year_to) == (2010, 2020) and notices[0].endswith("The two were swapped.")
    with pytest.raises(ParamError, match="is after"):
        filters.parse({"from": "2020", "to": "2010"}, vocab, strict=True)


def test_a_program_may_send_lists(vocab):
    f, _ = filters.parse({"country": ["JPN", "KOR"], "from": 2010}, vocab, strict=True)
    assert (f.countries, f.year_from) == (("JPN", "KOR"), 2010)


def test_the_file_slug_states_every_filter(vocab):
    f = Filters(
        countries=("KOR", "JPN"), domains=("cyber",), year_from=2010, year_to=vocab.years[1], min_grade="B"
    )
    assert filters.slug(f, vocab.years) == "country-JPN-KOR_domain-cyber_from-2010_evidence-B"


def test_the_quick_picks_keep_every_other_filter(vocab):
    f = Filters(domains=("cyber",), year_from=2010, year_to=2020, min_grade="B2")
    picked = dataclasses.replace(f, countries=vocab.ip4)
    assert {k: v for k, v in dataclasses.asdict(picked).items() if k != "countries"} == {
        k: v for k, v in dataclasses.asdict(f).items() if k != "countries"
    }


values = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=30),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(raw=st.fixed_dictionaries({c.key: values for c in filters.CONTROLS}))
def test_from_controls_never_raises(vocab, raw):
    f = filters.from_controls(raw, vocab)
    assert set(f.countries) <= vocab.actors and set(f.domains) <= vocab.domains
    assert vocab.years[0] <= f.year_from <= f.year_to <= vocab.years[1]
    assert f.min_grade is None or vocab.evidence.parse(f.min_grade) is not None


@settings(max_examples=150, deadline=None)
@given(raw=st.fixed_dictionaries({p: values for p in filters.PARAMS}))
def test_a_request_is_either_read_or_refused_naming_a_parameter(vocab, raw):
    try:
        f, _ = filters.parse(raw, vocab, strict=True)
    except ParamError as exc:
        assert exc.param in filters.PARAMS and str(exc)
    else:
        assert set(f.countries) <= vocab.actors


def test_filtering_semantics(ds, vocab):
    ev = filters.rows(
        ds, "events", Filters(countries=("KOR",), year_from=vocab.years[0], year_to=vocab.years[1])
    )
    assert len(ev) and all("KOR" in c + o for c, o in zip(ev["countries"], ev["organizations"]))
    cyber = filters.rows(ds, "events", Filters(domains=("cyber",)))
    assert len(cyber) and all("cyber" in d for d in cyber["domains"])
    ev = filters.rows(ds, "events", Filters(year_from=2022, year_to=2023))
    assert ev["year"].between(2022, 2023).all()
    # a filter a table has no dimension for keeps all its rows
    assert len(filters.rows(ds, "reactions", Filters(domains=("cyber",)))) == len(ds["reactions"])
