"""The rules of the blocks timed by the clock: `emom`, `amrap` and `intervals`.

- `emom` (every minute on the minute): `sets` rounds (required); each interval of `every`
  seconds (default 60) holds one set of one exercise, the exercises taken in turn; the rest
  is what is left of the interval. So it has no rests of its own (nor written as a step), no
  holds to fatigue (a hold has no end to fit in an interval), and each set's fixed time must
  leave some rest. Its exercises follow its rounds, like a circuit's (a list: one a round).
- `amrap` (as many rounds as possible): the exercises form a round, repeated until
  `time_cap` runs out. It has no `sets` (nor its exercises, nor lists one a set), no rests,
  no holds to fatigue and no tempo: the runner keeps their own pace and counts the rounds.
- `intervals`: a `circuit` whose work steps are counted as intervals ("interval 3 of 8"); its
  sets are 1 when not given, as a circuit's.

Any mode may be a warm-up or a cool-down (`role`) and have its own `rest_after`; a range of
reps or seconds works in each (an EMOM set is checked at the range's top).

`check_block_mode` and `check_intervals_fit` raise `CircuitValueError` (in the runner's words,
with the fix and the key to point at); the models in `hamtimer.circuit.model` call them, so
this module never imports them: it reads a block through `ClockedBlock`, what it needs of one.
This module loads no pydantic at import (the run path reads `EMOM_EVERY`): what it needs of
the format is imported when a file is checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from pydantic import BaseModel

    from hamtimer.circuit.exercises import Exercise

EMOM_EVERY = 60.0
"""An emom block's interval when it gives no `every`: a minute."""

_CLOCKED = {"emom": "rests for what is left of each interval", "amrap": "has no rests"}


class ClockedBlock(Protocol):
    """What these rules read of a block (`hamtimer.circuit.blocks.Block`, a pydantic model)."""

    @property
    def name(self) -> str:
        """The block's name, for messages."""
        ...

    @property
    def mode(self) -> str:
        """straight, circuit, emom, amrap or intervals."""
        ...

    @property
    def sets(self) -> int | None:
        """The sets or rounds written (None: not written)."""
        ...

    @property
    def every(self) -> float | None:
        """An emom block's interval, as written."""
        ...

    @property
    def time_cap(self) -> float | None:
        """An amrap block's cap, as written."""
        ...

    @property
    def rest_between_sets(self) -> object:
        """The rests between its sets or rounds, as written (None: not written)."""
        ...

    @property
    def rest_between_exercises(self) -> object:
        """The rest between its exercises, as written (None: not written)."""
        ...

    @property
    def exercises(self) -> tuple[object, ...]:
        """Its exercises and the rests written among them."""
        ...

    def work(self) -> list[Exercise]:
        """Its exercises, without the rests."""
        ...

    def set_count(self) -> int:
        """Its sets or rounds (1 for an amrap block)."""
        ...


def check_block_mode(block: ClockedBlock) -> None:
    """The keys a block's mode needs and the ones it cannot take; that an EMOM set's own
    time (its work and the rest it sets between sides) leaves some rest."""
    from hamtimer.circuit.strict import CircuitValueError

    mode = block.mode
    if mode == "amrap":
        if block.sets is not None:
            raise CircuitValueError(
                "an amrap block has no sets: its rounds go on until time_cap runs out; remove sets",
                key="sets",
            )
        if block.time_cap is None:
            raise CircuitValueError(
                "an amrap block needs time_cap: add time_cap = … (how long the rounds go on, "
                "in seconds: 600 for ten minutes)"
            )
    elif mode == "emom" and block.sets is None:
        from hamtimer.circuit.shapes import model_shapes, phrase  # the words of a field

        what = phrase(model_shapes(cast("type[BaseModel]", type(block)))["sets"])
        raise CircuitValueError(
            f"sets is missing: add sets = … ({what}), the emom block's rounds (each an "
            "interval per exercise)"
        )
    if block.time_cap is not None and mode != "amrap":
        raise CircuitValueError(
            'time_cap goes with mode = "amrap": remove it, or make the block an amrap',
            key="time_cap",
        )
    if block.every is not None and mode != "emom":
        raise CircuitValueError(
            'every (the length of an interval) goes with mode = "emom": remove it, or make '
            "the block an emom",
            key="every",
        )
    if mode not in _CLOCKED:
        return
    for key in ("rest_between_sets", "rest_between_exercises"):
        if getattr(block, key) is not None:
            raise CircuitValueError(f"an {mode} block {_CLOCKED[mode]}: remove {key}", key=key)
    if len(block.work()) < len(block.exercises):
        raise CircuitValueError(
            f"an {mode} block {_CLOCKED[mode]}: remove the rest written among its exercises",
            key="mode",
        )
    for exercise in block.work():
        problem = _exercise_problem(mode, exercise)
        if problem:
            raise CircuitValueError(f'exercise "{exercise.name}": {problem}', key="mode")
    if mode == "emom":
        _check_fits(block, 0.0)


def _exercise_problem(mode: str, exercise: Exercise) -> str:
    """What an exercise cannot do in an emom or amrap block, with the fix; '' if nothing."""
    if exercise.to_fatigue:
        return (
            f"a hold to fatigue has no set length, so it cannot be part of an {mode} block: "
            "give it seconds instead"
        )
    if exercise.rest_between_sets is not None:
        return f"an {mode} block {_CLOCKED[mode]}: remove rest_between_sets"
    if mode != "amrap":
        return ""
    if exercise.tempo is not None or any(p.tempo is not None for p in exercise.prompts):
        return "an amrap round goes at the runner's own pace: remove tempo"
    if exercise.rest_between_sides is not None:
        return "an amrap round has no rests: remove rest_between_sides"
    if exercise.sets is not None:
        return "an amrap block has no sets: the rounds go on until time_cap; remove sets"
    if exercise.listed_sets() is not None:
        work = "reps" if isinstance(exercise.reps, tuple) else "seconds"
        return (
            f"an amrap block has no sets, so {work} takes one value (a number or a range), "
            "not a list"
        )
    return ""


def set_seconds(exercise: Exercise, switch_sides: float, number: int = 1) -> float:
    """The fixed time of set `number` of `exercise`: timed and paced work (a range at its
    top), and the rest (or `switch_sides`) between its sides. Reps the runner counts take no
    fixed time."""
    from hamtimer.circuit.amounts import Span, reps_of_set, seconds_of_set, tempo_seconds, top

    per_side = 0.0
    if exercise.seconds is not None:
        timed = seconds_of_set(exercise.seconds, number)
        per_side = timed.high if isinstance(timed, Span) else timed
    if exercise.reps is not None and exercise.tempo is not None:
        per_side = top(reps_of_set(exercise.reps, number)) * tempo_seconds(exercise.tempo)
    per_side += sum(
        top(p.reps) * tempo_seconds(p.tempo) for p in exercise.prompts if p.tempo is not None
    )
    sides = max(1, len(exercise.sides))
    between = exercise.rest_between_sides
    return sides * per_side + (sides - 1) * (switch_sides if between is None else between)


def _check_fits(block: ClockedBlock, switch_sides: float) -> None:
    """Every set of an emom block leaves some rest in its interval (with `switch_sides`
    between the sides of an exercise that sets no rest of its own)."""
    from hamtimer.circuit.strict import CircuitValueError

    every = block.every or EMOM_EVERY
    for exercise in block.work():
        needs = max(
            set_seconds(exercise, switch_sides, number)
            for number in range(1, exercise.set_count(block.set_count()) + 1)
        )
        if needs >= every:
            switch = exercise.rest_between_sides is None and len(exercise.sides) > 1
            given = f" with switch_sides = {switch_sides:g}" if switch and switch_sides else ""
            prefix = f'block "{block.name}": ' if given else ""
            raise CircuitValueError(
                f'{prefix}a set of "{exercise.name}" takes {needs:g} s{given}, which leaves no '
                f"rest in an interval of {every:g} s: make the set shorter or every longer",
                key="timing" if given else "every" if block.every is not None else "mode",
            )


def check_intervals_fit(blocks: Iterable[ClockedBlock], switch_sides: float) -> None:
    """Every set of an emom block leaves some rest, counting the circuit's `switch_sides`
    between the sides of an exercise that sets no rest between them (each block has been
    checked without it)."""
    for block in blocks:
        if block.mode == "emom":
            _check_fits(block, switch_sides)
