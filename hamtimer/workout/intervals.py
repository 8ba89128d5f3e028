"""EMOM intervals in the engine: where an interval's boundary is, and what is passed over when
the boundary comes before the interval's work is done.

An EMOM interval is a run of steps (the set's work, any switch or rest between its sides, and
the rest of the interval) with the same `interval_number` (`hamtimer.plan.intervals`). Entering
its first step starts it: its boundary is `every` seconds on. Its later steps end at the
boundary at the latest, and its rest lasts until it; the boundary moves on with pauses, as
every deadline does (it is kept by the visit, `Visit.boundary`). A later step entered from
outside its interval (a resumed workout, `back` from the next interval) has no boundary: it
runs as planned.
"""

from __future__ import annotations

from collections.abc import Sequence

from hamtimer.events import StepRecord, StepStatus
from hamtimer.plan import IntervalKind, Plan, Step, StepKind, WorkMode
from hamtimer.workout.visit import Visit


def _together(step: Step, other: Step) -> bool:
    """True when both steps are in the same EMOM interval."""
    return (
        other.interval is IntervalKind.EMOM
        and step.interval is IntervalKind.EMOM
        and (other.block, other.interval_number) == (step.block, step.interval_number)
    )


def interval_first(plan: Plan, index: int) -> int | None:
    """The first step of the EMOM interval step `index` is in; None outside an EMOM."""
    step = plan.steps[index]
    if step.interval is not IntervalKind.EMOM:
        return None
    first = index
    while first > 0 and _together(step, plan.steps[first - 1]):
        first -= 1
    return first


def boundary_for(plan: Plan, index: int, at: float, previous: Visit | None) -> float | None:
    """The end of the EMOM interval of step `index`, entered at reading `at` after the visit
    `previous`: `every` seconds on for its first step, the interval's boundary for a later
    one reached from within the interval, else None."""
    first = interval_first(plan, index)
    if first is None:
        return None
    if first == index:
        return at + (plan.steps[index].every or 0.0)
    if previous is None or interval_first(plan, previous.index) != first:
        return None
    return previous.boundary


def pass_over(plan: Plan, records: Sequence[StepRecord], start: int, at: float) -> int:
    """Record the steps of an EMOM interval from `start` on as passed over at reading `at`,
    when its boundary came first: its work MISSED, its rests and switches TIMED_OUT, with no
    time added (a step visited before, then gone back over, keeps its visits' times). Returns
    the index of the first step after the interval."""
    step = plan.steps[start]
    end = start
    while end < len(plan) and _together(step, plan.steps[end]):
        record = records[end]
        missed = plan.steps[end].kind is StepKind.WORK
        if record.status is StepStatus.NOT_REACHED:
            record.started, record.active_seconds, record.paused_seconds = at, 0.0, 0.0
        record.status = StepStatus.MISSED if missed else StepStatus.TIMED_OUT
        record.ended = at
        record.held_seconds, record.reps_counted, record.rounds = None, None, None
        end += 1
    return max(end, start + 1)


def adjustable(step: Step) -> bool:
    """True when adding or removing time changes the step: a rest or timed work (not reps,
    paced or not, nor a hold), outside EMOM and AMRAP blocks, whose clock sets their length."""
    clocked = step.interval in (IntervalKind.EMOM, IntervalKind.AMRAP)
    return step.ends_itself and step.mode is not WorkMode.REPS and not clocked
