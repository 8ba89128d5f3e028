"""The voice and hands-free in the real app: `v`, the lines on screen, paced reps that move on
by themselves, and a hold that ends on any unbound key (a foot pedal, a clicker)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hamtimer.events import StepStatus
from hamtimer.plan import Side, WorkMode
from hamtimer.sound import SoundPlayer, open_sound
from hamtimer.tui.screens.start import StartScreen
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.voice import HEADS_UP, Synthesizer, VoiceCoach
from tests.tui.conftest import Harness, make_harness

FIRST_HOLD = 13  # the bundled circuit: the first bird dog, right leg


@pytest.fixture
def quiet() -> Iterator[SoundPlayer]:
    """A real sound player with no device (`--sound off`)."""
    with open_sound("off") as player:
        yield player


@pytest.fixture
def coach(tmp_path: Path, quiet: SoundPlayer) -> Iterator[VoiceCoach]:
    """A real coach with no speech engine: everything but the sound itself."""
    synthesizer = Synthesizer([], root=tmp_path / "cache", missing=["no engine in this test"])
    synthesizer.open()
    yield VoiceCoach(synthesizer, quiet)
    synthesizer.close()


async def test_v_turns_the_voice_off_and_on(tmp_path: Path, coach: VoiceCoach) -> None:
    harness = make_harness(tmp_path / "data", voice=coach)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        assert "voice: none" in harness.text("start-notices")
        await pilot.press("v")
        assert not coach.enabled
        assert "off (v)" in harness.text("start-notices")
        await pilot.press("v", "enter")
        assert coach.enabled
        assert "voice off" not in harness.text("status")
        await pilot.press("v")
        assert not coach.enabled
        assert "voice off (v)" in harness.text("status")
        await pilot.press("v")
        assert coach.enabled and "voice off" not in harness.text("status")


async def test_with_a_voice_the_workout_gets_its_heads_up_and_last_holds(
    tmp_path: Path, coach: VoiceCoach
) -> None:
    first = make_harness(tmp_path / "data")
    async with first.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await first.complete(pilot, {"right": 41.0, "left": 37.0})
    first.saved()
    harness = make_harness(tmp_path / "data", voice=coach)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        workout = harness.workout
        assert workout.heads_up == HEADS_UP
        holds = [s for s in workout.plan.steps if s.mode is WorkMode.OPEN]
        assert workout.targets == {
            step.index: (41.0,) if step.side is Side.RIGHT else (37.0,) for step in holds
        }


async def test_hands_free_the_circuit_needs_one_key_per_hold(tmp_path: Path) -> None:
    harness = make_harness(tmp_path / "data", hands_free=True)
    keys = 0
    async with harness.app.run_test(size=(80, 24)) as pilot:
        assert "hands-free" in harness.text("start-notices")
        await pilot.press("enter")
        while not harness.workout.state.over:
            step = harness.workout.snapshot().step
            assert step is not None
            if step.seconds is not None:  # rests, switches and every set of reps
                await harness.advance(pilot, step.seconds)
                continue
            assert step.mode is WorkMode.OPEN
            await harness.advance(pilot, 30)
            await pilot.press("x")  # what a foot pedal types
            keys += 1
        await harness.advance(pilot, 1)
        await pilot.press("enter")  # from the big DONE to the summary
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
    record = harness.saved().workouts()[-1]
    assert keys == 6
    assert record.completed == len(record.steps) == 48 and record.skipped == 0
    assert [s.held_seconds for s in record.steps if s.mode is WorkMode.OPEN] == [30.0] * 6
    assert all(s.status is StepStatus.DONE for s in record.steps if s.mode is WorkMode.REPS)


async def go_to_first_hold(harness: Harness, pilot: Pilot[int]) -> None:
    for _ in range(FIRST_HOLD):
        await pilot.press("n")
    assert harness.workout.snapshot().step is not None
    assert harness.workout.index == FIRST_HOLD


@pytest.mark.parametrize("key", ["x", "1", "b", "full_stop", "pagedown", "pageup"])
async def test_any_unbound_key_ends_a_hold(harness: Harness, key: str) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await go_to_first_hold(harness, pilot)
        await harness.advance(pilot, 20)
        await pilot.press(key)
        record = harness.workout.records[FIRST_HOLD]
        assert (record.status, record.held_seconds) == (StepStatus.DONE, 20.0)
        assert harness.workout.index == FIRST_HOLD + 1


async def test_bound_keys_keep_their_meaning_on_a_hold(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await go_to_first_hold(harness, pilot)
        await harness.advance(pilot, 20)
        await pilot.press("p")  # back: the hold starts again, it is not done
        assert harness.workout.index == FIRST_HOLD
        assert harness.workout.snapshot().step_elapsed == 0.0
        await harness.advance(pilot, 5)
        await pilot.press("n")  # skip: left undone
        record = harness.workout.records[FIRST_HOLD]
        assert (record.status, record.held_seconds) == (StepStatus.SKIPPED, None)


async def test_an_unbound_key_does_nothing_off_a_hold(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await harness.advance(pilot, 3)
        await pilot.press("x")  # on the get-ready: nothing
        assert harness.workout.index == 0
        await harness.advance(pilot, 10)
        await pilot.press("x")  # on the first (unpaced) set of reps: nothing, Enter ends it
        assert harness.workout.index == 1
        await pilot.press("space")  # paused on a hold: a key must not end it unseen
        for _ in range(FIRST_HOLD - 1):
            harness.workout.skip()
        harness.screen.wake()
        assert harness.workout.index == FIRST_HOLD and harness.workout.paused
        await pilot.press("x")
        assert harness.workout.index == FIRST_HOLD


async def test_start_screen_without_a_voice_says_nothing_of_one(harness: Harness) -> None:
    async with harness.app.run_test(size=(80, 24)) as pilot:
        assert isinstance(harness.app.screen, StartScreen)
        assert "voice" not in harness.text("start-notices")
        await pilot.press("v")  # no voice: the key does nothing
        assert isinstance(harness.app.screen, StartScreen)
