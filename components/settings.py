"""Every setting of the dashboard, declared once and parsed once at start-up.

Each setting is an environment variable with a default, a help text (docs/deployment.md's table is
generated from it) and a parser that turns a bad value into one clear line:
``PORT must be a whole number from 1 to 65535, not 'eighty'``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


class SettingError(ValueError):
    """A malformed setting; the message names it and says what it must be."""


@dataclass(frozen=True)
class Setting:
    name: str
    attribute: str
    default: str
    help: str
    parse: Callable[[str], object]


def _whole(lo: int, hi: int):
    def parse(raw: str) -> int:
        if not raw.isdigit() or not lo <= int(raw) <= hi:
            raise ValueError(f"a whole number from {lo} to {hi}")
        return int(raw)

    return parse


def _seconds(lo: float, hi: float):
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")
        if not lo <= value <= hi:  # also false for nan
            raise ValueError(f"a number of seconds from {lo:g} to {hi:g}")
        return value

    return parse


def _flag(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError("0 or 1")
    return raw == "1"


def _host(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.:\-\[\]]{1,253}", raw):
        raise ValueError("a host name or IP address")
    return raw


_SOURCE = re.compile(r"'self'|'none'|https?://[A-Za-z0-9.\-]+(:\d{1,5})?|https?://\*\.[A-Za-z0-9.\-]+")


def _frame_sources(raw: str) -> str:
    tokens = raw.split()
    if not tokens or not all(_SOURCE.fullmatch(t) for t in tokens):
        raise ValueError("'self', 'none' or space-separated http(s) origins")
    return " ".join(tokens)


def _folder(raw: str) -> Path | None:
    if not raw:
        return None
    path = Path(raw).expanduser()
    if not path.is_dir():
        raise ValueError("an existing folder")
    return path.resolve()


def _program(raw: str) -> str | None:
    if not raw:
        return None
    if not Path(raw).is_file():
        raise ValueError("the path of an existing program")
    return raw


SETTINGS = (
    Setting("HOST", "host", "127.0.0.1", "Address the server listens on.", _host),
    Setting("PORT", "port", "8050", "Port the server listens on.", _whole(1, 65535)),
    Setting("DASHBOARD_WORKERS", "workers", "2", "Server worker processes (gunicorn).", _whole(1, 64)),
    Setting(
        "DASHBOARD_DATA_DIR",
        "data_dir",
        "",
        "Data folder to serve instead of the embedded `data/` (validated at start-up).",
        _folder,
    ),
    Setting(
        "DASHBOARD_DEBUG",
        "debug",
        "0",
        "`1`: Dash debug mode on Flask's development server, for development only.",
        _flag,
    ),
    Setting(
        "DASHBOARD_FRAME_ANCESTORS",
        "frame_ancestors",
        "'self'",
        "Who may embed the page in a frame: `'self'`, `'none'` or space-separated http(s) origins.",
        _frame_sources,
    ),
    Setting(
        "DASHBOARD_EXPORT_TIMEOUT",
        "export_timeout",
        "12",
        "Seconds an image export may take before the export browser is replaced.",
        _seconds(1, 120),
    ),
    Setting(
        "DASHBOARD_RESPONSE_CACHE",
        "response_cache",
        "64",
        "Page responses kept per worker for repeated requests (`0` turns the cache off).",
        _whole(0, 100_000),
    ),
    Setting(
        "DASHBOARD_MCP",
        "mcp",
        "0",
        "`1`: serve the read-only MCP server for AI assistants at `/_mcp` (no authentication of its "
        "own; see [Reuse](reuse.md#ai-assistants-mcp)).",
        _flag,
    ),
    Setting(
        "BROWSER_PATH",
        "browser_path",
        "",
        "Chromium used for image export (default: Debian's `/usr/bin/chromium`).",
        _program,
    ),
)


@dataclass(frozen=True)
class Settings:
    """The parsed values (``from_env({})`` gives the defaults)."""

    host: str
    port: int
    workers: int
    data_dir: Path | None
    debug: bool
    frame_ancestors: str
    export_timeout: float
    response_cache: int
    mcp: bool
    browser_path: str | None


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings in ``environ`` (default: the process environment).

    Raises:
        SettingError: for the first malformed value, naming the variable.
    """
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = (environ.get(setting.name) or "").strip() or setting.default  # empty means unset
        try:
            values[setting.attribute] = setting.parse(raw)
        except ValueError as exc:
            raise SettingError(f"{setting.name} must be {exc}, not {raw[:80]!r}") from None
    return Settings(**values)


def markdown() -> str:
    """The table of settings in docs/deployment.md."""
    rows = ["| setting | default | what it does |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {f'`{s.default}`' if s.default else ''} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)


DEFAULTS = from_env({})  # every setting at its documented default
