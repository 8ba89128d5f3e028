"""Every key of the two dialogs, and what the app saves when the runner pauses or leaves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.tui.screens.help import HelpScreen
from hamtimer.tui.screens.leave import ConfirmLeave
from hamtimer.tui.screens.start import StartScreen
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.workout import WorkoutState
from tests.tui.conftest import Harness, make_harness


async def saved_when(
    store: HistoryStore, pilot: Pilot[int], ready: Callable[[WorkoutRecord], bool]
) -> WorkoutRecord:
    """The workout in progress once the app's writer (off-thread) has saved it as `ready`."""
    for _ in range(200):
        found = store.in_progress()
        if found and ready(found[0]):
            return found[0]
        await pilot.pause(0.01)
    raise AssertionError(f"never saved as expected: {store.in_progress()}")


@pytest.mark.parametrize("key", ["n", "escape"])
async def test_no_and_escape_keep_going(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 3)
        await pilot.press("q")
        assert isinstance(harness.app.screen, ConfirmLeave)
        await pilot.press(key)
        assert harness.app.screen is harness.screen
        assert harness.workout.state is WorkoutState.RUNNING and harness.big == "0:07"


async def test_keep_going_stays_paused_when_it_was_paused(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "space", "q", "n")
        assert harness.workout.state is WorkoutState.PAUSED


@pytest.mark.parametrize("key", ["y", "q", "ctrl+c", "ctrl+q"])
async def test_the_leave_keys_store_the_workout_as_abandoned(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 3)
        await pilot.press("q", key)
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
    [stored] = harness.saved().workouts()
    assert stored.outcome is Outcome.ABANDONED and stored.steps[0].active_seconds == 3.0


async def test_save_leaves_the_workout_for_later(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 4)
        await pilot.press("q", "s")
        await pilot.pause()
    assert harness.app.return_code == 0
    [waiting] = harness.saved().interrupted()
    assert waiting.current_index == 0 and waiting.steps[0].active_seconds == 4.0


@pytest.mark.parametrize("key", ["escape", "question_mark", "q", "enter", "space"])
async def test_every_help_close_key_goes_back_to_the_workout(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "question_mark")
        assert isinstance(harness.app.screen, HelpScreen)
        await pilot.press(key)
        assert harness.app.screen is harness.screen
        assert harness.workout.state is WorkoutState.RUNNING, "a close key is not also a command"


async def test_help_from_the_start_screen(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(harness.app.screen, HelpScreen)
        assert "resume the interrupted workout" in harness.text("help-text")
        await pilot.press("escape")
        assert isinstance(harness.app.screen, StartScreen)


async def test_a_pause_is_saved_by_the_app(tmp_path: Path) -> None:
    harness = make_harness(tmp_path / "data")
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 6)
        await pilot.press("space")
        saved = await saved_when(harness.store, pilot, lambda record: record.paused)
        assert saved.current_index == 0
        assert saved.steps[0].active_seconds == 6.0


async def test_every_step_change_is_saved_by_the_app(tmp_path: Path) -> None:
    harness = make_harness(tmp_path / "data")
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 10)  # get ready over: the jumps begin
        await harness.advance(pilot, 12)
        await pilot.press("enter")  # jumps done: the rest begins
        saved = await saved_when(harness.store, pilot, lambda record: record.current_index == 2)
        assert [step.status for step in saved.steps[:2]] == ["timed_out", "done"]
        assert saved.steps[1].active_seconds == 12.0
