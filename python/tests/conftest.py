"""Shared fixtures of the pytest suite of the Python package.

The suite runs against the INSTALLED wheel (``import prex``), never the
source tree, and compares with the command line ``extract``: its path is
``$PREX_EXTRACT``, else ``target/release/extract`` or
``target/debug/extract`` of this repository; a missing binary fails the
tests that need it (it is not a skip).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "fixtures" / "docs"


def cli_path() -> Path:
    env = os.environ.get("PREX_EXTRACT")
    if env:
        return Path(env).resolve()
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "extract"
        if p.exists():
            return p
    pytest.fail("the CLI binary is missing: build it (cargo build --release) or set PREX_EXTRACT")


@pytest.fixture(scope="session")
def cli():
    """Runs ``extract ARGS`` in the repository root; returns
    (returncode, stdout lines as strings, stderr)."""
    exe = cli_path()

    def run(*args, input=None):
        p = subprocess.run(
            [str(exe), "--no-progress", *args],
            cwd=ROOT,
            input=input,
            capture_output=True,
            text=True,
        )
        return p.returncode, [l for l in p.stdout.splitlines() if l], p.stderr

    return run


@pytest.fixture
def in_root(monkeypatch):
    """Runs the test in the repository root, so paths are shown as the
    CLI (run there too) shows them."""
    monkeypatch.chdir(ROOT)
    return ROOT


def by_id(lines):
    return {r["id"]: r for r in map(json.loads, lines)}
