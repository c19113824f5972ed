"""The view's state (components/state.py): filters validated against the data's vocabularies,
from a link or from the controls, and back to a link."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import state
from components.data import Filters, query
from components.views import registry


@pytest.fixture(scope="module")
def vocab(ds):
    return state.Vocab.of(ds, (option for _, option in registry.OPTIONS))


def test_round_trip(vocab):
    f = Filters(("JPN", "KOR"), ("cyber", "maritime"), 2014, 2023)
    link = state.to_query(f, vocab)
    assert link == "?country=JPN,KOR&domain=cyber,maritime&from=2014&to=2023"
    assert state.from_query(link, vocab) == (f, vocab.default_options, [])


def test_evidence_grade_round_trip(vocab):
    """A minimum two-part grade (both parts, or either) lives in the link and the two controls."""
    for grade, controls in (("B2", ("B", "2")), ("B", ("B", "any")), ("3", ("any", "3"))):
        f = Filters(("JPN",), (), *vocab.years, grade)
        assert state.to_query(f, vocab) == f"?country=JPN&evidence={grade}"
        assert state.from_query(f"?country=JPN&evidence={grade}", vocab) == (f, vocab.default_options, [])
        shown = state.controls(f)
        assert (shown["reliability"], shown["credibility"]) == controls
        assert state.from_controls(["JPN"], [], list(vocab.years), *controls, vocab) == f


def test_an_earlier_one_letter_grade_still_reads(vocab):
    """Links made before the two-part grade (?evidence=b) still open: the letter is read as a
    minimum source reliability, in its canonical form."""
    f, _, notices = state.from_query("?evidence=b", vocab)
    assert (f.min_grade, notices) == ("B", [])
    assert state.to_query(f, vocab) == "?evidence=B"


@pytest.mark.parametrize("value", ["Z", "best", "<script>", "A,B", "B7", "22"])
def test_unknown_evidence_grade_gives_a_notice(vocab, value):
    f, _, notices = state.from_query(f"?evidence={value}", vocab)
    assert f.min_grade is None
    assert len(notices) == 1 and "is not an evidence grade" in notices[0] and "A–F" in notices[0]


def test_the_lowest_steps_mean_any_grade(vocab):
    f, _, notices = state.from_query("?evidence=F6", vocab)
    assert (f.min_grade, notices) == (None, [])
    assert state.from_controls([], [], None, "F", "6", vocab).min_grade is None
    assert state.from_controls([], [], None, "any", "<x>", vocab).min_grade is None
    assert (state.controls(f)["reliability"], state.controls(f)["credibility"]) == ("any", "any")
    assert state.from_query("?evidence=F2", vocab)[0].min_grade == "2"


def test_default_view_has_empty_query(vocab):
    assert state.to_query(Filters((), (), *vocab.years), vocab) == ""
    assert state.file_slug(Filters((), (), *vocab.years), vocab.years) == "all"


def test_chart_options_are_in_the_link(vocab, ds):
    """The link is the whole view: each option not at its default, in canonical order."""
    f = Filters((), (), *vocab.years)
    frameworks = [v for v, _ in registry.BY_NAME["network"].option.choices(ds)]
    options = (("lanes", "actor"), ("mode", "stance"), ("frameworks", (frameworks[1], frameworks[0])))
    link = state.to_query(f, vocab, options)
    assert link == f"?lanes=actor&map=stance&frameworks={frameworks[1]},{frameworks[0]}"
    back, opened, notices = state.from_query(link, vocab)
    assert (back, notices) == (f, [])
    assert dict(opened)["frameworks"] == (frameworks[0], frameworks[1])  # the checklist's own order
    assert state.to_query(f, vocab, vocab.default_options) == ""
    none = state.to_query(f, vocab, (("frameworks", ()),))
    assert none == "?frameworks=" and dict(state.from_query(none, vocab)[1])["frameworks"] == ()


@pytest.mark.parametrize("link", ["?lanes=sideways", "?map=<b>", "?frameworks=nato,warsaw"])
def test_an_unknown_option_value_gives_a_notice(vocab, link):
    _, options, notices = state.from_query(link, vocab)
    assert len(notices) == 1 and "ignored" in notices[0]
    if "frameworks" in link:
        assert dict(options)["frameworks"] == ("nato",)
    else:
        assert options == vocab.default_options


def test_the_file_slug_states_every_filter(vocab):
    f = Filters(("KOR", "JPN"), ("cyber",), 2010, vocab.years[1], "B")
    assert state.file_slug(f, vocab.years) == "country-JPN-KOR_domain-cyber_from-2010_evidence-B"


def test_unknown_values_give_notices(vocab):
    f, _, notices = state.from_query("?country=JPN,XXX&domain=nope&from=abc&to=2023&evil=1", vocab)
    assert f == Filters(("JPN",), (), vocab.years[0], 2023)
    text = " ".join(notices)
    assert "XXX" in text and "nope" in text and "from=abc" in text and "evil" in text


def test_reversed_years_are_sorted(vocab):
    f, _, _ = state.from_query("?from=2020&to=2010", vocab)
    assert (f.year_from, f.year_to) == (2010, 2020)


def test_huge_query_is_refused(vocab):
    f, _, notices = state.from_query("?country=" + "JPN," * 5000, vocab)
    assert f.countries == () and notices


def test_from_controls_drops_unknown(vocab):
    f = state.from_controls(["JPN", 5, None, "ZZZ", "JPN"], "cyber", [1800, 3000], None, None, vocab)
    assert f == Filters(("JPN",), (), *vocab.years)


def test_quick_picks_come_from_the_data(vocab, ds):
    assert vocab.ip4 == (*ds.table("ip4").extras["partner-order"], ds.table("ip4").extras["group"])
    assert set(vocab.nato) == set(ds["countries"].loc[ds["countries"]["nato_member_since"].notna(), "iso3"])


def test_a_grouped_marks_long_id_list_is_cut_between_ids():
    ids_ = ";".join(f"event-with-a-long-identifier-{i:04d}" for i in range(80))
    kind, record_ids = state.clicked_record({"points": [{"customdata": [ids_, "event"]}]}, {"event"})
    assert kind == "event" and len(record_ids) <= 2000
    assert all(i in ids_.split(";") for i in record_ids.split(";"))
    assert state.clicked_record({"points": [{"customdata": ["x", "forged"]}]}, {"event"}) is None


values = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=30),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(countries=values, domains=values, years=values, reliability=values, credibility=values)
def test_from_controls_never_raises(vocab, countries, domains, years, reliability, credibility):
    f = state.from_controls(countries, domains, years, reliability, credibility, vocab)
    assert set(f.countries) <= vocab.actors and set(f.domains) <= vocab.domains
    assert vocab.years[0] <= f.year_from <= f.year_to <= vocab.years[1]
    assert f.min_grade is None or vocab.evidence.parse(f.min_grade) is not None


@settings(max_examples=200, deadline=None)
@given(search=st.text(max_size=200))
def test_from_query_never_raises_and_round_trips(vocab, search):
    f, options, notices = state.from_query(search, vocab)
    assert set(f.countries) <= vocab.actors and set(f.domains) <= vocab.domains
    assert all(isinstance(n, str) for n in notices)
    assert state.from_query(state.to_query(f, vocab, options), vocab) == (f, options, [])


def test_filtering_semantics(ds, vocab):
    ev = query.events(ds, state.from_controls(["KOR"], [], None, None, None, vocab))
    assert all("KOR" in c + o for c, o in zip(ev["countries"], ev["organizations"]))
    assert all("cyber" in d for d in query.events(ds, Filters((), ("cyber",), *vocab.years))["domains"])
    ev = query.events(ds, state.from_controls([], [], [2022, 2023], None, None, vocab))
    assert ev["year"].between(2022, 2023).all()
