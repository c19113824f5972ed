"""Draw only what the reader can see: charts and the evidence table far from the screen are not
drawn on load nor redrawn on a filter change; they are marked stale, hidden, and drawn with the
current filters when they come near. Counted in a real browser (draws, records), never timed."""

from __future__ import annotations

from tests.conftest import wait_js, wait_rendered
from tests.test_browser import expected_events, expected_reactions, graph_ids, table_records

IP4 = {"JPN", "KOR", "AUS", "NZL", "IP4"}


def states(page) -> dict[str, str]:
    return page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('[data-lazy]')]"
        ".map(p => [p.dataset.lazy, p.dataset.state]))"
    )


def wait_count(page, n: int) -> None:
    """Wait until the events counter shows ``n`` and the parts near the screen are drawn."""
    wait_js(page, f"document.querySelector('#count-events').innerText === '{n}'")
    wait_rendered(page, everything=False)


def count_draws(page) -> None:
    """From now on, count each chart's draws (plotly_afterplot) in ``window.__draws``."""
    page.evaluate(
        """() => { window.__draws = {};
        for (const gd of document.querySelectorAll('.js-plotly-plot')) {
          const id = gd.parentElement.id;
          gd.on('plotly_afterplot', () => { window.__draws[id] = (window.__draws[id] || 0) + 1; });
        } }"""
    )


def test_only_what_is_near_the_screen_is_drawn_on_load(page_factory):
    page, _ = page_factory()
    now = states(page)
    assert now["timeline-graph"] == "drawn"
    # more than a screen below the first one at 1440 × 900: never drawn, hidden, space kept
    assert now["reactions-graph"] == "stale" and now["evidence-table"] == "stale", now
    assert page.evaluate("document.querySelectorAll('#evidence-table tr').length") == 0
    hidden = page.evaluate("getComputedStyle(document.querySelector('#reactions-graph')).visibility")
    assert hidden == "hidden"
    height = page.evaluate("document.querySelector('#reactions-graph').offsetHeight")
    assert height >= 700  # its reserved space (no layout shift when it draws)


def test_a_filter_change_redraws_no_chart_off_screen(page_factory):
    page, _ = page_factory()
    count_draws(page)
    page.click("#filter-pick-ip4")
    wait_count(page, len(expected_events(IP4)))
    wait_js(page, "(window.__draws['timeline-graph'] || 0) >= 1")
    page.wait_for_timeout(1000)  # past any late draw: the count below must stay as it is
    draws = page.evaluate("window.__draws")
    assert draws.get("timeline-graph") == 1, draws
    assert "reactions-graph" not in draws and "ip4-graph" not in draws, draws
    assert states(page)["reactions-graph"] == "stale"
    assert page.inner_text("#count-reactions") == str(len(expected_reactions(IP4)))  # counters at once


def test_a_chart_scrolled_into_view_holds_the_current_filters(page_factory):
    """Filter while the reactions chart is far away, then scroll to it: it is drawn once, with
    exactly the records of the current filter, and was hidden (never old data) until then."""
    page, _ = page_factory()
    page.click("#filter-pick-ip4")
    wait_count(page, len(expected_events(IP4)))
    count_draws(page)
    page.locator("#reactions-card").scroll_into_view_if_needed()
    wait_js(page, "document.querySelector('[data-lazy=\"reactions-graph\"]').dataset.state === 'drawn'")
    assert graph_ids(page, "reactions-graph", "reaction") == expected_reactions(IP4)
    assert page.evaluate("window.__draws")["reactions-graph"] == 1
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#reactions-graph')).visibility") == "visible"
    )


def test_the_evidence_table_is_drawn_when_reached_or_asked_for(page_factory):
    page, _ = page_factory("?country=KOR")
    assert states(page)["evidence-table"] == "stale"
    # keyboard: the "Jump to" link to the evidence moves focus there, and the table draws
    page.click("#view-nav a[href='#evidence-title']")
    wait_js(page, "document.querySelector('[data-lazy=\"evidence-table\"]').dataset.state === 'drawn'")
    shown = table_records(page, "event")
    assert shown and shown <= expected_events({"KOR"})
    assert page.evaluate("document.activeElement.id") == "evidence-title"
    # back at the top, a filter change leaves the far table stale; a mark clicked there brings
    # its record, drawn, to the top of the table
    page.click("#filter-reset")
    page.locator("#timeline-card").scroll_into_view_if_needed()
    wait_js(page, "document.querySelector('[data-lazy=\"evidence-table\"]').dataset.state === 'stale'")
    # the reset made while the page scrolls is not lost to the charts the scroll brings near
    wait_count(page, len(expected_events(None)))
    assert page.evaluate("location.search") == ""
    page.locator("#timeline-graph .scatterlayer .point").first.click(force=True)
    page.wait_for_selector("#evidence-table tr.evidence-hit")


def test_a_print_from_the_menu_asks_for_every_part(page_factory):
    page, _ = page_factory()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    wait_js(page, "[...document.querySelectorAll('[data-lazy]')].every(p => p.dataset.state === 'drawn')")


def test_printing_draws_every_part_first(page_factory):
    """Ctrl+P draws the parts not yet drawn, then prints."""
    page, _ = page_factory()
    assert "stale" in states(page).values()
    page.keyboard.press("Control+p")
    wait_js(page, "[...document.querySelectorAll('[data-lazy]')].every(p => p.dataset.state === 'drawn')")
    assert graph_ids(page, "reactions-graph", "reaction") == expected_reactions()
