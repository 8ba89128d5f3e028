"""How a visit keeps its step's record: opened as the step begins, brought up to a moment
while it runs (so a checkpoint can be written at any instant), and closed as it ends."""

from __future__ import annotations

from hamtimer.events import StepRecord, StepStatus
from hamtimer.plan import Step, WorkMode
from hamtimer.workout.visit import Visit


def open_record(record: StepRecord, at: float) -> None:
    """A step begins at reading `at`: in progress (ABANDONED, not ended, until it ends). A
    step entered again keeps its earlier visits' times, which the new visit adds to."""
    if record.status is StepStatus.NOT_REACHED:
        record.started, record.active_seconds, record.paused_seconds = at, 0.0, 0.0
    record.status, record.ended = StepStatus.ABANDONED, None


def keep_record(record: StepRecord, visit: Visit, moment: float, pausing: float) -> None:
    """The record as of reading `moment` (the step's times frozen there while paused or
    over), with `pausing` seconds of a pause still going on."""
    record.active_seconds = visit.base_active + visit.elapsed(moment)
    record.paused_seconds = visit.base_paused + visit.paused + pausing
    record.rounds = visit.rounds


def close_record(
    record: StepRecord, visit: Visit, step: Step, status: StepStatus, at: float, moment: float
) -> None:
    """The step ends at reading `at` as `status`; a hold ended with done keeps how long it
    lasted (its active seconds at `moment`), paced reps their count, an AMRAP its rounds."""
    record.status, record.ended = status, at
    held = status is StepStatus.DONE and step.mode is WorkMode.OPEN
    record.held_seconds = visit.elapsed(moment) if held else None
    record.reps_counted, record.rounds = visit.reps_counted, visit.rounds
