"""The start screen tells a circuit's warnings, with their lines, among its notices."""

from __future__ import annotations

from pathlib import Path

from hamtimer.circuit import find
from hamtimer.clock import FakeClock
from hamtimer.history import HistoryStore
from hamtimer.plan.compiled import compiled
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp
from tests.tui.conftest import Harness

WARNED = """\
name = "One side"
[[blocks]]
name = "Legs"
sets = 1
[[blocks.exercises]]
name = "Hop"
kind = "plyometric"
sides = ["left"]
reps = 5
"""


async def test_the_start_screen_shows_the_circuit_warnings(tmp_path: Path) -> None:
    path = tmp_path / "one-side.toml"
    path.write_text(WARNED, encoding="utf-8")
    circuit = compiled(path, path.read_bytes())
    clock = FakeClock()
    store = HistoryStore(tmp_path / "data")
    session = WorkoutSession(find(str(path)), circuit, store=store, clock=clock)
    harness = Harness(HamtimerApp(session, realtime=False), clock, store)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notices = " ".join(harness.text("start-notices").split())
        assert '⚠ line 8: exercise "Hop" (block "Legs"): runs the left side only' in notices
        await pilot.press("enter")
        await pilot.pause()
        assert harness.session.workout is not None, "a warning does not stop the workout"
    harness.saved()
