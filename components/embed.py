"""One chart alone, for an ``<iframe>`` in another site: ``/embed/<view>?<the page's query>``.

The page is plain HTML, not a Dash app: the chart's title, its filters in words, the chart (the
page's own figure for those filters, drawn by plotly.js from the same origin), its accessible
description, the source footer of the downloads and a link back to the full view. No header, no
filter bar. It may be framed by any origin (components/security.py); the full page keeps its
``DASHBOARD_FRAME_ANCESTORS``. Its HTML is in components/templates/embed*.html.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from components import cards, downloads, filters, html_templates, i18n, ids, shell, state, style
from components.views import registry

PREFIX = ids.EMBED_PATH
THEMES = {"light": style.LIGHT, "dark": style.DARK}


def _render(template: str, status: int = 200, **values) -> Response:
    """components/templates/``template`` filled with ``values``, as an HTML response."""
    return Response(html_templates.render(template, **values), status=status, mimetype="text/html")


def _problem(status: int, title: str, items, lang: str = i18n.DEFAULT) -> Response:
    """A page saying what is wrong with the link (a snippet must be right once and for all)."""
    return _render("embed_problem.html", status, lang=lang, title=title, items=items)


def blueprint(page, *, plotly_js: str | None, stylesheet: str) -> Blueprint:
    """``/embed/<view>`` over ``page``; ``plotly_js`` (the page's partial bundle, or None for
    the plotly package's full one, served here) and ``stylesheet`` are the page's own URLs."""
    embed = Blueprint("embed", __name__)
    if plotly_js is None:
        plotly_js = f"{PREFIX}/plotly.min.js"
        embed.add_url_rule(plotly_js, "full_plotly", _full_plotly, methods=["GET"])
    assets = {"plotly_js": plotly_js, "stylesheet": stylesheet}
    embed.add_url_rule(
        ids.embed_path("<name>"), "chart", lambda name: _chart(page, name, assets), methods=["GET"]
    )
    return embed


def _full_plotly() -> Response:
    """The plotly package's full plotly.js, for an app without the page's partial bundle."""
    from plotly.offline import get_plotlyjs

    return Response(get_plotlyjs(), mimetype="text/javascript")


def _chart(page, name: str, assets: dict) -> Response:
    """The embed page of the view ``name`` for the request's query (``theme`` aside, the page's
    own), or a page saying what is wrong with the link."""
    view = registry.BY_NAME.get(name)
    args = request.args.to_dict()
    query = "?" + urlencode({k: v for k, v in args.items() if k != "theme"}) if args else ""
    lang = state.language(query)
    ctx = page.context(lang)
    if view is None:
        names = ", ".join(registry.BY_NAME)
        return _problem(404, ctx._("No such chart"), [ctx._("Charts: {names}.", names=names)], lang)
    theme = THEMES.get(args.pop("theme", "light"))
    if theme is None:
        return _problem(
            400, ctx._("This embed link has a problem"), [ctx._("theme must be light or dark.")], lang
        )
    f, options, notices = state.from_query(query, page.vocab, ctx.tr)
    if notices:  # the page would carry on with a notice; a snippet must be right once and for all
        return _problem(400, ctx._("This embed link has a problem"), notices, lang)
    return _render("embed.html", **_chart_values(page, ctx, view, f, options, theme), **assets)


def _chart_values(page, ctx, view, f, options, theme: str) -> dict:
    """What embed.html shows of ``view`` for filters ``f`` and ``options``: its figure as the
    page draws it, its words in the context's language and the link back to the full view."""
    figure, _ = page.figure(view.name, f, page.own(view, options), theme, ctx.lang)
    records = view.records(ctx, f, dict(options))
    here = state.to_query(f, page.vocab, options, ctx.lang)
    name = shell.title(ctx.tr)
    return {
        "lang": ctx.lang,
        "mode": "dark" if theme == style.DARK else "light",
        "title": view.title(ctx),
        "name": name,
        "filters": ctx._("Filters: {filters}", filters=filters.describe(f, ctx.ds, ctx.tr)),
        "height": figure.get("layout", {}).get("height") or view.height,  # a timeline grows with its lanes
        "description": registry.description(ctx, view, f, dict(options), records),
        "footer": downloads.footer(ctx, records, date.today()),
        "link": f"{request.host_url.rstrip('/')}/{here}#{ids.card(view.name)}",
        "open": ctx._("Open this view in the {name}", name=name),
        "figure": figure,
        "config": cards.graph_config(view, ctx.lang),
    }
