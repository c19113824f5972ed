"""Embeddable charts (/embed/<view>) in-process: what the page holds, that its figure is the
page's for the same filters, its framing policy against the full page's, and bad links."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from components import ids, state, style
from components.page import Page
from components.views.registry import VIEWS


@pytest.fixture(scope="module")
def page(ds):
    return Page(ds)


def embedded_figure(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="embed-figure">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize("view", [v.name for v in VIEWS])
def test_each_chart_alone_with_its_title_filters_sources_and_link_back(client, page, view):
    got = client.get(f"/embed/{view}?country=JPN&from=2010")
    assert got.status_code == 200
    html = got.get_data(as_text=True)
    title = next(v for v in VIEWS if v.name == view).title(page.ctx)
    assert f">{title}</h1>" in unescape(html)
    assert f"Filters: actors: Japan; years: 2010–{page.vocab.years[1]}" in html
    assert f"Data: {page.ds.info['name']} v{page.ds.info['version']}" in html
    assert f'/?country=JPN&amp;from=2010#{ids.card(view)}"' in html  # back to the full view
    assert 'id="filter-country"' not in html and "<header" not in html  # no filter bar, no header


def test_the_embed_draws_the_pages_figure_for_the_same_filters(client, page):
    html = client.get("/embed/timeline?country=KOR&lanes=actor").get_data(as_text=True)
    f, options, _ = state.from_query("?country=KOR&lanes=actor", page.vocab)
    timeline = next(v for v in VIEWS if v.name == "timeline")
    expected, _ = page.figure("timeline", f, page.own(timeline, options), style.LIGHT, "en")
    assert embedded_figure(html)["data"] == json.loads(json.dumps(expected["data"]))


def test_the_embed_may_be_framed_anywhere_and_the_page_keeps_its_policy(client):
    embed = client.get("/embed/map")
    assert "frame-ancestors" not in embed.headers["Content-Security-Policy"]  # a local file may frame it
    assert "X-Frame-Options" not in embed.headers
    assert "script-src 'self'" in embed.headers["Content-Security-Policy"]  # still no inline script
    full = client.get("/")
    assert "frame-ancestors 'self'" in full.headers["Content-Security-Policy"]
    assert full.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize(
    "url, status, words",
    [
        ("/embed/nope", 404, "Charts: timeline"),
        ("/embed/map?country=XXX", 400, "Unknown country or organization code(s) in “country”: XXX."),
        ("/embed/map?theme=neon", 400, "theme must be light or dark"),
        ("/embed/map?from=abc", 400, "is not a year"),
        ("/embed/map?country=%3Cscript%3Ealert(1)%3C/script%3E", 400, "&lt;script&gt;"),
    ],
)
def test_a_bad_embed_link_says_what_is_wrong(client, url, status, words):
    got = client.get(url)
    assert got.status_code == status
    html = got.get_data(as_text=True)
    assert words in html and "<script>alert" not in html and "Traceback" not in html


def test_data_cannot_end_the_figures_script(client, page):
    """The figure goes into the page as JSON in a script element: '<' is escaped, so no text in
    the data can close that element and start markup."""
    html = client.get("/embed/reactions").get_data(as_text=True)
    inside = re.search(r'id="embed-figure">(.*?)</script>', html, re.S).group(1)
    assert "<" not in inside


def test_the_embed_script_is_not_on_the_dashboard(client):
    html = client.get("/").get_data(as_text=True)
    assert "embed.js" not in html and "embed.css" not in html
    assert client.get("/assets/embed.js").status_code == 200
