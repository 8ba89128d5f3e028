"""SVG snapshots of every moment of a workout at 80×24, 120×40 and 40×12 (Textual is pinned).

Update after a deliberate change of look: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then open snapshot_report.html or the SVGs and check them by eye before committing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import Harness, make_harness, remember

SIZES = [(80, 24), (120, 40), (40, 12)]
Scene = Callable[[Harness, Pilot[Any]], Awaitable[None]]

# Steps of the bundled circuit (see `hamstring_plan`): where each moment is met first.
REPS, REST_SIDES, REST_SETS, REST_BLOCKS, HOLD, SWITCH = 1, 2, 4, 12, 13, 14
REST_EXERCISES, HALO_CW, HALO_CCW, REST_ROUNDS = 16, 17, 18, 24
PAST_HOLDS = [(52.0, 44.0), (47.0, 39.0)]  # right, left: the best, then last time


async def at_step(harness: Harness, pilot: Pilot[Any], index: int, seconds: float = 3.5) -> None:
    """Start, skip to step `index` (the engine's skip, as `n` does, without drawing every
    step on the way), and let `seconds` of it pass."""
    await pilot.press("enter")
    for _ in range(index):
        harness.workout.skip()
    assert harness.workout.index == index
    await harness.advance(pilot, seconds)


def step(index: int, seconds: float = 3.5) -> Scene:
    async def scene(harness: Harness, pilot: Pilot[Any]) -> None:
        await at_step(harness, pilot, index, seconds)

    return scene


async def start(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.pause()


async def paused(harness: Harness, pilot: Pilot[Any]) -> None:
    await at_step(harness, pilot, REST_SIDES)
    await pilot.press("space")


async def help_open(harness: Harness, pilot: Pilot[Any]) -> None:
    await at_step(harness, pilot, REPS)
    await pilot.press("question_mark")


async def quit_asked(harness: Harness, pilot: Pilot[Any]) -> None:
    await at_step(harness, pilot, REST_SIDES)
    await pilot.press("q")


async def done(harness: Harness, pilot: Pilot[Any]) -> None:
    await at_step(harness, pilot, len(harness.session.plan_for(False)) - 1, seconds=20)
    await pilot.press("enter")
    assert harness.workout.state.over


async def summary(harness: Harness, pilot: Pilot[Any]) -> None:
    """The whole circuit done (by the engine, at the harness's pace), then Enter on DONE."""
    await pilot.press("enter")
    workout, clock = harness.workout, harness.clock
    while workout.state.active:
        step = workout.plan.steps[workout.index]
        if step.seconds is not None:
            clock.advance(step.seconds)
            workout.update()
        else:
            held = {"right": 47.0, "left": 39.0}[str(step.side)] if step.mode == "open" else 10.0
            clock.advance(held)
            workout.done()
    await harness.advance(pilot, 1)
    await pilot.press("enter")


async def history(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.press("h")


SCENES: dict[str, Scene] = {
    "start": start,
    "get-ready": step(0),
    "reps": step(REPS),
    "rest-sides": step(REST_SIDES),
    "rest-sets": step(REST_SETS),
    "rest-blocks": step(REST_BLOCKS),
    "hold-target": step(HOLD, 23),
    "hold-passed": step(HOLD, 49),
    "switch": step(SWITCH),
    "rest-exercises": step(REST_EXERCISES),
    "halo-clockwise": step(HALO_CW),
    "halo-counter-clockwise": step(HALO_CCW),
    "rest-rounds": step(REST_ROUNDS),
    "paused": paused,
    "help": help_open,
    "quit": quit_asked,
    "done": done,
    "summary": summary,
    "history": history,
}
WITH_HISTORY = {"hold-target", "hold-passed", "history"}


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates on screen in UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_snapshot(snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]) -> None:
    harness = make_harness(tmp_path / "data")
    if scene in WITH_HISTORY:
        remember(harness, PAST_HOLDS)

    async def run_before(pilot: Pilot[Any]) -> None:
        await SCENES[scene](harness, pilot)
        await pilot.pause()

    assert snap_compare(harness.app, terminal_size=size, run_before=run_before)
