"""Engine records made by hand, for the history tests and the crash writer.

The storage layer only sees `StepRecord` lists, so a workout can be played without the
engine: steps before `upto` ended, the rest not reached, as `Workout.records` would be.
"""

from __future__ import annotations

from hamtimer.events import StepRecord, StepStatus
from hamtimer.plan import Plan, StepKind, WorkMode

RIGHT_HOLD, LEFT_HOLD = 52.0, 47.0


def fake_records(
    plan: Plan,
    upto: int,
    *,
    right: float = RIGHT_HOLD,
    left: float = LEFT_HOLD,
    skipped: frozenset[int] = frozenset(),
) -> list[StepRecord]:
    """One record per plan step: steps before `upto` ended, later ones not reached.

    Work ends done (to-fatigue holds with `right`/`left` seconds), pauses time out,
    steps in `skipped` were skipped. Clock readings start at 5000 to be obviously
    meaningless to anyone who would store them.
    """
    records = []
    clock = 5000.0
    for step in plan.steps:
        if step.index >= upto:
            records.append(StepRecord(index=step.index, status=StepStatus.NOT_REACHED, started=0.0))
            continue
        held = None
        if step.mode is WorkMode.OPEN:
            held = right if step.side == "right" else left
        seconds = held if held is not None else step.estimate
        status = StepStatus.DONE if step.kind is StepKind.WORK else StepStatus.TIMED_OUT
        if step.index in skipped:
            status, seconds, held = StepStatus.SKIPPED, 1.0, None
        records.append(
            StepRecord(
                index=step.index,
                status=status,
                started=clock,
                ended=clock + seconds + 2.0,
                active_seconds=seconds,
                paused_seconds=2.0,
                held_seconds=held,
            )
        )
        clock += seconds + 2.0
    return records
