"""The bundled hamstring circuit written out by hand, step by step, from its facts.

Independent of the plan builder, so a test can hold the plan (and the screen) against it:
plyometrics first, all three sets; 5 split stance jumps with the right leg forward, 30 s of
rest between legs, then the left; 60 s between sets; 90 s before the second block; then
three rounds of: bird dog pushing to fatigue, right then left with 10 s to switch; 30 s
rest; halos, 6 clockwise then 6 counter-clockwise on the right leg, switch, the same on the
left; 30 s rest; 12 hamstring roll-outs; 60 s between rounds. Ten seconds to get ready.
The times between exercises, rounds and blocks and the switch are the file's stated choices.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """One step as a runner would describe it."""

    kind: str  # get_ready, work, rest, switch_sides
    exercise: str | None = None
    side: str | None = None  # right, left
    reps: int | None = None
    direction: str | None = None  # clockwise, counter-clockwise
    hold: bool = False
    seconds: float | None = None
    rest: str | None = None  # between_sides, between_sets, between_blocks, …
    set_number: int | None = None


def _jumps() -> list[Fact]:
    steps = []
    for number in (1, 2, 3):
        for side in ("right", "left"):
            if side == "left":
                steps.append(Fact("rest", seconds=30, rest="between_sides"))
            steps.append(Fact("work", "Split stance jump", side, reps=5, set_number=number))
        if number < 3:
            steps.append(Fact("rest", seconds=60, rest="between_sets"))
    return steps


def _round(number: int) -> list[Fact]:
    steps = []
    for side in ("right", "left"):
        if side == "left":
            steps.append(Fact("switch_sides", seconds=10))
        steps.append(Fact("work", "Bird dog with wall push", side, hold=True, set_number=number))
    steps.append(Fact("rest", seconds=30, rest="between_exercises"))
    for side in ("right", "left"):
        if side == "left":
            steps.append(Fact("switch_sides", seconds=10))
        for direction in ("clockwise", "counter-clockwise"):
            steps.append(
                Fact(
                    "work",
                    "Runner's lunge halo",
                    side,
                    reps=6,
                    direction=direction,
                    set_number=number,
                )
            )
    steps.append(Fact("rest", seconds=30, rest="between_exercises"))
    steps.append(Fact("work", "Hamstring roll-out and roll-in", reps=12, set_number=number))
    if number < 3:
        steps.append(Fact("rest", seconds=60, rest="between_rounds"))
    return steps


HAMSTRING: tuple[Fact, ...] = (
    Fact("get_ready", seconds=10),
    *_jumps(),
    Fact("rest", seconds=90, rest="between_blocks"),
    *_round(1),
    *_round(2),
    *_round(3),
)
