"""The views in Japanese: every chart builds with a Japanese context, is set in a Japanese face,
and names countries, organizations and domains as the data does in Japanese. A marking catalog
(every message comes back in 〔brackets〕) checks that the charts' own words all go through the
translator, so that a translated catalog reaches every one of them."""

from __future__ import annotations

import dataclasses
import gettext
import html
import re

import plotly.graph_objects as go
import pytest

from components import data, evidence, evidence_table, internals, style
from components.filters import Filters
from components.i18n import Translator
from components.views import base, reactions, registry
from components.views.context import Context
from tests.helpers import option_sets


class Marked(gettext.NullTranslations):
    """A catalog that "translates" every message by bracketing it."""

    def gettext(self, message):
        return f"〔{message}〕"

    def ngettext(self, singular, plural, n):
        return f"〔{singular if n == 1 else plural}〕"


@pytest.fixture(scope="module")
def ds():
    return data.load(data.resolve_data_dir(None))


@pytest.fixture(scope="module")
def ja(ds):
    return Context.of(ds, "ja")


@pytest.fixture(scope="module")
def marked(ja):
    return dataclasses.replace(ja, tr=Translator("ja", Marked()))


@pytest.fixture(scope="module")
def everything(ds):
    return Filters(year_from=ds.year_span[0], year_to=ds.year_span[1])


def marks(fig) -> list:
    return [t for t in fig.data if t.customdata is not None]


def unmarked(text: str) -> str:
    """``text`` without its translated (bracketed) parts, innermost first."""
    text = html.unescape(str(text))
    while (shorter := re.sub(r"〔[^〔〕]*〕", "", text)) != text:
        text = shorter
    return text


ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")  # a lower-case English word (acronyms are allowed)


@pytest.mark.parametrize("view", registry.VIEWS, ids=lambda v: v.name)
def test_every_view_builds_in_japanese_in_a_japanese_face(ds, ja, everything, view):
    for options in option_sets(ds):
        for f in (everything, Filters(countries=("JPN",)), Filters(domains=("no-such-domain",))):
            fig = registry.figure(ja, view, f, options, style.LIGHT)
            checked = go.Figure(fig.to_dict())  # validating: raises on a bad property
            assert checked.layout.font.family.startswith(style.JA_FONT)
            assert checked.layout.hoverlabel.font.family.startswith(style.JA_FONT)
            assert checked.layout.template.layout.font.family == style.FONT_FAMILY


def test_an_english_figure_keeps_the_templates_face(ds, everything):
    fig = registry.figure(
        Context.of(ds), registry.BY_NAME["timeline"], everything, {"lanes": "domain"}, "light"
    )
    assert fig.layout.font.family is None


def test_timeline_lanes_by_domain_are_the_japanese_domain_labels(ja, everything):
    view = registry.BY_NAME["timeline"]
    df = view.records(ja, everything, {"lanes": "domain"})
    fig = registry.figure(ja, view, everything, {"lanes": "domain"}, style.LIGHT)
    lanes = {y for t in marks(fig) for y in t.y}
    assert lanes == {ja.domain_labels[d] for cell in df["domains"] for d in cell}
    assert {html.unescape(a.text) for a in fig.layout.annotations} == lanes  # the lanes' names


def test_timeline_lanes_by_actor_and_titles_are_japanese(ds, ja, everything):
    view = registry.BY_NAME["timeline"]
    fig = registry.figure(ja, view, everything, {"lanes": "actor"}, style.LIGHT)
    lanes = {y for t in marks(fig) for y in t.y}
    assert lanes <= set(ja.names.values()) and ja.names["JPN"] in lanes
    hovers = " ".join(h for t in marks(fig) for h in t.hovertext)
    summit = ds["events"].set_index("event_id").loc["ev054"]
    assert html.escape(summit["title_ja"][:8]) in hovers
    assert "2023年7月11日" in hovers  # its date as Japanese writes it


@pytest.mark.parametrize("mode", ["group", "stance"])
def test_the_map_names_countries_in_japanese(ja, everything, mode):
    fig = registry.figure(ja, registry.BY_NAME["map"], everything, {"mode": mode}, style.LIGHT)
    shown = 0
    for trace in fig.data:
        if trace.hovertext is None:
            continue
        for iso3, hover in zip(trace.locations, trace.hovertext):
            assert hover.startswith(f"<b>{style.wrap(ja.names[iso3], 40, 2)}</b>"), (iso3, hover)
            shown += 1
    assert shown


def test_the_other_charts_name_actors_in_japanese(ds, ja, everything):
    options = registry.default_options(ds)
    network = registry.figure(ja, registry.BY_NAME["network"], everything, options, style.LIGHT)
    nodes = next(t for t in network.data if t.name == "actors")
    assert any(ja.names["NATO"] in h for h in nodes.hovertext)
    ip4 = registry.figure(ja, registry.BY_NAME["ip4"], everything, options, style.LIGHT)
    assert {y for t in marks(ip4) for y in t.y} == {ja.short_names[p] for p in ja.partner_order}
    reactions = registry.figure(ja, registry.BY_NAME["reactions"], everything, options, style.LIGHT)
    bars = next(t for t in reactions.data if t.type == "bar")
    assert set(bars.y[1]) <= set(ja.names.values())
    assert {y.replace("<br>", "") for y in bars.y[0]} <= set(ja.labels("reactions", "topic").values())
    itpp = registry.figure(ja, registry.BY_NAME["itpp"], everything, options, style.LIGHT)
    labels = " ".join(itpp.data[0].labels)
    assert all(style.wrap(n, 16, 4) in labels for n in ds["itpp_areas"]["name_ja"])


def test_every_chart_word_goes_through_the_translator(ds, marked, everything):
    """With a catalog that brackets each message, what remains outside the brackets in the
    charts' own words (titles, keys, notes, ticks) is the data's, in Japanese: no English."""
    for view in registry.VIEWS:
        for options in option_sets(ds):
            for f in (everything, Filters(countries=("JPN", "KOR")), Filters(domains=("no-such-domain",))):
                fig = registry.figure(marked, view, f, options, style.LIGHT).to_dict()
                layout = fig["layout"]
                words = [a.get("text", "") for a in layout.get("annotations", [])]
                words += [layout.get("legend", {}).get("title", {}).get("text", "")]
                words += [layout.get("legend2", {}).get("title", {}).get("text", "")]
                for key, axis in layout.items():
                    if key.startswith("xaxis"):
                        words += axis.get("ticktext", [])
                for trace in fig["data"]:
                    if trace.get("colorbar"):
                        words += [trace["colorbar"]["title"]["text"], *trace["colorbar"]["ticktext"]]
                    dashed = trace.get("line", {}).get("dash") == "dash"  # named by its relation (data)
                    if trace.get("showlegend", True) and trace.get("name") and not dashed:
                        words.append(trace["name"])
                for text in words:
                    assert not ENGLISH_WORD.search(unmarked(text)), (view.name, text)


def test_every_description_and_card_text_goes_through_the_translator(ds, marked, everything):
    filters = [everything, Filters(countries=("JPN", "KOR"), domains=("cyber",)), Filters(domains=("wps",))]
    for view in registry.VIEWS:
        texts = [view.title(marked), view.reading(marked)]
        if view.caption:
            texts.append(view.caption(marked, everything))
        for options in option_sets(ds) + [registry.default_options(ds) | {"mode": "stance"}]:
            texts += [registry.description(marked, view, f, options) for f in filters]
        for text in texts:
            assert not ENGLISH_WORD.search(unmarked(text)), (view.name, text)
            assert text.startswith("〔"), text


def test_japanese_descriptions_use_japanese_names_dates_and_digits(ds, ja, everything):
    text = registry.description(
        ja, registry.BY_NAME["timeline"], Filters(countries=("KOR",)), {"lanes": "domain"}
    )
    assert ja.names["KOR"] in text
    assert "2023年7月12日" in registry.BY_NAME["itpp"].reading(ja)
    assert "4" in registry.BY_NAME["map"].reading(ja)  # digits, not "four"
    assert "、".join(ja.names[p] for p in ja.partner_order) in registry.BY_NAME["ip4"].reading(ja)
    assert base.number(4, "ja") == "4" and base.number(4) == "four"
    df = ds["reactions"]
    said = reactions.describe(ja, df, Filters(countries=("JPN",)), {})
    assert ja.names["JPN"] in said


def test_the_evidence_table_in_japanese(ds, ja, marked):
    frames = {k: ja.ds[k] for k in ("events", "partnerships", "itpp_areas", "ip4", "reactions")}
    rows = evidence.records(frames, ja)
    events = rows[rows["kind"] == "event"]
    assert set(events["title"]) == set(ds["events"]["title_ja"])
    table = evidence_table.table(rows.head(40), ja)
    for tr_, row in zip(table.children[1].children, rows.head(40).itertuples()):
        body = tr_.children[5].children[1]
        assert body.lang == ("ja" if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", row.quote) else "en")
        record = tr_.children[2].children
        if row.summary:
            assert record[1].lang == "en"
    head = evidence_table.table(rows.head(3), marked).children[0].children.children
    assert all(th.children.startswith("〔") for th in head)
    card = evidence_table.layout(marked)
    assert any(
        getattr(c, "placeholder", "") == "〔Search titles, quotes, actors, sources…〕"
        for c in internals.walk(card)
    )
