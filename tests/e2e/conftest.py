"""A real ``calmdesk serve`` process, set up with the real CLI, on each database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.e2e.browser import chromium, console_desk  # noqa: F401 - the web console's browser fixtures

CLI = [sys.executable, "-m", "calmdesk"]


@dataclass(frozen=True)
class RunningDesk:
    """A calmdesk server process and the environment its CLI commands share."""

    url: str
    env: dict[str, str]

    def cli(self, *args: str, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
        """Runs a ``calmdesk`` command against the same database."""
        return subprocess.run(
            [*CLI, *args],
            env=self.env,
            input=input_text,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def running_desk(db_url: str, tmp_path: Path) -> Iterator[RunningDesk]:
    """Starts ``calmdesk serve`` on a free port and stops it after the test."""
    port = _free_port()
    env = {
        **os.environ,
        "CALMDESK_DATABASE_URL": db_url,
        "CALMDESK_ENVIRONMENT": "test",
        "CALMDESK_BASE_URL": f"http://127.0.0.1:{port}",
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [*CLI, "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"calmdesk serve exited: {(tmp_path / 'server.log').read_text()}")
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("calmdesk serve did not answer within 60 s")
            time.sleep(0.1)
        yield RunningDesk(url=url, env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
