"""Safe defaults for the Flask server under Dash: headers, size limits, no tracebacks.

The Content-Security-Policy allows the app's own origin only. Dash's one inline script
is allowed by its hash (``app.csp_hashes()``); styles need ``'unsafe-inline'`` because
plotly.js injects its own ``<style>`` elements; images allow ``data:``/``blob:`` because
the mode-bar download builds the PNG in the browser.
"""

from __future__ import annotations

import logging
import os

import dash
from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

MAX_REQUEST_BYTES = 512 * 1024
_log = logging.getLogger(__name__)


def frame_ancestors() -> str:
    """Who may embed the page: ``DASHBOARD_FRAME_ANCESTORS`` (space-separated), default self."""
    return os.environ.get("DASHBOARD_FRAME_ANCESTORS", "'self'").strip() or "'none'"


def content_security_policy(script_hashes: list[str]) -> str:
    hashes = " ".join(script_hashes)  # already quoted by Dash
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
            f"frame-ancestors {frame_ancestors()}",
        ]
    )


def harden(app: dash.Dash) -> None:
    """Add security headers, a request size limit and generic error responses."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.config["PROPAGATE_EXCEPTIONS"] = False
    policy = content_security_policy(app.csp_hashes())

    @server.after_request
    def add_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if frame_ancestors() == "'self'":
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response

    @server.errorhandler(Exception)
    def generic_error(exc: Exception):
        """No traceback or path leaves the server; forged callback requests get a 400."""
        if isinstance(exc, HTTPException):
            return jsonify(error=exc.name), exc.code
        _log.warning("rejected request to %s: %s", request.path, type(exc).__name__)
        if request.path.endswith("/_dash-update-component"):
            return jsonify(error="invalid callback request"), 400
        return jsonify(error="internal error"), 500
