"""What a renderer shows of a workout at one moment, and how it is worked out."""

from __future__ import annotations

import math
from dataclasses import dataclass

from hamtimer.plan import IntervalKind, Plan, Step, WorkMode
from hamtimer.workout.state import WorkoutState
from hamtimer.workout.visit import Visit, is_paced


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything a renderer shows, computed at one clock reading (`now`) so the parts agree.

    Frozen so that a screen can keep the previous one and compare, and so that nothing it
    does can disturb the engine. Times are active seconds (pauses excluded). `step_remaining`
    is None for steps that wait for done, which count up instead; `workout_remaining` and
    `fraction` use the plan's estimates for what is still ahead, so they are a forecast.
    """

    state: WorkoutState
    index: int
    total: int
    step: Step | None
    next_step: Step | None
    step_elapsed: float
    step_remaining: float | None
    reps_counted: int | None
    rounds: int | None
    """An AMRAP's rounds counted so far; None on other steps."""
    interval_remaining: float | None
    """Seconds left in the EMOM interval the step is in; None outside one."""
    paused: bool
    workout_elapsed: float
    workout_remaining: float
    fraction: float
    now: float

    @classmethod
    def before_start(
        cls, plan: Plan, index: int, now: float, *, workout_elapsed: float = 0.0
    ) -> Snapshot:
        """A READY workout: step `index` as it will begin, and the whole plan ahead
        (`workout_elapsed`: the active time of the steps done before, when resuming)."""
        step = plan.steps[index]
        left = _estimate_after(plan, index - 1)
        return cls(
            state=WorkoutState.READY,
            index=index,
            total=len(plan),
            step=step,
            next_step=_step_at(plan, index + 1),
            step_elapsed=0.0,
            step_remaining=step.seconds,
            reps_counted=0 if is_paced(step) else None,
            rounds=0 if step.mode is WorkMode.AMRAP else None,
            interval_remaining=step.every if step.interval is IntervalKind.EMOM else None,
            paused=False,
            workout_elapsed=workout_elapsed,
            workout_remaining=left,
            fraction=_fraction(plan, left),
            now=now,
        )

    @classmethod
    def during(
        cls,
        plan: Plan,
        state: WorkoutState,
        visit: Visit,
        *,
        moment: float,
        workout_elapsed: float,
        now: float,
    ) -> Snapshot:
        """A started workout at reading `now`; its times are frozen at `moment` (the pause's
        start or the end, else `now`)."""
        step = plan.steps[visit.index]
        elapsed, remaining = visit.elapsed(moment), visit.remaining(moment)
        current = remaining if remaining is not None else max(step.estimate - elapsed, 0.0)
        finished = state is WorkoutState.FINISHED
        left = 0.0 if finished else current + _estimate_after(plan, visit.index)
        return cls(
            state=state,
            index=visit.index,
            total=len(plan),
            step=step,
            next_step=None if state.over else _step_at(plan, visit.index + 1),
            step_elapsed=elapsed,
            step_remaining=remaining,
            reps_counted=visit.reps_counted,
            rounds=visit.rounds,
            interval_remaining=visit.left_in_interval(moment),
            paused=state is WorkoutState.PAUSED,
            workout_elapsed=workout_elapsed,
            workout_remaining=left,
            fraction=1.0 if finished else _fraction(plan, left),
            now=now,
        )


def _estimate_after(plan: Plan, index: int) -> float:
    return math.fsum(step.estimate for step in plan.steps[index + 1 :])


def _fraction(plan: Plan, left: float) -> float:
    total = plan.estimated_seconds
    return 0.0 if total <= 0 else min(max(1.0 - left / total, 0.0), 1.0)


def _step_at(plan: Plan, index: int) -> Step | None:
    return plan.steps[index] if 0 <= index < len(plan) else None
