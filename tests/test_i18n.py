"""Japanese and English: the catalogs are complete, every vocabulary row has its Japanese name
(a missing one is a data error), the language is part of the view's link, and the page, its
footer and its embeds are drawn in the link's language. The browser checks are in
test_i18n_browser.py."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from components import i18n, ids, state
from components.data import validate
from components.page import Page
from components.views.registry import VIEWS

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "components" / "locale" / "ja" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "n_": (1, 2), "N_": None}
# every column that names something for a reader, with its Japanese column
TRANSLATED = [
    ("countries", "name", "name_ja"),
    ("organizations", "name", "name_ja"),
    ("organizations", "short_name", "short_name_ja"),  # acronyms (NATO, G7) stay as they are
    ("domains", "label", "label_ja"),
    ("itpp_areas", "name", "name_ja"),
    ("events", "title", "title_ja"),
]
FIELD = re.compile(r"\{(\w*)\}")


def _catalog():
    with PO.open("rb") as fh:
        return read_po(fh, locale="ja")


def _code_messages() -> set[str]:
    """Every message the code marks (as ``make messages`` extracts them)."""
    found = set()
    method_map = [("components/**.py", "python"), ("app.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_of_the_code_is_in_the_japanese_catalog():
    missing = _code_messages() - {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog() if m.id}
    assert not missing, f"run `make messages` and translate: {sorted(missing)[:20]}"


def test_every_japanese_message_is_translated_and_not_fuzzy():
    problems = []
    for message in _catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            problems.append(message.id)
    assert not problems, f"untranslated or fuzzy: {problems[:20]}"


def test_translations_keep_the_fields_they_fill():
    for message in _catalog():
        if not message.id:
            continue
        ids_ = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(FIELD.findall(ids_[-1])) - {"n"}
        for text in strings:
            assert set(FIELD.findall(text)) - {"n"} == wanted, (message.id, text)


def test_a_message_reads_in_japanese():
    tr = i18n.translator("ja")
    assert tr._("Filters") != "Filters"
    assert tr._("{shown} of {total} records in view", shown=3, total=9).count("3") == 1


@pytest.mark.parametrize(("table", "english", "japanese"), TRANSLATED)
def test_every_vocabulary_row_has_its_japanese_name(ds, table, english, japanese):
    frame = ds[table]
    blank = frame[frame[japanese].fillna("").str.strip() == ""]
    assert blank.empty, blank[english].tolist()
    if english != "short_name":  # translated, not copied
        assert frame[japanese].str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]").mean() > 0.9


def test_every_category_has_a_japanese_label(ds):
    for name, table in ds.package.tables.items():
        for column in table.columns.values():
            if column.labels:
                assert set(column.labels_ja) == set(column.labels), (name, column.name)
                assert all(column.labels_ja.values()), (name, column.name)


def test_a_missing_japanese_name_is_a_data_error(data_copy):
    path = data_copy / "countries.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    at = rows[0].index("name_ja")
    rows[3][at] = ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    problems = [str(p) for p in validate(data_copy)]
    assert any("countries.csv" in p and "name_ja" in p for p in problems), problems


def test_a_category_without_a_japanese_label_is_a_data_error(data_copy):
    path = data_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"label_ja": "首脳会合"', '"label_ja": ""', 1), encoding="utf-8")
    problems = [str(p) for p in validate(data_copy)]
    assert any("label_ja" in p and "summit" in p for p in problems), problems


def test_dates_as_each_language_writes_them():
    en, ja = i18n.translator("en"), i18n.translator("ja")
    assert (en.date("2023-07-12"), ja.date("2023-07-12")) == ("12 July 2023", "2023年7月12日")
    assert (en.date("2023-07", "month"), ja.date("2023-07", "month")) == ("July 2023", "2023年7月")
    assert (en.date("2023", "year"), ja.date("2023", "year")) == ("2023", "2023年")
    assert ja.join(["日本", "韓国"]) == "日本、韓国"


def test_the_language_is_part_of_the_link(ds):
    vocab = state.Vocab.of(ds)
    f, options, notices = state.from_query("?country=JPN&lang=ja", vocab)
    assert notices == [] and state.language("?country=JPN&lang=ja") == "ja"
    assert state.to_query(f, vocab, options, "ja") == "?country=JPN&lang=ja"
    assert state.to_query(f, vocab, options, "en") == "?country=JPN"  # English is the bare link


def test_an_unknown_language_is_ignored_with_a_notice(ds):
    vocab = state.Vocab.of(ds)
    _f, _o, notices = state.from_query("?lang=xx", vocab)
    assert state.language("?lang=xx") == "en"
    assert len(notices) == 1 and "lang=xx" in notices[0]


def test_the_page_answers_in_its_language(ds):
    page = Page(ds)
    out = page.outputs("search", {"search": "?country=XXX&lang=ja", "lang": "ja"})
    assert "XXX" in out["notice"] and out["notice"] != state.from_query("?country=XXX", page.vocab)[2][0]
    assert out["evidence_count"] != page.outputs("search", {"search": "?country=JPN"})["evidence_count"]
    timeline = out[f"figure_{VIEWS[0].name}"]
    assert "日本" in str(timeline) or "首脳会合" in str(timeline)
    # a filter change keeps the language in the link
    again = page.outputs("ip4", {"search": "?lang=ja", "lang": "ja", "countries": []})
    assert again["search"].endswith("lang=ja")


@pytest.mark.parametrize(("query", "lang"), [("", "en"), ("?lang=ja", "ja"), ("?lang=xx", "en")])
def test_the_html_declares_the_links_language(client, query, lang):
    html = client.get("/" + query).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    title = i18n.translator(lang)._("Japan–NATO Partnership Dashboard")
    assert f"<title>{title}</title>" in html


def test_a_linked_layout_is_drawn_in_its_language(client):
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=ja"}).get_json()
    text = str(layout)
    assert f"'id': '{ids.LANG_STORE}'" in text and "'data': 'ja'" in text
    assert i18n.translator("ja")._("Filters") in text


def test_an_embed_speaks_its_links_language(client):
    html = client.get("/embed/timeline?lang=ja&country=JPN").get_data(as_text=True)
    assert '<html lang="ja"' in html and "日本" in html
