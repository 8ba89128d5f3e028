"""The prescriptions on the real timer screen (Pilot, fake clock): a range, a warm-up step,
tempo phases ticking, a written rest, and the summary and history of what was done."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot

from hamtimer.circuit import BlockRole
from hamtimer.events import StepStatus
from hamtimer.tui.palette import PALETTE
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.tui.widgets import FitLine
from tests.tui.conftest import Harness, make_harness

CIRCUIT = """
name = "Nordic week 5"
[timing]
get_ready = 5
rest_between_blocks = 30
[[blocks]]
name = "Warm-up"
role = "warm-up"
rest_after = 20
[[blocks.exercises]]
name = "Leg swing"
kind = "mobility"
reps = "8-10"
[[blocks]]
name = "Strength"
[[blocks.exercises]]
name = "Nordic curl"
kind = "eccentric"
reps = "2-3"
tempo = "3-1-1-0"
[[blocks.exercises]]
kind = "rest"
seconds = 60
name = "Walk it off"
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = "20-30"
"""

GET_READY, LEG_SWING, REST, NORDIC, WALK, PLANK = range(6)


@pytest.fixture
def nordic(tmp_path: Path) -> Harness:
    path = tmp_path / "nordic.toml"
    path.write_text(CIRCUIT, encoding="utf-8")
    return make_harness(tmp_path / "data", circuit=str(path))


async def at(harness: Harness, pilot: Pilot[int], index: int, seconds: float) -> None:
    """Start, go to step `index` (as `n` does) and let `seconds` of it pass."""
    await pilot.press("enter")
    for _ in range(index):
        harness.workout.skip()
    await harness.advance(pilot, seconds)


async def test_a_warm_up_step_has_its_own_label_and_colour(nordic: Harness) -> None:
    async with nordic.app.run_test(size=(80, 24)) as pilot:
        await at(nordic, pilot, LEG_SWING, 2)
        assert nordic.text("headline") == "WARM-UP · set 1 of 1 · Leg swing"
        assert "phase-easy" in nordic.screen.classes
        styles = nordic.screen.styles
        assert styles.background == Color.parse(PALETTE["easy"].background)
        assert styles.color == Color.parse(PALETTE["easy"].text)
        await pilot.press("enter")  # done: the rest after the warm-up, its own 20 s
        await pilot.pause()
        assert nordic.workout.index == REST and nordic.big == "0:20"
        assert "phase-easy" not in nordic.screen.classes
        assert "phase-rest-sets" in nordic.screen.classes


async def test_a_range_of_reps_is_shown_as_written(nordic: Harness) -> None:
    async with nordic.app.run_test(size=(80, 24)) as pilot:
        await at(nordic, pilot, LEG_SWING, 1)
        assert nordic.big == "8-10"
        assert nordic.words("prompt") == "8–10 reps — Enter when done"


async def test_a_range_of_seconds_counts_down_the_top_and_enter_ends_it_once_in_range(
    nordic: Harness,
) -> None:
    async with nordic.app.run_test(size=(80, 24)) as pilot:
        await at(nordic, pilot, PLANK, 12)
        assert nordic.big == "0:18"
        assert "at least 0:08 more" in nordic.words("prompt")
        await nordic.advance(pilot, 10)
        assert nordic.words("prompt") == "20–30 seconds — Enter when you stop"
        await pilot.press("enter")
        await pilot.pause()
        record = nordic.workout.records[PLANK]
        assert (record.status, record.active_seconds) == (StepStatus.DONE, 22)


async def test_tempo_phases_tick_on_screen(nordic: Harness) -> None:
    async with nordic.app.run_test(size=(80, 24)) as pilot:
        await at(nordic, pilot, NORDIC, 0.5)
        tempo = nordic.screen.query_one("#tempo", FitLine)
        assert tempo.display
        assert nordic.text("tempo") == "DOWN ●○○ · hold ○ · up ○"
        assert nordic.screen.next_wake == pytest.approx(nordic.clock.now() + 0.5)
        await nordic.advance(pilot, 1)
        assert nordic.text("tempo") == "DOWN ●●○ · hold ○ · up ○"
        await nordic.advance(pilot, 2)
        assert nordic.text("tempo") == "down ●●● · HOLD ● · up ○"
        await nordic.advance(pilot, 1.2)
        assert nordic.text("tempo") == "down ●●● · hold ● · UP ●"
        assert nordic.big == "1/3"
        await nordic.advance(pilot, 0.5)
        assert nordic.text("tempo") == "DOWN ●○○ · hold ○ · up ○"
        assert nordic.big == "2/3"
        assert "Enter to stop from rep 2 on" in nordic.words("prompt")


async def test_the_tempo_line_is_only_there_for_phases(nordic: Harness, tmp_path: Path) -> None:
    async with nordic.app.run_test(size=(80, 24)) as pilot:
        await at(nordic, pilot, LEG_SWING, 1)
        assert not nordic.screen.query_one("#tempo", FitLine).display
    compact = make_harness(tmp_path / "other", circuit=str(tmp_path / "nordic.toml"))
    async with compact.app.run_test(size=(40, 12)) as pilot:
        await at(compact, pilot, NORDIC, 0.5)
        assert not compact.screen.query_one("#tempo", FitLine).display, "no room at 40×12"


async def test_a_written_rest_is_shown_under_its_name(nordic: Harness) -> None:
    async with nordic.app.run_test(size=(80, 24)) as pilot:
        await at(nordic, pilot, WALK, 2)
        assert nordic.text("headline").startswith("WALK IT OFF")
        assert nordic.big == "0:58"
        assert nordic.large("name")[0] == "PLANK"


async def test_the_summary_and_history_tell_the_ranges_and_the_sets(nordic: Harness) -> None:
    async with nordic.app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await nordic.advance(pilot, 5)  # get ready
        await nordic.advance(pilot, 12)
        await pilot.press("enter")  # leg swings done
        await nordic.advance(pilot, 20)  # the warm-up's rest after
        await nordic.advance(pilot, 9)  # two reps begun, at 5 s a rep
        await pilot.press("enter")
        await nordic.advance(pilot, 60)  # walk it off
        await nordic.advance(pilot, 30)  # the plank to its top
        await nordic.advance(pilot, 1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(nordic.app.screen, SummaryScreen)
        text = nordic.words("summary-text")
        assert "Sets done 2 of 2 (warm-up and cool-down not counted)" in text
        assert "Leg swing · set 1: 8–10 reps → done" in text
        assert "Nordic curl · set 1: 2–3 reps → 2 reps" in text
        assert "Plank · set 1: 20–30 s → 0:30" in text
    (stored,) = nordic.saved().workouts()
    swing, nordic_curl = stored.steps[LEG_SWING], stored.steps[NORDIC]
    assert (swing.role, swing.low, swing.high) == (BlockRole.WARM_UP, 8, 10)
    assert (nordic_curl.role, nordic_curl.reps_counted) == (BlockRole.MAIN, 2)
    assert stored.sets_done() == [True, True]
