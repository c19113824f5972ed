"""Japan–NATO Partnership Dashboard: the app factory and the command line.

python app.py                      serve on HOST:PORT with gunicorn (DASHBOARD_WORKERS workers)
python app.py --check-data DIR     validate a data folder, print every problem
python app.py --schema-docs        print the data reference (docs/data.md)
python app.py --settings-docs      print the table of settings (docs/deployment.md)
python app.py --citation-cff       print CITATION.cff (generated from the data package)
gunicorn app:server                the same app behind your own gunicorn command line
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import dash
import flask_bootstrap
from flask import Blueprint
from plotly.io.json import to_json_plotly

from components import api, callbacks, embed, i18n, mcp_tools, security, settings, shell, state
from components.citation_file import citation_cff
from components.data import DataError, load, resolve_data_dir, validate
from components.data.docs import evidence_markdown, schema_markdown
from components.images import Exporter
from components.internals import DashboardDash
from components.page import Page

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


def plotly_bundle() -> str | None:
    """URL of the partial plotly.js bundle, if built for this plotly version."""
    from plotly.offline import get_plotlyjs_version

    version = get_plotlyjs_version()
    built = PLOTLY_DIR / "VERSION"
    if (PLOTLY_DIR / PLOTLY_FILE).is_file() and built.is_file() and built.read_text() == version:
        return f"{PLOTLY_URL}/{PLOTLY_FILE}?v={version}"
    return None


def create_app(data_dir: Path | str | None = None, config: settings.Settings | None = None) -> dash.Dash:
    """Build a fresh Dash app on a validated data folder.

    Args:
        data_dir: the data folder (default: ``DASHBOARD_DATA_DIR``, else the embedded ``data/``).
        config: the settings (default: parsed from the environment).

    Raises:
        DataError: when the data folder does not validate.
        SettingError: when a setting is malformed.
    """
    config = config or settings.from_env()
    ds = load(data_dir or config.data_dir)
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
        pages={
            lang: (shell.title(i18n.translator(lang)), shell.footer_html(ds, i18n.translator(lang)))
            for lang in i18n.LANGS
        },
        language=state.language,
        max_query=state.MAX_QUERY_CHARS,
        title=shell.title(),
        external_stylesheets=list(STYLESHEETS),
        serve_locally=True,
        compress=True,
        update_title=None,
        enable_mcp=config.mcp,  # off unless DASHBOARD_MCP=1: read-only tools, no authentication
        mcp_path=mcp_tools.MCP_PATH,
        assets_ignore=r"^embed\.",  # the embed page's own script and styles (components/embed.py)
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": "Evidence-first dashboard of Japan–NATO and IP4–NATO cooperation.",
            },
        ],
    )
    app.server.register_blueprint(vendor)
    if plotly_js:
        app.server.register_blueprint(
            Blueprint("plotly", __name__, static_folder=str(PLOTLY_DIR), static_url_path=PLOTLY_URL)
        )
    security.harden(app, config)  # first: its checks run before any other request hook
    page = Page(ds, exporter=Exporter(timeout=config.export_timeout, browser=config.browser_path))
    callbacks.register(app, page, response_cache_size=config.response_cache)
    app.server.register_blueprint(api.blueprint(page))
    app.server.register_blueprint(embed.blueprint(page, plotly_js=plotly_js, stylesheet=STYLESHEETS[0]))
    if config.mcp:
        mcp_tools.attach(app.server, page)
    app.layout = page.fill(shell.layout(page.ctx), "")
    app.layout_for = functools.lru_cache(maxsize=LINKED_LAYOUTS)(
        lambda query: to_json_plotly(page.fill(shell.layout(page.context(state.language(query))), query))
    )
    return app


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
    parser.add_argument("--settings-docs", action="store_true", help="print the table of settings (Markdown)")
    parser.add_argument("--citation-cff", action="store_true", help="print CITATION.cff (embedded data)")
    args = parser.parse_args(argv)
    if args.check_data:
        return _check_data(args.check_data)
    if args.schema_docs:
        print(evidence_markdown())
        print(schema_markdown())
        return 0
    if args.settings_docs:
        print(settings.markdown())
        return 0
    if args.citation_cff:
        print(citation_cff(load()), end="")
        return 0
    try:
        config = settings.from_env()
        app = create_app(config=config)
    except settings.SettingError as exc:
        print(f"Refusing to start: {exc}", file=sys.stderr)
        return 1
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        folder = resolve_data_dir(config.data_dir)
        print(f"Refusing to start: {len(exc.problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    if config.debug:  # Flask's development server, with Dash's debug tools: never in production
        app.run(host=config.host, port=config.port, debug=config.debug)
    else:
        serve(app, config)
    return 0


def serve(app: dash.Dash, config: settings.Settings) -> None:
    """Run ``app`` under gunicorn, as in production: ``config.workers`` workers forked from this
    process, which has already loaded and validated the data."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{config.host}:{config.port}")
            self.cfg.set("workers", config.workers)
            self.cfg.set("accesslog", "-")

        def load(self):
            return app.server

    Server().run()


def _module_app() -> dash.Dash | None:
    """The module-level app for ``gunicorn app:server``; None when run as a script."""
    if __name__ == "__main__":
        return None
    try:
        return create_app()
    except (DataError, settings.SettingError) as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None


app = _module_app()
server = app.server if app is not None else None

if __name__ == "__main__":
    sys.exit(main())
