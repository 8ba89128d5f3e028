"""The steps of the blocks timed by the clock: EMOM, AMRAP and intervals.

- An EMOM block of `sets` rounds has one interval per set of each exercise, in turn. An
  interval is the set's steps (its work, and any switch or rest between its sides) and a
  rest, "the rest of the minute", whose planned length is what the set's estimate leaves:
  every interval adds up to `every` seconds exactly. The engine starts each interval on its
  boundary (`hamtimer.workout.intervals`), so the rest is as long as the work leaves it.
- An AMRAP block is one step: work with the cap for its length, the round's exercises in
  `round_items`; the runner counts the rounds.
- An intervals block is built as a circuit, and its work steps are counted as intervals
  over the whole block ("interval 3 of 8").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from hamtimer.circuit.amounts import Span, reps_of_set, seconds_of_set
from hamtimer.circuit.intervals import EMOM_EVERY
from hamtimer.plan.steps import (
    IntervalKind,
    RestReason,
    Step,
    StepKind,
    WorkMode,
    format_duration,
)

if TYPE_CHECKING:
    from hamtimer.circuit.model import Block, Exercise


class Builder(Protocol):
    """What these blocks need of the plan's builder (`hamtimer.plan.build`, which hands them
    here): its steps so far, and its building of a block, a set and a step."""

    steps: list[Step]
    challenge: bool

    def add(self, step: Step) -> None:
        """Append the next step."""
        ...

    def block(self, block: Block) -> None:
        """Append a block's steps (straight sets or rounds)."""
        ...

    def exercise_set(self, block: Block, exercise: Exercise, number: int, count: int) -> None:
        """Append set `number` of `count` of an exercise: its work and what is between its sides."""
        ...


def build_block(builder: Builder, block: Block) -> bool:
    """Build `block` if it is timed by the clock; False for straight sets and rounds."""
    if block.mode == "emom":
        _emom(builder, block)
    elif block.mode == "amrap":
        _amrap(builder, block)
    elif block.mode == "intervals":
        first = len(builder.steps)
        builder.block(block.model_copy(update={"mode": "circuit"}))
        work = [i for i in range(first, len(builder.steps)) if _is_work(builder.steps[i])]
        for number, index in enumerate(work, start=1):
            builder.steps[index] = replace(
                builder.steps[index],
                interval=IntervalKind.INTERVALS,
                interval_number=number,
                interval_count=len(work),
            )
    else:
        return False
    return True


def _is_work(step: Step) -> bool:
    return step.kind is StepKind.WORK


def _emom(builder: Builder, block: Block) -> None:
    """Each set of each exercise in turn, round after round, an interval each."""
    every = block.every or EMOM_EVERY
    rounds, exercises = block.set_count(), block.work()  # validated: no rests written
    count = rounds * len(exercises)
    number = 0
    for round_number in range(1, rounds + 1):
        for exercise in exercises:
            number += 1
            first = len(builder.steps)
            builder.exercise_set(block, exercise, round_number, rounds)
            used = 0.0
            for index in range(first, len(builder.steps)):
                step = builder.steps[index]
                estimate = min(step.estimate, every - used)  # reps at their estimated pace
                used += estimate
                builder.steps[index] = replace(
                    step,
                    estimate=estimate,
                    set_word="round",
                    interval=IntervalKind.EMOM,
                    interval_number=number,
                    interval_count=count,
                    every=every,
                )
            _emom_rest(builder, block, every - used, number, count, every)


def _emom_rest(
    builder: Builder, block: Block, seconds: float, number: int, count: int, every: float
) -> None:
    """The rest of an interval: planned at what the set leaves, lasting to the boundary."""
    word = "minute" if every == EMOM_EVERY else "interval"
    seconds = max(seconds, 0.0)
    builder.add(
        Step(
            index=len(builder.steps),
            kind=StepKind.REST,
            title="Rest",
            headline=f"Rest of the {word}",
            summary=f"Rest of {word} {number}",
            block=block.name,
            amount=f"rest of the {word}",
            short=f"Rest of the {word}",
            brief="rest",
            seconds=seconds,
            estimate=seconds,
            rest_reason=RestReason.INTERVAL,
            role=block.role,
            interval=IntervalKind.EMOM,
            interval_number=number,
            interval_count=count,
            every=every,
        )
    )


def _amrap(builder: Builder, block: Block) -> None:
    """One step: the cap's countdown, the round's exercises, the rounds counted."""
    assert block.time_cap is not None  # validated: an amrap block has one
    cap = block.time_cap
    exercises = block.work()  # validated: no rests written
    items = tuple(round_item(exercise) for exercise in exercises)
    length = format_duration(cap)
    challenges = [f"{item.name}: {item.challenge}" for item in exercises if item.challenge]
    builder.add(
        Step(
            index=len(builder.steps),
            kind=StepKind.WORK,
            title=block.name,
            headline=f"AMRAP {length}",
            summary=f"AMRAP {length} — {' · '.join(items)}",
            block=block.name,
            amount=f"AMRAP {length}",
            short=f"AMRAP {length}",
            brief=f"AMRAP {length}",
            mode=WorkMode.AMRAP,
            seconds=cap,
            estimate=cap,
            challenge="; ".join(challenges) if builder.challenge and challenges else None,
            role=block.role,
            interval=IntervalKind.AMRAP,
            round_items=items,
        )
    )


def round_item(exercise: Exercise) -> str:
    """One exercise of an AMRAP round in a few words: '10 × Burpee', '8–12 × Burpee', '30 s
    Plank', 'Halo: 6 × clockwise, 6 × counter-clockwise'; sided work adds ', each side'.
    (An amrap exercise has one value, never a list: `hamtimer.circuit.intervals`.)"""
    if exercise.prompts:
        runs = ", ".join(
            f"{_amount(prompt.reps)} × {prompt.direction}"
            if prompt.direction
            else _amount(prompt.reps)
            for prompt in exercise.prompts
        )
        text = f"{exercise.name}: {runs}"
    elif exercise.seconds is not None:
        text = f"{_amount(seconds_of_set(exercise.seconds, 1))} s {exercise.name}"
    else:
        assert exercise.reps is not None  # validated: one kind of work
        text = f"{_amount(reps_of_set(exercise.reps, 1))} × {exercise.name}"
    if len(exercise.sides) > 1:
        return f"{text}, each side"
    return f"{text}, {exercise.sides[0]} side" if exercise.sides else text


def _amount(value: float | Span) -> str:
    """A number of reps or seconds as written: '10', '30', a range '8–12'."""
    return value.text if isinstance(value, Span) else f"{value:g}"
