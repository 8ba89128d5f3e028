"""Shared fixtures: the bundled circuit, and folders that keep tests off the real user's files."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hamtimer.circuit import Circuit, circuit_hash, load_circuit
from hamtimer.folders import bundled_dir
from hamtimer.history import WorkoutRecord
from hamtimer.history.store import process_token
from hamtimer.plan import Plan, build_plan

START = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)
"""When the shared `begun` workout starts."""


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own config, data and temporary folders: nothing touches the real
    home, and nothing is left in the machine's temporary folder."""
    monkeypatch.setenv("HAMTIMER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HAMTIMER_CACHE_DIR", str(tmp_path / "cache"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    yield


@pytest.fixture(scope="session")
def hamstring_path() -> Path:
    """The bundled default circuit file."""
    return bundled_dir("circuits") / "hamstring.toml"


@pytest.fixture(scope="session")
def hamstring(hamstring_path: Path) -> Circuit:
    """The bundled default circuit, loaded."""
    return load_circuit(hamstring_path)


@pytest.fixture(scope="session")
def hamstring_plan(hamstring: Circuit) -> Plan:
    """The bundled default circuit's plan, challenge mode off."""
    return build_plan(hamstring)


@pytest.fixture(scope="session")
def digest(hamstring_path: Path) -> str:
    """The bundled circuit file's sha256: what a workout of it is resumed by."""
    return circuit_hash(hamstring_path)


@pytest.fixture
def begun(hamstring_plan: Plan, digest: str) -> WorkoutRecord:
    """A workout of the bundled circuit begun at `START`, nothing done yet."""
    return WorkoutRecord.begin(
        hamstring_plan, circuit_ref="hamstring", circuit_hash=digest, now=START
    )


@pytest.fixture(scope="session")
def gone() -> str:
    """The owner token of a process that has ended: what a killed hamtimer leaves behind."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    token = process_token(child.pid)
    child.wait()
    return token
