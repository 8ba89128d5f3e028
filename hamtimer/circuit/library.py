"""Finding a circuit by name or path: the bundled circuits and the runner's own.

A runner's own circuits live in the `circuits` folder of hamtimer's config folder; one with
the same name as a bundled circuit takes its place.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.circuit.kinds import CircuitError
from hamtimer.circuit.source import circuit_hash
from hamtimer.folders import bundled_dir, config_dir

if TYPE_CHECKING:
    from hamtimer.circuit.load import Checked
    from hamtimer.circuit.model import Circuit

DEFAULT_CIRCUIT = "hamstring"


def user_circuits_dir() -> Path:
    """The runner's own circuits: `$HAMTIMER_CONFIG_DIR/circuits`, else the platform's."""
    return config_dir() / "circuits"


@dataclass(frozen=True)
class CircuitFile:
    """A circuit file found by name: where it is and whether it came with hamtimer.

    `sha256` is the hash of the bytes the circuit was loaded from (`open_circuit`), so the
    file is read once, and a workout is filed under the version that was run.
    """

    name: str
    path: Path
    origin: str  # "bundled", "yours" or "file"
    sha256: str | None = None

    def digest(self) -> str:
        """The sha256 of the file as it was loaded, else as it is now (`circuit_hash`)."""
        return self.sha256 or circuit_hash(self.path)


def _is_folder(path: Path) -> bool:
    with contextlib.suppress(OSError, ValueError):
        return path.is_dir()
    return False


def _exists(path: Path) -> bool:
    with contextlib.suppress(OSError, ValueError):
        return path.exists()
    return False


def available() -> list[CircuitFile]:
    """Every circuit by name; a runner's own file hides a bundled one of the same name."""
    found: dict[str, CircuitFile] = {}
    for origin, folder in (("bundled", bundled_dir("circuits")), ("yours", user_circuits_dir())):
        if _is_folder(folder):
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = CircuitFile(path.stem, path, origin)
    return sorted(found.values(), key=lambda item: (item.name != DEFAULT_CIRCUIT, item.name))


def find(ref: str | None) -> CircuitFile:
    """A circuit by name (bundled or the runner's own) or by path; default: the hamstring one."""
    ref = ref or DEFAULT_CIRCUIT
    as_path = Path(ref).expanduser()
    if ref.endswith(".toml") or os.sep in ref or _exists(as_path):
        return CircuitFile(as_path.stem, as_path, "file")
    circuits = available()
    for item in circuits:
        if item.name == ref:
            return item
    names = ", ".join(item.name for item in circuits) or "(none)"
    raise CircuitError(
        f"no circuit named '{ref}'. Circuits: {names}. "
        f"Give a path to a .toml file, or put yours in {user_circuits_dir()}"
    )


def open_circuit(ref: str | None) -> tuple[CircuitFile, Circuit]:
    """Find and load a circuit; every failure is a `CircuitError` with a message for the user."""
    found, checked = open_checked(ref)
    return found, checked.circuit


def open_checked(ref: str | None) -> tuple[CircuitFile, Checked]:
    """Find and check a circuit: the file, and the circuit with its warnings."""
    from hamtimer.circuit.load import check_file  # pydantic: only when validating

    found = find(ref)
    checked, raw = check_file(found.path)
    return replace(found, sha256=circuit_hash(raw)), checked
