"""SVG snapshots of the key moments at 80×24 and 40×12 (textual is pinned for these).

Update after a deliberate change of look: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then open snapshot_report.html or the SVGs and check them by eye before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import Harness, make_harness

SIZES = [(80, 24), (40, 12)]
Scene = Callable[[Harness, Pilot[Any]], Awaitable[None]]


async def start(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.pause()


async def rest(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await harness.advance(pilot, 10)
    await harness.advance(pilot, 14)
    await pilot.press("enter")
    await harness.advance(pilot, 3.5)


async def halo(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.press("enter", *["n"] * 18)


async def hold(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.press("enter", *["n"] * 13)
    await harness.advance(pilot, 23)


async def paused(harness: Harness, pilot: Pilot[Any]) -> None:
    await rest(harness, pilot)
    await pilot.press("space")


async def summary(harness: Harness, pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await harness.complete(pilot, hold_seconds={"right": 47, "left": 39})


SCENES: dict[str, Scene] = {
    "start": start,
    "rest": rest,
    "halo": halo,
    "hold": hold,
    "paused": paused,
    "summary": summary,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_snapshot(snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]) -> None:
    harness = make_harness(tmp_path / "data")

    async def run_before(pilot: Pilot[Any]) -> None:
        await SCENES[scene](harness, pilot)
        await pilot.pause()

    assert snap_compare(harness.app, terminal_size=size, run_before=run_before)
