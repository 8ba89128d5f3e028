"""The whole bundled circuit, start screen to summary, with keys and a fake clock only."""

from __future__ import annotations

from pathlib import Path

from hamtimer.plan import Side, Step, StepKind, WorkMode, format_duration
from hamtimer.tui.screens.start import StartScreen
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.tui.widgets import DirectionMark
from tests.circuit_facts import HAMSTRING, Fact
from tests.tui.conftest import Harness

HOLDS = {Side.RIGHT: 45.0, Side.LEFT: 38.0}  # 16% apart: the summary must flag it
REP_TIME = 12.5
MIN_DIGIT_ROWS = 12  # at 80×24: the least a runner can read from the mat, every phase


def following(harness: Harness, step: Step) -> Step:
    return harness.workout.plan.steps[step.index + 1]


def next_work(position: int) -> Fact:
    """The first work step after `position` in the hand-written facts."""
    return next(fact for fact in HAMSTRING[position + 1 :] if fact.kind == "work")


async def test_a_runner_does_the_whole_circuit(harness: Harness, tmp_path: Path) -> None:
    """At 80×24 every step shows its number at least 12 rows tall; work shows its side in
    large capitals; rests, switches and get-ready show what comes next, large, at the top.
    What each step must show comes from the circuit's facts written out by hand
    (`tests/circuit_facts.py`), not from the plan builder."""
    app, plan = harness.app, harness.session.plan_for(False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        assert "Hamstring circuit for runners" in harness.text("start-title")
        assert "22:04" in harness.text("start-title")
        assert "Press Enter to start" in harness.text("start-prompt")
        await pilot.press("enter")
        assert harness.screen.has_class("phase-get-ready")
        assert harness.big == "0:10"
        paused_once = False
        for position, (fact, step) in enumerate(zip(HAMSTRING, plan.steps, strict=True)):
            assert harness.workout.snapshot().index == step.index
            assert harness.digit_rows >= MIN_DIGIT_ROWS, (step.summary, harness.digit_rows)
            if fact.kind == "work":
                assert harness.screen.has_class("phase-work")
                kind = "set" if fact.exercise == "Split stance jump" else "round"  # a circuit
                assert f"{kind} {fact.set_number} of 3" in harness.text("headline")
                assert str(fact.exercise) in harness.text("headline")
                if fact.side:
                    detail, large = harness.large("detail")
                    assert large and detail.startswith(fact.side.upper()), detail
                else:
                    assert harness.text("detail") == ""
                assert harness.app.screen.query_one(DirectionMark).display == bool(fact.direction)
            else:
                after = next_work(position)
                assert harness.text("headline").startswith(step.headline.upper())
                name, large = harness.large("name")
                assert large and str(after.exercise).upper().startswith(name.rstrip("…"))
                detail, large = harness.large("detail")
                assert large and detail.startswith(after.side.upper() if after.side else "")
                assert harness.words("cue") == (following(harness, step).cue or "")
            if fact.reps is not None:
                assert harness.big == str(fact.reps)
                assert harness.text("prompt").endswith("Enter when done")
                if fact.direction is not None:
                    words = fact.direction.upper()
                    symbol = "↻" if words == "CLOCKWISE" else "↺"
                    assert f"6 × {words} {symbol}" in harness.text("prompt")
                    mark = harness.app.screen.query_one(DirectionMark)
                    assert mark.direction == fact.direction
                await harness.advance(pilot, REP_TIME)
                await pilot.press("enter")
            elif fact.hold:
                assert step.mode is WorkMode.OPEN and step.side is not None
                assert harness.big == "0:00"
                assert harness.text("target") == "", "no history yet: no target"
                await harness.advance(pilot, 30)
                assert harness.big == "0:30", "a hold counts up"
                await harness.advance(pilot, HOLDS[step.side] - 30)
                await pilot.press("enter")
            else:
                assert step.seconds is not None and fact.seconds is not None
                assert harness.big == format_duration(fact.seconds), "starts at its full time"
                if fact.kind == "rest":
                    expected = (
                        "phase-rest-sides" if fact.rest == "between_sides" else "phase-rest-sets"
                    )
                    assert harness.screen.has_class(expected)
                if step.kind is StepKind.REST and not paused_once:
                    paused_once = True
                    await harness.advance(pilot, 10)
                    await pilot.press("space")
                    assert harness.screen.has_class("phase-paused")
                    assert "PAUSED" in harness.text("headline")
                    assert harness.digit_rows >= MIN_DIGIT_ROWS
                    shown = harness.big
                    await harness.advance(pilot, 7)
                    assert harness.big == shown, "time stands still while paused"
                    await pilot.press("space")
                    assert not harness.screen.has_class("phase-paused")
                    await harness.advance(pilot, step.seconds - 10)
                else:
                    await harness.advance(pilot, step.seconds - 1)
                    assert harness.big == "0:01", "every second down to the end"
                    await harness.advance(pilot, 1)
        await pilot.pause()
        assert harness.big == "DONE", "a big DONE before the summary"
        assert harness.screen.has_class("phase-finished")
        assert harness.digit_rows >= MIN_DIGIT_ROWS
        await pilot.press("enter")
        assert harness.big == "DONE", "a second tap of the last Enter does not hide it"
        await harness.advance(pilot, 1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = harness.text("summary-text")
        assert "Workout finished!" in summary
        assert "Total time (without pauses)" in summary
        assert "Steps done 48 of 48" in summary and "skipped 0" in summary
        holds = harness.text("summary-holds")
        assert "Bird dog with wall push" in holds
        assert "0:45" in holds and "0:38" in holds and "left 16% shorter ⚠" in holds
    (entry,) = harness.saved().workouts()
    assert entry.outcome == "finished" and entry.completed == 48
    assert harness.store.interrupted() == []


async def test_the_whole_circuit_can_be_followed_on_a_40x12_terminal(harness: Harness) -> None:
    """Every step at 40×12: the number at least 7 rows tall; during work the side in large
    capitals; during a pause the next side large and the next exercise named."""
    async with harness.app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter")
        for step in harness.session.plan_for(False).steps:
            assert harness.workout.index == step.index
            assert harness.digit_rows >= 7, step.summary
            if step.kind is StepKind.WORK:
                side, large = harness.large("detail")
                assert large == bool(step.side) and side == (
                    str(step.side).upper() if step.side else ""
                )
            else:
                after = following(harness, step)
                side, large = harness.large("detail")
                assert large and side.startswith(str(after.side).upper() if after.side else "")
                assert str(after.exercise) in harness.text("next")
            held = 30.0 if step.mode is WorkMode.OPEN else 10.0
            await harness.advance(pilot, step.seconds if step.seconds is not None else held)
            if step.seconds is None:
                await pilot.press("enter")
        assert harness.big == "DONE"
