"""The app on its own clock: it wakes itself, second by second, at the speed it was given.

Every other Pilot test moves a fake clock by hand; these run the real app with a real
(scaled) clock and its own timers, and only watch. The rehearsal speed keeps them short;
what they check is what was shown, in order, never how long it took. A machine busy with
other work can hold the event loop past a second now and then (the next wake shows the true
time, one second further on), so a gap of two is allowed where a frozen or drifting screen
would show far fewer values or jump.
"""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hamtimer.circuit import open_circuit
from hamtimer.clock import ScaledClock
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.widgets import BigTime

SPEED = 4.0  # each second on screen for 250 ms


def real_app(data: Path, speed: float = SPEED) -> HamtimerApp:
    """The app as `hamtimer --speed N` builds it: a scaled clock, real timers."""
    found, circuit = open_circuit(None)
    session = WorkoutSession(
        found, circuit, store=HistoryStore(data), clock=ScaledClock(speed), speed=speed
    )
    return HamtimerApp(session, realtime=True)


class Shown:
    """Every value the big digits took, as Textual set them (not sampled)."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def watch(self, app: HamtimerApp) -> None:
        big = app.screen.query_one(BigTime)
        self.values.append(big.text)
        app.screen.watch(big, "text", self.note, init=False)

    def note(self, value: str) -> None:
        self.values.append(value)

    async def until(self, pilot: Pilot[int], value: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while value not in self.values:
            assert time.monotonic() < deadline, f"{value!r} never shown: {self.values}"
            await pilot.pause(0.02)


async def into_the_first_rest(app: HamtimerApp, pilot: Pilot[int]) -> Shown:
    """Start, let the get-ready run out by itself, end the jumps: a 30 s rest, watched."""
    await pilot.press("enter")
    deadline = time.monotonic() + 10
    while app.screen.query_one(BigTime).text != "5":  # no key: the get-ready ran out
        assert time.monotonic() < deadline, "the get-ready never ended on its own"
        await pilot.pause(0.02)
    await pilot.pause(0.35)  # a done within 0.3 s of the step's start counts as a double tap
    await pilot.press("enter")
    shown = Shown()
    shown.watch(app)
    return shown


def seconds_of(value: str) -> int:
    minutes, seconds = value.split(":")
    return int(minutes) * 60 + int(seconds)


async def test_the_countdown_runs_on_its_own_second_by_second(tmp_path: Path) -> None:
    app = real_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await into_the_first_rest(app, pilot)
        await shown.until(pilot, "5")  # the rest ran out: the left leg's jumps
    countdown = [seconds_of(value) for value in shown.values[: shown.values.index("5")]]
    assert len(countdown) >= 20, f"a second shown now and then is not a countdown: {countdown}"
    assert countdown[-1] == 1, "down to 0:01, then the next step by itself"
    steps = [before - after for before, after in pairwise(countdown)]
    assert set(steps) <= {1, 2}, f"down, a second at a time (two after a stall): {countdown}"


async def test_a_pause_freezes_the_screen_and_resume_goes_on(tmp_path: Path) -> None:
    app = real_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await into_the_first_rest(app, pilot)
        await shown.until(pilot, "0:22")
        await pilot.press("space")
        await pilot.pause(0.05)  # what was on its way to the screen when the key came
        frozen = list(shown.values)
        await pilot.pause(1.0)  # four seconds of workout time at this speed
        assert shown.values == frozen, "nothing moves while paused"
        await pilot.press("space")
        await shown.until(pilot, "0:10")
    held = seconds_of(frozen[-1])
    after = [seconds_of(value) for value in shown.values[len(frozen) :]]
    assert held - 2 <= after[0] < held, f"on from where it was (4 s paused): {shown.values}"
    assert after == sorted(after, reverse=True) and len(set(after)) == len(after)


async def test_the_speed_sets_how_fast_the_screen_moves(tmp_path: Path) -> None:
    """Ten seconds of get-ready at ×8 and at ×2: the slower one is still counting."""
    fast, slow = real_app(tmp_path / "fast", 8.0), real_app(tmp_path / "slow", 2.0)
    async with (
        fast.run_test(size=(80, 24)) as fast_pilot,
        slow.run_test(size=(80, 24)) as slow_pilot,
    ):
        await fast_pilot.press("enter")
        await slow_pilot.press("enter")
        fast_shown, slow_shown = Shown(), Shown()
        fast_shown.watch(fast)
        slow_shown.watch(slow)
        await fast_shown.until(fast_pilot, "5")
        await slow_pilot.pause()
        assert "0:01" not in slow_shown.values, "at ×2 the get-ready is not over"
        assert slow_shown.values[-1] >= "0:05", (
            f"at ×2 about a quarter has passed: {slow_shown.values}"
        )


async def test_an_error_on_a_timed_wake_up_is_the_apps_to_handle(tmp_path: Path) -> None:
    """The screen's own wake-ups run outside Textual's handlers: an error in one still ends
    the app as any other does, with the workout kept for resuming."""
    app = real_app(tmp_path / "data")
    broken = RuntimeError("the engine broke")
    with pytest.raises(RuntimeError, match="the engine broke"):
        async with app.run_test(size=(80, 24)) as pilot:
            await into_the_first_rest(app, pilot)
            workout = app.session.workout
            assert workout is not None

            def update() -> None:
                raise broken

            workout.update = update  # type: ignore[method-assign]
            for _ in range(300):  # the next second's wake-up, at most 250 ms away
                await pilot.pause(0.01)
                if app.crashed is not None:
                    break
    assert app.crashed is broken
    app.session.close()
    [kept] = HistoryStore(tmp_path / "data").interrupted()
    assert kept.current_index == workout.index
