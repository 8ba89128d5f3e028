"""Circuits: the file format (`model`), reading a file (`load`, with messages from `problems`),
finding one by name (`library`).

Nothing here knows about time passing or about the screen; `hamtimer.plan` turns a circuit
into the steps of a workout. The names that need pydantic (the models, validating, the
schema) load on first use, so finding a circuit and hashing it never import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.circuit.kinds import (
    HEAVY_KINDS,
    BlockRole,
    CircuitError,
    CircuitFileError,
    Direction,
    ExerciseKind,
    Side,
)
from hamtimer.circuit.library import (
    DEFAULT_CIRCUIT,
    CircuitFile,
    available,
    find,
    open_checked,
    open_circuit,
    user_circuits_dir,
)
from hamtimer.circuit.source import MAX_BYTES, circuit_hash, read_bytes_of
from hamtimer.lazy import lazy_names

if TYPE_CHECKING:
    from hamtimer.circuit.entries import Checks, Include, Rest
    from hamtimer.circuit.load import (
        Checked,
        check_file,
        check_text,
        json_schema,
        load_circuit,
        parse_circuit,
        validate_circuit,
    )
    from hamtimer.circuit.model import Block, Circuit, Exercise, Prompt, Source, Timing
    from hamtimer.circuit.strict import Strict

# The pydantic names, imported when first asked for.
__getattr__ = lazy_names(
    __name__,
    {
        **dict.fromkeys(
            (
                "Checked",
                "check_file",
                "check_text",
                "json_schema",
                "load_circuit",
                "parse_circuit",
                "validate_circuit",
            ),
            "hamtimer.circuit.load",
        ),
        **dict.fromkeys(
            ("Block", "Circuit", "Exercise", "Prompt", "Source", "Timing"),
            "hamtimer.circuit.model",
        ),
        **dict.fromkeys(("Checks", "Include", "Rest"), "hamtimer.circuit.entries"),
        "Strict": "hamtimer.circuit.strict",
    },
)


__all__ = [
    "DEFAULT_CIRCUIT",
    "HEAVY_KINDS",
    "MAX_BYTES",
    "Block",
    "BlockRole",
    "Checked",
    "Checks",
    "Circuit",
    "CircuitError",
    "CircuitFile",
    "CircuitFileError",
    "Direction",
    "Exercise",
    "ExerciseKind",
    "Include",
    "Prompt",
    "Rest",
    "Side",
    "Source",
    "Strict",
    "Timing",
    "available",
    "check_file",
    "check_text",
    "circuit_hash",
    "find",
    "json_schema",
    "load_circuit",
    "open_checked",
    "open_circuit",
    "parse_circuit",
    "read_bytes_of",
    "user_circuits_dir",
    "validate_circuit",
]
