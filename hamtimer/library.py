"""Where circuits and other bundled files live, and finding a circuit by name or path.

Bundled folders (`circuits/`, `sounds/`) sit at the top of the repository and are copied
into the package when it is built, so there are two places to look: inside the installed
package, and beside it in a source checkout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from hamtimer.circuit import Circuit, CircuitError, load_circuit

DEFAULT_CIRCUIT = "hamstring"


def bundled_dir(name: str) -> Path:
    """The bundled folder `name` ('circuits' or 'sounds'), installed or in a checkout."""
    installed = Path(str(resources.files("hamtimer"))) / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


def user_circuits_dir() -> Path:
    """The runner's own circuits: `$HAMTIMER_CONFIG_DIR/circuits`, else the platform's."""
    base = os.environ.get("HAMTIMER_CONFIG_DIR")
    root = Path(base) if base else Path(platformdirs.user_config_dir("hamtimer"))
    return root / "circuits"


@dataclass(frozen=True)
class CircuitFile:
    """A circuit file found by name: where it is and whether it came with hamtimer."""

    name: str
    path: Path
    origin: str  # "bundled" or "yours"


def available() -> list[CircuitFile]:
    """Every circuit by name; a runner's own file hides a bundled one of the same name."""
    found: dict[str, CircuitFile] = {}
    for origin, folder in (("bundled", bundled_dir("circuits")), ("yours", user_circuits_dir())):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = CircuitFile(path.stem, path, origin)
    return sorted(found.values(), key=lambda item: (item.name != DEFAULT_CIRCUIT, item.name))


def find(ref: str | None) -> CircuitFile:
    """A circuit by name (bundled or the runner's own) or by path; default: the hamstring one."""
    ref = ref or DEFAULT_CIRCUIT
    as_path = Path(ref).expanduser()
    if ref.endswith(".toml") or os.sep in ref or as_path.exists():
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
    found = find(ref)
    return found, load_circuit(found.path)
