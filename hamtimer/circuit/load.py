"""Reading a circuit file: TOML in, a validated `Circuit` and its warnings out, or a
`CircuitError` that lists every problem, each with its line, in the runner's words."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hamtimer.circuit import safe_toml, syntax
from hamtimer.circuit.ignored import ignored_keys
from hamtimer.circuit.kinds import CircuitError
from hamtimer.circuit.locate import NOWHERE, Locations, locate, order_of
from hamtimer.circuit.model import Circuit
from hamtimer.circuit.problems import Problem, at, describe
from hamtimer.circuit.source import read_bytes_of

MAX_PROBLEMS = 15
"""Validation problems listed one a line, so that the message fits a screen; the rest are
counted. `hamtimer check` lists up to `CHECK_PROBLEMS`."""

CHECK_PROBLEMS = 500
"""The problems `hamtimer check` lists: every one of any file a person wrote."""

BOM = "\ufeff"


@dataclass(frozen=True)
class Checked:
    """A valid circuit and what it is worth a look (`warnings`: keys with no effect, jumps
    after heavy work), each with its line when the circuit came from a text."""

    circuit: Circuit
    warnings: tuple[Problem, ...] = ()

    def warning_lines(self, origin: str | None) -> list[str]:
        """Each warning on a line: `origin:line:column: warning: …`, or `line N: …`."""
        label = "warning: " if origin is not None else ""
        return [warning.line(origin, label) for warning in self.warnings]


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


def report(problems: list[Problem], count: int, origin: str) -> str:
    """The problems a line each (`origin:line:column: …`), and how many more there are."""
    lines = [problem.line(origin) for problem in problems]
    if count > len(problems):
        lines.append(f"{origin}: … and {count - len(problems)} more problems")
    return "\n".join(lines)


def parse_circuit(text: str, origin: str = "<text>") -> Circuit:
    """Parse and validate circuit TOML; raise `CircuitError` naming `origin` on any problem."""
    return check_text(text, origin).circuit


def check_text(text: str, origin: str = "<text>", most: int = MAX_PROBLEMS) -> Checked:
    """Parse and validate circuit TOML: the circuit and its warnings, or a `CircuitError`
    naming `origin` and every problem, each with its line.

    A leading byte-order mark (which some editors write) is skipped; a structure no circuit
    needs (`safe_toml`) is refused before parsing, so that parsing stays fast.
    """
    text = text.removeprefix(BOM)
    try:
        data = safe_toml.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CircuitError(syntax.describe(error, text, origin)) from None
    except safe_toml.StructureError as error:
        raise CircuitError(f"{origin}: not a circuit: {error}") from None
    return check_data(data, origin, locate(text), most)


def validate_circuit(data: Any, origin: str = "<data>") -> Circuit:
    """Validate already-parsed data as a circuit."""
    return check_data(data, origin).circuit


def check_data(
    data: Any, origin: str = "<data>", located: Locations = NOWHERE, most: int = MAX_PROBLEMS
) -> Checked:
    """Validate parsed data (read from the text `located` describes, for the lines); the
    error lists `most` problems."""
    if isinstance(data, dict) and not data:
        raise CircuitError(f"{origin}: the file is empty; a circuit needs a name and blocks")
    try:
        circuit = Circuit.model_validate(  # the file and its reader, for includes
            data, context={"origin": origin, "decode": decode_circuit}
        )
    except ValidationError as error:
        errors = error.errors(include_url=False)
        found, count = describe(errors, data, Circuit, located, most)
        raise CircuitError(report(found, count, origin)) from None
    except (ValueError, TypeError, RecursionError) as error:  # odd input pydantic did not wrap
        raise CircuitError(f"{origin}: not a valid circuit: {error}") from None
    warnings = [at(path, text, data, Circuit, located) for path, text in ignored_keys(circuit)]
    warnings.sort(key=lambda warning: order_of(warning.position))
    warnings.extend(Problem(None, "", text) for text in circuit.warnings())
    return Checked(circuit, tuple(warnings))


def load_circuit(path: Path) -> Circuit:
    """Read a circuit file. Every failure is a `CircuitError` that names the file and the fix."""
    return read_circuit(path)[0]


def read_circuit(path: Path) -> tuple[Circuit, bytes]:
    """A circuit file's circuit and the bytes it was read from (for its hash)."""
    checked, raw = check_file(path)
    return checked.circuit, raw


def check_file(path: Path, most: int = MAX_PROBLEMS) -> tuple[Checked, bytes]:
    """A circuit file checked (`check_bytes`), and the bytes it was read from."""
    raw = read_bytes_of(path)
    return check_bytes(path, raw, most), raw


def decode_circuit(path: Path, raw: bytes) -> Circuit:
    """The circuit in a file's bytes; `path` names the file in every `CircuitError`."""
    return check_bytes(path, raw).circuit


def check_bytes(path: Path, raw: bytes, most: int = MAX_PROBLEMS) -> Checked:
    """A file's bytes checked as a circuit: the circuit and its warnings, or a
    `CircuitError` naming `path`, each problem with its line."""
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
    return check_text(text, str(path), most)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors that validate TOML against one."""
    schema = Circuit.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hamtimer circuit"
    return schema
