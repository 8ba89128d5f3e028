"""How big is the number, and how far apart are the colours? Measured, not assumed.

For every phase of the bundled circuit, at 80×24, 40×12 and 120×40: the real app runs
headless on a fake clock, the timer screen is drawn, and the rows of the big number that
carry ink are counted on screen. Then the phase colours' CIE76 distances as a 256-colour
terminal shows them and under a deuteranopia simulation (`hamtimer.tui.palette`).

    python bench/look.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from textual.geometry import Region

from hamtimer.circuit import open_circuit
from hamtimer.clock import FakeClock
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession
from hamtimer.tui import palette
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.bigtext import ink_rows
from hamtimer.tui.screens.workout import WorkoutScreen
from hamtimer.tui.widgets import BigTime

SIZES = ((80, 24), (40, 12), (120, 40))
PHASES = {  # the step of the bundled circuit where each is first met
    "get ready": 0,
    "reps": 1,
    "rest between sides": 2,
    "rest between sets": 4,
    "rest between blocks": 12,
    "hold": 13,
    "switch": 14,
    "rest between exercises": 16,
    "halo clockwise": 17,
    "halo counter-clockwise": 18,
    "rest between rounds": 24,
    "paused": 2,
    "done": 47,
}


async def digit_rows(phase: str, size: tuple[int, int]) -> int:
    """The number's height on screen, in rows, at `phase` and terminal `size`."""
    found, circuit = open_circuit(None)
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder:
        store = HistoryStore(Path(folder))
        session = WorkoutSession(found, circuit, store=store, clock=clock, background=False)
        app = HamtimerApp(session, realtime=False)
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, WorkoutScreen)
            for _ in range(PHASES[phase]):
                screen.workout.skip()
            clock.advance(3)
            screen.wake()
            if phase == "paused":
                await pilot.press("space")
            if phase == "done":
                await pilot.press("enter")
            await pilot.pause()
            big = app.screen.query_one(BigTime)
            lines = big.render_lines(Region(0, 0, *big.region.size))
            store.close()
            return ink_rows([line.text for line in lines])


async def main() -> None:
    """Print the digit heights, then the colour distances."""
    sizes = "  ".join(f"{w}×{h}".rjust(7) for w, h in SIZES)
    print(f"digit rows by phase{' ' * 8}{sizes}")
    for phase in PHASES:
        rows = [await digit_rows(phase, size) for size in SIZES]
        print(f"{phase:27}" + "  ".join(f"{row:7}" for row in rows))
    print()
    print(palette.report())


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
