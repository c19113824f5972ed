"""Shared test helpers: Dash's callback request format (every HTTP-level test and the load
test) and the evidence rows in a table's JSON."""

from __future__ import annotations

import json

from components.views import registry


def callback_body(dash_app, output: str, values: dict, changed: list[str] | None = None) -> dict:
    """The body the browser POSTs to ``/_dash-update-component`` for the callback whose outputs
    include ``output`` (``"<id>.<property>"``).

    ``values`` maps ``"<id>.<property>"`` to each input's and state's value; a pattern-matching
    input (declared as its JSON text, ``{...}``) takes the list of ``{"id", "property", "value"}``
    entries the browser would send, under ``values["pattern"]``. ``changed`` names the triggers.
    """
    key = next(k for k in dash_app.callback_map if output in k.strip(".").split("..."))
    spec = dash_app.callback_map[key]

    def entry(dep):
        if dep["id"].startswith("{"):
            return values.get("pattern", [])
        name = f"{dep['id']}.{dep['property']}"
        return {"id": dep["id"], "property": dep["property"], "value": values.get(name)}

    outputs = [dict(zip(("id", "property"), p.rsplit(".", 1))) for p in key.strip(".").split("...")]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [entry(d) for d in spec["inputs"]],
        "state": [entry(d) for d in spec["state"]],
        "changedPropIds": changed or [],
    }


def call(dash_app, client, output: str, values: dict, changed: list[str] | None = None, headers=None):
    """POST a callback request as the browser would; the Flask test response."""
    body = callback_body(dash_app, output, values, changed)
    return client.post("/_dash-update-component", json=body, headers=headers)


def pattern_click(item: dict, prop: str = "n_clicks") -> tuple[list[dict], str]:
    """``(values["pattern"], changed prop id)`` of a click on a pattern-matching component."""
    return [{"id": item, "property": prop, "value": 1}], json.dumps(
        item, sort_keys=True, separators=(",", ":")
    ) + f".{prop}"


def components(tree) -> list[dict]:
    """Every component (a dict with ``props``) in a layout's JSON, depth first."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("props"), dict):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(tree)
    return found


def text(tree) -> str:
    """The text a layout's JSON shows: its strings, in order."""
    if isinstance(tree, str):
        return tree
    if isinstance(tree, list):
        return "".join(text(n) for n in tree)
    return text(tree["props"].get("children") or "") if isinstance(tree, dict) and "props" in tree else ""


def record_rows(table) -> list[dict]:
    """The props of each evidence row (those with ``data-record``) in a table's JSON, in order."""
    return [c["props"] for c in components(table) if "data-record" in c["props"]]


def option_sets(ds) -> list[dict]:
    """Every chart option at its default, then every option at another of its choices."""
    default = registry.default_options(ds)
    other = dict(default)
    for _, option in registry.OPTIONS:
        values = [v for v, _ in option.choices(ds)]
        other[option.key] = values[:1] if option.kind == "checklist" else values[-1]
    return [default, other]
