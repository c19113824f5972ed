"""Downloads in Japanese: the citations in the Japanese bibliographic form, the README, the
source line and the filters in the chosen language, CSV labels (not column names) translated,
file names unchanged, and exported images set in a Japanese face (no missing glyphs).

The message catalogs may not be translated yet (``_`` then returns English), so these tests
check the structure a Japanese download has whatever the catalog says: 「」 around the cited
title, dates as Japanese writes them (``2026年11月23日``), names from the data in Japanese
(日本 for JPN). The export tests drive the real export browser, as tests/test_export.py does.
"""

from __future__ import annotations

import base64
import io
import re
import struct
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib

import pandas as pd
import pytest
from fontTools.ttLib import TTFont

from components import downloads, i18n, images, labels, print_layout, style, typography
from components.filters import Filters
from components.views.context import Context
from components.views.registry import BY_NAME, default_options, figure
from tests.test_export import TODAY, FakeExporter
from tests.test_print import overlapping, pdf_info, texts

READ = "2026年11月23日"  # TODAY as Japanese writes it
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ja(ds):
    return Context.of(ds, "ja")


@pytest.fixture(scope="module")
def en(ds):
    return Context.of(ds)


@pytest.fixture(scope="module")
def japan(ds):
    """Japan only, over every year: its name (日本) is in every export's filters line."""
    return Filters(countries=("JPN",), year_from=ds.year_span[0], year_to=ds.year_span[1])


# ------------------------------------------------------------------------------ citations


def test_a_japanese_citation_follows_the_japanese_form(ds, ja):
    info = ds.info
    plain, bibtex = downloads.citation(url="http://h/?country=JPN", info=info, today=TODAY, tr=ja.tr)
    released = ja.tr.date(info["released"])
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", released)
    dashboard = ja._("Japan–NATO Partnership Dashboard")
    assert plain == (
        f"{info['authors']}「{info['name']}」{info['version']}版、『{dashboard}』、{released}、"
        f"http://h/?country=JPN（{READ}閲覧）。"
    )
    assert "(accessed" not in plain and "2026-11-23" not in plain
    # BibTeX stays BibTeX: an ASCII key, braced fields, \url; its note in Japanese
    assert re.match(r"@misc\{[A-Za-z0-9_]+,\n", bibtex) and bibtex.endswith("\n}")
    assert "\\url{http://h/?country=JPN}" in bibtex and f"note = {{{READ}閲覧}}" in bibtex
    assert "author = {{Japan--NATO Partnership Dashboard contributors}}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_a_japanese_record_citation_names_its_title_source_and_dataset(ds, ja):
    event = ds["events"].set_index("event_id").loc["ev002"]
    source = ds["sources"].set_index("source_id").loc[event["source_id"]].to_dict()
    record = {"record_id": "ev002", "title": event["title_ja"], "source_id": event["source_id"]}
    plain, bibtex = downloads.record_citation(
        record, source, url="http://h/?record=ev002", info=ds.info, today=TODAY, tr=ja.tr
    )
    published = ja.tr.date(source["published"], source["published_precision"])
    assert plain.startswith(
        f"{ds.info['authors']}「{event['title_ja']}」（記録 ev002）、『{ds.info['name']}』"
    )
    head = f"{source['author']}「{source['title']}」{source['publisher']}"
    assert f"出典：{head}、{published}、{source['address']}" in plain
    assert plain.endswith(f"http://h/?record=ev002（{READ}閲覧）。")
    assert f"title = {{{event['title_ja']}}}" in bibtex and "記録 ev002" in bibtex
    assert bibtex.startswith("@misc{japan_nato_") and f"{READ}閲覧}}" in bibtex
    # a record without a known source is cited by its source id
    plain, _ = downloads.record_citation(record, {}, url="", info=ds.info, today=TODAY, tr=ja.tr)
    assert f"出典：{event['source_id']}、" in plain


def test_english_citations_are_the_default(ds):
    for tr in (i18n.ENGLISH, i18n.translator("en")):
        assert downloads.citation(url="http://h/", info=ds.info, today=TODAY, tr=tr) == downloads.citation(
            url="http://h/", info=ds.info, today=TODAY
        )


# ---------------------------------------------------------------- README, subtitle, footer


def test_the_readme_is_in_japanese(ds, ja, japan):
    text = downloads.readme(ja, japan, "http://h/?country=JPN", ["map.svg", "README.txt"], TODAY)
    lines = text.splitlines()
    assert any(READ in line for line in lines[:4])  # the day downloaded, as Japanese writes it
    assert any("日本" in line for line in lines[:6])  # the filters, the country named in Japanese
    assert ja.tr.date(ds.info["released"]) in text
    plain, bibtex = downloads.citation(url="http://h/?country=JPN", info=ds.info, today=TODAY, tr=ja.tr)
    assert plain in text and bibtex in text
    assert "- map.svg" in lines
    entries = [line for line in lines if line.startswith("- [")]
    assert len(entries) == len(ds["sources"])
    assert all("「" in line and "」" in line for line in entries)
    dated = ds["sources"][ds["sources"]["published"].str.len() == 10].iloc[0]
    assert any(line.startswith(f"- [{dated.source_id}]") and "年" in line for line in entries)


def test_the_subtitle_and_source_line_are_in_japanese(ja, japan):
    view = BY_NAME["ip4"]
    records = view.records(ja, japan, default_options(ja.ds))
    subtitle = downloads.subtitle(ja, japan)
    assert "日本" in subtitle and "Japan" not in subtitle
    footer = downloads.footer(ja, records, TODAY)
    assert footer.endswith(READ) and ja.ds.info["version"] in footer
    assert "2026-11-23" not in footer


def test_the_bundle_in_japanese_keeps_its_file_names_and_csv_columns(en, ja, japan):
    """File names are the same in both languages (ASCII); the CSVs keep their column names and
    carry their labels in Japanese; README.txt is the Japanese one."""
    options = default_options(ja.ds)
    name, payload = downloads.view_bundle(ja, FakeExporter(), japan, options, "http://h/?country=JPN", TODAY)
    english_name, english = downloads.view_bundle(
        en, FakeExporter(), japan, options, "http://h/?country=JPN", TODAY
    )
    assert name == english_name == "view_country-JPN_2026-11-23.zip"
    archive, english = zipfile.ZipFile(io.BytesIO(payload)), zipfile.ZipFile(io.BytesIO(english))
    assert archive.namelist() == english.namelist() and all(n.isascii() for n in archive.namelist())
    readme = archive.read("README.txt").decode("utf-8")
    assert "日本" in readme and READ in readme and "「" in readme
    got, want = (
        pd.read_csv(io.BytesIO(a.read("evidence.csv")), dtype=str, keep_default_na=False)
        for a in (archive, english)
    )
    assert list(got.columns) == list(want.columns) and list(got["record_id"]) == list(want["record_id"])
    assert got["actors"].str.contains("日本").all()  # names in Japanese
    assert set(got["grade_label"]) <= set(ja.grades.values())


@pytest.mark.parametrize("view", ["timeline", "reactions", "itpp"])
def test_a_japanese_csv_has_the_english_columns_and_japanese_labels(en, ja, japan, view):
    options = default_options(ja.ds)
    name, payload = downloads.chart_file(ja, FakeExporter(), BY_NAME[view], "csv", japan, options, TODAY)
    english_name, english = downloads.chart_file(
        en, FakeExporter(), BY_NAME[view], "csv", japan, options, TODAY
    )
    assert name == english_name and name.isascii()
    got = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    want = pd.read_csv(io.BytesIO(english), dtype=str, keep_default_na=False)
    assert list(got.columns) == list(want.columns)
    # a column of the data means the same in both languages: the English in ``title``, the
    # Japanese in ``title_ja`` (the Japanese page reads the Japanese in ``title``)
    twins = [c for c in got.columns if f"{c}_ja" in got.columns]
    assert twins and all(list(got[c]) == list(want[c]) for c in twins + [f"{c}_ja" for c in twins])
    assert not [c for c in got.columns if c.endswith("_en")]
    assert set(got["grade_label"]) <= set(ja.grades.values()) and "情報源：" in got["grade_label"].iloc[0]
    assert list(got["grade_label"]) != list(want["grade_label"])  # the grades' names are in the data
    assert list(got["quote_label"]) == [
        labels.quote_label(o, p, ja.tr) for o, p in zip(got["quote_origin"], got["source_publisher"])
    ]


# ----------------------------------------------------------------------- type and fonts


def test_a_japanese_character_is_one_em_wide():
    latin = typography.text_width("Japan", 10) / 5
    assert typography.text_width("日本", 10) == pytest.approx(2 * 10 * 1.03)
    assert 1.5 * latin < typography.text_width("日", 10) < 2.5 * latin
    assert typography.text_width("ＮＡＴＯ", 10) == pytest.approx(4 * 10 * 1.03)  # fullwidth letters
    assert typography.text_height("日本", 10) > typography.text_height("Japan", 10)
    assert typography.text_height("日本<br>Japan", 10) == typography.text_height("Japan<br>Japan", 10)


def test_japanese_text_wraps_between_characters_but_not_inside_kinsoku():
    text = "日本と北大西洋条約機構（NATO）は2023年7月12日、国別適合パートナーシップ計画に合意した。"
    wrapped = typography.wrap_to_width(text, 120, 11, lines=10)
    lines = wrapped.split("<br>")
    assert len(lines) > 2 and "".join(lines) == text
    assert all(typography.text_width(line, 11) <= 120 for line in lines)
    assert not any(line[0] in typography.NO_START for line in lines)
    assert not any(line[-1] in typography.NO_END for line in lines)
    assert any("2023年7月12日" in line for line in lines)  # a date is never cut
    cut = typography.wrap_to_width(text, 120, 11, lines=2).split("<br>")
    assert len(cut) == 2 and cut[-1].endswith("…")
    hover = style.wrap(text, 20, 10).split("<br>")
    assert len(hover) > 2 and all(sum(2 if typography.wide(c) else 1 for c in line) <= 20 for line in hover)


def test_english_text_wraps_as_before():
    text = "Japan–NATO Individually Tailored Partnership Programme agreed at Vilnius"
    assert typography.wrap_to_width(text, 150, 11) == (
        "Japan–NATO Individually<br>Tailored Partnership<br>Programme agreed at …"
    )
    assert style.wrap(text, 20, 2) == "Japan–NATO<br>Individually …"


def test_the_japanese_font_stack_is_declared_once():
    # Latin letters and digits in a Latin face, Japanese in Noto Sans CJK JP (the export server's)
    assert style.JA_FONT.startswith("Liberation Sans,") and ", Noto Sans CJK JP," in style.JA_FONT
    assert style.font_family("ja") == style.JA_FONT
    assert style.font_family("en") == style.font_family("xx") == style.FONT_FAMILY
    assert style.grade_legend()[0]["name"] == "Evidence A–B, 1–2 (solid)"
    assert style.stance_ticks()[2] == "Strongly<br>supportive"


def test_a_japanese_print_layout_sets_every_text_in_the_japanese_face(ja, japan):
    fig = figure(ja, BY_NAME["reactions"], japan, default_options(ja.ds), style.LIGHT)
    out = print_layout.annotate(
        fig, title="地域の反応", subtitle="日本", footer="出典", preset="a4", lang="ja"
    )
    assert out.layout.font.family == style.JA_FONT
    assert out.layout.title.font.family == out.layout.title.subtitle.font.family == style.JA_FONT
    assert (
        out.layout.annotations[-1].text == "出典" and out.layout.annotations[-1].font.family == style.JA_FONT
    )
    families = []

    def walk(node):
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            if key == "family":
                families.append(value)
            elif isinstance(value, dict | list) and key != "template":
                walk(value)

    walk(out.to_plotly_json())
    assert families and set(families) == {style.JA_FONT}
    english = print_layout.annotate(fig, title="T", subtitle="S", footer="F", preset="a4")
    assert english.layout.font.family == style.FONT_FAMILY


def test_an_export_error_says_its_message_in_the_readers_language(ja):
    error = images.ExportError(
        "Server-side export is unavailable: the export browser did not start ({error}).", error="boom"
    )
    assert str(error) == "Server-side export is unavailable: the export browser did not start (boom)."
    assert error.text() == str(error) and "boom" in error.text(ja.tr)


# --------------------------------------------------------------- exports (export browser)


def _pdf_fonts(pdf: bytes) -> list[str]:
    """The name of every font the PDF's pages use: /BaseFont, or for a Type 3 font (Chromium
    draws CFF faces such as Noto Sans CJK as glyph outlines) its descriptor's /FontName."""
    from pypdf import PdfReader

    names = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            name = font.get("/BaseFont") or (descriptor.get_object().get("/FontName") if descriptor else "")
            names.append(str(name))
    return names


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text as a reader copies it, NFKC-normalised: Noto Sans CJK draws 日 and the
    Kangxi radical ⽇ (U+2F47) with one glyph, which Chromium's PDF maps back to the radical,
    and ﬁ is a ligature; NFKC reads both as the characters written."""
    from pypdf import PdfReader

    return unicodedata.normalize("NFKC", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture(scope="module")
def ja_ip4(ja, exporter, japan):
    """``{fmt: (file name, bytes)}`` of the IP4 chart for Japan at A4, in Japanese."""
    view, options = BY_NAME["ip4"], default_options(ja.ds)
    return {
        fmt: downloads.chart_file(ja, exporter, view, fmt, japan, options, TODAY, "a4")
        for fmt in ("svg", "pdf")
    }


def test_a_japanese_svg_names_the_japanese_face_and_keeps_its_text(ja, ja_ip4):
    title = BY_NAME["ip4"].title(ja)
    name, svg = ja_ip4["svg"]
    assert name == "ip4_country-JPN_a4_2026-11-23.svg"
    root = ET.fromstring(svg)
    assert root[0].text == title and "日本" in root[1].text  # document title and subject
    families = {
        m.group(1)
        for el in root.iter(f"{SVG}text")
        for m in [re.search(r"font-family:\s*([^;]+)", el.get("style") or "")]
        if m
    }
    assert families and all("Noto Sans CJK JP" in f for f in families), families
    drawn = " ".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))
    assert title in drawn and "日本" in drawn and READ in drawn


def test_a_japanese_svg_embeds_the_glyphs_it_draws(ja_ip4):
    """A viewer without a Japanese font draws the same: the SVG carries a subset of Noto Sans CJK
    JP with every Japanese character of its text."""
    svg = ja_ip4["svg"][1].decode("utf-8")
    faces = re.findall(
        r'font-family:"Noto Sans CJK JP";font-weight:(\d+);src:url\(data:font/otf;base64,([^)]+)\)', svg
    )
    assert faces, svg[:400]
    root = ET.fromstring(svg)
    drawn = "".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))
    wanted = {c for c in drawn if unicodedata.east_asian_width(c) in ("W", "F")}
    for _weight, data in faces:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        assert wanted <= {chr(c) for c in font.getBestCmap()}, wanted - {chr(c) for c in font.getBestCmap()}
    assert len(svg) < 400_000  # a subset, not the 16 MB font


def test_an_english_svg_embeds_no_font(ds, exporter):
    en = Context.of(ds)
    name, svg = downloads.chart_file(
        en,
        exporter,
        BY_NAME["ip4"],
        "svg",
        Filters(year_from=ds.year_span[0], year_to=ds.year_span[1]),
        default_options(ds),
        TODAY,
        "a4",
    )
    assert b"@font-face" not in svg


def test_a_japanese_pdf_embeds_noto_sans_cjk_and_its_text_is_extractable(ja, ja_ip4):
    """The page's fonts are Noto Sans CJK JP (regular and bold; Chromium embeds it as a Type 3
    font of outlines, named by its descriptor) for Japanese and Liberation Sans for Latin
    letters and digits: no text fell back to another face. The title, the country's name and
    the key's Japanese words read back."""
    title = BY_NAME["ip4"].title(ja)
    name, pdf = ja_ip4["pdf"]
    assert name == "ip4_country-JPN_a4_2026-11-23.pdf"
    fonts = _pdf_fonts(pdf)
    assert fonts and all("NotoSansCJKjp" in f or "LiberationSans" in f for f in fonts), fonts
    assert any("NotoSansCJKjp" in f for f in fonts), fonts
    text = _pdf_text(pdf)
    # pypdf puts a space where the face changes (2026 年 11 月): compared without spaces
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", unicodedata.normalize("NFKC", title)) in flat and "日本" in flat
    assert "2026年11月23日" in flat  # the source line's date
    assert pdf_info(pdf)["Title"] == title and "日本" in pdf_info(pdf)["Subject"]


def test_digits_in_latin_text_of_a_japanese_pdf_are_extractable(ds, ja_ip4):
    """Set in Noto Sans CJK JP, Chromium's PDF keeps no text for Latin digits (they copied as
    NUL): the Latin face first in ``style.JA_FONT`` keeps them readable and searchable."""
    assert f"v{ds.info['version']}" in _pdf_text(ja_ip4["pdf"][1])


def test_a_japanese_png_renders(ja, exporter, japan):
    view = BY_NAME["map"]
    name, png = downloads.chart_file(ja, exporter, view, "png", japan, default_options(ja.ds), TODAY, "a4")
    assert name == "map_country-JPN_a4_2026-11-23.png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == images.PRESETS["a4"].pixels and height > width / 3
    idat, at = b"", 8
    while at < len(png):
        length = struct.unpack(">I", png[at : at + 4])[0]
        if png[at + 4 : at + 8] == b"IDAT":
            idat += png[at + 8 : at + 8 + length]
        at += 12 + length
    pixels = zlib.decompress(idat)
    assert len(set(pixels[::97])) > 50  # drawn, not a blank page
    # its document title is the Japanese one (an iTXt chunk, UTF-8)
    assert b"iTXt" in png and ("Title\x00\x00\x00\x00\x00" + view.title(ja)).encode("utf-8") in png


def test_a_long_japanese_title_wraps_within_the_paper(ja, exporter, japan):
    """A title without spaces still wraps (between its characters), the Japanese texts stay on
    the paper and no text covers another, measured in the rendered SVG."""
    fig = figure(ja, BY_NAME["itpp"], japan, default_options(ja.ds), style.LIGHT)
    title = "日本と北大西洋条約機構の国別適合パートナーシップ計画における協力分野とその戦略的目標の対応関係"
    out = print_layout.annotate(
        fig,
        title=title,
        subtitle=downloads.subtitle(ja, japan),
        footer="出典：" + "、".join(["首相官邸", "外務省", "読売新聞", "日本経済新聞"] * 4) + f" · {READ}",
        preset="a4",
        lang="ja",
    )
    assert out.layout.title.text.count("<br>") == 1  # two lines
    svg = exporter.render(out, "svg", width=int(out.layout.width), height=int(out.layout.height), scale=1)
    width, height, lines = texts(svg)
    assert width == images.PRESETS["a4"].width
    ours = [line for line in lines if any(typography.wide(c) for c in line["text"])]
    assert sum(line["text"] in title for line in ours) == 2  # the title's two lines, drawn
    for line in ours:  # (boxes estimated with DejaVu Sans's widths, wider than Noto's Latin)
        left, top, right, bottom = line["box"]
        assert left >= -1 and right <= width + 1, line["text"]
        assert top >= -1 and bottom <= height + 1, line["text"]
    assert overlapping(lines) == []
