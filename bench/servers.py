"""The servers under test: ``gunicorn -w 2 <module>:server`` on a free loopback port, started
and stopped by the benchmark, with its workers' memory read through psutil."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psutil

from bench import ROOT
from bench.stats import MB

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers(master: int) -> list[psutil.Process]:
    """The gunicorn workers: the master's direct children."""
    try:
        return sorted(psutil.Process(master).children(), key=lambda p: p.pid)
    except psutil.NoSuchProcess:
        return []


def rss_mb(process: psutil.Process) -> float | None:
    """Resident memory (VmRSS) in MB, or None when the process is gone."""
    try:
        return round(process.memory_info().rss / MB, 1)
    except psutil.Error:
        return None


class Server:
    """``gunicorn -w 2 <module>:server`` run from the repository root with ``env`` added."""

    def __init__(self, name: str, module: str, env: dict | None, log_dir: Path):
        self.name, self.module = name, module
        self.env = {**os.environ, **(env or {})}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_dir / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> None:
        cmd = [
            str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--no-control-socket",
            "--timeout", "60", "--backlog", "256", self.module,
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} server exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as r:
                    if r.status == 200 and len(workers(self.proc.pid)) >= 2:
                        break
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.25)
        else:
            raise RuntimeError(f"{self.name} server not ready after {timeout}s: {self.log_tail()}")
        self._settle()

    def _settle(self, timeout: float = 30) -> None:
        """Wait until both workers have imported the app (RSS stops growing)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            now = [rss_mb(p) or 0 for p in workers(self.proc.pid)]
            if last is not None and len(now) >= 2 and all(abs(a - b) < 1 for a, b in zip(now, last)):
                return
            last = now
            time.sleep(0.4)

    def memory(self) -> dict:
        values = [v for v in map(rss_mb, workers(self.proc.pid)) if v is not None]
        return {"workers_mb": values, "max_mb": max(values) if values else None}

    def log_tail(self, n: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.proc.send_signal(signal.SIGTERM)  # the master stops its own workers
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


@contextmanager
def serving(name: str, module: str, env: dict | None, log_dir: Path):
    """A started :class:`Server`, stopped on exit."""
    server = Server(name, module, env, log_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
