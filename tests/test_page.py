"""The page object (components/page.py), called directly: triggers in, outputs out."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import downloads, files, filters, ids, shell, style
from components.filters import Filters
from components.page import Page
from components.page_io import INPUTS, OUTPUTS, SHOWN_PARTS, STATES
from components.views import registry
from tests.helpers import components, record_rows, text


class StubExporter:
    """Image bytes without a browser: a download's contents are what these tests read."""

    def render(self, fig, fmt, **_):
        return f"{fmt}:{fig.layout.title.text}".encode()


@pytest.fixture(scope="module")
def page(ds):
    return Page(ds, exporter=StubExporter())


EVERY_CHART = {ids.graph(v.name): 1 for v in registry.VIEWS}


@pytest.fixture
def first(page):
    """The inputs of a loaded default page whose charts are all near the screen (as printed)."""
    layout = page.fill(shell.layout(page.ctx), "", near=EVERY_CHART)
    return {
        key: getattr(layout[cid], prop, None)
        for key, (cid, prop) in (INPUTS | {"shown": (ids.SHOWN, "data")}).items()
    } | {"near": EVERY_CHART}


def after(page, inp, trigger, /, **changes) -> tuple[dict, dict]:
    """(outputs, the inputs the browser sends next) after ``trigger`` with ``changes``."""
    inp = inp | changes
    out = page.outputs(trigger, inp)
    following = dict(inp)
    for key, value in out.items():
        if key in INPUTS:
            following[key] = value
    following["shown"] = out.get("shown", inp.get("shown"))
    return out, following


def test_input_and_output_keys_come_from_the_registry():
    for view in registry.VIEWS:
        assert OUTPUTS[f"figure_{view.name}"] == (ids.figure_store(view.name), "data")
        if view.option:
            assert INPUTS[f"option_{view.option.key}"] == (ids.option(view.name, view.option.key), "value")
        if view.counter:
            assert OUTPUTS[f"count_{view.evidence}"] == (ids.counter(view.evidence), "children")
        assert (f"click_{view.name}" in INPUTS) == (view.click is not None or view.evidence is not None)


def test_the_default_page_needs_no_update(page, first):
    """The layout already shows the default page: its first request changes nothing."""
    assert page.outputs("search", first) == {}
    assert set(first["shown"]) == set(SHOWN_PARTS)


def test_only_changed_parts_are_sent(page, first):
    """Japan only: the ITPP (Japan's programme) stays the same chart, the timeline does not."""
    out, _ = after(page, first, "countries", countries=["JPN"])
    assert {"figure_timeline", "count_events", "table", "search"} <= set(out)
    assert "figure_itpp" not in out
    assert out["shown"]["itpp"] == first["shown"]["itpp"]
    assert out["search"] == "?country=JPN"


def test_theme_redraws_every_chart_and_reset_resends_them(page, first):
    dark, _ = after(page, first, "dark", dark=True)
    assert {f"figure_{v.name}" for v in registry.VIEWS} == {k for k in dark if k.startswith("figure_")}
    assert "table" not in dark and "count_events" not in dark
    reset, _ = after(page, first, "reset")
    assert {f"figure_{v.name}" for v in registry.VIEWS} <= set(reset)  # also undoes zooms


def test_a_forged_digest_store_costs_a_redraw_and_is_not_echoed(page, first):
    for forged in ("not a dict", {"itpp": 1, "junk": "x" * 10_000}):
        out, _ = after(page, first, "countries", countries=["JPN"], shown=forged)
        assert "figure_itpp" in out and set(out["shown"]) == set(SHOWN_PARTS)


def test_a_link_sets_the_filters_and_reports_what_it_dropped(page, first):
    out, nxt = after(page, first, "search", search="?country=KOR,BAD&from=2022")
    assert out["countries"] == ["KOR"] and out["years"][0] == 2022
    assert out["notice_open"] is True and "BAD" in out["notice"]
    assert "search" not in out  # the URL is the source here: it is not rewritten
    clean, _ = after(page, nxt, "search", search="?country=KOR")
    assert clean["notice_open"] is False


def test_controls_write_the_link(page, first):
    out, _ = after(page, first, "domains", countries=["JPN"], domains=["cyber"])
    assert out["search"] == "?country=JPN&domain=cyber"


def test_quick_picks_and_clicks_filter(page, first, ds):
    ip4, _ = after(page, first, "ip4")
    assert ip4["countries"] == list(page.vocab.ip4)
    clicked, _ = after(
        page, first, "click_map", countries=["JPN"], **{"click_map": {"points": [{"location": "FRA"}]}}
    )
    assert clicked["countries"] == ["JPN", "FRA"] and clicked["search"] == "?country=JPN,FRA"
    area = ds["itpp_areas"].iloc[0]
    click = {"points": [{"customdata": [area["area_id"], "itpp"]}]}
    out, _ = after(page, first, "click_itpp", **{"click_itpp": click})
    assert out["domains"] == list(area["domains"])


def test_counters_count_the_records_in_view(page, first, ds):
    out, _ = after(page, first, "domains", domains=["cyber"])
    assert out["count_events"] == str(sum("cyber" in d for d in ds["events"]["domains"]))


def test_the_counters_the_table_and_the_zip_agree_under_a_chart_option(page, first, ds):
    """Unticking a framework in the network's option changes what is in view everywhere: the
    partnership counter, the evidence table and the ZIP's evidence.csv (they used to differ)."""
    kept = ["nato"]
    out, _ = after(page, first, "option_frameworks", **{"option_frameworks": kept})
    expected = ds["partnerships"][ds["partnerships"]["framework"].isin(kept)]
    assert out["count_partnerships"] == str(len(expected))
    assert "figure_network" in out and "figure_timeline" not in out
    rows = page.evidence_rows(page.filters(first), page.options(first | {"option_frameworks": kept}), "en")
    assert set(rows.loc[rows["kind"] == "partnership", "record_id"]) == set(expected["edge_id"])
    _, payload = page.download(ids.DOWNLOAD_VIEW, first | {"option_frameworks": kept}, "")
    table = pd.read_csv(io.BytesIO(zipfile.ZipFile(io.BytesIO(payload)).read("evidence.csv")))
    assert set(table.loc[table["kind"] == "partnership", "record_id"]) == set(expected["edge_id"])


def test_evidence_search_touches_only_the_table(page, first):
    out, _ = after(page, first, "evidence_search", evidence_search="Williamsburg")
    assert set(out) <= {"table", "evidence_count", "pages", "page", "shown"}
    assert "Williamsburg" in json.dumps(out["table"])


@pytest.mark.parametrize(
    "changes",
    [
        {"countries": "x" * 100_000},
        {"countries": list(range(10_000))},
        {"countries": {"nested": {"deep": [1, 2]}}},
        {"years": ["a", None]},
        {"option_lanes": ["not", "a", "string"]},
        {"option_frameworks": "nato"},
        {"sort": {"x": 1}, "page": "2"},
        {"selected": [["event", 1], "junk", None]},
    ],
)
def test_forged_inputs_fall_back_to_valid_values(page, first, changes):
    """Whatever a request carries, the page answers with valid values: the controls are set
    back to what the filters hold, and options and evidence controls fall back."""
    out, nxt = after(page, first, next(iter(changes)), **changes)
    assert set(out) <= set(OUTPUTS)
    assert page.filters(nxt) == page.filters(first)
    assert filters.to_controls(page.filters(nxt)) == {c.key: nxt[c.key] for c in filters.CONTROLS}
    assert page.options(nxt) == page.options(first)
    assert out.get("page", 1) == 1


def test_chart_options_are_validated(page, first):
    assert dict(page.options({})) == {k: state_ for k, state_ in page.options(first)}
    assert dict(page.options(first | {"option_mode": "stance"}))["mode"] == "stance"
    assert dict(page.options(first | {"option_mode": "<script>"}))["mode"] == "group"
    assert dict(page.options(first | {"option_frameworks": ["nato", "bogus"]}))["frameworks"] == ("nato",)
    assert dict(page.options(first | {"option_frameworks": []}))["frameworks"] == ()


def test_a_click_selects_its_records(page):
    assert page.selected({"points": [{"customdata": ["a;b", "event"]}]}) == [["event", "a"], ["event", "b"]]
    assert page.selected({"points": [{"location": "FRA"}]}) is None
    assert page.selected(None) is None


def test_downloads_are_named_from_the_filters(page, first):
    inp = first | {"countries": ["JPN"], "reliability": "B", "credibility": "2"}
    name, payload = page.download(ids.download_item("timeline", "csv"), inp, "")
    assert name.startswith("timeline_country-JPN_evidence-B2_") and name.endswith(".csv")
    assert page.download(ids.download_item("timeline", "exe"), inp, "") is None
    assert page.download(ids.download_item("nope", "csv"), inp, "") is None
    assert page.download("something else", inp, "") is None
    name, payload = page.download(ids.download_item("map", "svg"), inp, "")
    assert payload.startswith(b"svg:<b>Who is who")


def test_every_view_downloads_its_records(page, first, ds):
    """Each chart's CSV holds exactly the records it draws (and the ZIP has one per chart)."""
    f, options = page.filters(first), dict(page.options(first))
    _, bundle = page.download(ids.DOWNLOAD_VIEW, first, "http://x/")
    names = set(zipfile.ZipFile(io.BytesIO(bundle)).namelist())
    for view in registry.VIEWS:
        assert {f"{view.name}.{fmt}" for fmt in ("csv", "svg", "png")} <= names
        _, payload = page.download(ids.download_item(view.name, "csv"), first, "")
        assert len(pd.read_csv(io.BytesIO(payload))) == len(view.records(page.ctx, f, options))
    assert {"evidence.csv", "README.txt"} <= names


def test_the_file_slug_is_one_naming(page, first):
    out, _ = after(page, first, "countries", countries=["KOR", "JPN"])
    f = page.filters(first | {"countries": ["KOR", "JPN"]})
    assert out["slug"] == filters.slug(f, page.vocab.years) == "country-JPN-KOR"
    name = files.filename("timeline", out["slug"], "png")
    assert name.startswith("timeline_country-JPN-KOR_")
    assert downloads.FORMATS == ("png", "svg", "pdf", "csv")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_trigger_with_any_values_gives_valid_outputs(page, first, data):
    """Every input key, any JSON a request could carry: the page answers, never raises."""
    forged = {
        key: data.draw(json_values, label=key) for key in data.draw(st.sets(st.sampled_from(list(INPUTS))))
    }
    trigger = data.draw(st.sampled_from([None, *INPUTS]))
    out = page.outputs(trigger, first | forged)
    assert set(out) <= set(OUTPUTS)
    json.dumps(out.get("shown", {}))


def test_a_chart_option_is_written_to_the_link(page, first):
    out, nxt = after(page, first, "option_lanes", option_lanes="actor")
    assert out["search"] == "?lanes=actor" and "figure_timeline" in out
    out, nxt = after(page, nxt, "countries", countries=["JPN"])
    assert out["search"] == "?country=JPN&lanes=actor"  # a filter change keeps the options


def test_a_link_sets_the_chart_options(page, first):
    out, nxt = after(page, first, "search", search="?map=stance&frameworks=nato")
    assert out["option_mode"] == "stance" and out["option_frameworks"] == ["nato"]
    assert {"figure_map", "figure_network"} <= set(out) and "search" not in out
    assert dict(page.options(nxt)) == dict(page.options(first)) | {"mode": "stance", "frameworks": ("nato",)}
    back, _ = after(page, nxt, "search", search="")  # the browser's back button
    assert back["option_mode"] == "group"


def test_reset_returns_the_whole_view_to_its_default(page, first):
    _, nxt = after(page, first, "search", search="?country=JPN&lanes=actor")
    out, _ = after(page, nxt, "reset")
    assert out["search"] == "" and out["option_lanes"] == "domain" and out["countries"] == []


def test_the_sources_list_is_the_views(page, first, ds):
    """The sources section lists exactly what the records in view cite, each linked when it has
    an http(s) address; the full list stays in the footer."""
    out, _ = after(page, first, "countries", countries=["KOR"])
    frames = registry.records_in_view(
        page.ctx, page.filters(first | {"countries": ["KOR"]}), dict(page.options(first))
    )
    cited = {s for df in frames.values() for s in df["source_id"]} | {
        s
        for df in frames.values()
        for column in ("corroborated_by", "other_sources")
        if column in df
        for cell in df[column]
        for s in cell
    }
    assert out["sources_title"] == f"Sources of this view ({len(cited)} of {len(ds['sources'])} documents)"
    # the sources' own words, in a Markdown list drawn only when the list is near the screen
    assert out["sources"]["type"] == "Div" and out["sources"]["props"]["lang"] == "en"
    markdown = out["sources"]["props"]["children"]
    assert markdown["type"] == "Markdown"
    lines = markdown["props"]["children"].splitlines()
    assert len(lines) == len(cited) < len(ds["sources"])
    linked = ds["sources"][
        ds["sources"]["source_id"].isin(cited) & ds["sources"]["address"].str.startswith("http")
    ]
    assert sum("](<http" in line for line in lines) == len(linked)


def test_the_sources_list_escapes_markdown():
    import pandas as pd

    from components.evidence_table import sources_markdown

    sources = pd.DataFrame(
        {
            "source_id": ["x", "y"],
            "title": ["[click](javascript:alert(1)) *bold* <b>", "Plain"],
            "publisher": ["P_Q", "R"],
            "published": ["", "2024"],
            "address": ["javascript:alert(1)", "https://example.org/a b>(c)"],
            "read_via": ["", "A copy [x](javascript:1)"],
        }
    )
    text = sources_markdown(["x", "y", "missing"], sources)
    assert "](<javascript" not in text and "\\[click\\]\\(javascript:alert\\(1\\)\\)" in text
    assert "(<https://example.org/a%20b%3E%28c%29>)" in text and len(text.splitlines()) == 2
    assert "(read via A copy \\[x\\]\\(javascript:1\\))" in text  # a copy's name is escaped too


def test_each_chart_description_follows_the_filters(page, first, ds):
    out, _ = after(page, first, "countries", countries=["KOR"])
    f = Filters(countries=("KOR",))
    options = registry.default_options(ds)
    for view in registry.VIEWS:
        assert out[f"describe_{view.name}"] == registry.description(page.ctx, view, f, options)
    assert "involving South Korea" in out["describe_timeline"]


# ---------------------------------------------------------------- charts built only near the screen


@pytest.fixture
def loaded(page):
    """The inputs of a default page as loaded: only the first chart near the screen and built."""
    layout = page.fill(shell.layout(page.ctx), "")
    return {key: getattr(layout[cid], prop, None) for key, (cid, prop) in (INPUTS | STATES).items()}


def test_the_layout_builds_only_the_first_chart(page, loaded):
    first_chart, *others = registry.VIEWS
    assert loaded["near"] == {ids.graph(first_chart.name): 1}
    assert set(loaded["shown"]) == {first_chart.name, f"{first_chart.name}@", "counts", "evidence", "notice"}
    assert page.outputs(None, loaded) == {}  # its first request changes nothing


def test_a_filter_change_builds_only_the_charts_near_the_screen(page, loaded):
    everything = {ids.graph(v.name): 1 for v in registry.VIEWS}
    reached, seen = after(page, loaded, "near", near=everything)  # the reader scrolled through
    assert {f"figure_{v.name}" for v in registry.VIEWS[1:]} <= set(reached)
    out, back = after(page, seen, "countries", countries=["JPN"], near={ids.graph("timeline"): 2})
    assert "figure_timeline" in out
    # every far chart whose figure is now out of date is emptied, not built
    far = {k: v for k, v in out.items() if k.startswith("figure_") and k != "figure_timeline"}
    assert far and all(v is None for v in far.values())
    assert not set(far) & {k.removeprefix("figure_") for k in out["shown"]}
    # coming near the map builds it for the current filters
    near_map, _ = after(page, back, "near", near={ids.graph("timeline"): 2, ids.graph("map"): 1})
    f = Filters(countries=("JPN",), year_from=page.vocab.years[0], year_to=page.vocab.years[1])
    own = page.own(registry.BY_NAME["map"], page.vocab.default_options)
    assert near_map["figure_map"] == page.figure("map", f, own, style.LIGHT, "en")[0]
    assert set(near_map) == {"figure_map", "shown"}


def test_a_chart_that_comes_near_again_unchanged_is_not_resent(page, loaded):
    everything = {ids.graph(v.name): 1 for v in registry.VIEWS}
    _, seen = after(page, loaded, "near", near=everything)
    assert page.outputs("near", seen | {"near": {ids.graph("timeline"): 2}}) == {}
    assert page.outputs("near", seen) == {}


@pytest.mark.parametrize("near", [None, "x", [1], {"map-graph": "2"}, {"map-graph": 3}, {"x" * 5000: 1}])
def test_a_forged_near_store_builds_nothing_more(page, loaded, near):
    out = page.outputs("near", loaded | {"near": near})
    # not a dict: the server builds every chart, as it did before lazy building (safe, just slower)
    assert set(out) <= {*(f"figure_{v.name}" for v in registry.VIEWS), "shown"}
    if isinstance(near, dict):
        assert out == {}


def test_a_click_filters_and_highlights_in_one_answer(page, first, ds):
    """An ITPP area's click filters by its domains and brings its record to the top of the
    evidence table in the same answer; a timeline mark's click only highlights. One callback
    answers both, so the filter is never lost to the highlight (Dash drops the answer of a
    callback triggered again before it arrives)."""
    area = ds["itpp_areas"].iloc[0]
    out, _ = after(
        page, first, "click_itpp", click_itpp={"points": [{"customdata": [area["area_id"], "itpp"]}]}
    )
    assert out["domains"] == list(area["domains"]) and out["selected"] == [["itpp", area["area_id"]]]
    assert out["table"] and "itpp" in str(out["table"])
    event = ds["events"].iloc[-1]["event_id"]
    mark, _ = after(
        page, first, "click_timeline", click_timeline={"points": [{"customdata": [event, "event"]}]}
    )
    assert mark["selected"] == [["event", event]] and "search" not in mark and "countries" not in mark


def _first(tree, cls: str) -> dict:
    """The first component in ``tree`` with the class ``cls``."""
    return next(c for c in components(tree) if cls in (c["props"].get("className") or "").split())


def _rendered_rows(table: dict) -> dict:
    """record id → (label, <q> count, grade badge) from the evidence table's component JSON."""
    rows = {}
    for row in record_rows(table):
        cells = row["children"]
        quoted = sum(c["type"] == "Q" for c in components(_first(cells, "quote-cell")))
        label, badge = text(_first(cells, "evidence-label")), text(_first(cells, "grade-badge"))
        rows[row["data-record"].split(":")[1]] = (label, quoted, badge)
    return rows


def test_no_summary_is_shown_as_a_quotation(page, first, ds):
    """Every record of the evidence table, on every page: words in quotation marks (<q>) only
    where the record holds the source's words; a summary or our translation is labelled as one.
    (The browser test reads one record of each kind as drawn.)"""
    origin = {}
    for table in ds.rule.fact_tables:
        origin |= dict(zip(ds[table][ds.table(table).key], ds[table]["quote_origin"]))
    f, options = page.filters(first), page.options(first)
    seen, number, pages = {}, 1, 1
    while number <= pages:
        values, _ = page.evidence_page(f, options, "", "date-desc", (), number, "en")
        seen |= _rendered_rows(values["table"])
        pages, number = values["pages"], number + 1
    assert pages > 1 and set(seen) == set(origin)
    assert {"verbatim", "quoted_in", "summary", "translation"} <= set(origin.values())
    for rid, (label, quoted, badge) in seen.items():
        if origin[rid] == "summary":
            assert (label, quoted) == ("Summary (not a quotation)", 0), rid
        elif origin[rid] == "translation":
            assert (label, quoted) == ("Our translation (not the source's words)", 0), rid
        else:
            assert quoted == 1 and label.startswith(("Quote", "Quoted in ")), rid
        assert badge in ds.rule.codes, rid
