"""Accessible and private in every state a reader can reach, in a real browser: axe after each
interaction, in both colour modes and on a phone; a keyboard path to the main job; focus that
comes back; no control that sends data off-site; zoom, reduced motion and forced colours."""

from __future__ import annotations

from pathlib import Path

import pytest

from components import filters
from components.views.registry import VIEWS
from tests.conftest import ROOT, goto, to_dark, wait_js, wait_rendered

AXE = ROOT / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / ".artifacts"


def serious_violations(page, part: str | None = None) -> list[str]:
    """axe's serious and critical findings on the page as it is now, or on one ``part`` of it
    (a CSS selector) when only that part has changed since the last whole-page run."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        # evaluated over CDP: the app's CSP (rightly) refuses an injected inline <script>
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (part) => await axe.run(part ? {include: [part]} : document, {resultTypes: ['violations']})",
        part,
    )
    return [
        f"{v['id']} on {len(v['nodes'])} nodes, first {v['nodes'][0]['target']}: "
        + "; ".join(c["message"] for c in v["nodes"][0]["any"] + v["nodes"][0]["all"])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def focused(page) -> str:
    """The id of the focused element, or of its nearest ancestor with one."""
    return page.evaluate(
        "(() => { const e = document.activeElement; return (e.closest('[id]') || {}).id || ''; })()"
    )


def choose(page, dropdown: str, text: str) -> None:
    """Pick the first option matching ``text`` in a dcc.Dropdown with the keyboard alone."""
    page.focus(f"#{dropdown}")
    page.keyboard.press("Enter")
    page.keyboard.type(text)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def settle(page) -> None:
    page.wait_for_timeout(300)
    wait_rendered(page)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_serious_axe_violations_in_any_state(page_factory, dark):
    """The issue's list of states, walked on one page per colour mode, axe after each: on the
    whole page when the filters changed it, on the part that changed otherwise (a menu, the
    dialog, a status line, the notice), a quarter of the time of a whole-page run. States that
    differ from the first load only in which records are shown (a quick pick, a chosen
    country, the evidence's search and pages) are walked in the light mode only: their
    colours are the first load's, which the dark walk checks."""
    assert AXE.exists(), "axe-core missing: `make test` installs it from npm"
    page, _ = page_factory(dark=dark, lazy=False)
    # axe reads colours as they are now: a hover transition caught half-way is no real state
    page.emulate_media(reduced_motion="reduce")
    found: dict[str, list[str]] = {}

    def check(state: str, part: str | None = None) -> None:
        found[state] = serious_violations(page, part)

    check("first load")
    if not dark:
        page.click("#filter-pick-ip4")
        settle(page)
        check("IP4 pick")
        page.click("#filter-reset")
        settle(page)
        choose(page, "filter-country", "Japan")
        choose(page, "filter-domain", "Cyber")
        settle(page)
        check("a country and a domain chosen")
        page.click("#filter-reset")
        settle(page)
    page.check("#timeline-lanes input[value=actor]", force=True)
    page.check("#map-mode input[value=stance]", force=True)
    page.uncheck("#network-frameworks input[value=nato]", force=True)
    settle(page)
    check("each chart option changed")
    page.locator("#network-download-menu button.dropdown-toggle").click()
    page.wait_for_selector("#network-download-menu .dropdown-menu.show")
    check("download menu open", "#network-download-menu")
    page.keyboard.press("Escape")
    page.click("#cite-open")
    page.wait_for_selector(".modal.show #cite-bibtex")
    check("citation dialog open", ".modal.show")
    page.keyboard.press("Escape")
    page.wait_for_selector(".modal.show", state="detached")
    page.click("#copy-link")
    wait_js(page, "document.querySelector('#copy-link-status').textContent.length > 0")
    check("copy-link status shown", "#copy-link-status")
    if not dark:
        page.fill("#evidence-search", "NATO")
        page.select_option("#evidence-sort", index=1)
        settle(page)
        page.locator("#evidence-page a.page-link", has_text="2").first.click()
        settle(page)
        check("evidence searched, sorted and on page 2")
    page.locator("#timeline-graph .scatterlayer .point").first.click(force=True)
    page.wait_for_selector("#evidence-table tr.evidence-hit")
    check("a chart mark clicked", "#evidence-table")
    # the rest of this page is the first load's, checked above
    goto(page, page.url.split("?")[0] + "?country=XXX&domain=<b>", lazy=True)
    page.wait_for_selector("#url-notice", state="visible")
    check("URL notice shown", "#url-notice")
    failures = [f"{state}: {line}" for state, lines in found.items() for line in lines]
    assert not failures, "\n".join(failures)


def test_no_serious_axe_violations_on_a_phone(page_factory):
    """In both colour modes (the dark one by the header's switch, on the same page)."""
    page, _ = page_factory("?country=JPN,KOR,AUS,NZL,IP4", width=390, height=844, lazy=False)
    light = serious_violations(page)
    to_dark(page)
    assert {"light": light, "dark": serious_violations(page)} == {"light": [], "dark": []}


def test_no_serious_axe_violations_while_parts_are_stale(page_factory):
    """As a reader gets the page: parts far from the screen not drawn, before and after a
    filter change (the other tests draw every part first)."""
    page, _ = page_factory()
    page.emulate_media(reduced_motion="reduce")
    assert "stale" in page.evaluate("[...document.querySelectorAll('[data-lazy]')].map(p => p.dataset.state)")
    assert serious_violations(page) == []
    page.click("#filter-pick-ip4")
    page.wait_for_url("**country=*")
    wait_rendered(page, everything=False)
    assert serious_violations(page) == []


def test_the_keyboard_path_to_a_filtered_chart_download_is_short(page_factory):
    """From the top of the page, with the keyboard only: choose a country and a domain, then
    download the network chart as a PNG. The key presses are counted (README, Accessibility)."""
    page, _ = page_factory()
    # the dropdowns' code arrives after the page is drawn (dcc's async chunk); until then the
    # first Tab has nothing to land on but the next control
    wait_js(page, " && ".join(f"document.getElementById('{c.id}')" for c in filters.CONTROLS))
    presses = {"Tab": 0, "other": 0}

    def press(key: str, times: int = 1) -> None:
        for _ in range(times):
            page.keyboard.press(key)
            presses["Tab" if key == "Tab" else "other"] += 1
            page.wait_for_timeout(60)  # a person's pace: the dropdown renders between keys

    press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the filters"
    press("Enter")
    # the next Tab starts from the link's target only once the browser has moved there
    wait_js(page, "location.hash === '#main'")

    def pick(tabs: int, dropdown: str, text: str, search: str) -> None:
        press("Tab", tabs)
        assert focused(page) == dropdown
        press("Enter")
        page.keyboard.type(text, delay=60)
        press("ArrowDown")
        press("Enter")
        press("Escape")
        assert focused(page) == dropdown  # focus returns to the dropdown when it closes
        wait_js(page, f"location.search === '{search}'", timeout=5000)

    pick(1, "filter-country", "Japan", "?country=JPN")
    pick(3, "filter-domain", "Cyber", "?country=JPN&domain=cyber")
    # on to the "Jump to" links after the filter bar, then the network's link
    for _ in range(12):
        press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "#network-title":
            break
    press("Enter")
    assert focused(page) == "network-title"
    press("Tab")
    assert page.evaluate("document.activeElement.matches('#network-download-menu .dropdown-toggle')")
    press("Enter")
    page.wait_for_selector("#network-download-menu .dropdown-menu.show")
    press("ArrowDown")
    with page.expect_download(timeout=30_000) as info:
        press("Enter")
    assert info.value.suggested_filename.startswith("network_") and info.value.suggested_filename.endswith(
        ".png"
    )
    # 39 Tab presses reached the network's download before, without filtering anything; each
    # control a new filter adds to the bar is one more
    assert presses["Tab"] <= 9 + len(filters.CONTROLS), presses
    print(f"keyboard path: {presses['Tab']} Tab presses, {presses['other']} other keys, plus typing")


def test_a_charts_download_is_six_tabs_from_the_top(page_factory):
    page, _ = page_factory()
    for key in ["Tab", "Tab", "Enter", "Tab", "Tab", "Tab", "Enter", "Tab"]:
        page.keyboard.press(key)
        page.wait_for_timeout(60)
    assert page.evaluate("document.activeElement.matches('#network-download-menu .dropdown-toggle')")


def test_menus_and_the_dialog_return_focus_to_their_trigger(page_factory):
    page, _ = page_factory()
    toggle = "#timeline-download-menu button.dropdown-toggle"
    page.focus(toggle)
    page.keyboard.press("Enter")
    page.wait_for_selector("#timeline-download-menu .dropdown-menu.show")
    page.keyboard.press("Escape")
    assert page.evaluate(f"document.activeElement === document.querySelector('{toggle}')")
    page.focus("#cite-open")
    page.keyboard.press("Enter")
    page.wait_for_selector(".modal.show #cite-bibtex")
    page.keyboard.press("Escape")
    page.wait_for_selector(".modal.show", state="detached")
    wait_js(page, "document.activeElement.id === 'cite-open'", timeout=3000)


def test_each_mode_bar_is_one_tab_stop(page_factory):
    """Tab enters a chart's mode bar once; the arrow keys move along it; Tab leaves it."""
    page, _ = page_factory()
    stops = page.evaluate(
        "[...document.querySelectorAll('.modebar')].map(m => "
        "[...m.querySelectorAll('.modebar-btn')].filter(b => b.tabIndex >= 0).length)"
    )
    assert stops == [1] * len(VIEWS), stops
    first = "#timeline-graph .modebar-btn[tabindex='0']"
    page.focus(first)
    assert page.evaluate("document.activeElement.dataset.title").startswith("Download plot")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.title") == "Zoom"
    opacity = page.evaluate("getComputedStyle(document.querySelector('#timeline-graph .modebar')).opacity")
    assert opacity == "1"  # shown while it has focus, not only on hover
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.closest('.modebar')")


def test_no_mode_bar_button_sends_data_off_site(page_factory):
    """Every mode-bar button of every chart clicked, with off-origin requests aborted (the
    page factory fails the test on any); no third-party service is offered or named."""
    page, guard = page_factory()
    titles = {}
    for view in VIEWS:
        graph = f"#{view.name}-graph"
        page.locator(graph).scroll_into_view_if_needed()
        buttons = page.locator(f"{graph} .modebar-btn")
        titles[view.name] = [buttons.nth(i).get_attribute("data-title") for i in range(buttons.count())]
        for i in range(buttons.count()):
            page.locator(graph).hover()
            buttons.nth(i).click()
            page.wait_for_timeout(150)  # a request a button sent would be on its way by now
    for names in titles.values():
        assert names[0] == "Download plot as a PNG", titles
    assert not any("Share" in t or "Cloud" in t or "Plotly" in t for names in titles.values() for t in names)
    text = page.evaluate("document.body.innerText")
    assert "Plotly Cloud" not in text and "chart-studio" not in page.content()
    assert guard.external == []


def test_skip_links_reach_each_chart_and_the_evidence(page_factory):
    page, _ = page_factory()
    page.emulate_media(reduced_motion="reduce")  # the jump is then instant, not a smooth scroll
    targets = page.evaluate("[...document.querySelectorAll('#view-nav a')].map(a => a.getAttribute('href'))")
    assert targets == [f"#{v.name}-title" for v in VIEWS] + ["#evidence-title"]
    for target in targets:
        page.click(f"#view-nav a[href='{target}']")
        assert page.evaluate("'#' + document.activeElement.id") == target
        # scrolled into view
        wait_js(page, f"Math.abs(document.querySelector('{target}').getBoundingClientRect().top) < 900", 3000)


def test_the_page_reflows_at_200_percent_zoom(browser, live_server):
    """WCAG 1.4.10: at 200 % zoom on a 1440 px screen (a 720 px CSS viewport) nothing needs
    scrolling sideways."""
    context = browser.new_context(viewport={"width": 720, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    try:
        goto(page, f"{live_server}/?country=JPN,KOR,AUS,NZL,IP4")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"page {width[0]} px wide in a {width[1]} px window"
    finally:
        context.close()


def test_reduced_motion_and_forced_colours(browser, live_server):
    """With reduced motion asked for, nothing animates; in forced colours (Windows high
    contrast) the charts keep their colours. The screenshot is kept for a person to look at."""
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, reduced_motion="reduce", forced_colors="active"
    )
    page = context.new_page()
    try:
        goto(page, f"{live_server}/")
        assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
        duration = page.evaluate("getComputedStyle(document.querySelector('.btn')).transitionDuration")
        assert all(float(d.rstrip("s")) <= 0.001 for d in duration.split(","))
        adjust = page.evaluate(
            "getComputedStyle(document.querySelector('#map-graph .js-plotly-plot')).forcedColorAdjust"
        )
        assert adjust == "none"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(Path(ARTIFACTS) / "forced-colors-1440.png"))
    finally:
        context.close()
