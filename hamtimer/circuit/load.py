"""Reading a circuit file: TOML in, a validated `Circuit` out, or a `CircuitError` to act on."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hamtimer.circuit.model import Circuit, CircuitError


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
    lines = [f"{origin}: not a valid circuit ({error.error_count()} problem(s))"]
    for item in error.errors(include_url=False):
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"  {format_location(item['loc'])}: {message}")
    return "\n".join(lines)


def parse_circuit(text: str, origin: str = "<text>") -> Circuit:
    """Parse and validate circuit TOML; raise `CircuitError` naming `origin` on any problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CircuitError(f"{origin}: not valid TOML: {error}") from None
    return validate_circuit(data, origin)


def validate_circuit(data: Any, origin: str = "<data>") -> Circuit:
    """Validate already-parsed data as a circuit."""
    if isinstance(data, dict) and not data:
        raise CircuitError(f"{origin}: the file is empty; a circuit needs a name and blocks")
    try:
        return Circuit.model_validate(data)
    except ValidationError as error:
        raise CircuitError(_describe(error, origin)) from None
    except (ValueError, TypeError, RecursionError) as error:  # odd input pydantic did not wrap
        raise CircuitError(f"{origin}: not a valid circuit: {error}") from None


def load_circuit(path: Path) -> Circuit:
    """Read a circuit file. Every failure is a `CircuitError` that names the file and the fix."""
    if not path.exists():
        raise CircuitError(f"{path}: no such file")
    if path.is_dir():
        raise CircuitError(f"{path}: is a folder; give a circuit .toml file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CircuitError(f"{path}: cannot be read: {error.strerror or error}") from None
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
