"""Lighthouse scores (performance, accessibility, best practices) of a page, with the
system Chromium, the desktop preset and no simulated throttling: the scores of this machine.

Lighthouse comes from npm: ``bench/.cache/node_modules/.bin/lighthouse`` if installed there,
else ``npx --yes lighthouse@12``.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from bench import BENCH, CHROMIUM

METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")


def lighthouse(url: str, out_dir: Path, name: str, timeout: float = 150) -> dict:
    """Category scores (0-1), metrics in ms and the failed audits of ``url``; ``{"error"}`` if it fails."""
    local = BENCH / ".cache" / "node_modules" / ".bin" / "lighthouse"
    base = [str(local)] if local.exists() else ["npx", "--yes", "lighthouse@12"]
    report = out_dir / f"lighthouse-{name}.json"
    cmd = [
        *base, url + "/", "--preset=desktop", "--throttling-method=provided",
        "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--output=json", f"--output-path={report}", "--quiet",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=out_dir)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    if proc.returncode != 0 or not report.exists():
        err = (proc.stderr or proc.stdout).strip().splitlines()
        return {"error": f"exit {proc.returncode}: " + " | ".join(err[-5:])[:600]}
    data = json.loads(report.read_text())
    audits = data.get("audits", {})
    result = {k: (v.get("score") if v else None) for k, v in data.get("categories", {}).items()}
    result["metrics_ms"] = {
        m: round(audits[m]["numericValue"])
        for m in METRICS
        if m in audits and audits[m].get("numericValue") is not None
    }
    result["failed_audits"] = sorted(
        k
        for k, a in audits.items()
        if a.get("score") is not None
        and a.get("score") < 0.9
        and a.get("scoreDisplayMode") in ("binary", "numeric")
    )[:25]
    if data.get("runtimeError"):
        result["runtime_error"] = data["runtimeError"]
    return result
