"""EMOM and AMRAP blocks in the real app, driven by a fake clock and the runner's keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.circuit import ExerciseKind
from hamtimer.events import StepStatus
from hamtimer.plan.compiled import BlockOutline, ExerciseOutline
from hamtimer.tui.screens.start import block_way
from hamtimer.tui.screens.summary import SummaryScreen
from tests.interval_circuits import AMRAP, EMOM, write
from tests.tui.conftest import Harness, make_harness


def harness_for(tmp_path: Path, text: str) -> Harness:
    return make_harness(tmp_path / "data", circuit=str(write(tmp_path, text)))


async def test_an_emom_rests_the_remainder_and_moves_on_by_itself(tmp_path: Path) -> None:
    harness = harness_for(tmp_path, EMOM.replace("sets = 10", "sets = 3"))
    async with harness.app.run_test(size=(80, 24)) as pilot:
        assert "EMOM: every 60 s, 3 intervals" in harness.words("start-outline")
        await pilot.press("enter")
        await harness.advance(pilot, 5)
        assert harness.words("headline") == "WORK · minute 1 of 3 · Burpee"
        assert harness.big == "1:00", "the number is the minute's time left"
        assert harness.large("detail") == ("10 REPS", True)
        assert "Done" in harness.footer_keys() and "10s" not in harness.footer_keys()
        await harness.advance(pilot, 12.5)
        assert harness.big == "0:48"
        assert "rest till the minute is up" in harness.words("prompt")
        await pilot.press("enter")  # the reps are done at 12.5 s
        assert harness.words("headline").startswith("REST OF THE MINUTE · next: minute 2 of 3")
        assert harness.big == "0:48", "47.5 s of rest"
        assert "10s" not in harness.footer_keys(), "the boundary cannot move"
        await harness.advance(pilot, 47.5)
        assert harness.words("headline") == "WORK · minute 2 of 3 · Burpee"
        assert harness.big == "1:00"
        await harness.advance(pilot, 60)  # no Enter: the minute is up
        assert harness.words("headline") == "WORK · minute 3 of 3 · Burpee"
        records = harness.workout.records
        assert [records[i].status for i in (1, 2, 3, 4)] == [
            StepStatus.DONE,
            StepStatus.TIMED_OUT,
            StepStatus.MISSED,
            StepStatus.TIMED_OUT,
        ]
        await harness.advance(pilot, 20)
        await pilot.press("enter")
        await harness.advance(pilot, 40)
        assert harness.workout.state.over
        await harness.advance(pilot, 1)
        await pilot.press("enter")
        assert isinstance(harness.app.screen, SummaryScreen)
        assert "2 of 3 EMOM intervals on time" in harness.words("summary-text")


async def test_an_amrap_counts_rounds_in_big_digits_until_its_cap(tmp_path: Path) -> None:
    harness = harness_for(tmp_path, AMRAP)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        assert "AMRAP: as many rounds as you can in 5:00" in harness.words("start-outline")
        await pilot.press("enter")
        await harness.advance(pilot, 5)
        assert harness.words("headline") == "AMRAP 5:00 · Five minutes"
        assert harness.big == "0"
        assert harness.large("detail") == ("5:00 LEFT", True)
        assert "10 × Push-up · 15 × Air squat · 30 s Plank" in harness.words("cue")
        keys = harness.footer_keys()
        assert "Round" in keys and "Undo" in keys
        assert "Done" not in keys and "10s" not in keys
        await harness.advance(pilot, 50)
        await pilot.press("plus")
        await harness.advance(pilot, 50)
        await pilot.press("enter")  # Enter counts a round too
        await harness.advance(pilot, 30)
        await pilot.press("equals_sign")
        assert harness.big == "3"
        assert harness.digit_rows >= 12, "read from two metres"
        await pilot.press("minus")
        assert harness.big == "2"
        assert harness.large("detail") == ("2:50 LEFT", True)
        await pilot.press("space")
        await harness.advance(pilot, 100)  # paused: the cap waits
        assert harness.large("detail") == ("2:50 LEFT", True)
        await pilot.press("space")
        await harness.advance(pilot, 169.999)
        assert not harness.workout.state.over
        await harness.advance(pilot, 0.001)
        assert harness.workout.state.over
        assert harness.workout.records[1].rounds == 2
        await harness.advance(pilot, 1)
        await pilot.press("enter")
        assert isinstance(harness.app.screen, SummaryScreen)
        assert "AMRAP: 2 rounds" in harness.words("summary-text")
    [stored] = harness.saved().workouts()
    assert stored.steps[1].rounds == 2


async def test_a_small_terminal_keeps_the_round_key(tmp_path: Path) -> None:
    harness = harness_for(tmp_path, AMRAP)
    async with harness.app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 6)
        assert "Round" in harness.footer_keys()
        await pilot.press("plus")
        assert harness.big == "1"


@pytest.mark.parametrize(
    ("mode", "sets", "every", "cap", "said"),
    [
        ("straight", 3, None, None, "3 sets each"),
        ("circuit", 3, None, None, "3 rounds"),
        ("emom", 5, 60.0, None, "EMOM: every 60 s, 10 intervals"),
        ("emom", 4, 45.0, None, "EMOM: every 45 s, 8 intervals"),
        ("amrap", None, None, 600.0, "AMRAP: as many rounds as you can in 10:00"),
        ("intervals", 8, None, None, "8 rounds of intervals"),
    ],
)
def test_the_start_screen_says_how_each_block_goes(
    mode: str, sets: int | None, every: float | None, cap: float | None, said: str
) -> None:
    two = tuple(ExerciseOutline(name, ExerciseKind.CARDIO) for name in ("Burpee", "Squat"))
    block = BlockOutline("Block", mode, sets, two, every=every, time_cap=cap)
    assert block_way(block) == said
