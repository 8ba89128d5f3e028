"""The whole bundled circuit, start screen to summary, with keys and a fake clock only."""

from __future__ import annotations

from pathlib import Path

from hamtimer.plan import Side, Step, StepKind, WorkMode, format_duration
from hamtimer.tui.screens.start import StartScreen
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.tui.widgets import DirectionMark
from tests.tui.conftest import Harness

HOLDS = {Side.RIGHT: 45.0, Side.LEFT: 38.0}  # 16% apart: the summary must flag it
REP_TIME = 12.5
MIN_DIGIT_ROWS = 12  # at 80×24: the least a runner can read from the mat, every phase


def following(harness: Harness, step: Step) -> Step:
    return harness.workout.plan.steps[step.index + 1]


async def test_a_runner_does_the_whole_circuit(harness: Harness, tmp_path: Path) -> None:
    """At 80×24 every step shows its number at least 12 rows tall; work shows its side in
    large capitals; rests, switches and get-ready show what comes next, large, at the top."""
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
        for step in plan.steps:
            assert harness.workout.snapshot().index == step.index
            assert harness.digit_rows >= MIN_DIGIT_ROWS, (step.summary, harness.digit_rows)
            if step.kind is StepKind.WORK:
                assert harness.screen.has_class("phase-work")
                assert step.set_text and step.set_text in harness.text("headline")
                assert str(step.exercise) in harness.text("headline")
                if step.side_text:
                    assert harness.large("detail") == (step.side_text.upper(), True)
                else:
                    assert harness.text("detail") == ""
                assert harness.app.screen.query_one(DirectionMark).display == bool(step.direction)
            else:
                after = following(harness, step)
                assert harness.text("headline").startswith(step.headline.upper())
                name, large = harness.large("name")
                assert large and str(after.exercise).upper().startswith(name.rstrip("…"))
                detail, large = harness.large("detail")
                assert large and detail.endswith(after.brief.upper())
                assert detail.startswith(str(after.side).upper()) if after.side else True
                assert harness.words("cue") == (after.cue or "")
            if step.mode is WorkMode.REPS:
                assert harness.big == str(step.reps)
                assert harness.text("prompt").endswith("Enter when done")
                if step.direction is not None:
                    words = step.direction.upper()
                    symbol = "↻" if words == "CLOCKWISE" else "↺"
                    assert f"6 × {words} {symbol}" in harness.text("prompt")
                    mark = harness.app.screen.query_one(DirectionMark)
                    assert mark.direction == step.direction
                await harness.advance(pilot, REP_TIME)
                await pilot.press("enter")
            elif step.mode is WorkMode.OPEN:
                assert step.side is not None
                assert harness.big == "0:00"
                assert harness.text("target") == "", "no history yet: no target"
                await harness.advance(pilot, 30)
                assert harness.big == "0:30", "a hold counts up"
                await harness.advance(pilot, HOLDS[step.side] - 30)
                await pilot.press("enter")
            else:
                assert step.seconds is not None
                assert harness.big == format_duration(step.seconds), "starts at its full time"
                if step.kind is StepKind.REST:
                    reason = step.rest_reason.value if step.rest_reason else ""
                    expected = (
                        "phase-rest-sides" if reason == "between_sides" else "phase-rest-sets"
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
