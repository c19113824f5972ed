"""Safe defaults for the Flask server under Dash: headers, limits, and honest errors.

The Content-Security-Policy allows the app's own origin only. Dash's one inline script
is allowed by its hash (``app.csp_hashes()``); styles need ``'unsafe-inline'`` because
plotly.js injects its own ``<style>`` elements; images allow ``data:``/``blob:`` because
the mode-bar download builds the PNG in the browser.

Errors say whose fault they are: a malformed or forged callback request is the client's
(400, with what is wrong); anything that fails after a well-formed request is a bug of ours
(500, a generic body with a request id, the traceback logged under that id).
"""

from __future__ import annotations

import json
import logging
import uuid

import dash
from flask import Response, g, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException

from components import ids
from components.internals import CALLBACK_PATH, callback_output, changed_props
from components.settings import Settings

MAX_REQUEST_BYTES = 512 * 1024
EMBED_PREFIX = ids.EMBED_PATH + "/"
_log = logging.getLogger(__name__)


def content_security_policy(script_hashes: list[str], frame_ancestors: str | None) -> str:
    """The policy, framed by ``frame_ancestors`` (None: by any page, a local file's too, which
    no source list can name)."""
    hashes = " ".join(script_hashes)  # already quoted by Dash
    framing = [f"frame-ancestors {frame_ancestors}"] if frame_ancestors else []
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}".strip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            *framing,
        ]
    )


def callback_request_problem(body, callback_map) -> str | None:
    """What is wrong with a callback request body, or None when it is well formed: a known
    callback, with each declared input and state present under its own id and property."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = callback_output(body)
    spec = callback_map.get(output) if output else None
    if spec is None:
        return "unknown callback output"
    for part in ("inputs", "state"):
        given, declared = body.get(part, []), spec.get(part, [])
        if not isinstance(given, list) or len(given) != len(declared):
            return f"{part}: expected {len(declared)} entries"
        for item, dep in zip(given, declared):
            # a pattern-matching id is declared as its JSON text, and sent as a list of matches
            wildcard = dep["id"].startswith("{")
            entries = item if wildcard and isinstance(item, list) else [item]
            for entry in entries:
                if not isinstance(entry, dict) or entry.get("property") != dep["property"]:
                    return f"{part}: an entry does not match the callback's {dep['property']}"
                if not wildcard and entry.get("id") != dep["id"]:
                    return f"{part}: expected {dep['id']}"
                if wildcard and not isinstance(entry.get("id"), dict):
                    return f"{part}: expected a pattern-matching id"
    changed = changed_props(body)
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds must be a list of strings"
    return None


def harden(app: dash.Dash, settings: Settings) -> None:
    """Add security headers, a request size limit, request checks and honest error responses."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.config["PROPAGATE_EXCEPTIONS"] = False
    policy = content_security_policy(app.csp_hashes(), settings.frame_ancestors)
    # a chart alone (/embed/…) is made to be framed by any site; the full page is not
    embed_policy = content_security_policy(app.csp_hashes(), None)

    @server.before_request
    def check_callback_request():
        g.request_id = uuid.uuid4().hex[:16]
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
            return None
        try:
            body = json.loads(request.get_data(cache=True))
        except (ValueError, UnicodeDecodeError):
            body = None
        problem = callback_request_problem(body, app.callback_map) if body is not None else "not valid JSON"
        if problem:
            raise BadRequest(f"invalid callback request: {problem}")
        return None

    @server.after_request
    def add_headers(response: Response) -> Response:
        embeddable = request.path.startswith(EMBED_PREFIX)
        response.headers["Content-Security-Policy"] = embed_policy if embeddable else policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["X-Request-Id"] = g.get("request_id", "")
        if settings.frame_ancestors == "'self'" and not embeddable:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response

    @server.errorhandler(Exception)
    def error_response(exc: Exception):
        """No traceback or path leaves the server; a bug is logged with its request id."""
        if isinstance(exc, HTTPException):
            return jsonify(error=exc.description if exc.code == 400 else exc.name), exc.code
        request_id = g.get("request_id") or uuid.uuid4().hex[:16]
        _log.exception("request %s failed: %s %s", request_id, request.method, request.path)
        return jsonify(error="internal error", request_id=request_id), 500
