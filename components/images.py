"""Image export: the browser that renders the charts on the server, and the sizes it renders at.

kaleido drives one persistent headless Chromium per process (started on first use, restarted
after a failure), with the app's own plotly.js and topojson, so that exports work offline. It
keeps ``RENDER_TABS`` tabs, so that a batch (the view's ZIP) has two renders in flight: kaleido
reloads a tab after every render, and one tab draws while the other reloads.

A chart is exported at a size preset (``PRESETS``: screen, A4/Letter text width, 16:9 slide), the
download menu's choices. It is laid out at that size in CSS pixels (96 to the inch) with type
sized for it, and only then rendered at the preset's resolution: a figure for a 16 cm text column
is laid out 605 px wide with type of 7.5 pt and up, never a screen layout shrunk to fit
(``print_layout.annotate``). The files carry the chart's title as their document title
(``image_metadata.with_metadata``).
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import plotly
import plotly.graph_objects as go

from components import i18n, settings
from components.i18n import N_, Translator

IMAGE_FORMATS = ("png", "svg", "pdf")
RENDER_TABS = 2  # export browser tabs, and renders a process runs at once
CSS_PX_PER_INCH = 96  # plotly's sizes are CSS pixels
SCREEN_TEXT = 13  # px: the charts' body type on the page (style's templates); views size theirs against it


@dataclass(frozen=True)
class Preset:
    """A size to export a chart at: laid out ``width`` CSS px wide with type for that width,
    rendered as a PNG ``pixels`` wide (``dpi`` at the physical width)."""

    key: str
    label: str  # the download menu's words (a message, translated where shown)
    width: int  # layout width, CSS px
    pixels: int  # PNG width, device px
    text: float  # body type, px: tick labels, legend, labels on marks, the subtitle
    small: float  # the smallest type anywhere, px (the source line)
    title: float  # the chart's title, px (bold)
    pad: int  # blank edge of the paper, px
    png: str  # what the PNG is, in the menu's words (a message, translated where shown)
    aspect: float | None = None  # height / width, when the preset fixes it (a slide)

    @property
    def dpi(self) -> float:
        return self.pixels * CSS_PX_PER_INCH / self.width

    def size(self, px):
        """A view's type size (designed against ``SCREEN_TEXT``) at this preset: scaled with the
        body type, never under ``small``. Anything else passes through."""
        if isinstance(px, bool) or not isinstance(px, int | float):
            return px
        return max(self.small, round(px * self.text / SCREEN_TEXT, 1))


PRESETS = MappingProxyType(
    {
        # as on a screen, at twice the pixels for high-density displays
        "screen": Preset(
            "screen",
            N_("Screen, 1,200 px wide"),
            1200,
            2400,
            text=13,
            small=11,
            title=20,
            pad=16,
            png=N_("2,400 px"),
        ),
        # the text width of A4 and US Letter with common margins: 16 cm = 605 px; 1,890 px = 300 dpi;
        # body type 8.25 pt, nothing under 7.5 pt
        "a4": Preset(
            "a4",
            N_("A4/Letter text width, 16 cm"),
            605,
            1890,
            text=11,
            small=10,
            title=15,
            pad=6,
            png=N_("300 dpi"),
        ),
        # a 16:9 slide (13.33 × 7.5 in) of 1,920 × 1,080 px; a taller chart gets a larger 16:9 canvas
        "slide": Preset(
            "slide",
            N_("Slide, 16:9"),
            1280,
            1920,
            text=17,
            small=15,
            title=26,
            pad=24,
            png=N_("1,920 × 1,080 px"),
            aspect=9 / 16,
        ),
    }
)
DEFAULT_PRESET = "screen"
EXPORT_WIDTH = PRESETS[DEFAULT_PRESET].width
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "assets" / "topojson"


class ExportError(RuntimeError):
    """Server-side image export is unavailable or failed; the message is for the user.

    ``str(exc)`` is the message in English; ``exc.text(tr)`` in the reader's language (the
    message is a catalog entry with named ``{fields}``)."""

    def __init__(self, message: str, **values):
        self.message, self.values = message, values
        super().__init__(message.format(**values) if values else message)

    def text(self, tr: Translator = i18n.ENGLISH) -> str:
        """The message in ``tr``'s language."""
        return tr._(self.message, **self.values)


def chromium_path(configured: str | None = None) -> str | None:
    """The Chromium kaleido should drive: the configured one, else Debian's or one on PATH."""
    candidates = [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).exists()), None)


class Exporter:
    """One persistent export browser per process; every render is bounded by ``timeout``."""

    def __init__(self, *, timeout: float = settings.DEFAULTS.export_timeout, browser: str | None = None):
        self.timeout = timeout
        self.browser = browser
        self._lock = threading.Lock()
        # at most two renders queue per process: a client cannot pile work onto the browser
        self._slots = threading.BoundedSemaphore(RENDER_TABS)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _start(self) -> None:
        try:
            import kaleido
        except ImportError as exc:
            raise ExportError(N_("Server-side export is unavailable: kaleido is not installed.")) from exc
        path = chromium_path(self.browser)
        if path is None:
            raise ExportError(
                N_("Server-side export is unavailable: no Chromium is installed on the server.")
            )
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="kaleido-loop", daemon=True).start()

        async def open_browser():
            k = kaleido.Kaleido(
                n=RENDER_TABS, timeout=self.timeout, plotlyjs=str(PLOTLY_JS), mathjax=False, path=path
            )
            await k.open()
            return k

        future = asyncio.run_coroutine_threadsafe(open_browser(), self._loop)
        try:
            self._kaleido = future.result(timeout=max(2 * self.timeout, 4))
        except Exception as exc:  # the browser could not start: say so, don't hang
            future.cancel()
            raise ExportError(
                N_("Server-side export is unavailable: the export browser did not start ({error})."),
                error=str(exc),
            ) from exc

    def _restart(self) -> None:
        old, self._kaleido = self._kaleido, None
        if old is not None and self._loop is not None:
            closing = asyncio.run_coroutine_threadsafe(old.close(), self._loop)
            try:
                closing.result(timeout=5)
            except Exception:  # a crashed browser may not close cleanly; it is replaced anyway
                closing.cancel()

    def render(self, fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 2) -> bytes:
        """Image bytes of ``fig``; raises ExportError within about ``timeout`` seconds."""
        if fmt not in IMAGE_FORMATS:
            raise ValueError(f"unknown image format {fmt!r}")
        if not self._slots.acquire(timeout=self.timeout):
            raise ExportError(N_("The export service is busy. Try again in a few seconds."))
        try:
            return self._render(fig, fmt, width=width, height=height, scale=scale)
        finally:
            self._slots.release()

    def _render(self, fig: go.Figure, fmt: str, *, width: int, height: int, scale: float) -> bytes:
        with self._lock:
            if self._kaleido is None:
                self._start()
            kaleido = self._kaleido
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        future = asyncio.run_coroutine_threadsafe(
            kaleido.calc_fig(fig, opts=opts, topojson=TOPOJSON_DIR.as_uri() + "/"), self._loop
        )
        try:
            return future.result(timeout=self.timeout + 2)
        except (FutureTimeout, TimeoutError) as exc:
            future.cancel()
            with self._lock:
                self._restart()
            raise ExportError(
                N_(
                    "The image export took longer than {seconds} s and was stopped. Try again, or "
                    "use the chart's camera button to save a PNG from your browser."
                ),
                seconds=f"{self.timeout:.0f}",
            ) from exc
        except Exception as exc:
            with self._lock:
                self._restart()
            raise ExportError(
                N_(
                    "The image export failed on the server. Try again, or use the chart's camera "
                    "button to save a PNG from your browser."
                )
            ) from exc

    def close(self) -> None:
        with self._lock:
            self._restart()


def preset(key) -> Preset | None:
    """The preset named ``key``, or None for anything else."""
    return PRESETS.get(key) if isinstance(key, str) else None
