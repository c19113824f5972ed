"""Image export: print-ready copies of the charts, rendered on the server.

kaleido drives one persistent headless Chromium per process (started on first use, restarted
after a failure), with the app's own plotly.js and topojson, so that exports work offline.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import plotly
import plotly.graph_objects as go

from components import settings, style

IMAGE_FORMATS = ("png", "svg", "pdf")
EXPORT_WIDTH = 1200
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "assets" / "topojson"


class ExportError(RuntimeError):
    """Server-side image export is unavailable or failed; the message is for the user."""


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
        self._slots = threading.BoundedSemaphore(2)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _start(self) -> None:
        try:
            import kaleido
        except ImportError as exc:
            raise ExportError("Server-side export is unavailable: kaleido is not installed.") from exc
        path = chromium_path(self.browser)
        if path is None:
            raise ExportError("Server-side export is unavailable: no Chromium is installed on the server.")
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="kaleido-loop", daemon=True).start()

        async def open_browser():
            k = kaleido.Kaleido(n=1, timeout=self.timeout, plotlyjs=str(PLOTLY_JS), mathjax=False, path=path)
            await k.open()
            return k

        future = asyncio.run_coroutine_threadsafe(open_browser(), self._loop)
        try:
            self._kaleido = future.result(timeout=max(2 * self.timeout, 4))
        except Exception as exc:  # the browser could not start: say so, don't hang
            future.cancel()
            raise ExportError(
                f"Server-side export is unavailable: the export browser did not start ({exc})."
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
            raise ExportError("The export service is busy. Try again in a few seconds.")
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
                f"The image export took longer than {self.timeout:.0f} s and was stopped. "
                "Try again, or use the chart's camera button to save a PNG from your browser."
            ) from exc
        except Exception as exc:
            with self._lock:
                self._restart()
            raise ExportError(
                "The image export failed on the server. Try again, or use the chart's camera button "
                "to save a PNG from your browser."
            ) from exc

    def close(self) -> None:
        with self._lock:
            self._restart()


def annotate(fig: go.Figure, *, title: str, subtitle: str, footer: str) -> go.Figure:
    """A print-ready copy of ``fig``: light template, title, filter subtitle, source footer.

    The footer sits in its own band at the bottom of the image, below any legend.
    """
    out = go.Figure(fig)
    top, footer_band = 95, 46
    bottom = int(out.layout.margin.b or 0) + (70 if out.layout.showlegend is not False else 10) + footer_band
    height = int(out.layout.height or 450) + top + footer_band + 40
    plot_height = max(height - top - bottom, 1)
    out.update_layout(
        template=style.template(style.LIGHT),
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        font={"family": style.FONT_FAMILY},
        title={
            "text": f"<b>{style.wrap(title, 120, 1)}</b>",
            "subtitle": {"text": style.wrap(subtitle, 150, 2)},
            "x": 0.01,
            "xanchor": "left",
            "y": 0.985,
            "yanchor": "top",
        },
        height=height,
        width=EXPORT_WIDTH,
        margin={"t": top, "b": bottom, "l": 20, "r": 20},
    )
    if out.layout.legend.yref == "container":  # a legend at the figure's foot: above the footer
        out.update_layout(legend_y=(footer_band + 8) / height)
    out.add_annotation(
        text=style.wrap(footer, 190, 2),
        x=0,
        y=-(bottom - 8) / plot_height,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        align="left",
        font={"size": 11, "color": "#555555"},
    )
    return out
