"""Reactions by a country and reactions to its cooperation: the ``about`` column, the query's
rule (by or about a selected actor), and every part of the page that follows it: the chart,
which says which is which, the map's stance mode, the counters, the evidence table and the
downloads."""

from __future__ import annotations

import csv
import html
import io

import pandas as pd
import pytest

from components import evidence, filters, ids, shell
from components.data import DEFAULT_DATA_DIR, validate
from components.data.docs import schema_markdown
from components.filters import ABOUT, BY, Filters, reaction_relations
from components.page import Page
from components.page_io import INPUTS
from components.views import reactions as reactions_view
from components.views import registry, worldmap
from components.views.context import Context

SELECTIONS = [("JPN",), ("KOR",), ("JPN", "KOR"), ("CHN",), ("NATO",), ("IP4",), ("AUS", "IP4")]


def csv_rows(folder=DEFAULT_DATA_DIR) -> list[dict]:
    with (folder / "reactions.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def expected(selected, folder=DEFAULT_DATA_DIR) -> dict[str, str]:
    """reaction_id → "by" or "about" for a country filter, straight from reactions.csv."""
    wanted, out = set(selected), {}
    for row in csv_rows(folder):
        about = {a for a in row["about"].split(";") if a}
        if row["actor_id"] in wanted:
            out[row["reaction_id"]] = "by"
        elif about & wanted:
            out[row["reaction_id"]] = "about"
    return out


class StubExporter:
    def render(self, fig, fmt, **_):
        return b""


@pytest.fixture(scope="module")
def ctx(ds):
    return Context.of(ds)


@pytest.fixture(scope="module")
def page(ds):
    return Page(ds, exporter=StubExporter())


# ------------------------------------------------------------------ the column and its checks


def test_about_is_a_required_list_of_countries_or_organizations(ds):
    column = ds.table("reactions").columns["about"]
    assert column.kind == "list" and column.separator == ";" and column.required
    assert column.refs == ("countries.iso3", "organizations.org_id")
    assert "by a selected actor" in column.description
    actors = set(ds["countries"]["iso3"]) | set(ds["organizations"]["org_id"])
    for row in ds["reactions"].itertuples():
        assert row.about and set(row.about) <= actors, row.reaction_id
    assert "| `about` | list → `countries.iso3` or `organizations.org_id` | yes |" in schema_markdown()


def test_every_reaction_says_why_it_is_about_what_it_is_about(ds):
    """Each row's reasoning is in its curators' note, which no reader sees."""
    for row in ds["reactions"].itertuples():
        assert f"About {', '.join(row.about)}:" in row.curation_note, row.reaction_id
    assert not ds.table("reactions").columns["curation_note"].public


def _set_about(folder, reaction_id: str, value: str) -> int:
    """Set a row's ``about``; its physical line in the file."""
    rows = csv_rows(folder)
    index = next(i for i, r in enumerate(rows) if r["reaction_id"] == reaction_id)
    rows[index]["about"] = value
    with (folder / "reactions.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return index + 2  # the header is line 1 and no cell of these rows holds a line break


@pytest.mark.parametrize(
    "value, message",
    [
        ("JPN;XYZ", "about: unknown reference 'XYZ' (not in countries.iso3 or organizations.org_id)"),
        ("JPN;;NATO", "about: 'JPN;;NATO' has an empty list element (separate items with ';')"),
        ("", "about: required value is empty"),
    ],
    ids=["unknown-id", "empty-item", "empty"],
)
def test_a_broken_about_is_reported_on_its_line(data_copy, value, message):
    line = _set_about(data_copy, "re001", value)
    assert [str(p) for p in validate(data_copy)] == [f"reactions.csv:{line}: {message}"]


def test_the_curated_data_is_valid():
    assert validate(DEFAULT_DATA_DIR) == []


# ------------------------------------------------------------------ the query's rule


@pytest.mark.parametrize("selected", SELECTIONS, ids="-".join)
def test_a_country_filter_keeps_reactions_by_it_and_about_it(ds, selected):
    got = filters.rows(ds, "reactions", Filters(countries=selected))
    want = expected(selected)
    assert set(got["reaction_id"]) == set(want)
    assert dict(zip(got["reaction_id"], reaction_relations(got, selected))) == want


def test_no_country_filter_keeps_every_reaction(ds):
    got = filters.rows(ds, "reactions", Filters())
    assert list(got["reaction_id"]) == list(ds["reactions"]["reaction_id"])
    assert set(reaction_relations(got, ())) == {""}


def test_japan_shows_how_beijing_moscow_and_pyongyang_reacted_to_its_cooperation(ds):
    """The issue's case: filtered to Japan (and South Korea), the region's reactions stay."""
    for selected in (("JPN",), ("JPN", "KOR")):
        got = filters.rows(ds, "reactions", Filters(countries=selected))
        about = got[reaction_relations(got, selected) == ABOUT]
        assert {"CHN", "RUS"} <= set(about["actor_id"])
        assert all(set(a) & set(selected) for a in about["about"])


def test_by_wins_when_a_reaction_is_by_and_about_the_selection(ds):
    df = ds["reactions"]
    kishida = df[df["reaction_id"] == "re031"]  # Japan's own statement on Japan's ITPP
    assert "JPN" in kishida["about"].iloc[0]
    assert list(reaction_relations(kishida, ("JPN",))) == [BY]


def test_the_other_filters_still_apply(ds):
    f = Filters(countries=("JPN",), year_from=2024, year_to=2024, min_grade="C3")
    got = filters.rows(ds, "reactions", f)
    assert not got.empty and set(got["year"]) == {2024}
    assert set(got["reaction_id"]) <= set(expected(("JPN",)))


# ------------------------------------------------------------------ the chart says which is which


def _panels(fig) -> dict[str, set[str]]:
    """Panel title (plain text) → the reaction ids drawn in that panel."""
    titles = {}
    for note in fig.layout.annotations:
        axis = next(
            n
            for n in ("", *map(str, range(2, 9)))
            if fig.layout[f"yaxis{n}"].domain[1] == pytest.approx(note.y)
        )
        titles[f"y{axis}"] = html.unescape(note.text.replace("<b>", "").replace("</b>", "")).replace(
            "<br>", " / "
        )
    out: dict[str, set[str]] = {}
    for trace in fig.data:
        if trace.customdata is not None:
            out.setdefault(titles[trace.yaxis], set()).update(
                i for c in trace.customdata for i in c[0].split(";")
            )
    return out


def _figure(ds, df, selected=()):
    return reactions_view.figure(
        df,
        names=dict(ds.names),
        topics=ds.labels("reactions", "topic"),
        speaker_types=ds.labels("reactions", "speaker_type"),
        selected=selected,
    )


def test_the_chart_splits_by_and_about_the_selection(ds):
    df = filters.rows(ds, "reactions", Filters(countries=("JPN",)))
    position = dict(zip(df["reaction_id"], df["position"]))
    relation = dict(zip(df["reaction_id"], reaction_relations(df, ("JPN",))))
    panels = _panels(_figure(ds, df, ("JPN",)))

    def ids(rel, pos):
        return {r for r in relation if relation[r] == rel and position[r] == pos}

    assert panels == {
        "By Japan / its own statements": ids(BY, True),
        "About Japan's cooperation / other governments and organizations": ids(ABOUT, True),
        "About Japan's cooperation / other voices, not a state's stance": ids(ABOUT, False),
    }
    assert ids(BY, True) == {"re031"}


def test_two_countries_are_named_and_an_organizations_other_voices_are_its_own(ds):
    titles = set(
        _panels(_figure(ds, filters.rows(ds, "reactions", Filters(countries=("JPN", "KOR"))), ("JPN", "KOR")))
    )
    assert "By Japan and South Korea / their own statements" in titles
    assert "About Japan's and South Korea's cooperation / other governments and organizations" in titles
    nato = _panels(_figure(ds, filters.rows(ds, "reactions", Filters(countries=("NATO",))), ("NATO",)))
    assert nato["From NATO / other voices, not its stance"] == {"re038"}  # Jamie Shea


def test_without_a_filter_the_chart_is_as_before(ds):
    panels = _panels(_figure(ds, ds["reactions"]))
    df = ds["reactions"]
    assert panels == {
        "Governments and organizations": set(df.loc[df["position"], "reaction_id"]),
        "Other voices (not a state's stance)": set(df.loc[~df["position"], "reaction_id"]),
    }


def test_hovers_say_who_reacted_and_what_about(ds):
    df = filters.rows(ds, "reactions", Filters(countries=("JPN",)))
    fig = _figure(ds, df, ("JPN",))
    hovers = {
        i: html.unescape(h)
        for t in fig.data
        if t.customdata is not None
        for c, h in zip(t.customdata, t.hovertext)
        for i in c[0].split(";")
    }
    assert hovers["re001"].startswith("<b>China</b> on Tokyo liaison office")
    assert "About Japan's cooperation" in hovers["re001"] and "About: Japan and NATO" in hovers["re001"]
    assert "<b>Japan</b>" in hovers["re031"] and "By Japan" in hovers["re031"]
    assert "Not a government's stance · About Japan's cooperation" in hovers["re035"]
    unfiltered = _figure(ds, ds["reactions"])
    assert all("About: " in h for t in unfiltered.data if t.customdata is not None for h in t.hovertext)


def test_an_empty_selection_says_whose_reactions_are_missing(ds):
    fig = _figure(ds, ds["reactions"].iloc[0:0], ("TWN",))
    assert "No reactions by or about Taiwan match these filters." in fig.layout.annotations[0].text


# ------------------------------------------------------------------ the map's stance mode


def test_the_map_colours_the_governments_that_reacted_to_the_selection(ds, ctx):
    fig = registry.figure(
        ctx, registry.BY_NAME["map"], Filters(countries=("JPN",)), {"mode": "stance"}, "light"
    )
    stance = fig.data[0]
    shown = dict(zip(stance.locations, stance.z))
    assert {"JPN", "CHN", "RUS", "FRA"} <= set(shown)
    assert shown["CHN"] == -2.0
    hover = {a: html.unescape(h) for a, h in zip(stance.locations, stance.hovertext)}
    assert "Reactions to Japan's cooperation" in hover["CHN"]
    assert "Its own statements" in hover["JPN"]
    assert "own (outlined) or on its cooperation" in stance.colorbar.title.text
    unfiltered = registry.figure(ctx, registry.BY_NAME["map"], Filters(), {"mode": "stance"}, "light")
    assert unfiltered.data[0].colorbar.title.text == "Government stance"


def test_the_map_and_the_chart_agree(ds, ctx):
    for selected in SELECTIONS:
        f = Filters(countries=selected)
        chart = registry.records_in_view(ctx, f, registry.default_options(ds))["reactions"]
        mapped = worldmap.records(ctx, f, {"mode": "stance"})
        assert list(mapped["reaction_id"]) == list(chart["reaction_id"]), selected


# ------------------------------------------------------------------ counters, evidence, downloads


def _inputs(page) -> dict:
    """A loaded page's inputs, every chart near the screen (so every chart is built)."""
    layout = page.fill(shell.layout(page.ctx), "")
    near = {ids.graph(v.name): 1 for v in registry.VIEWS}
    return {key: getattr(layout[cid], prop, None) for key, (cid, prop) in INPUTS.items()} | {"near": near}


@pytest.mark.parametrize("selected", [("JPN",), ("JPN", "KOR")], ids="-".join)
def test_counters_evidence_and_downloads_follow_the_rule(ds, page, selected):
    want = expected(selected)
    inp = _inputs(page) | {"countries": list(selected)}
    out = page.outputs("countries", inp)
    assert out["count_reactions"] == str(len(want))
    notes = html.unescape(" ".join(a["text"] for a in out["figure_reactions"]["layout"]["annotations"]))
    assert "<b>By Japan" in notes and "<b>About Japan's" in notes  # the page's chart says which is which
    f, options = page.filters(inp), page.options(inp)
    rows = page.evidence_rows(f, options, "en")
    assert set(rows.loc[rows["kind"] == "reaction", "record_id"]) == set(want)
    in_view = registry.records_in_view(page.ctx, f, dict(options))
    assert set(in_view["reactions"]["reaction_id"]) == set(want)
    assert len(evidence.records(in_view, page.ctx)) == int(out["evidence_count"].split(" of ")[1].split()[0])
    name, payload = page.download({"view": "reactions", "fmt": "csv"}, inp, "")
    got = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    assert set(got["reaction_id"]) == set(want)
    about = {r["reaction_id"]: r["about"] for r in csv_rows()}
    assert dict(zip(got["reaction_id"], got["about"])) == {r: about[r] for r in got["reaction_id"]}
    assert "curation_note" not in got.columns
