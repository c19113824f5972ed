"""Downloads: formula-safe CSVs, annotated images, the bundle, citations, failure messages."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from datetime import date

import pandas as pd
import pytest

from components import downloads, files, images, style
from components.data import Filters
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
    f = Filters(("KOR",), (), 2010, 2024)
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
    out = images.annotate(
        fig, title="T", subtitle="Filters: all", footer="Source: X · Data: D v1 · 2026-11-23"
    )
    assert fig.to_json() == before
    assert "T" in out.layout.title.text and out.layout.title.subtitle.text == "Filters: all"
    assert any("Source: X" in a.text for a in out.layout.annotations)


def test_bundle_contents(views):
    f = Filters(("JPN",), (), None, None)
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


def test_citation():
    plain, bibtex = downloads.citation(
        url="http://h/?domain=cyber", info={"name": "D", "version": "1.0"}, today=TODAY
    )
    assert "http://h/?domain=cyber" in plain and "1.0" in plain
    assert bibtex.startswith("@misc{") and "\\url{http://h/?domain=cyber}" in bibtex


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


def test_real_png_export(views):
    exporter = images.Exporter()
    try:
        f = Filters(("JPN",), (), None, None)
        name, payload = downloads.chart_file(
            views, exporter, BY_NAME["map"], "png", f, default_options(views.ds), TODAY
        )
        assert payload[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(payload[16:20], "big")
        assert width == 2 * images.EXPORT_WIDTH
        _, svg = downloads.chart_file(
            views, exporter, BY_NAME["ip4"], "svg", f, default_options(views.ds), TODAY
        )
        assert BY_NAME["ip4"].title(views).encode() in svg.replace(b"&#39;", b"'") and b"Source:" in svg
        # non-Latin labels: the text is kept and the CJK font installed by `make` is named
        fig = images.annotate(
            figure(views, BY_NAME["ip4"], f, default_options(views.ds), style.LIGHT),
            title="地域の反応",
            subtitle="日本",
            footer="出典",
        )
        svg = exporter.render(fig, "svg", width=800, height=int(fig.layout.height))
        assert "地域の反応".encode() in svg and b"Noto Sans CJK JP" in svg
    finally:
        exporter.close()


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
    assert {"quote", "quote_origin", "quote_label", "verification", "grade", "grade_label"} <= set(
        got.columns
    )
    summaries = got[got["quote_origin"] == "summary"]
    assert (summaries["quote_label"] == "Summary (not a quotation)").all()
    assert set(got.loc[got["quote_origin"] == "verbatim", "quote_label"]) <= {"Quote"}
    assert all(
        label.startswith("Quoted in ") for label in got.loc[got["quote_origin"] == "quoted_in", "quote_label"]
    )
    assert got["grade_label"].str.match(r"^[A-E] · ").all()


def test_the_bundles_evidence_csv_is_graded_and_labelled(views):
    f = Filters(min_grade="C")
    _, payload = downloads.view_bundle(
        views, FakeExporter(), f, default_options(views.ds), "http://h/?evidence=C", TODAY
    )
    archive = zipfile.ZipFile(io.BytesIO(payload))
    got = _csv(archive.read("evidence.csv"))
    assert set(got["grade"]) <= {"A", "B", "C"}
    assert "curation_note" not in got.columns
    assert (got.loc[got["quote_origin"] == "summary", "quote_label"] == "Summary (not a quotation)").all()
    assert "evidence: grade C or better" in archive.read("README.txt").decode("utf-8")
