"""Reading a circuit file: TOML in, a validated `Circuit` out, or a `CircuitError` to act on."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hamtimer.circuit import safe_toml
from hamtimer.circuit.kinds import CircuitError
from hamtimer.circuit.model import Circuit
from hamtimer.circuit.source import read_bytes_of

MAX_PROBLEMS = 12
"""Validation problems listed one a line; the rest are counted."""

BOM = "\ufeff"


def format_location(loc: tuple[str | int, ...]) -> str:
    """Turn a pydantic error location into the path a user reads: `blocks[1].exercises[0].reps`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith("function-") or part in {"tuple", "list"}:
            continue
        else:
            path += f".{part}" if path else part
    return path or "(top level)"


def _describe(error: ValidationError, origin: str) -> str:
    count = error.error_count()
    lines = [f"{origin}: not a valid circuit ({count} problem(s))"]
    for item in error.errors(include_url=False)[:MAX_PROBLEMS]:
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"  {format_location(item['loc'])}: {message}")
    if count > MAX_PROBLEMS:
        lines.append(f"  … and {count - MAX_PROBLEMS} more")
    return "\n".join(lines)


def parse_circuit(text: str, origin: str = "<text>") -> Circuit:
    """Parse and validate circuit TOML; raise `CircuitError` naming `origin` on any problem.

    A leading byte-order mark (which some editors write) is skipped; a structure no circuit
    needs (`safe_toml`) is refused before parsing, so that parsing stays fast.
    """
    try:
        data = safe_toml.loads(text.removeprefix(BOM))
    except tomllib.TOMLDecodeError as error:
        raise CircuitError(f"{origin}: not valid TOML: {error}") from None
    except safe_toml.StructureError as error:
        raise CircuitError(f"{origin}: not a circuit: {error}") from None
    return validate_circuit(data, origin)


def validate_circuit(data: Any, origin: str = "<data>") -> Circuit:
    """Validate already-parsed data as a circuit."""
    if isinstance(data, dict) and not data:
        raise CircuitError(f"{origin}: the file is empty; a circuit needs a name and blocks")
    try:
        return Circuit.model_validate(data, context={"origin": origin})  # for includes
    except ValidationError as error:
        raise CircuitError(_describe(error, origin)) from None
    except (ValueError, TypeError, RecursionError) as error:  # odd input pydantic did not wrap
        raise CircuitError(f"{origin}: not a valid circuit: {error}") from None


def load_circuit(path: Path) -> Circuit:
    """Read a circuit file. Every failure is a `CircuitError` that names the file and the fix."""
    return read_circuit(path)[0]


def read_circuit(path: Path) -> tuple[Circuit, bytes]:
    """A circuit file's circuit and the bytes it was read from (for its hash)."""
    raw = read_bytes_of(path)
    return decode_circuit(path, raw), raw


def decode_circuit(path: Path, raw: bytes) -> Circuit:
    """The circuit in a file's bytes; `path` names the file in every `CircuitError`."""
    if not raw.strip():
        raise CircuitError(f"{path}: the file is empty; a circuit needs a name and blocks")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CircuitError(
            f"{path}: not UTF-8 text (bad byte at offset {error.start}); save it as UTF-8 TOML"
        ) from None
    if "\x00" in text:
        raise CircuitError(f"{path}: looks like a binary file, not a TOML circuit")
    return parse_circuit(text, str(path))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors that validate TOML against one."""
    schema = Circuit.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hamtimer circuit"
    return schema
