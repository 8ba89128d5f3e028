"""SVG snapshots of the EMOM and AMRAP screens at 80×24, 120×40 and 40×12 (Textual is pinned).

Update after a deliberate change of look: `pytest tests/tui/test_snapshots_intervals.py
--snapshot-update`, then check the SVGs by eye before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.interval_circuits import BOTH, write
from tests.tui.conftest import Harness, make_harness

SIZES = [(80, 24), (120, 40), (40, 12)]
Scene = Callable[[Harness, Pilot[Any]], Awaitable[None]]

# BOTH: 0 get ready 5 s | 1 AMRAP 60 s | 2 rest 20 s | 3 squats, interval 1 of 2 (30 s) | …


async def start(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.pause()


async def amrap(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await harness.advance(pilot, 5)
    for _ in range(3):
        await harness.advance(pilot, 12)
        await pilot.press("plus")
    await harness.advance(pilot, 2.5)


async def emom_work(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await harness.advance(pilot, 85)
    assert harness.workout.index == 3
    await harness.advance(pilot, 8.5)


async def emom_rest(harness: Harness, pilot: Pilot[Any]) -> None:
    await emom_work(harness, pilot)
    await pilot.press("enter")
    await harness.advance(pilot, 3)


SCENES: dict[str, Scene] = {
    "start": start,
    "amrap": amrap,
    "emom-work": emom_work,
    "emom-rest": emom_rest,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_snapshot(snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]) -> None:
    harness = make_harness(tmp_path / "data", circuit=str(write(tmp_path, BOTH)))

    async def run_before(pilot: Pilot[Any]) -> None:
        await SCENES[scene](harness, pilot)
        await pilot.pause()

    assert snap_compare(harness.app, terminal_size=size, run_before=run_before)
