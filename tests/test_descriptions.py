"""Charts that describe themselves: each view's words, checked against the records in view, on tiny
frames and on the curated data; and their place on the page (aria-describedby, the disclosure)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from components import ids, internals, shell
from components.filters import Filters
from components.views import ip4, itpp, network, reactions, registry, timeline, worldmap
from components.views.context import Context


@pytest.fixture(scope="module")
def ctx(ds):
    return Context.of(ds)


def test_timeline_counts_span_busiest_year_and_marks():
    df = pd.DataFrame({"year": [2020, 2023, 2023], "event_type": ["summit", "programme", "statement"]})
    assert (
        timeline.describe(None, df, Filters(), {})
        == "3 events, 2020–2023; most in 2023 (2); 1 summit and 1 programme milestone."
    )


def test_timeline_names_a_busiest_year_only_when_there_is_one(ctx):
    df = pd.DataFrame({"year": [2006, 2010], "event_type": ["speech", "speech"]})
    assert timeline.describe(ctx, df, Filters(), {}) == (
        "2 events, 2006–2010; no summits and no programme milestones."
    )


def test_timeline_of_one_year_and_of_none(ctx):
    one = pd.DataFrame({"year": [1983, 1983], "event_type": ["statement", "speech"]})
    assert timeline.describe(ctx, one, Filters(), {}) == (
        "2 events, all in 1983; no summits and no programme milestones."
    )
    empty = one.iloc[:0]
    assert timeline.describe(ctx, empty, Filters(countries=("KOR",)), {}) == (
        "No events involving South Korea in the years chosen."
    )


def test_timeline_against_the_curated_records(ctx, ds):
    """The issue's example, counted independently from events.csv."""
    f = Filters(countries=("KOR",))
    events = ds["events"][ds["events"]["countries"].map(lambda c: "KOR" in c)]
    years = events["date"].str[:4].astype(int)
    busiest = years.value_counts().sort_index().idxmax()
    text = registry.description(ctx, registry.BY_NAME["timeline"], f, registry.default_options(ds))
    assert text.endswith(
        f"{len(events)} events involving South Korea, {years.min()}–{years.max()}; "
        f"most in {busiest} ({(years == busiest).sum()}); "
        f"{(events['event_type'] == 'summit').sum()} summits and "
        f"{(events['event_type'] == 'programme').sum()} programme milestones."
    )


def test_reactions_separate_states_from_other_voices_and_name_ties(ctx):
    df = pd.DataFrame(
        {
            "actor_id": ["CHN", "RUS", "JPN", "JPN"],
            "position": [True, True, True, False],
            "stance": ["opposed", "opposed", "supportive", "supportive"],
            "stance_score": [-2, -2, 2, 1],
        }
    )
    text = reactions.describe(ctx, df, Filters(countries=("JPN",), domains=("cyber",)), {})
    assert text == (
        "4 statements by or about Japan: 3 by governments and organizations (2 opposed and "
        "1 supportive), 1 from other voices. Most opposed: China and Russia. Most supportive: Japan."
    )  # reactions carry no domain, so the domain filter is not claimed


def test_the_stance_map_names_governments_by_their_own_statements(ctx):
    df = pd.DataFrame(
        {
            "actor_id": ["CHN", "CHN", "KOR", "NATO", "PRK"],
            "position": [True, True, True, True, False],
            "stance_score": [-2, 0, 1, 2, -2],
        }
    )
    text = worldmap.describe(ctx, df, Filters(), {"mode": "stance"})
    # NATO is no country and North Korea's row is another voice: neither colours the map
    assert text == (
        "2 governments coloured by 3 statements of their own; opposed on average: China; "
        "supportive on average: South Korea."
    )
    assert worldmap.describe(ctx, df.iloc[:0], Filters(), {"mode": "stance"}).startswith("No government")


def test_ip4_attendance_and_undated_programmes(ctx):
    df = pd.DataFrame(
        {
            "record_type": ["summit", "summit", "summit", "programme", "programme"],
            "summit": ["Madrid", "Madrid", "Vilnius", "", ""],
            "iso3": ["JPN", "AUS", "AUS", "AUS", "NZL"],
            "attendance": ["attended", "represented", "attended", "", ""],
            "agreed": ["", "", "", "2013-02-21", ""],
        }
    )
    assert ip4.describe(ctx, df, Filters(), {}) == (
        "2 summits: a leader attended 2 times, a representative 1 time (Australia); "
        "2 programme documents agreed in 2013 (1 with no date in the sources)."
    )
    absent = df.assign(attendance=["attended", "absent", "attended", "", ""])
    assert ip4.describe(ctx, absent, Filters(), {}).startswith(
        "2 summits: a leader attended 2 times, a representative no times, no one 1 time;"
    )  # an absence is never counted as the leader's attendance


def test_network_counts_nodes_frameworks_and_dashed_links(ctx):
    df = pd.DataFrame(
        {
            "from_id": ["JPN", "JPN", "KOR"],
            "to_id": ["NATO", "USA", "NATO"],
            "framework": ["ip4_itpp", "us_alliance", "nato"],
            "status": ["active", "active", "blocked"],
        }
    )
    text = network.describe(ctx, df, Filters(), {})
    assert text.startswith("3 partnerships among 4 countries and organizations; largest frameworks: ")
    assert text.endswith("1 link is proposed or blocked, drawn dashed.")


def test_itpp_says_how_much_of_the_programme_is_in_view(ctx, ds):
    areas = ds["itpp_areas"]
    text = itpp.describe(ctx, areas, Filters(), {})
    assert text.startswith(f"{len(areas)} of the programme's {ctx.programme.total} areas, by objective: ")
    assert itpp.describe(ctx, areas.iloc[:0], Filters(domains=("wps",)), {}) == (
        f"No area of the programme's {ctx.programme.total} in Women, peace and security is in view."
    )


FILTERS = [
    Filters(),
    Filters(countries=("JPN", "KOR"), year_from=2022, year_to=2025),
    Filters(domains=("cyber",)),
    Filters(year_from=1983, year_to=1983),
    Filters(countries=("NZL",), domains=("wps",), year_from=1990, year_to=1991),
]


@pytest.mark.parametrize("f", FILTERS, ids=str)
@pytest.mark.parametrize("mode", ["group", "stance"])
def test_every_view_describes_every_state_in_sentences(ctx, ds, f, mode):
    options = registry.default_options(ds) | {"mode": mode}
    for view in registry.VIEWS:
        text = registry.description(ctx, view, f, options)
        assert text.startswith(view.description + " ") and text.endswith(".")
        assert "nan" not in text and "None" not in text and "–." not in text and "()" not in text
        df = view.records(ctx, f, options)
        if view.evidence and not df.empty and view.name != "ip4":
            assert re.search(rf"(^|\s){len(df)} ", text), text  # the count of the records in view


@pytest.mark.parametrize("view", registry.VIEWS, ids=lambda v: v.name)
def test_each_chart_is_described_by_its_disclosure(ctx, view):
    layout = shell.layout(ctx)
    wrapper = next(
        c
        for c in internals.walk(layout)
        if getattr(c, "className", None) == "graph-wrap" and layout[ids.graph(view.name)] in internals.walk(c)
    )
    described = getattr(wrapper, "aria-describedby")
    assert described == ids.description(view.name) and wrapper.role == "figure"
    disclosure = next(
        d for d in wrapper.children if getattr(d, "className", "").startswith("chart-description")
    )
    summary, text = disclosure.children
    assert summary.children == "Describe this chart" and text.id == described
