"""The benchmarks, run from the repository root as modules (never inside the unit tests):

    .venv/bin/python -m bench.run [--quick]        # the whole benchmark against a bare Dash baseline
    .venv/bin/python -m bench.export_bench         # server-side PNG export, cold and warm
    .venv/bin/python -m bench.synth 10 /tmp/data10 # a validated 10× copy of the data

One module per concern: ``servers`` (gunicorn under test), ``browser`` (headless Chromium
and its in-page probes), ``pages`` (page loads and filter changes in it), ``replay``
(recorded callbacks replayed one by one, and under load), ``load`` (the Locust process that
generates the load), ``lighthouse``, ``stats``, ``report`` (targets and the table), and ``run``,
which composes them.
"""

from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CHROMIUM = "/usr/bin/chromium"
CALLBACK_PATH = "/_dash-update-component"  # where Dash's renderer POSTs every callback
