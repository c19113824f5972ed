"""The view's state (components/state.py): a link's filters, chart options, language and
record, validated, and back to a link. Each filter on its own: tests/test_filters.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import filters, state
from components.filters import Filters
from components.views import registry


@pytest.fixture(scope="module")
def vocab(ds):
    return state.Vocab.of(ds, (option for _, option in registry.OPTIONS))


def test_round_trip(vocab):
    f = Filters(countries=("JPN", "KOR"), domains=("cyber", "maritime"), year_from=2014, year_to=2023)
    link = state.to_query(f, vocab)
    assert link == "?country=JPN,KOR&domain=cyber,maritime&from=2014&to=2023"
    assert state.from_query(link, vocab) == (f, vocab.default_options, [])


def test_default_view_has_empty_query(vocab):
    assert state.to_query(filters.everything(vocab), vocab) == ""
    assert filters.slug(filters.everything(vocab), vocab.years) == "all"


def test_chart_options_are_in_the_link(vocab, ds):
    """The link is the whole view: each option not at its default, in canonical order."""
    f = filters.everything(vocab)
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


def test_unknown_values_give_notices(vocab):
    f, _, notices = state.from_query("?country=JPN,XXX&domain=nope&from=abc&to=2023&evil=1", vocab)
    assert f == Filters(countries=("JPN",), year_from=vocab.years[0], year_to=2023)
    text = " ".join(notices)
    assert "XXX" in text and "nope" in text and "from=abc" in text and "evil" in text


def test_huge_query_is_refused(vocab):
    f, _, notices = state.from_query("?country=" + "JPN," * 5000, vocab)
    assert f.countries == () and notices


def test_quick_picks_come_from_the_data(vocab, ds):
    assert vocab.ip4 == (*ds.table("ip4").extras["partner-order"], ds.table("ip4").extras["group"])
    assert set(vocab.nato) == set(ds["countries"].loc[ds["countries"]["nato_member_since"].notna(), "iso3"])


def test_a_grouped_marks_long_id_list_is_cut_between_ids():
    ids_ = ";".join(f"event-with-a-long-identifier-{i:04d}" for i in range(80))
    kind, record_ids = state.clicked_record({"points": [{"customdata": [ids_, "event"]}]}, {"event"})
    assert kind == "event" and len(record_ids) <= 2000
    assert all(i in ids_.split(";") for i in record_ids.split(";"))
    assert state.clicked_record({"points": [{"customdata": ["x", "forged"]}]}, {"event"}) is None


@settings(max_examples=200, deadline=None)
@given(search=st.text(max_size=200))
def test_from_query_never_raises_and_round_trips(vocab, search):
    f, options, notices = state.from_query(search, vocab)
    assert set(f.countries) <= vocab.actors and set(f.domains) <= vocab.domains
    assert all(isinstance(n, str) for n in notices)
    assert state.from_query(state.to_query(f, vocab, options), vocab) == (f, options, [])
