"""Keys a valid circuit gives that would change nothing: warnings, not errors.

A circuit with `side_label` but no `sides` runs, and the label is never shown; the runner
meant something the timer will not do, so `hamtimer check`, `hamtimer show` and the start
screen say so, with the line, and the file still runs.
"""

from __future__ import annotations

from hamtimer.circuit.kinds import Side
from hamtimer.circuit.locate import Path
from hamtimer.circuit.model import Circuit, Exercise

BOTH_SIDES = 'sides = ["right", "left"]'


def ignored_keys(circuit: Circuit) -> list[tuple[Path, str]]:
    """Each key that has no effect, as (where it is, what to do about it)."""
    found: list[tuple[Path, str]] = []
    last = len(circuit.blocks) - 1
    for number, block in enumerate(circuit.blocks):
        written = circuit.written_at(number)
        if written is None:  # another file's: its own check says what it has to say
            continue
        here: Path = ("blocks", written)
        if block.rest_between_exercises is not None and len(block.work()) == 1:
            found.append(
                (
                    (*here, "rest_between_exercises"),
                    "rest_between_exercises has no effect in a block of one exercise: remove it",
                )
            )
        if block.rest_after is not None and number == last:
            found.append(
                ((*here, "rest_after"), "rest_after has no effect on the last block: remove it")
            )
        for position, exercise in enumerate(block.exercises):
            if isinstance(exercise, Exercise):
                found.extend(_exercise((*here, "exercises", position), exercise))
    return found


def _exercise(here: Path, exercise: Exercise) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    sides = exercise.sides
    if exercise.side_label is not None and not sides:
        found.append(((*here, "side_label"), _no_effect("side_label", sides)))
    if exercise.rest_between_sides is not None and len(sides) < 2:
        found.append(((*here, "rest_between_sides"), _no_effect("rest_between_sides", sides)))
    if len(sides) == 1 and exercise.notes is None:
        found.append(
            (
                (*here, "sides"),
                f"runs the {sides[0]} side only: write {BOTH_SIDES} for both, or add notes "
                "saying why one side",
            )
        )
    return found


def _no_effect(key: str, sides: tuple[Side, ...]) -> str:
    if not sides:
        return f"{key} has no effect without sides: add {BOTH_SIDES}, or remove it"
    return f"{key} has no effect with one side: write {BOTH_SIDES}, or remove it"
