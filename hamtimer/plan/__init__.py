"""The plan: a circuit expanded into the exact sequence of steps a runner goes through.

Everything a screen or a sound needs to know about a step (its title, side, set, the
words of its prompt, what comes next) is decided here, once, without a clock or a
terminal, so that the whole workout can be checked by reading a list. The steps and the
plan are in `hamtimer.plan.steps`; `build_plan` (in `hamtimer.plan.build`) makes them, and
`hamtimer.plan.compiled` keeps them in the cache folder. The builder loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.circuit.kinds import Direction, ExerciseKind, Side
from hamtimer.lazy import lazy_names
from hamtimer.plan.steps import (
    SYMBOLS,
    IntervalKind,
    Plan,
    RestReason,
    Step,
    StepKind,
    WorkMode,
    format_duration,
    plan_document,
    plan_from_document,
)

if TYPE_CHECKING:
    from hamtimer.plan.build import MAX_STEPS, PlanTooLongError, build_plan

# The builder's names, imported when first asked for (they need the pydantic models).
__getattr__ = lazy_names(
    __name__, dict.fromkeys(("MAX_STEPS", "PlanTooLongError", "build_plan"), "hamtimer.plan.build")
)


__all__ = [
    "MAX_STEPS",
    "SYMBOLS",
    "Direction",
    "ExerciseKind",
    "IntervalKind",
    "Plan",
    "PlanTooLongError",
    "RestReason",
    "Side",
    "Step",
    "StepKind",
    "WorkMode",
    "build_plan",
    "format_duration",
    "plan_document",
    "plan_from_document",
]
