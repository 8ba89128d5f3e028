"""Every key of the timer, as a runner presses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hamtimer.circuit import open_circuit
from hamtimer.clock import FakeClock
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.launch import open_store
from hamtimer.tui.screens.help import KEYS, HelpScreen
from hamtimer.tui.screens.leave import ConfirmLeave
from hamtimer.tui.screens.start import StartScreen
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.workout import WorkoutState
from tests.tui.conftest import Harness, make_harness

# Step 1 is the first set of jumps (waits for Enter); step 2 the 30 s rest between legs.
FIRST_REPS, FIRST_REST = 1, 2


async def into_first_rest(harness: Harness, pilot: Pilot[int]) -> None:
    await pilot.press("enter")
    await harness.advance(pilot, 10)
    await harness.advance(pilot, 5)
    await pilot.press("enter")
    assert harness.workout.snapshot().index == FIRST_REST


async def test_space_pauses_and_resumes(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.press("space")
        assert harness.workout.state is WorkoutState.PAUSED
        await pilot.press("space")
        assert harness.workout.state is WorkoutState.RUNNING


async def test_enter_ends_reps(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into_first_rest(harness, pilot)
        assert harness.big == "0:30"


@pytest.mark.parametrize("key", ["n", "right"])
async def test_skip_keys(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", key)
        assert harness.workout.snapshot().index == FIRST_REPS
        assert harness.workout.records[0].status == "skipped"


@pytest.mark.parametrize("key", ["p", "left"])
async def test_back_keys(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into_first_rest(harness, pilot)
        await harness.advance(pilot, 0.5)
        await pilot.press(key)
        assert harness.workout.snapshot().index == FIRST_REPS, "just began: previous step"
        await harness.advance(pilot, 5)
        await pilot.press(key)
        assert harness.workout.snapshot().index == FIRST_REPS, "has run: restart it"
        assert harness.workout.snapshot().step_elapsed == 0


@pytest.mark.parametrize(
    ("key", "shown"), [("plus", "0:40"), ("equals_sign", "0:40"), ("minus", "0:20")]
)
async def test_adjust_keys(harness: Harness, key: str, shown: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into_first_rest(harness, pilot)
        await pilot.press(key)
        assert harness.big == shown


async def test_c_on_the_start_screen_starts_a_challenge_workout(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        assert "challenge mode off (c)" in harness.text("start-title")
        await pilot.press("c")
        assert "challenge mode ON (c)" in harness.text("start-title")
        assert "challenge: Lift the supporting knee" in harness.text("start-outline")
        await pilot.press("c", "c", "enter")
        assert harness.workout.plan.challenge, "ON again after three presses"


async def test_c_toggles_challenge_for_the_steps_to_come(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "c")
        assert harness.workout.plan.challenge
        await pilot.press(*["n"] * 13)  # to the first bird dog
        assert "Bird dog with wall push" in harness.text("headline")
        assert "Challenge: Lift the supporting knee" in harness.text("extra")
        await pilot.press("c")
        assert not harness.workout.plan.challenge
        assert "Challenge" not in harness.text("extra")


async def test_question_mark_opens_help_over_the_workout(harness: Harness) -> None:
    """The workout waits while the help is open (the number is hidden behind it), and goes
    on when it closes; help opened while paused leaves it paused."""
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 3)
        await pilot.press("question_mark")
        assert isinstance(harness.app.screen, HelpScreen)
        assert re.search(r"Space +pause / go on", harness.text("help-text"))
        assert "paused while this is open" in harness.text("help-paused")
        assert harness.workout.state is WorkoutState.PAUSED
        harness.clock.advance(60)
        await pilot.press("escape")
        assert harness.workout.state is WorkoutState.RUNNING
        assert harness.app.screen is harness.screen
        assert harness.big == "0:07", "the minute spent reading cost no time"
        await pilot.press("space", "question_mark", "escape")
        assert harness.workout.state is WorkoutState.PAUSED, "paused before: still paused"


@pytest.mark.parametrize(
    ("width", "height", "wraps"), [(80, 24, False), (120, 40, False), (40, 12, True)]
)
async def test_every_help_line_fits_80_columns(
    tmp_path: Path, width: int, height: int, wraps: bool
) -> None:
    """At 80 columns every key and its description take one line; narrower, a description
    wraps under itself, never under the keys."""
    harness = make_harness(tmp_path / "data")
    async with harness.app.run_test(size=(width, height)) as pilot:
        await pilot.press("enter", "question_mark")
        lines = [line for line in harness.drawn("help-text") if line.strip()]
        entries = sum(len(rows) for _, rows in KEYS)
        assert (len(lines) > entries + len(KEYS)) is wraps
        box = harness.app.screen.query_one("#help-box")
        assert box.region.right <= width
        for keys, what in (row for _, rows in KEYS for row in rows):
            found = [line for line in lines if line.lstrip().startswith(keys)]
            assert found, keys
            assert wraps or any(line.rstrip().endswith(what) for line in found), what
        for line in lines:
            if line.startswith(" " * 13):  # a wrapped description stays in its column
                assert not line.strip().startswith(("Space", "Enter"))


@pytest.mark.parametrize("key", ["q", "ctrl+c", "ctrl+q"])
async def test_leave_keys_ask_first_and_keep_going_on_no(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 3)
        await pilot.press(key)
        assert isinstance(harness.app.screen, ConfirmLeave)
        assert harness.text("confirm-question").startswith("Leave this workout?")
        assert harness.workout.state is WorkoutState.PAUSED, "paused while asking"
        await pilot.press("n")
        assert harness.workout.state is WorkoutState.RUNNING
        assert harness.big == "0:07"


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_leaving_records_the_workout_as_abandoned(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into_first_rest(harness, pilot)
        await pilot.press(key, "y")
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
        assert "Workout ended" in harness.text("summary-text")
    (entry,) = harness.saved().workouts()
    assert entry.outcome == "abandoned"
    assert [step.status for step in entry.steps[:3]] == ["timed_out", "done", "abandoned"]


async def test_ctrl_c_twice_leaves(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+c", "ctrl+c")
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)


async def test_save_and_leave_then_resume_at_that_step(tmp_path: Path) -> None:
    first = make_harness(tmp_path / "data")
    async with first.app.run_test(size=(80, 24)) as pilot:
        await into_first_rest(first, pilot)
        await pilot.press("q", "s")
        await pilot.pause()
    assert first.app.return_code == 0
    assert first.saved().workouts() == [], "saved, not ended"

    second = make_harness(tmp_path / "data")
    async with second.app.run_test(size=(80, 24)) as pilot:
        assert isinstance(second.app.screen, StartScreen)
        assert "resume your unfinished workout at step 3" in second.text("start-prompt")
        await pilot.press("r")
        assert second.workout.snapshot().index == FIRST_REST
        assert second.workout.records[1].status == "done"
        assert second.big == "0:30"


async def test_start_fresh_stores_the_old_one_as_abandoned(tmp_path: Path) -> None:
    first = make_harness(tmp_path / "data")
    async with first.app.run_test(size=(80, 24)) as pilot:
        await into_first_rest(first, pilot)
        await pilot.press("q", "s")
    first.saved()
    second = make_harness(tmp_path / "data")
    async with second.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert second.workout.snapshot().index == 0
    (old,) = second.saved().workouts()
    assert old.outcome == "abandoned"


async def test_q_on_the_start_screen_quits_at_once(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert harness.app.return_code == 0
    assert harness.session.workout is None


async def test_resizing_changes_layout_never_time(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await into_first_rest(harness, pilot)
        await harness.advance(pilot, 4)
        assert harness.big == "0:26"
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert harness.screen.has_class("-compact")
        assert harness.app.screen.query_one("#cue").styles.display == "none"
        assert harness.app.screen.query_one("#big").size.height >= 4, "digits still large"
        await pilot.resize_terminal(30, 8)
        await harness.advance(pilot, 6)
        assert harness.screen.has_class("-too-small")
        assert "Make the terminal larger" in harness.text("too-small")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not harness.screen.has_class("-too-small")
        assert harness.big == "0:20"


async def test_circuit_text_that_looks_like_markup_is_shown_as_written(tmp_path: Path) -> None:
    circuit = tmp_path / "odd.toml"
    circuit.write_text(
        """
name = "Odd [/x] names [b]"
[[blocks]]
name = "[red]Block"
sets = 1
[[blocks.exercises]]
name = "Plank [/]"
kind = "isometric"
to_fatigue = true
cue = "Squeeze [hard] and breathe [/breathe]"
challenge = "[link=x]Lift a leg"
""",
        encoding="utf-8",
    )
    harness = make_harness(tmp_path / "data", circuit=str(circuit))
    harness.app.challenge = True
    async with harness.app.run_test(size=(80, 24)) as pilot:
        assert "Odd [/x] names [b]" in harness.text("start-title")
        await pilot.press("enter")
        await harness.advance(pilot, 10)
        assert "Plank [/]" in harness.text("headline")
        assert harness.text("cue") == "Squeeze [hard] and breathe [/breathe]"
        assert harness.text("extra") == "Challenge: [link=x]Lift a leg"
        await harness.advance(pilot, 20)
        await pilot.press("enter")
        await harness.advance(pilot, 1)
        await pilot.press("enter")  # DONE → the summary
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
        assert "Plank [/]" in harness.text("summary-holds")
        await pilot.press("h")
        await pilot.pause()
        assert "Plank [/]" in str(harness.app.screen.query(".trend-caption").first().render())


async def test_an_unusable_data_folder_is_reported_and_the_workout_still_runs(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    store, problem = open_store(blocker / "data")
    assert store is None and problem is not None
    found, circuit = open_circuit(None)
    clock = FakeClock()
    session = WorkoutSession(found, circuit, store=None, clock=clock)
    app = HamtimerApp(session, realtime=False, store_problem=problem)
    harness = Harness(app, clock, HistoryStore(tmp_path / "unused"))
    async with app.run_test(size=(80, 24)) as pilot:
        notices = harness.text("start-notices")
        # a long path wraps mid-name; a wrapped sentence loses the space where it broke
        assert str(blocker) in notices.replace("\n", "")
        assert "will not be saved" in notices.replace("\n", " ")
        await pilot.press("enter")
        await harness.advance(pilot, 10)
        assert "Split stance jump" in harness.text("headline")
        assert "history not saved" in harness.text("status")
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
