"""Shared fixtures: the curated dataset, an in-process app, and an air-gapped browser."""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from components.data import DEFAULT_DATA_DIR, load

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
BRIEF = ROOT.parent / "shared" / "research-brief.md"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--enable-unsafe-swiftshader",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def ds():
    return load(DEFAULT_DATA_DIR)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the curated data folder, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def dash_app():
    from app import create_app

    return create_app()


@pytest.fixture(scope="session")
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture(scope="module")
def exporter():
    """A server-side export browser shared by a module's tests that render real images (per
    module: one shared by the whole session failed with choreographer's "Executor is closed"
    once other modules' export tests, which close and crash exporters on purpose, had run)."""
    from components import images

    made = images.Exporter()
    yield made
    made.close()


# ----------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def live_server():
    """The app served by werkzeug on a free loopback port for the whole session."""
    from werkzeug.serving import make_server

    from app import create_app

    app = create_app()
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class AirGap:
    """Aborts every request that leaves the app's origin and records problems."""

    def __init__(self, origin: str):
        self.origin = urlparse(origin).netloc
        self.external: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []

    def pattern(self) -> re.Pattern:
        """Matches every URL outside the origin (matched in the driver, so the
        app's own requests never wait on Python)."""
        return re.compile(rf"^(?!https?://{re.escape(self.origin)}/)")

    def route(self, route):
        self.external.append(route.request.url)
        route.abort()

    def request_failed(self, request):
        """A request of the app's own that failed. One the browser cancelled (net::ERR_ABORTED:
        a navigation or a closing page cut short a chunk of dcc's code still loading) is no
        failure of the page."""
        if urlparse(request.url).netloc == self.origin and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} {request.failure}")

    def assert_clean(self):
        assert self.external == [], f"requests left the origin: {self.external}"
        assert self.failed == [], f"failed requests: {self.failed}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


@pytest.fixture
def page_factory(browser, live_server):
    """Open pages with the air-gap guard; every page is checked clean at teardown."""
    opened = []

    def open_page(
        query: str = "", *, width: int = 1440, height: int = 900, dark: bool = False, lazy: bool = True
    ):
        """A page at ``query``, drawn as a reader gets it: the parts near the screen, the others
        as they come near (``lazy``); with ``lazy=False``, every chart and the table drawn as
        if printed, for a test that reads parts further down without scrolling to them."""
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme="dark" if dark else "light",
        )
        page = context.new_page()
        guard = AirGap(live_server)
        page.route(guard.pattern(), guard.route)
        page.on("console", lambda m: guard.console_errors.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", guard.request_failed)
        goto(page, f"{live_server}/{query}", lazy=lazy)
        if dark:
            to_dark(page, lazy=lazy)
        opened.append((context, guard))
        return page, guard

    yield open_page
    for context, guard in opened:
        context.close()
        guard.assert_clean()


def to_dark(page, *, lazy: bool = False) -> None:
    """Switch the page to dark mode with the header's switch, as a reader does, and wait for
    every part (or, ``lazy``, the parts near the screen) to be drawn again."""
    page.click("#theme-switch")
    wait_js(page, "document.documentElement.dataset.bsTheme === 'dark'")
    wait_rendered(page, everything=not lazy)


def goto(page, url: str, *, lazy: bool = False) -> None:
    """Open ``url`` and wait until it is drawn: everything, as when printed, unless ``lazy``
    (then only what is near the screen, as a reader sees it)."""
    page.goto(url)
    if not lazy:
        wait_js(page, "window.dashboardLazy && document.querySelector('[data-lazy]')")
        page.evaluate("window.dashboardLazy.drawAll()")
    wait_rendered(page, everything=not lazy)


RENDERED_JS = """(everything) => {
    const busy = document.querySelector('[data-dash-is-loading="true"]');
    return Boolean(window.dashboardLazy && window.dashboardLazy.settled(everything) && !busy);
}"""

# Waits run in the page as one promise, checked every 20 ms, instead of a Python loop of
# round trips with fixed pauses: a wait ends within a frame of the condition, not up to half a
# second later. The expression is part of a function Playwright calls through the DevTools
# protocol, which the app's strict CSP allows (Playwright's wait_for_function needs eval).
WAIT_JS = """async ([timeout, arg]) => {{
    const check = {check};
    const until = Date.now() + timeout;
    while (!check(arg)) {{
        if (Date.now() > until) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
    }}
    return true;
}}"""


def wait_js(page, expression: str, timeout: float = 30_000) -> None:
    """Wait until a JS expression is truthy in the page."""
    if not page.evaluate(WAIT_JS.format(check=f"() => Boolean({expression})"), [timeout, None]):
        raise TimeoutError(f"timed out waiting for {expression}")


def wait_rendered(page, timeout: float = 30_000, *, everything: bool = True) -> None:
    """Wait until every chart and the evidence table are drawn (``everything``), or, on a page
    that draws lazily, until the parts near the screen are and the others are marked stale."""
    if not page.evaluate(WAIT_JS.format(check=RENDERED_JS), [timeout, everything]):
        raise TimeoutError(f"page not rendered after {timeout / 1000:.0f} s")


# ----------------------------------------------------------------------- order

HEAVY_FIXTURES = {"browser", "page_factory", "live_server", "exporter"}


def pytest_collection_modifyitems(items):
    """The longest tests first: the load test, then those driving a browser, then the rest.
    With two processes (``-n 2``) the many short in-process tests then fill the end evenly,
    instead of one process finishing a long browser test while the other waits. Stable, so
    the order within each group is the files' order (the same in every process, as xdist needs)."""

    def weight(item) -> int:
        if item.get_closest_marker("slow"):
            return 0
        return 1 if HEAVY_FIXTURES & set(getattr(item, "fixturenames", ())) else 2

    items.sort(key=weight)
