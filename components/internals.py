"""Every use of Dash's and Plotly's undocumented internals, fenced in one module.

The public APIs do not cover four things the dashboard needs. Each is here with why, and
``tests/test_internals.py`` checks each against the installed versions, so an upgrade that
moves one fails there, by name, instead of somewhere in a view. Checked against
:data:`CHECKED`; the browser side (``gd._fullLayout`` and friends) is ``assets/dash-internals.js``.

- :class:`DashboardDash` overrides three of Dash's hooks (``serve_layout``,
  ``_setup_plotlyjs``, ``interpolate_index``) and patches its ``index_string``.
- :func:`unvalidated_figure`: ``go.Figure(..., _validate=False)``.
- :data:`CALLBACK_PATH`, :func:`callback_output`, :func:`changed_props`: Dash's callback
  request wire format, read by the server's request checks and its response cache.
- :func:`walk`: ``Component._traverse``, for the tests that look inside a layout.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import dash
import plotly.graph_objects as go
from flask import Response, request

CHECKED = {"dash": "4.4.1", "plotly": "7.1.0", "plotly.js": "4.1.1"}

# Dash's callback endpoint and the keys of its JSON body (dash/dash.py, _prepare_callback)
CALLBACK_PATH = "/_dash-update-component"


def callback_output(body) -> str | None:
    """The output spec a callback request names (``"page-store.data"``, or ``"..a.b..c.d.."``
    for several outputs), or None when the body has none."""
    output = body.get("output") if isinstance(body, dict) else None
    return output if isinstance(output, str) else None


def changed_props(body) -> object:
    """The ids of the properties whose change triggered a callback request, as sent."""
    return body.get("changedPropIds", []) if isinstance(body, dict) else []


def walk(component) -> list:
    """Every component inside ``component``, depth first (Dash's ``Component._traverse``:
    the public API finds a component by id, but cannot list what a part of a layout holds)."""
    return list(component._traverse())


def unvalidated_figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure of plain dicts that skips Plotly's validation of every property's value.

    Validation costs 5-10x the data work of these charts (about 200 ms for six, on every new
    filter state); the tests validate every view's output instead. ``_validate`` is a
    keyword of ``BaseFigure.__init__`` that the documented constructor does not list."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def index_string(base: str) -> str:
    """Dash's page template, with ``<html lang>`` (set per request by DashboardDash) and its
    scripts' ``<footer>`` made a plain ``<div>``: a second contentinfo landmark beside the
    page's own footer fails the accessibility checks. Raises when the template has moved."""
    for part in ("<html>", "<footer>", "</footer>"):
        if part not in base:
            raise RuntimeError(f"Dash's index_string no longer contains {part}: see components/internals.py")
    return (
        base.replace("<html>", '<html lang="en">', 1)
        .replace("<footer>", '<div class="dash-scripts">', 1)
        .replace("</footer>", "</div>", 1)
    )


class DashboardDash(dash.Dash):
    """Dash serving the dashboard's own plotly.js bundle (when built), a static footer, and
    a layout that already shows the page its URL asks for."""

    layout_for: Callable[[str], str] | None = None  # query → layout JSON (create_app sets it)

    def __init__(
        self,
        *args,
        plotly_js: str | None = None,
        pages: dict[str, tuple[str, str]] | None = None,
        language: Callable[[str], str] = lambda query: "en",
        max_query: int = 2048,
        **kwargs,
    ):
        """``pages``: each language's title and static footer HTML; ``language``: the
        language a page's query asks for; ``max_query``: longer queries are not read."""
        self._plotly_js, self._pages, self._language, self._max_query = (
            plotly_js,
            pages or {},
            language,
            max_query,
        )
        super().__init__(*args, external_scripts=[plotly_js] if plotly_js else [], **kwargs)
        self.index_string = index_string(self.index_string)

    def serve_layout(self):
        """The layout for the page's own URL, which the browser sends as the Referer of this
        request: a shared link draws its filtered charts at once instead of the default ones
        first. Without a usable Referer, the default page; its first callback corrects it.
        (Dash's own hook for ``/_dash-layout``; the public ``app.layout`` takes no request.)"""
        try:
            query = urlsplit(request.referrer or "").query
        except ValueError:  # e.g. a forged "http://[::1/" (invalid IPv6 host)
            query = ""
        if self.layout_for is None or not query or len(query) > self._max_query:
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
        """Dash's page in the link's language: ``<html lang>``, its title and the static
        footer after the React root. (Public, but its ``parts`` are Dash's own names.)"""
        lang = self._language("?" + request.query_string.decode("latin-1")[: self._max_query])
        title, footer = self._pages.get(lang, (parts["title"], ""))
        parts = {**parts, "title": title, "app_entry": parts["app_entry"] + footer}
        page = super().interpolate_index(**parts)
        return page.replace('<html lang="en">', f'<html lang="{lang}">', 1)
