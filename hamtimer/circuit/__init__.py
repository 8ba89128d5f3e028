"""Circuits: the file format (`model`), reading a file (`load`), finding one by name (`library`).

Nothing here knows about time passing or about the screen; `hamtimer.plan` turns a circuit
into the steps of a workout.
"""

from hamtimer.circuit.library import (
    DEFAULT_CIRCUIT,
    CircuitFile,
    available,
    circuit_hash,
    find,
    open_circuit,
    user_circuits_dir,
)
from hamtimer.circuit.load import (
    MAX_BYTES,
    format_location,
    json_schema,
    load_circuit,
    parse_circuit,
    validate_circuit,
)
from hamtimer.circuit.model import (
    HEAVY_KINDS,
    Block,
    Circuit,
    CircuitError,
    CircuitFileError,
    Direction,
    Exercise,
    ExerciseKind,
    Prompt,
    Side,
    Source,
    Strict,
    Timing,
)

__all__ = [
    "DEFAULT_CIRCUIT",
    "HEAVY_KINDS",
    "MAX_BYTES",
    "Block",
    "Circuit",
    "CircuitError",
    "CircuitFile",
    "CircuitFileError",
    "Direction",
    "Exercise",
    "ExerciseKind",
    "Prompt",
    "Side",
    "Source",
    "Strict",
    "Timing",
    "available",
    "circuit_hash",
    "find",
    "format_location",
    "json_schema",
    "load_circuit",
    "open_circuit",
    "parse_circuit",
    "user_circuits_dir",
    "validate_circuit",
]
