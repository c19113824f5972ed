"""Japan–NATO Partnership Dashboard: the app factory and the command line.

python app.py                      serve on HOST:PORT (default 127.0.0.1:8050)
python app.py --check-data DIR     validate a data folder, print every problem
gunicorn app:server                production server (several workers are fine)
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dash
import flask_bootstrap
from flask import Blueprint, Response, request
from plotly.io.json import to_json_plotly

from components import callbacks, filters, security, shell
from components.data import DataError, load, resolve_data_dir, validate
from components.data.docs import evidence_markdown, schema_markdown

ROOT = Path(__file__).resolve().parent
VENDOR_URL = "/vendor"
PLOTLY_DIR = ROOT / ".cache" / "plotly"  # built by `make plotly` from plotly-bundle.js
PLOTLY_FILE = "plotly-dashboard.min.js"
PLOTLY_URL = f"{VENDOR_URL}/plotly"
LINKED_LAYOUTS = 32  # layouts of linked pages (by query) kept per worker, ~150 KB each
# Bootstrap 5.3 CSS and the icon font, served from the bootstrap-flask package (no CDN)
STYLESHEETS = (
    f"{VENDOR_URL}/bootstrap5/css/bootstrap.min.css",
    f"{VENDOR_URL}/bootstrap5/css/font/bootstrap-icons.min.css",
)


class DashboardDash(dash.Dash):
    """Dash serving the dashboard's own plotly.js bundle (when built), a static footer, and
    a layout that already shows the page its URL asks for."""

    layout_for = None  # query string → layout JSON of the page at that query (create_app sets it)

    def __init__(self, *args, plotly_js: str | None = None, footer: str = "", **kwargs):
        self._plotly_js, self._footer = plotly_js, footer
        super().__init__(*args, external_scripts=[plotly_js] if plotly_js else [], **kwargs)

    def serve_layout(self):
        """The layout for the page's own URL, which the browser sends as the Referer of this
        request: a shared link draws its filtered charts at once instead of the default ones
        first. Without a usable Referer, the default page; its first callback corrects it."""
        try:
            query = urlsplit(request.referrer or "").query
        except ValueError:  # e.g. a forged "http://[::1/" (invalid IPv6 host)
            query = ""
        if self.layout_for is None or not query or len(query) > filters.MAX_QUERY_CHARS:
            return super().serve_layout()
        return Response(self.layout_for("?" + query), mimetype="application/json")

    def _setup_plotlyjs(self):
        # Dash's hook for where plotly.js comes from: by default the full 4.8 MB bundle from
        # the plotly package. dcc.Graph uses window.Plotly, or loads ``_plotlyjs_url``.
        if self._plotly_js is None:
            super()._setup_plotlyjs()
        else:
            self._plotlyjs_url = self._plotly_js

    def interpolate_index(self, **parts):
        """Dash's page, with the static footer after the React root (see shell.footer_html)."""
        return super().interpolate_index(**{**parts, "app_entry": parts["app_entry"] + self._footer})


def plotly_bundle() -> str | None:
    """URL of the partial plotly.js bundle, if built for this plotly version."""
    from plotly.offline import get_plotlyjs_version

    version = get_plotlyjs_version()
    built = PLOTLY_DIR / "VERSION"
    if (PLOTLY_DIR / PLOTLY_FILE).is_file() and built.is_file() and built.read_text() == version:
        return f"{PLOTLY_URL}/{PLOTLY_FILE}?v={version}"
    return None


def create_app(data_dir: Path | str | None = None) -> dash.Dash:
    """Build a fresh Dash app on a validated data folder.

    Raises:
        DataError: when the data folder does not validate.
    """
    ds = load(data_dir)
    vendor = Blueprint(
        "vendor",
        __name__,
        static_folder=str(Path(flask_bootstrap.__file__).parent / "static"),
        static_url_path=VENDOR_URL,
    )
    plotly_js = plotly_bundle()
    app = DashboardDash(
        __name__,
        plotly_js=plotly_js,
        footer=shell.footer_html(ds),
        title="Japan–NATO Partnership Dashboard",
        external_stylesheets=list(STYLESHEETS),
        serve_locally=True,
        compress=True,
        update_title=None,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": "Evidence-first dashboard of Japan–NATO and IP4–NATO cooperation.",
            },
        ],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    app.server.register_blueprint(vendor)
    if plotly_js:
        app.server.register_blueprint(
            Blueprint("plotly", __name__, static_folder=str(PLOTLY_DIR), static_url_path=PLOTLY_URL)
        )
    fill = callbacks.register(app, ds, response_cache=_response_cache_size())
    app.layout = fill(shell.layout(ds), "")
    app.layout_for = functools.lru_cache(maxsize=LINKED_LAYOUTS)(
        lambda query: to_json_plotly(fill(shell.layout(ds), query))
    )
    security.harden(app)
    return app


class SettingError(ValueError):
    """A malformed ``DASHBOARD_*`` environment setting."""


def _response_cache_size() -> int:
    """``DASHBOARD_RESPONSE_CACHE``: page responses cached per worker (0 turns it off)."""
    raw = os.environ.get("DASHBOARD_RESPONSE_CACHE", str(callbacks.PAGE_RESPONSES)).strip()
    if not raw.isdigit() or int(raw) > 100_000:
        raise SettingError(f"DASHBOARD_RESPONSE_CACHE must be a whole number from 0 to 100000, not {raw!r}")
    return int(raw)


def _check_data(folder: str) -> int:
    problems = validate(folder)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    ds = load(folder)
    counts = ", ".join(f"{name} {len(df)}" for name, df in ds.tables.items())
    print(f"OK: {Path(folder)} is valid ({counts} rows)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check-data", metavar="DIR", help="validate a data folder and exit")
    parser.add_argument("--schema-docs", action="store_true", help="print the data reference (Markdown)")
    args = parser.parse_args(argv)
    if args.check_data:
        return _check_data(args.check_data)
    if args.schema_docs:
        print(evidence_markdown())
        print(schema_markdown())
        return 0
    try:
        app = create_app()
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"Refusing to start: {len(exc.problems)} problem(s) in {resolve_data_dir()}", file=sys.stderr)
        return 1
    except SettingError as exc:
        print(f"Refusing to start: {exc}", file=sys.stderr)
        return 1
    debug = os.environ.get("DASHBOARD_DEBUG") == "1"
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=debug)
    return 0


def _module_app() -> dash.Dash | None:
    """The module-level app for ``gunicorn app:server``; None when run as a script."""
    if __name__ == "__main__":
        return None
    try:
        return create_app()
    except (DataError, SettingError) as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None


app = _module_app()
server = app.server if app is not None else None

if __name__ == "__main__":
    sys.exit(main())
