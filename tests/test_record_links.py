"""A link to every record (``?record=<id>``), called through the page object: the row shown first
and highlighted, the usual notice for an unknown id, the selection's life, and a record's
citation."""

from __future__ import annotations

import pytest

from components import shell
from components.page import Page
from tests.helpers import record_rows
from tests.test_api import records_on_page


@pytest.fixture(scope="module")
def page(ds):
    return Page(ds)


def hits(table) -> list[str]:
    """The highlighted rows' ``kind:record_id`` (``aria-current``) in the evidence table's JSON."""
    return [row["data-record"] for row in record_rows(table) if row.get("aria-current") == "true"]


@pytest.mark.parametrize(
    "record, kind", [("ev001", "event"), ("re001", "reaction"), ("pe001", "partnership")]
)
def test_a_record_link_shows_its_row_first_and_highlighted(page, record, kind):
    out = page.outputs("search", {"search": f"?record={record}"})
    assert out["selected"] == [[kind, record]]
    assert records_on_page(out["table"])[0] == f"{kind}:{record}"
    assert hits(out["table"]) == [f"{kind}:{record}"]
    assert not out.get("notice")


def test_the_first_layout_of_a_record_link_already_holds_it(page):
    layout = page.fill(shell.layout(page.ctx), "?record=ev040")
    assert layout["evidence-selected"].data == [["event", "ev040"]]
    assert hits(layout["evidence-store"].data) == ["event:ev040"]


def test_an_unknown_record_gets_the_usual_notice(page):
    out = page.outputs("search", {"search": "?record=ev999&country=JPN"})
    assert "ev999" in out["notice"] and out["notice_open"] is True
    assert "selected" not in out and hits(out["table"]) == []
    assert out["countries"] == ["JPN"]  # the rest of the link applies


def test_a_record_outside_the_links_filters_is_said_so(page):
    out = page.outputs("search", {"search": "?record=ev001&country=KOR"})
    assert "not in view" in out["notice"]
    assert out["selected"] == [["event", "ev001"]] and hits(out["table"]) == []


def test_a_new_filter_ends_the_highlight_and_paging_keeps_it(page):
    selected = [["event", "ev040"]]
    assert page.outputs("countries", {"countries": ["JPN"], "selected": selected})["selected"] == []
    assert "selected" not in page.outputs("page", {"page": 2, "selected": selected})
    assert page.outputs("search", {"search": "", "selected": selected})["selected"] == []  # back to no record


def test_a_records_citation_names_it_its_source_and_the_version(page, ds):
    plain, bibtex = page.record_citation("ev040", "https://example.org/?country=JPN")
    assert "record ev040" in plain and ds.info["version"] in plain
    assert "https://example.org/?record=ev040" in plain
    source = (
        ds["sources"].set_index("source_id").loc[ds["events"].set_index("event_id").at["ev040", "source_id"]]
    )
    assert f"{source['title']}, {source['publisher']}" in plain  # its source, by title and publisher
    assert source["address"] in plain  # and where a reader finds it
    assert bibtex.startswith("@misc{japan_nato_") and "ev040" in bibtex and "version = {" in bibtex
    assert "author = {{" in bibtex  # an institution, not parsed as a person's name
    assert page.record_citation("nope", "https://example.org/") is None
    assert page.record_citation(["ev040"], "https://example.org/") is None


def test_clearing_the_highlight_ends_it_and_drops_the_record_from_the_link(page):
    inp = {"search": "?country=JPN&record=ev040", "countries": ["JPN"], "selected": [["event", "ev040"]]}
    out = page.outputs("clear", inp)
    assert out["selected"] == [] and hits(out["table"]) == []
    assert out["search"] == "?country=JPN"
    assert "figure_timeline" not in out  # nothing else changes
