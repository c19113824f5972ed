"""One chart alone, for an ``<iframe>`` in another site: ``/embed/<view>?<the page's query>``.

The page is plain HTML, not a Dash app: the chart's title, its filters in words, the chart (the
page's own figure for those filters, drawn by plotly.js from the same origin), its accessible
description, the source footer of the downloads and a link back to the full view. No header, no
filter bar. It may be framed by any origin (components/security.py); the full page keeps its
``DASHBOARD_FRAME_ANCESTORS``.
"""

from __future__ import annotations

import html
import json
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, Response, request
from plotly.io.json import to_json_plotly

from components import cards, downloads, filters, i18n, ids, shell, state, style
from components.views import registry

PREFIX = ids.EMBED_PATH
THEMES = {"light": style.LIGHT, "dark": style.DARK}


def _json_for_script(value) -> str:
    """JSON safe inside ``<script type="application/json">`` (no ``</script>`` can end it)."""
    return value.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _problem(status: int, title: str, items, lang: str = i18n.DEFAULT) -> Response:
    body = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    return Response(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"</head><body><h1>{html.escape(title)}</h1><ul>{body}</ul></body></html>",
        status=status,
        mimetype="text/html",
    )


def blueprint(page, *, plotly_js: str | None, stylesheet: str) -> Blueprint:
    """``/embed/<view>`` over ``page``; ``plotly_js`` (the page's partial bundle, or None for
    the plotly package's full one, served here) and ``stylesheet`` are the page's own URLs."""
    embed = Blueprint("embed", __name__)
    if plotly_js is None:
        plotly_js = f"{PREFIX}/plotly.min.js"

        @embed.get(plotly_js)
        def full_plotly():
            from plotly.offline import get_plotlyjs

            return Response(get_plotlyjs(), mimetype="text/javascript")

    @embed.get(ids.embed_path("<name>"))
    def chart(name: str):
        view = registry.BY_NAME.get(name)
        args = request.args.to_dict()
        query = "?" + urlencode({k: v for k, v in args.items() if k != "theme"}) if args else ""
        lang = state.language(query)
        ctx = page.context(lang)
        if view is None:
            return _problem(
                404,
                ctx._("No such chart"),
                [ctx._("Charts: {names}.", names=", ".join(registry.BY_NAME))],
                lang,
            )
        theme = THEMES.get(args.pop("theme", "light"))
        if theme is None:
            return _problem(
                400, ctx._("This embed link has a problem"), [ctx._("theme must be light or dark.")], lang
            )
        f, options, notices = state.from_query(query, page.vocab, ctx.tr)
        if notices:  # the page would carry on with a notice; a snippet must be right once and for all
            return _problem(400, ctx._("This embed link has a problem"), notices, lang)
        figure, _ = page.figure(view.name, f, page.own(view, options), theme, lang)
        records = view.records(ctx, f, dict(options))
        title = view.title(ctx)
        here = state.to_query(f, page.vocab, options, lang)
        link = f"{request.host_url.rstrip('/')}/{here}#{ids.card(view.name)}"
        mode = "dark" if theme == style.DARK else "light"
        config = cards.graph_config(view, lang)
        height = figure.get("layout", {}).get("height") or view.height  # a timeline grows with its lanes
        text = {
            "title": html.escape(title),
            "filters": html.escape(ctx._("Filters: {filters}", filters=filters.describe(f, ctx.ds, ctx.tr))),
            "description": html.escape(registry.description(ctx, view, f, dict(options), records)),
            "footer": html.escape(downloads.footer(ctx, records, date.today())),
            "link": html.escape(link),
            "name": html.escape(shell.title(ctx.tr)),
            "open": html.escape(ctx._("Open this view in the {name}", name=shell.title(ctx.tr))),
        }
        body = f"""<!doctype html>
<html lang="{lang}" data-bs-theme="{mode}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{text["title"]} · {text["name"]}</title>
<link rel="stylesheet" href="{html.escape(stylesheet)}">
<link rel="stylesheet" href="/assets/embed.css">
</head>
<body>
<main class="embed">
<h1 class="h5 mb-1" id="embed-title">{text["title"]}</h1>
<p class="embed-filters small text-body-secondary mb-1">{text["filters"]}</p>
<div id="embed-chart" class="embed-chart" role="figure" aria-labelledby="embed-title"
 aria-describedby="embed-description" style="height: {height}px"></div>
<p id="embed-description" class="visually-hidden">{text["description"]}</p>
<footer class="embed-footer small text-body-secondary">
<p class="mb-1">{text["footer"]}</p>
<p class="mb-0"><a href="{text["link"]}" target="_blank" rel="noopener">{text["open"]}</a></p>
</footer>
</main>
<script type="application/json" id="embed-figure">{_json_for_script(to_json_plotly(figure))}</script>
<script type="application/json" id="embed-config">{_json_for_script(json.dumps(config))}</script>
<script src="{html.escape(plotly_js)}"></script>
<script src="/assets/embed.js"></script>
</body>
</html>
"""
        return Response(body, mimetype="text/html")

    return embed
