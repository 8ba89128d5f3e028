"""What a workout's clock-timed blocks came to: each AMRAP's rounds, and how many EMOM
intervals had their work done before the boundary."""

from __future__ import annotations

from dataclasses import dataclass

from hamtimer.history.records import StepEntry, WorkoutRecord
from hamtimer.plan import IntervalKind, StepKind, WorkMode


@dataclass(frozen=True, slots=True)
class IntervalResults:
    """The AMRAPs' rounds (in order, of those reached) and the EMOM intervals: how many
    there were, and how many had all their work done in time."""

    rounds: tuple[int, ...] = ()
    emom_intervals: int = 0
    emom_on_time: int = 0

    def __bool__(self) -> bool:
        return bool(self.rounds or self.emom_intervals)


def interval_results(record: WorkoutRecord) -> IntervalResults:
    """The AMRAP rounds and EMOM intervals of `record` (`IntervalResults`)."""
    rounds = tuple(
        step.rounds or 0 for step in record.steps if step.mode is WorkMode.AMRAP and step.reached
    )
    intervals: list[list[StepEntry]] = []
    before: StepEntry | None = None
    for step in record.steps:
        if step.interval is IntervalKind.EMOM:
            if before is None or before.interval_number != step.interval_number:
                intervals.append([])
            intervals[-1].append(step)
            before = step
        else:
            before = None
    on_time = sum(
        all(step.completed for step in steps if step.kind is StepKind.WORK) for steps in intervals
    )
    return IntervalResults(rounds, len(intervals), on_time)
