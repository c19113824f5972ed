"""Figure builders are pure functions of small frames."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import evidence, evidence_table, style
from components.views import (
    ip4,
    itpp,
    network,
    reactions,
    timeline,
    timeline_marks,
    worldmap,
)
from components.views.context import Context
from components.views.network import layout as network_layout


@pytest.fixture(scope="module")
def ctx(ds):
    return Context.of(ds)


@pytest.fixture
def lookups(ds):
    return {
        "names": dict(ds.names),
        "domain_labels": dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"])),
        "type_labels": ds.labels("events", "event_type"),
    }


@pytest.fixture
def itpp_words(ds):
    """What the ITPP treemap needs besides its rows."""
    return {
        "root": "ITPP 2023–2026",
        "objective_labels": ds.labels("itpp_areas", "objective"),
        "ipcp_labels": ds.labels("itpp_areas", "in_ipcp"),
    }


def marks(fig) -> list:
    """The traces that draw records (legend-only traces, such as the grade key, carry none)."""
    return [t for t in fig.data if t.customdata is not None]


def unchanged(df: pd.DataFrame, build):
    """Run ``build(df)`` and assert it left ``df`` as it was."""
    before = df.copy(deep=True)
    fig = build(df)
    pd.testing.assert_frame_equal(df, before)
    return fig


def test_timeline_lanes_by_domain(ds, lookups):
    df = ds["events"].head(6)
    fig = unchanged(df, lambda d: timeline.figure(d, lanes="domain", **lookups))
    lanes = {y for t in marks(fig) for y in t.y}
    expected = {lookups["domain_labels"][d] for ds_ in df["domains"] for d in ds_}
    assert lanes == expected
    ids = {i for t in marks(fig) for c in t.customdata for i in c[0].split(";")}
    assert ids == set(df["event_id"])


def test_timeline_lanes_by_actor(ds, lookups):
    df = ds["events"].head(6)
    fig = timeline.figure(df, lanes="actor", **lookups)
    lanes = {y for t in marks(fig) for y in t.y}
    assert lanes == {lookups["names"][a] for c, o in zip(df["countries"], df["organizations"]) for a in c + o}


def test_timeline_symbols_by_event_type(ds, lookups):
    fig = timeline.figure(ds["events"], **lookups)
    symbols = {t.name: {s.removesuffix("-open") for s in t.marker.symbol} for t in marks(fig)}
    assert symbols[lookups["type_labels"]["summit"]] == {"star"}
    assert all(len(s) == 1 for s in symbols.values())
    assert len(set().union(*symbols.values())) == len(symbols)  # one shape per event type


def test_marks_show_their_evidence_grade(ds, lookups):
    """Solid for A–B sources with 1–2 information, hollow for D–F or 4–6, faded between, with
    the key in the legend."""
    fig = timeline.figure(ds["events"], **lookups)
    grade = dict(zip(ds["events"]["event_id"], ds["events"]["grade"]))
    for trace in marks(fig):
        for (events, _), symbol, opacity in zip(trace.customdata, trace.marker.symbol, trace.marker.opacity):
            band = style.band(grade[events.split(";")[0]])  # a shared day's mark shows its lead's
            assert symbol.endswith("-open") == (band == "weak"), events
            assert opacity < 0.5 if band == "fair" else opacity == 0.9
    keys = {t.name for t in fig.data if t.customdata is None}
    assert set(style.GRADE_BAND_LABELS.values()) <= keys


@pytest.mark.parametrize(
    "build",
    [
        lambda ds, lk: timeline.figure(ds["events"].iloc[0:0], **lk),
        lambda ds, lk: network.figure(ds["partnerships"].iloc[0:0], positions={}, names={}, groups={}),
        lambda ds, lk: itpp.figure(
            ds["itpp_areas"].iloc[0:0], total=16, identified=12, root="", objective_labels={}, ipcp_labels={}
        ),
        lambda ds, lk: ip4.figure(ds["ip4"].iloc[0:0], names={}),
        lambda ds, lk: reactions.figure(ds["reactions"].iloc[0:0], names={}),
    ],
)
def test_empty_state(ds, lookups, build):
    fig = build(ds, lookups)
    assert isinstance(fig, go.Figure)
    assert fig.data == ()
    assert "match these filters" in fig.layout.annotations[0].text


def test_map_groups(ds):
    fig = unchanged(ds["countries"], lambda d: worldmap.figure(d))
    by_group = {t.name: set(t.locations) for t in fig.data}
    assert len(by_group["NATO ally"]) == 32
    assert by_group["IP4 partner"] == {"JPN", "KOR", "AUS", "NZL"}


def test_map_stance_mode(ds):
    fig = worldmap.figure(ds["countries"], mode="stance", reactions=ds["reactions"])
    trace = fig.data[0]
    assert trace.zmin == -2 and trace.zmax == 2
    countries = set(ds["countries"]["iso3"])
    governments = ds["reactions"][ds["reactions"]["speaker_type"] == "government"]
    assert set(trace.locations) == set(governments["actor_id"]) & countries


@pytest.fixture
def coords(ds):
    return {r.iso3: (r.lon, r.lat) for r in ds["countries"].itertuples()}


def test_network_positions_are_deterministic(ds, coords):
    first = network_layout.positions(ds["partnerships"], coords)
    assert first == network_layout.positions(ds["partnerships"].sample(frac=1, random_state=3), coords)
    assert set(first) == set(ds["partnerships"]["from_id"]) | set(ds["partnerships"]["to_id"])


def test_network_dashes_non_active(ds, coords):
    pos = network_layout.positions(ds["partnerships"], coords)
    fig = network.figure(ds["partnerships"], positions=pos, names=dict(ds.names), groups={})
    dashed = [t for t in fig.data if t.mode == "lines" and t.line.dash == "dash"]
    assert dashed, "blocked/proposed edges are dashed"
    edges = next(t for t in fig.data if t.name == "edges")
    assert len(edges.customdata) == len(ds["partnerships"])


def copies(df: pd.DataFrame, key: str, n: int) -> pd.DataFrame:
    """``n`` copies of ``df`` with unique ``key`` values, as bench/synth.py grows the data."""
    return pd.concat(
        [df.assign(**{key: df[key] + f"_s{i}"}) if i else df for i in range(n)], ignore_index=True
    )


def test_timeline_bins_marks_when_events_are_many(ds, lookups, monkeypatch):
    """Past MAX_MARKS, one mark per lane, year and type: the mark count stops growing
    with the data, every event still counts, and a mark's click carries its event ids."""
    events = ds["events"].head(8)
    monkeypatch.setattr(timeline, "MAX_MARKS", 10_000)
    one = timeline.figure(events, **lookups)
    monkeypatch.setattr(timeline, "MAX_MARKS", 20)
    many = copies(events, "event_id", 5)
    fig = unchanged(many, lambda d: timeline.figure(d, **lookups))
    drawn = sum(len(t.x) for t in marks(fig))
    assert drawn <= sum(len(t.x) for t in marks(one))
    assert "one mark per lane, year and type" in fig.layout.legend.title.text
    counted = sum(
        int(h.split("</b>")[0].removeprefix("<b>").split()[0]) for t in marks(fig) for h in t.hovertext
    )
    lanes = timeline_marks.lanes(many, "domain", {}, {})
    assert counted == len(lanes)  # every (event, lane) in exactly one mark
    ids = {i for t in marks(fig) for c in t.customdata for i in c[0].split(";")}
    assert ids == set(many["event_id"])
    assert all(c[1] == "event" for t in marks(fig) for c in t.customdata)


def test_network_bundles_parallel_edges_when_many(ds, coords, monkeypatch):
    edges = ds["partnerships"]
    pos = network_layout.positions(edges, coords)
    monkeypatch.setattr(network, "MAX_EDGES", len(edges))
    many = copies(edges, "edge_id", 3)
    fig = unchanged(many, lambda d: network.figure(d, positions=pos, names=dict(ds.names), groups={}))
    lines = next(t for t in fig.data if t.name == "edges")
    pairs = {
        (tuple(sorted(p)), f, s)
        for *p, f, s in zip(edges["from_id"], edges["to_id"], edges["framework"], edges["status"])
    }
    assert len(lines.customdata) == len(pairs)
    assert {i for c in lines.customdata for i in c[0].split(";")} == set(many["edge_id"])
    assert any(h.count("partnerships: ") for h in lines.hovertext)


def test_itpp_shows_the_areas_the_sources_do_not_name(ds, itpp_words):
    """A grey block stands for the areas counted in the programme but named by no source; it
    is there exactly when some are missing."""
    areas = ds["itpp_areas"].head(10)
    fig = unchanged(areas, lambda d: itpp.figure(d, total=16, identified=len(d), **itpp_words))
    assert f"{itpp.UNIDENTIFIED} (6)" in list(fig.data[0].labels)
    note = itpp.note(10, 10, 16)
    assert note.startswith(
        "10 of the 16 areas are identified in the sources this project could read; 6 are not"
    )
    assert "could not be retrieved" in note
    complete = itpp.figure(areas, total=10, identified=10, **itpp_words)
    assert not any(label.startswith(itpp.UNIDENTIFIED) for label in complete.data[0].labels)


def test_ip4_matrix(ds, ctx):
    fig = unchanged(ds["ip4"], lambda d: ip4.figure(d, names=dict(ds.names), partners=ctx.partner_order))
    summit_points = sum(len(t.x) for t in fig.data if t.xaxis == "x")
    assert summit_points == (ds["ip4"]["record_type"] == "summit").sum()
    top_down = [ds.names[p] for p in ctx.partner_order]
    assert list(fig.layout.yaxis.categoryarray) == top_down[::-1]  # the data's reading order


def test_ip4_partner_order_and_labels_come_from_the_data(ds):
    fig = ip4.figure(
        ds["ip4"], names=dict(ds.names), partners=("NZL", "JPN"), attendance_labels={"attended": "Went"}
    )
    order = list(fig.layout.yaxis.categoryarray)[::-1]
    assert order[:2] == [ds.names["NZL"], ds.names["JPN"]]
    assert "Went" in {t.name for t in fig.data}


def test_reactions_diverging(ds):
    """Bars hold governments' and organizations' statements only; other voices are dots apart."""
    df = ds["reactions"]
    fig = unchanged(
        df,
        lambda d: reactions.figure(
            d, names=dict(ds.names), speaker_types=ds.labels("reactions", "speaker_type")
        ),
    )
    bars = next(t for t in fig.data if t.type == "bar")
    dots = next(t for t in fig.data if t.name == "Other voices")
    assert min(bars.x) < 0 < max(bars.x)
    in_bars = {i for c in bars.customdata for i in c[0].split(";")}
    assert in_bars == set(df.loc[df["position"], "reaction_id"])
    assert {c[0] for c in dots.customdata} == set(df.loc[~df["position"], "reaction_id"])
    assert all(re.search(r"\((analyst|former official)\) · ", text) for text in dots.text)


def test_hover_text_is_escaped(ds, lookups):
    df = ds["events"].head(1).copy()
    df["title"] = "<img src=x onerror=alert(1)>"
    fig = timeline.figure(df, **lookups)
    assert "<img" not in fig.data[0].hovertext[0]
    assert "&lt;img" in fig.data[0].hovertext[0]


def test_evidence_records_cover_all_kinds(ds, ctx):
    frames = {k: ds[k] for k in ("events", "partnerships", "itpp_areas", "ip4", "reactions")}
    rows = evidence.records(frames, ctx)
    assert len(rows) == sum(len(f) for f in frames.values())
    assert set(rows["kind"]) == set(evidence.KIND_LABELS)
    areas = rows[rows["kind"] == "itpp"]
    assert set(areas["date"]) == {ctx.programme.agreed}  # the ITPP's date, from its ip4 record


def test_evidence_search_and_sort(ds, ctx):
    rows = evidence.records({"events": ds["events"]}, ctx)
    hit = evidence.select(rows, search="WILLIAMSBURG")
    assert (
        not hit.empty
        and hit["title"].str.contains("Williamsburg", case=False).any()
        | hit["quote"].str.contains("Williamsburg").any()
    )
    asc = evidence.select(rows, sort="date-asc")
    assert list(asc["date"]) == sorted(asc["date"])


def test_the_validation_check_catches_a_bad_property():
    """Guard for the test above: a wrong property in an unvalidated figure does raise there."""
    fig = style.build_figure([{"type": "scatter", "markr": {"size": 3}}], {"height": 100}, style.LIGHT)
    with pytest.raises(ValueError, match="markr"):
        go.Figure(fig.to_dict())


def test_hovers_never_put_a_summary_in_quotation_marks(ds):
    import html as html_

    df = ds["reactions"]
    fig = reactions.figure(df, names=dict(ds.names), publishers={})
    hovers = " ".join(h for t in marks(fig) for h in t.hovertext)
    for row in df[df["quote_origin"] == "summary"].itertuples():
        start = html_.escape(row.quote[:25])
        assert f"Summary: {start}" in hovers and f"“{start}" not in hovers, row.reaction_id
    for row in df[df["quote_origin"] == "verbatim"].itertuples():
        assert f"“{html_.escape(row.quote[:25])}" in hovers, row.reaction_id


def test_evidence_table_labels_each_records_text(ds, ctx):
    """Quotation marks (<q>) only around verbatim words; a summary says it is one; every row
    shows its two-part grade as text, each part in words with its reason, and when it was
    checked."""
    frames = {k: ds[k] for k in ("events", "partnerships", "itpp_areas", "ip4", "reactions")}
    rows = evidence.records(frames, ctx)
    grades, src = ctx.grades, ds["sources"].set_index("source_id")
    table = evidence_table.table(rows, ctx)
    for tr, row in zip(table.children[1].children, rows.itertuples()):
        text_cell, grade_cell = tr.children[5].children, tr.children[7].children
        label, body = "".join(p for p in text_cell[0].children if isinstance(p, str)), text_cell[1]
        if row.quote_origin == "summary":
            assert label == "Summary (not a quotation)" and body.__class__.__name__ == "Div"
        elif row.quote_origin == "translation":
            assert label == "Our translation (not the source's words)" and body.__class__.__name__ == "Div"
        else:
            assert label.startswith(("Quote", "Quoted in ")) and body.__class__.__name__ == "Q"
        reliability = src.at[row.source_id, "reliability_reason"]
        assert grade_cell[0].children == row.grade and grade_cell[0].title == grades[row.grade]
        source, information = grade_cell[1].children, grade_cell[2].children
        assert source[0].startswith(f"Source {row.grade[0]}, ") and source[1].children == reliability
        assert information[0].startswith(f"Information {row.grade[1]}, ")
        assert information[1].children == (row.credibility_reason or information[1].children)
        assert information[1].lang == (
            "ja" if any(ord(ch) > 0x3000 for ch in information[1].children) else "en"
        )
        assert grade_cell[3].children == f"Checked {ctx.tr.record_date(row.checked_on)}"


def _span_days(axis) -> float:
    start, end = (pd.Timestamp(v) for v in axis.range)
    return (end - start).days


@pytest.mark.parametrize(
    "first, last", [("2023-07-11", "2023-07-11"), ("2023-07-11", "2023-07-12"), ("1983", "2025")]
)
def test_a_date_axis_reads_as_dates_at_any_span(first, last):
    from components.views.axes import date_axis

    axis = go.layout.XAxis(date_axis(first, last))
    assert _span_days(axis) >= 365
    assert "%H" not in axis.tickformat and axis.dtick.startswith("M")  # months or years, never hours


def test_date_axes_at_a_one_day_range(ds, lookups, ctx):
    """The timeline and the IP4 programme panel with records on a single day."""
    one_day = ds["events"][ds["events"]["date"] == "2023-07-12"]
    fig = timeline.figure(one_day, **lookups)
    assert _span_days(fig.layout.xaxis) >= 365 and fig.layout.xaxis.dtick == "M3"
    ip4_rows = ds["ip4"][ds["ip4"]["agreed"] == "2023-07-12"]
    fig = ip4.figure(ip4_rows, names=dict(ds.names), partners=ctx.partner_order)
    assert _span_days(fig.layout.xaxis2) >= 365 and fig.layout.xaxis2.tickformat == "%b<br>%Y"


def test_marks_that_share_a_day_and_lane_are_one_mark_led_by_the_summit(ds, lookups):
    """Vilnius: the summit and other events of 11 July 2023 in one lane are one star, which
    names the summit first in its hover and its click."""
    summit = ds["events"].set_index("event_id").loc["ev054"]
    same_day = ds["events"][ds["events"]["date"] == summit["date"]]
    assert len(same_day) > 1
    fig = timeline.figure(same_day, lanes="domain", **lookups)
    stars = [t for t in marks(fig) if t.name == lookups["type_labels"]["summit"]]
    assert len(stars) == 1
    for ids_, hover in zip((c[0] for c in stars[0].customdata), stars[0].hovertext):
        assert ids_.split(";")[0] == "ev054" and hover.startswith(f"<b>{summit['title'][:20]}")
    shown = [(x, y) for t in marks(fig) for x, y in zip(t.x, t.y)]
    assert len(shown) == len(set(shown))  # nothing hides under another mark


def test_a_summit_in_a_partners_lane_shows_who_went(ds, lookups, ctx):
    """Lanes by country: The Hague 2025 is a star only where the leader attended."""
    hague = ds["events"][ds["events"]["event_id"] == "ev077"]
    fig = timeline.figure(hague, lanes="actor", attendance=timeline_marks.attendance(ds["ip4"]), **lookups)
    by_lane = {y: t for t in marks(fig) for y in t.y}
    assert by_lane[ds.names["NZL"]].name == lookups["type_labels"]["summit"]
    for partner in ("JPN", "KOR", "AUS"):
        trace = by_lane[ds.names[partner]]
        assert trace.name.startswith("Summit, leader absent") and trace.marker.symbol[0] == "diamond"
        hover = trace.hovertext[list(trace.y).index(ds.names[partner])]
        assert "did not attend" in hover and "went instead" in hover


def test_a_source_read_in_a_copy_names_the_copy_and_links_to_it(ds, ctx):
    """The evidence table cites the original, says which copy it was read via, and links to an
    address a reader can follow (the original's own, else the copy's)."""
    src = ds["sources"].set_index("source_id")
    copies = src[src["read"] == "copy"].index
    events = ds["events"][ds["events"]["source_id"].isin(copies)]
    assert not events.empty, "no record read in a copy: the test would prove nothing"
    rows = evidence.records({"events": events}, ctx)
    table = evidence_table.table(rows, ctx)
    for tr, row in zip(table.children[1].children, rows.itertuples()):
        source_cell = tr.children[6].children
        s = src.loc[row.source_id]
        assert source_cell[0].href == s["address"] and s["address"].startswith("http")
        assert source_cell[2].children == f"read via {s['read_via']}" and s["read_via"]
