"""The history opens after the first frame: the start screen shows at once, the resume
offer arrives when the history has been read, and a key pressed before waits for it."""

from __future__ import annotations

import threading
from pathlib import Path

from hamtimer.tui.screens.start import StartScreen
from tests.tui.conftest import deferred, make_harness, until_looked_up


async def leave_a_workout_to_resume(data_dir: Path) -> None:
    """A workout begun, then saved for resuming with q, s."""
    first = make_harness(data_dir)
    async with first.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n", "n", "q", "s")
        await pilot.pause()
    first.saved()


async def test_the_start_screen_shows_before_the_history_and_then_offers_resuming(
    tmp_path: Path,
) -> None:
    await leave_a_workout_to_resume(tmp_path / "data")
    gate = threading.Event()
    second = deferred(tmp_path / "data", gate)
    async with second.app.run_test(size=(80, 24)) as pilot:
        assert isinstance(second.app.screen, StartScreen)
        assert "Press Enter to start" in second.text("start-prompt")
        assert second.session.resumable is None, "the history is not read yet"
        gate.set()
        await until_looked_up(second, pilot)
        assert "resume your unfinished workout at step 3" in second.text("start-prompt")
        await pilot.press("r")
        assert second.workout.snapshot().index == 2


async def test_enter_before_the_history_is_read_waits_for_it(tmp_path: Path) -> None:
    """Enter pressed at once still stores the interrupted workout as abandoned: the app
    waits for the history (here the history is read only once Enter waits)."""
    await leave_a_workout_to_resume(tmp_path / "data")
    entered = threading.Event()
    second = deferred(tmp_path / "data", entered)

    class EnterWaits(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            entered.set()  # the app is waiting: let the history be read now
            return super().wait(timeout)

    second.session.looked_up = EnterWaits()
    async with second.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert second.workout.snapshot().index == 0
    (old,) = second.saved().workouts()
    assert old.outcome == "abandoned"
