"""The rules of the blocks timed by the clock: `emom`, `amrap` and `intervals`.

- `emom` (every minute on the minute): `sets` rounds; each interval of `every` seconds
  (default 60) holds one set of one exercise, the exercises taken in turn; the rest is what
  is left of the interval. So it has no rests of its own, no holds to fatigue (a hold has no
  end to fit in an interval), and a set's fixed time must leave some rest.
- `amrap` (as many rounds as possible): the exercises form a round, repeated until
  `time_cap` runs out. It has no `sets`, no rests, no holds to fatigue and no tempo: the
  runner keeps their own pace and counts the rounds.
- `intervals`: a `circuit` whose work steps are counted as intervals ("interval 3 of 8").

`check_block_mode` and `check_intervals_fit` raise `ValueError` with the fix; the models in
`hamtimer.circuit.model` call them (pydantic turns them into located messages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamtimer.circuit.model import Block, Circuit, Exercise

EMOM_EVERY = 60.0
"""An emom block's interval when it gives no `every`: a minute."""

_CLOCKED = {"emom": "rests for what is left of each interval", "amrap": "has no rests"}


def check_block_mode(block: Block) -> None:
    """The keys a block's mode needs and the ones it cannot take."""
    mode = block.mode
    if mode == "amrap":
        if block.sets is not None:
            raise ValueError(
                "an amrap block has no sets: its rounds go on until time_cap runs out; remove sets"
            )
        if block.time_cap is None:
            raise ValueError(
                "an amrap block needs time_cap: how long the rounds go on, in seconds "
                "(time_cap = 600 for ten minutes)"
            )
    elif block.sets is None:
        raise ValueError(
            f"sets is missing: how many {_sets_word(mode)} the block has, e.g. sets = 3"
        )
    if block.time_cap is not None and mode != "amrap":
        raise ValueError('time_cap goes with mode = "amrap": remove it, or make the block an amrap')
    if block.every is not None and mode != "emom":
        raise ValueError(
            'every (the length of an interval) goes with mode = "emom": remove it, or make '
            "the block an emom"
        )
    if mode in _CLOCKED:
        for key in ("rest_between_sets", "rest_between_exercises"):
            if getattr(block, key) is not None:
                raise ValueError(f"an {mode} block {_CLOCKED[mode]}: remove {key}")
        for position, exercise in enumerate(block.exercises):
            _check_exercise(mode, exercise, position)


def _sets_word(mode: str) -> str:
    return "sets" if mode == "straight" else "rounds"


def _check_exercise(mode: str, exercise: Exercise, position: int) -> None:
    where = f"exercise '{exercise.name}' (exercises[{position}])"
    if exercise.to_fatigue:
        raise ValueError(
            f"{where}: a hold to fatigue has no set length, so it cannot be part of an "
            f"{mode} block: give it seconds instead"
        )
    if mode != "amrap":
        return
    paced = exercise.tempo is not None or any(p.tempo is not None for p in exercise.prompts)
    if paced:
        raise ValueError(f"{where}: an amrap round goes at the runner's own pace: remove tempo")
    if exercise.rest_between_sides is not None:
        raise ValueError(f"{where}: an amrap round has no rests: remove rest_between_sides")


def set_seconds(exercise: Exercise, switch_sides: float) -> float:
    """The fixed time of one set of `exercise`: timed and paced work, and the rest or switch
    between its sides. Reps the runner counts take no fixed time."""
    per_side = exercise.seconds or 0.0
    if exercise.reps is not None and exercise.tempo is not None:
        per_side = exercise.reps * exercise.tempo
    per_side += sum(p.reps * p.tempo for p in exercise.prompts if p.tempo is not None)
    sides = max(1, len(exercise.sides))
    between = exercise.rest_between_sides
    return sides * per_side + (sides - 1) * (switch_sides if between is None else between)


def check_intervals_fit(circuit: Circuit) -> None:
    """Every set of an emom block leaves some rest in its interval."""
    for index, block in enumerate(circuit.blocks):
        if block.mode != "emom":
            continue
        every = block.every or EMOM_EVERY
        for exercise in block.exercises:
            needs = set_seconds(exercise, circuit.timing.switch_sides)
            if needs >= every:
                raise ValueError(
                    f"blocks[{index}] ('{block.name}'): a set of '{exercise.name}' takes "
                    f"{needs:g} s, which leaves no rest in an interval of every = {every:g} s: "
                    "make the set shorter or every longer"
                )
