"""The bundled circuit's plan against its facts written out by hand (tests/circuit_facts.py)."""

from __future__ import annotations

import pytest

from hamtimer.plan import Plan, Step
from tests.circuit_facts import HAMSTRING, Fact


def as_fact(step: Step) -> Fact:
    return Fact(
        kind=str(step.kind),
        exercise=step.exercise,
        side=None if step.side is None else str(step.side),
        reps=step.reps,
        direction=None if step.direction is None else str(step.direction),
        hold=step.mode == "open",
        seconds=step.seconds,
        rest=None if step.rest_reason is None else str(step.rest_reason),
        set_number=step.set_number,
    )


def test_the_plan_is_the_circuit_step_by_step(hamstring_plan: Plan) -> None:
    assert len(HAMSTRING) == 48
    assert [as_fact(step) for step in hamstring_plan.steps] == list(HAMSTRING)


@pytest.mark.parametrize("index", range(48))
def test_each_step_says_its_side_and_count_in_words(hamstring_plan: Plan, index: int) -> None:
    """The words a runner reads carry the facts: the side in capitals, the reps, the time."""
    fact, step = HAMSTRING[index], hamstring_plan.steps[index]
    if fact.side is not None:
        assert step.side_text is not None and step.side_text.startswith(fact.side.upper() + " ")
        assert fact.side.upper() in step.summary
    if fact.reps is not None:
        assert f"{fact.reps}" in step.headline
    if fact.direction is not None:
        assert fact.direction.upper() in step.headline
    if fact.kind != "work":
        assert f"{fact.seconds:g} s" in step.summary
