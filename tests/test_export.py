"""Downloads: formula-safe CSVs, annotated images, the bundle, citations, failure messages."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from datetime import date

import pandas as pd
import pytest

from components import downloads, files, image_metadata, images, print_layout, style, typography
from components.filters import Filters
from components.views.context import Context
from components.views.registry import BY_NAME, VIEWS, default_options, figure

TODAY = date(2026, 11, 23)


class FakeExporter:
    """Stands in for kaleido where only the packaging is under test."""

    def render(self, fig, fmt, *, width, height, scale=2):
        return f"{fmt}:{fig.layout.title.text}".encode()


@pytest.fixture(scope="module")
def views(ds):
    """The views' context (its name kept short: every download takes it)."""
    return Context.of(ds)


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1-555", "'+1-555"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-cmd", "'-cmd"),
        ("-2", "-2"),
        ("Japan", "Japan"),
    ],
)
def test_neutralise(value, expected):
    assert files.neutralise(value) == expected


def test_csv_neutralises_formula_injection():
    df = pd.DataFrame({"quote": ["=cmd|' /C calc'!A0", "fine"], "score": [-2, 1], "tags": [("a", "b"), ()]})
    rows = list(csv.reader(io.StringIO(files.csv_bytes(df).decode("utf-8"))))
    assert rows[0] == ["quote", "score", "tags"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-2", "a;b"]


def test_chart_csv_is_exactly_the_filtered_records(ds, views):
    f = Filters(countries=("KOR",), year_from=2010, year_to=2024)
    name, payload = downloads.chart_file(
        views, FakeExporter(), BY_NAME["timeline"], "csv", f, default_options(views.ds), TODAY
    )
    assert name == "timeline_country-KOR_from-2010_to-2024_2026-11-23.csv"
    got = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    expected = BY_NAME["timeline"].records(views, f, default_options(views.ds))
    assert list(got["event_id"]) == list(expected["event_id"])
    assert {"source_id", "source_title", "quote"} <= set(got.columns)
    quotes = dict(zip(ds["events"]["event_id"], ds["events"]["quote"]))
    assert all(files.neutralise(quotes[e]) == q for e, q in zip(got["event_id"], got["quote"]))


def test_annotate_adds_title_subtitle_footer_and_is_pure(views):
    f = Filters()
    fig = figure(views, BY_NAME["reactions"], f, default_options(views.ds), style.LIGHT)
    before = fig.to_json()
    out = print_layout.annotate(
        fig, title="T", subtitle="Filters: all", footer="Source: X · Data: D v1 · 2026-11-23"
    )
    assert fig.to_json() == before
    assert "T" in out.layout.title.text and out.layout.title.subtitle.text == "Filters: all"
    assert any("Source: X" in a.text for a in out.layout.annotations)


def test_bundle_contents(views):
    f = Filters(countries=("JPN",))
    name, payload = downloads.view_bundle(
        views, FakeExporter(), f, default_options(views.ds), "http://h/?country=JPN", TODAY
    )
    assert name == "view_country-JPN_2026-11-23.zip"
    archive = zipfile.ZipFile(io.BytesIO(payload))
    names = set(archive.namelist())
    for view in (v.name for v in VIEWS):
        assert {f"{view}.svg", f"{view}.png", f"{view}.csv"} <= names
    assert {"evidence.csv", "README.txt"} <= names
    readme = archive.read("README.txt").decode("utf-8")
    assert "http://h/?country=JPN" in readme and "actors: Japan" in readme
    assert views.ds.info["version"] in readme and "@misc{" in readme
    assert all(sid in readme for sid in views.ds["sources"]["source_id"])


def test_citation_names_the_authors_the_package_declares(ds):
    """The citation names the dataset's authors (its package's contributors), title, version,
    the dashboard and the view's link; CITATION.cff says the same (test_dataset.py)."""
    plain, bibtex = downloads.citation(url="http://h/?domain=cyber", info=ds.info, today=TODAY)
    authors = ds.info["authors"]
    assert authors and plain.startswith(f"{authors} ({ds.info['released'][:4]}). {ds.info['name']}, version")
    assert "http://h/?domain=cyber" in plain and "accessed 2026-11-23" in plain
    assert bibtex.startswith("@misc{") and "\\url{http://h/?domain=cyber}" in bibtex
    assert f"author = {{{{{authors.replace('–', '--')}}}}}" in bibtex


def test_missing_browser_fails_fast(monkeypatch, views):
    started = time.monotonic()
    with pytest.raises(images.ExportError, match="no Chromium"):
        images.Exporter(timeout=2, browser="/nonexistent/chromium").render(
            figure(views, BY_NAME["ip4"], Filters(), default_options(views.ds), style.LIGHT),
            "png",
            width=600,
            height=400,
        )
    assert time.monotonic() - started < 3


def test_hanging_browser_fails_within_the_limit(tmp_path, monkeypatch, views):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    started = time.monotonic()
    with pytest.raises(images.ExportError):
        images.Exporter(timeout=2, browser=str(fake)).render(
            figure(views, BY_NAME["ip4"], Filters(), default_options(views.ds), style.LIGHT),
            "png",
            width=600,
            height=400,
        )
    assert time.monotonic() - started < 8


def test_real_png_export(views, exporter):
    f = Filters(countries=("JPN",))
    name, payload = downloads.chart_file(
        views, exporter, BY_NAME["map"], "png", f, default_options(views.ds), TODAY
    )
    assert payload[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(payload[16:20], "big")
    assert width == 2 * images.EXPORT_WIDTH
    _, svg = downloads.chart_file(views, exporter, BY_NAME["ip4"], "svg", f, default_options(views.ds), TODAY)
    assert BY_NAME["ip4"].title(views).encode() in svg.replace(b"&#39;", b"'") and b"Source:" in svg
    # non-Latin labels: the text is kept and the CJK font installed by `make` is named
    fig = print_layout.annotate(
        figure(views, BY_NAME["ip4"], f, default_options(views.ds), style.LIGHT),
        title="地域の反応",
        subtitle="日本",
        footer="出典",
    )
    svg = exporter.render(fig, "svg", width=800, height=int(fig.layout.height))
    assert "地域の反応".encode() in svg and b"Noto Sans CJK JP" in svg


def _browser_children() -> list[int]:
    """Pids of Chromium processes started by this test process (the export browser)."""
    import psutil

    return [p.pid for p in psutil.Process().children() if "chrom" in " ".join(p.cmdline())]


def test_crashed_browser_is_replaced(views):
    import os
    import signal

    exporter = images.Exporter(timeout=6)
    fig = figure(views, BY_NAME["reactions"], Filters(), default_options(views.ds), style.LIGHT)
    try:
        assert exporter.render(fig, "png", width=600, height=400)[:4] == b"\x89PNG"
        pids = _browser_children()
        assert pids, "the export browser runs as a child of this process"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        started = time.monotonic()
        try:
            exporter.render(fig, "png", width=600, height=400)
        except images.ExportError as exc:
            assert "Try again" in str(exc)
        assert time.monotonic() - started < 10
        assert exporter.render(fig, "png", width=600, height=400)[:4] == b"\x89PNG"
    finally:
        exporter.close()


def _csv(payload: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)


@pytest.mark.parametrize("view", [v.name for v in VIEWS])
def test_every_csv_labels_its_text_and_carries_the_grade(views, view):
    """Each chart's CSV says for every record whether its text is a quote, a reported quote or a
    summary, carries the grade, and never the curators' working notes."""
    _, payload = downloads.chart_file(
        views, FakeExporter(), BY_NAME[view], "csv", Filters(), default_options(views.ds), TODAY
    )
    got = _csv(payload)
    assert "curation_note" not in got.columns
    if view == "map":  # the map's records are the countries, which carry no quotes
        return
    assert {
        "quote",
        "quote_origin",
        "quote_label",
        "reliability",
        "source_reliability_reason",
        "credibility",
        "grade",
        "grade_label",
        "checked_on",
    } <= set(got.columns)
    summaries = got[got["quote_origin"] == "summary"]
    assert (summaries["quote_label"] == "Summary (not a quotation)").all()
    assert set(got.loc[got["quote_origin"] == "verbatim", "quote_label"]) <= {"Quote"}
    assert all(
        label.startswith("Quoted in ") for label in got.loc[got["quote_origin"] == "quoted_in", "quote_label"]
    )
    assert got["grade_label"].str.match(r"^[A-F][1-6] · .+ source · ").all()
    assert (got["grade"] == got["reliability"] + got["credibility"]).all()


def test_the_bundles_evidence_csv_is_graded_and_labelled(views):
    f = Filters(min_grade="C3")
    _, payload = downloads.view_bundle(
        views, FakeExporter(), f, default_options(views.ds), "http://h/?evidence=C3", TODAY
    )
    archive = zipfile.ZipFile(io.BytesIO(payload))
    got = _csv(archive.read("evidence.csv"))
    assert got["grade"].str.match(r"^[ABC][123]$").all()
    assert "curation_note" not in got.columns
    assert (got.loc[got["quote_origin"] == "summary", "quote_label"] == "Summary (not a quotation)").all()
    readme = archive.read("README.txt").decode("utf-8")
    assert "evidence: source C or better, information 3 or better" in readme
    released, checked = views.ds.info["released"], views.ds.info["checked"]
    assert (
        f"released {views.tr.record_date(released)}; rows checked to {views.tr.record_date(checked)}"
        in readme
    )


# ------------------------------------------------------------------- sizes, titles, the ZIP


def test_the_menu_offers_each_image_at_each_size_and_one_csv():
    from components import cards, ids

    menu = cards.download_menu("timeline")
    items = [i for i in menu.children if (getattr(i, "id", None) or {}).get("type") == ids.DOWNLOAD_ITEM_TYPE]
    assert menu.children[-1].id == ids.embed_item("timeline")  # then "Embed this chart…"
    got = {(i.id["fmt"], i.id["size"]) for i in items}
    assert got == {(fmt, size) for fmt in images.IMAGE_FORMATS for size in images.PRESETS} | {("csv", "")}
    assert all(set(i.id) == set(ids.download_item("timeline", "png", "a4")) for i in items)
    headers = [i.children for i in menu.children if "dropdown-header" in (getattr(i, "className", "") or "")]
    assert headers == [p.label for p in images.PRESETS.values()]


def test_a_download_item_names_its_size_and_an_unknown_size_is_refused(ds):
    from components import ids
    from components.page import Page

    page = Page(ds, exporter=FakeExporter())
    inp = {"countries": ["JPN"], "years": list(ds.year_span)}
    name, payload = page.download(ids.download_item("ip4", "svg", "a4"), inp, "")
    assert name.startswith("ip4_country-JPN_a4_") and name.endswith(".svg")
    assert page.download(ids.download_item("ip4", "png", "poster"), inp, "") is None
    assert page.download(ids.download_item("ip4", "png", ["a4"]), inp, "") is None
    assert page.download(ids.download_item("ip4", "png"), inp, "")[0].startswith("ip4_country-JPN_screen_")
    assert page.download({"type": "download-item", "view": "ip4", "fmt": "pdf"}, inp, "") is not None
    name, _ = page.download(ids.download_item("ip4", "csv", "slide"), inp, "")  # a CSV has no size
    assert name.startswith("ip4_country-JPN_2") and name.endswith(".csv")


def test_the_bundle_renders_two_at_a_time_and_stores_its_images(views):
    """The ZIP's images are rendered concurrently (as many as the export browser has tabs), each
    chart's figure made once; PNGs are stored as they are, text deflated."""
    import threading

    class Counting(FakeExporter):
        def __init__(self):
            self.lock, self.now, self.most, self.calls = threading.Lock(), 0, 0, []

        def render(self, fig, fmt, *, width, height, scale=2):
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
                self.calls.append((fmt, width, round(width * scale)))
            time.sleep(0.05)
            with self.lock:
                self.now -= 1
            return super().render(fig, fmt, width=width, height=height, scale=scale)

    exporter = Counting()
    _, payload = downloads.view_bundle(
        views, exporter, Filters(), default_options(views.ds), "http://h/", TODAY
    )
    assert exporter.most == images.RENDER_TABS
    assert sorted(c[0] for c in exporter.calls) == sorted(["png", "svg"] * len(VIEWS))
    a4 = images.PRESETS[downloads.BUNDLE_PRESET]
    assert {c[1] for c in exporter.calls} == {a4.width}
    assert {c[2] for c in exporter.calls if c[0] == "png"} == {a4.pixels}
    archive = zipfile.ZipFile(io.BytesIO(payload))
    kinds = {i.filename: i.compress_type for i in archive.infolist()}
    assert kinds["map.png"] == zipfile.ZIP_STORED and kinds["map.svg"] == zipfile.ZIP_DEFLATED
    assert "A4/Letter text width, 16 cm" in archive.read("README.txt").decode("utf-8")


def test_file_names_carry_the_size():
    assert files.filename("map", "all", "png", TODAY, "a4") == "map_all_a4_2026-11-23.png"
    assert files.filename("map", "all", "csv", TODAY) == "map_all_2026-11-23.csv"


@pytest.mark.parametrize(
    "color, legible",
    [
        ("#9AA0A6", False),
        ("#555555", True),
        ("#212529", True),
        ("rgba(0,0,0,0.3)", False),
        ("#E69F00", False),
    ],
)
def test_text_colours_are_darkened_to_wcag_aa_on_white(color, legible):
    assert (typography.contrast(color) >= 4.5) is legible
    darker = typography.legible(color)
    assert typography.contrast(darker) >= 4.5
    assert (darker == color) is legible


def test_annotate_lays_out_at_the_preset(views):
    fig = figure(views, BY_NAME["timeline"], Filters(), default_options(views.ds), style.LIGHT)
    for key, preset in images.PRESETS.items():
        out = print_layout.annotate(fig, title="T", subtitle="S", footer="F", preset=key)
        assert out.layout.width >= preset.width and out.layout.font.size == preset.text
        if preset.aspect:
            assert abs(out.layout.height / out.layout.width - preset.aspect) < 0.01
        sizes = [a.font.size for a in out.layout.annotations if a.font.size]
        assert min(sizes) >= preset.small
        assert all(typography.contrast(a.font.color) >= 4.5 for a in out.layout.annotations if a.font.color)
        assert out.layout.legend.yref == "container" and out.layout.legend.y > 0.5  # the key on top


def test_svg_title_is_escaped_and_first():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g/></svg>'
    out = image_metadata.with_metadata(svg, "svg", title="<script>a & b</script>", subject="Filters: x")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(out)
    assert root[0].tag.endswith("title") and root[0].text == "<script>a & b</script>"
    assert not any(el.tag.endswith("script") for el in root.iter())


def test_pdf_title_is_an_incremental_update():
    """The original bytes are kept, the new Info dictionary is the one a reader finds."""
    from tests.test_print import pdf_info

    body = b"%PDF-1.4\n1 0 obj\n<</Title (Kaleido-fier)\n/Producer (Skia/PDF m1)>>\nendobj\n"
    body += b"2 0 obj\n<</Type /Catalog>>\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n%010d 00000 n \n" % body.index(b"2 0 obj")
    body += b"trailer\n<</Size 3\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
    out = image_metadata.with_metadata(
        body, "pdf", title="Timeline of Japan–NATO relations", subject="Filters: all"
    )
    assert out.startswith(body)
    info = pdf_info(out)
    assert info["Title"] == "Timeline of Japan–NATO relations" and info["Subject"] == "Filters: all"
    assert info["Producer"] == "Skia/PDF m1"
    assert (
        image_metadata.with_metadata(b"%PDF-1.5 not a plain table", "pdf", title="T")
        == b"%PDF-1.5 not a plain table"
    )


def test_png_title_and_resolution_chunks_are_valid():
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + image_metadata._png_chunk(b"IHDR", ihdr)
        + image_metadata._png_chunk(b"IEND", b"")
    )
    out = image_metadata.with_metadata(png, "png", title="Carte", dpi=300)
    at, kinds = 8, []
    while at < len(out):
        length = struct.unpack(">I", out[at : at + 4])[0]
        kind, data = out[at + 4 : at + 8], out[at + 8 : at + 8 + length]
        assert struct.unpack(">I", out[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + data)
        kinds.append(kind)
        at += 12 + length
    assert kinds == [b"IHDR", b"iTXt", b"pHYs", b"IEND"]


def test_the_header_and_every_footer_carry_the_release_and_the_last_check(views):
    """A reader sees when the release was made and the newest day a row was checked."""
    from components import shell

    info = views.ds.info
    tr = views.tr
    assert info["checked"] == max(max(views.ds[t]["checked_on"]) for t in views.ds.rule.fact_tables)
    header = "".join(str(p) if isinstance(p, str) else p.children for p in shell._with_name(views, info))
    released, checked = tr.record_date(info["released"]), tr.record_date(info["checked"])
    assert f"released {released} · checked to {checked}" in header
    foot = downloads.footer(views, views.ds["events"], TODAY)
    assert f"released {released}, checked to {checked}" in foot
