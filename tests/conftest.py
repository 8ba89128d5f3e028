"""Shared fixtures: the bundled circuit, and folders that keep tests off the real user's files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hamtimer.circuit import Circuit, load_circuit
from hamtimer.folders import bundled_dir
from hamtimer.plan import Plan, build_plan


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own config and data folders: nothing touches the real home."""
    monkeypatch.setenv("HAMTIMER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(tmp_path / "data"))
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
