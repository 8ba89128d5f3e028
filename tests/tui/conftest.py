"""A harness for driving the real app with a fake clock: no sleeping, exact times."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from hamtimer.circuit import open_circuit
from hamtimer.clock import FakeClock
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.screens.workout import WorkoutScreen
from hamtimer.tui.services import Coach
from hamtimer.tui.widgets import BigTime
from hamtimer.workout import Workout


@dataclass
class Harness:
    """The app under test with the clock it reads."""

    app: HamtimerApp
    clock: FakeClock
    store: HistoryStore

    @property
    def session(self) -> WorkoutSession:
        """The app's workout session (begin, resume, saving)."""
        return self.app.session

    def saved(self) -> HistoryStore:
        """The store, once every pending save has landed."""
        self.session.close()
        return self.store

    @property
    def screen(self) -> WorkoutScreen:
        """The workout screen (fails the test if another screen is showing)."""
        screen = self.app.screen
        assert isinstance(screen, WorkoutScreen), f"on {type(screen).__name__}"
        return screen

    @property
    def workout(self) -> Workout:
        """The engine behind the workout screen."""
        assert self.session.workout is not None
        return self.session.workout

    def text(self, widget_id: str) -> str:
        """What a widget of the current screen draws, line by line, without styles."""
        widget = self.app.screen.query_one(f"#{widget_id}", Static)
        lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
        return "\n".join(line.text.rstrip() for line in lines).strip()

    @property
    def big(self) -> str:
        """The text drawn in big digits."""
        return self.app.screen.query_one(BigTime).text

    async def advance(self, pilot: Pilot[int], seconds: float) -> None:
        """Let `seconds` of workout time pass, then let the screen catch up."""
        self.clock.advance(seconds)
        self.screen.wake()
        await pilot.pause()

    async def complete(self, pilot: Pilot[int], hold_seconds: dict[str, float]) -> None:
        """Do every remaining step: wait out timed ones, 10 s per set of reps, given holds."""
        while isinstance(self.app.screen, WorkoutScreen):
            step = self.workout.snapshot().step
            assert step is not None
            if step.seconds is not None:
                await self.advance(pilot, step.seconds)
                continue
            held = hold_seconds[step.side.value] if step.side and step.mode == "open" else 10.0
            await self.advance(pilot, held)
            await pilot.press("enter")


def make_harness(
    data_dir: Path,
    *,
    circuit: str | None = None,
    hands_free: bool = False,
    voice: Coach | None = None,
) -> Harness:
    """A fresh app for the bundled circuit (or `circuit`), history in `data_dir`."""
    found, loaded = open_circuit(circuit)
    clock = FakeClock()
    store = HistoryStore(data_dir)
    session = WorkoutSession(found, loaded, store=store, clock=clock, hands_free=hands_free)
    app = HamtimerApp(session, realtime=False, voice=voice)
    return Harness(app, clock, store)


@pytest.fixture
def harness(tmp_path: Path) -> Harness:
    """The bundled circuit's app with its own data folder."""
    return make_harness(tmp_path / "data")
