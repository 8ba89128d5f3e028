"""What a session prescribes, exercise by exercise, in the runner's words: "3 × 6–8",
"3 × 12, 10, 8", "2 × 30 s", "hold, target 35 s"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hamtimer.circuit.amounts import Span
from hamtimer.circuit.model import Circuit
from hamtimer.circuit.model import Exercise as CircuitExercise


@dataclass(frozen=True)
class Prescribed:
    """One exercise of a session: its name and what it asks for."""

    exercise: str
    sets: int
    text: str
    """'3 × 6–8', '3 × 12, 10, 8', '2 × 30 s', 'hold to fatigue, target 35 s'."""
    hold: float | None = None
    """The programme's hold target, in seconds, for a hold to fatigue with one."""
    to_fatigue: bool = False
    """A hold the runner ends: held to fatigue."""


def _amount(value: int | float | Span, unit: str = "") -> str:
    return (value.text if isinstance(value, Span) else f"{value:g}") + unit


def _values(value: object, unit: str = "") -> tuple[str, ...]:
    if isinstance(value, tuple):
        return tuple(_amount(item, unit) for item in value)
    assert isinstance(value, int | float | Span)
    return (_amount(value, unit),)


def prescription(exercise: CircuitExercise, sets: int, hold: float | None = None) -> str:
    """What `exercise` asks for over `sets` sets."""
    if exercise.reps is not None or exercise.seconds is not None:
        values = (
            _values(exercise.reps) if exercise.reps is not None else _values(exercise.seconds, " s")
        )
        same = len(set(values)) == 1
        return f"{sets} × {values[0] if same else ', '.join(values)}"
    if exercise.to_fatigue:
        return (
            f"{sets} × hold, target {hold:g} s" if hold is not None else f"{sets} × hold to fatigue"
        )
    runs = " + ".join(f"{_amount(prompt.reps)}" for prompt in exercise.prompts)
    return f"{sets} × {runs}"


def prescribed(circuit: Circuit, holds: Mapping[str, float] | None = None) -> list[Prescribed]:
    """Every exercise of a (changed) circuit, what it prescribes, in file order."""
    holds = holds or {}
    found = []
    for block in circuit.blocks:
        for exercise in block.work():
            sets = exercise.set_count(block.set_count())
            hold = holds.get(exercise.name)
            text = prescription(exercise, sets, hold)
            found.append(Prescribed(exercise.name, sets, text, hold, exercise.to_fatigue))
    return found
