"""Settings are parsed once, each bad value gives one clear line, and docs/deployment.md lists them all."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from components import settings
from tests.conftest import ROOT


def test_defaults():
    config = settings.from_env({})
    assert (config.host, config.port, config.workers, config.debug) == ("127.0.0.1", 8050, 2, False)
    assert (config.frame_ancestors, config.export_timeout, config.response_cache) == ("'self'", 12.0, 64)
    assert config.data_dir is None and config.browser_path is None


@pytest.mark.parametrize(
    "name, raw, attribute, value",
    [
        ("HOST", "0.0.0.0", "host", "0.0.0.0"),
        ("PORT", "9000", "port", 9000),
        ("DASHBOARD_WORKERS", "4", "workers", 4),
        ("DASHBOARD_DEBUG", "1", "debug", True),
        (
            "DASHBOARD_FRAME_ANCESTORS",
            "https://a.example  https://b.example:8443",
            "frame_ancestors",
            "https://a.example https://b.example:8443",
        ),
        ("DASHBOARD_EXPORT_TIMEOUT", "2.5", "export_timeout", 2.5),
        ("DASHBOARD_RESPONSE_CACHE", "0", "response_cache", 0),
        ("DASHBOARD_DATA_DIR", str(ROOT / "data"), "data_dir", (ROOT / "data").resolve()),
        ("BROWSER_PATH", sys.executable, "browser_path", sys.executable),
    ],
)
def test_each_setting_is_read(name, raw, attribute, value):
    assert getattr(settings.from_env({name: raw}), attribute) == value


@pytest.mark.parametrize(
    "name, raw, message",
    [
        ("HOST", "bad host!", "HOST must be a host name or IP address, not 'bad host!'"),
        ("PORT", "eighty", "PORT must be a whole number from 1 to 65535, not 'eighty'"),
        ("PORT", "70000", "PORT must be a whole number from 1 to 65535, not '70000'"),
        ("DASHBOARD_WORKERS", "0", "DASHBOARD_WORKERS must be a whole number from 1 to 64, not '0'"),
        ("DASHBOARD_DEBUG", "yes", "DASHBOARD_DEBUG must be 0 or 1, not 'yes'"),
        (
            "DASHBOARD_FRAME_ANCESTORS",
            "https://x.example; script-src *",
            "DASHBOARD_FRAME_ANCESTORS must be 'self', 'none' or space-separated http(s) origins, "
            "not 'https://x.example; script-src *'",
        ),
        (
            "DASHBOARD_EXPORT_TIMEOUT",
            "nan",
            "DASHBOARD_EXPORT_TIMEOUT must be a number of seconds from 1 to 120, not 'nan'",
        ),
        (
            "DASHBOARD_EXPORT_TIMEOUT",
            "soon",
            "DASHBOARD_EXPORT_TIMEOUT must be a number of seconds from 1 to 120, not 'soon'",
        ),
        (
            "DASHBOARD_RESPONSE_CACHE",
            "lots",
            "DASHBOARD_RESPONSE_CACHE must be a whole number from 0 to 100000, not 'lots'",
        ),
        (
            "DASHBOARD_DATA_DIR",
            "/no/such/folder",
            "DASHBOARD_DATA_DIR must be an existing folder, not '/no/such/folder'",
        ),
        (
            "BROWSER_PATH",
            "/no/such/chromium",
            "BROWSER_PATH must be the path of an existing program, not '/no/such/chromium'",
        ),
    ],
)
def test_a_bad_value_gives_one_clear_line(name, raw, message):
    with pytest.raises(settings.SettingError) as err:
        settings.from_env({name: raw})
    assert str(err.value) == message


def test_every_setting_is_in_the_docs():
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert settings.markdown() in docs


def test_the_server_refuses_a_bad_setting_with_one_line():
    env = {**os.environ, "PORT": "eighty"}
    done = subprocess.run(
        [sys.executable, "app.py"], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 1
    assert (
        done.stderr.strip() == "Refusing to start: PORT must be a whole number from 1 to 65535, not 'eighty'"
    )
