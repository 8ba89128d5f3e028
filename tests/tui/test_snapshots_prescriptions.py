"""SVG snapshots of the prescriptions' moments on the timer screen at 80×24, 120×40 and 40×12:
a warm-up step, paced reps ticking through a tempo's phases, a range of seconds, a rest
written as a step, and the start screen of a circuit with all of them.

Update after a deliberate change of look:
`pytest tests/tui/test_snapshots_prescriptions.py --snapshot-update`, then check the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import Harness, make_harness
from tests.tui.test_prescriptions import CIRCUIT, LEG_SWING, NORDIC, PLANK, WALK

SIZES = [(80, 24), (120, 40), (40, 12)]
Scene = Callable[[Harness, Pilot[Any]], Awaitable[None]]


def step(index: int, seconds: float) -> Scene:
    async def scene(harness: Harness, pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        for _ in range(index):
            harness.workout.skip()
        await harness.advance(pilot, seconds)

    return scene


async def start(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.pause()


SCENES: dict[str, Scene] = {
    "start": start,
    "warm-up": step(LEG_SWING, 3.5),
    "tempo": step(NORDIC, 6.5),
    "range-seconds": step(PLANK, 12.5),
    "written-rest": step(WALK, 3.5),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_snapshot(snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]) -> None:
    path = tmp_path / "nordic.toml"
    path.write_text(CIRCUIT, encoding="utf-8")
    harness = make_harness(tmp_path / "data", circuit=str(path))

    async def run_before(pilot: Pilot[Any]) -> None:
        await SCENES[scene](harness, pilot)
        await pilot.pause()

    assert snap_compare(harness.app, terminal_size=size, run_before=run_before)
