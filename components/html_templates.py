"""The HTML the dashboard writes outside Dash (the static sources footer, the embed pages),
from Jinja2 templates in components/templates/.

Every value is escaped, braces too: the footer goes into Dash's index page, whose
``{%...%}`` placeholders a source title must never spell. ``Markup`` (``tojson``'s JSON)
passes as it is.
"""

from __future__ import annotations

from html import escape

import jinja2
from markupsafe import Markup
from plotly.io.json import to_json_plotly


def _text(value) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;"))


ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("components", "templates"),
    autoescape=True,
    finalize=_text,
    keep_trailing_newline=True,
)
# ``tojson`` writes JSON safe inside <script type="application/json"> (no "</script>" can end
# it), here with plotly's encoder as the page's own figures (NaN as null, numpy arrays) and the
# keys in their order (Jinja's default sorts them)
ENV.policies["json.dumps_function"] = to_json_plotly
ENV.policies["json.dumps_kwargs"] = {}


def render(template: str, **values) -> str:
    """components/templates/``template`` filled with ``values``."""
    return ENV.get_template(template).render(**values)
