"""A harness for driving the real app with a fake clock: no sleeping, exact times."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from hamtimer.circuit import open_circuit
from hamtimer.clock import FakeClock
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.bigtext import ink_rows
from hamtimer.tui.screens.workout import WorkoutScreen
from hamtimer.tui.services import Coach
from hamtimer.tui.widgets import BigTime, KeyFooter, LargeLine
from hamtimer.workout import Workout
from tests.history_fakes import fake_records


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
        return "\n".join(self.drawn(widget_id)).strip()

    def words(self, widget_id: str) -> str:
        """A widget's text with its lines joined: what it says, however it wrapped."""
        return " ".join(self.text(widget_id).split())

    def drawn(self, widget_id: str) -> list[str]:
        """The lines a widget of the current screen draws, as they are on screen."""
        widget = self.app.screen.query_one(f"#{widget_id}", Widget)
        lines = widget.render_lines(Region(0, 0, *widget.region.size))
        return [line.text.rstrip() for line in lines]

    def large(self, widget_id: str) -> tuple[str, bool]:
        """The wording a `LargeLine` shows, and whether in big capitals (three rows or more)."""
        line = self.app.screen.query_one(f"#{widget_id}", LargeLine)
        text, _, large = line.chosen(line.content_size.width)
        return text, large

    def footer_keys(self) -> list[str]:
        """The descriptions of the footer's keys the runner can see, left to right."""
        screen = self.app.screen
        for footer in screen.query(KeyFooter):  # the timer's screens: one line of keys
            width = footer.content_size.width
            return [entry.description for entry, _, end in footer.placed() if end <= width]
        keys = [  # the dialogs': Textual's footer, a widget a key
            key
            for key in screen.query("FooterKey")
            if key.display and key.region.width and key.region.right <= self.app.size.width
        ]
        return [str(key.description) for key in sorted(keys, key=lambda key: key.region.x)]

    def footer_fits(self) -> bool:
        """True when no visible footer key is cut at the right edge."""
        screen = self.app.screen
        for footer in screen.query(KeyFooter):
            return all(end <= footer.content_size.width for _, _, end in footer.placed())
        keys = [key for key in screen.query("FooterKey") if key.display]
        return all(key.region.right <= self.app.size.width for key in keys if key.region.width)

    @property
    def big(self) -> str:
        """The text drawn in big digits."""
        return self.app.screen.query_one(BigTime).text

    @property
    def digit_rows(self) -> int:
        """How many rows tall the big number is on screen (rows with ink, first to last)."""
        return ink_rows(self.drawn("big"))

    async def advance(self, pilot: Pilot[int], seconds: float) -> None:
        """Let `seconds` of workout time pass, then let the screen catch up."""
        self.clock.advance(seconds)
        self.screen.wake()
        await pilot.pause()

    async def complete(self, pilot: Pilot[int], hold_seconds: dict[str, float]) -> None:
        """Do every remaining step: wait out timed ones, 10 s per set of reps, given holds;
        then Enter on DONE, for the summary."""
        while isinstance(self.app.screen, WorkoutScreen):
            if self.workout.state.over:
                await self.advance(pilot, 1)
                await pilot.press("enter")
                continue
            step = self.workout.snapshot().step
            assert step is not None
            if step.seconds is not None:
                await self.advance(pilot, step.seconds)
                continue
            held = hold_seconds[step.side.value] if step.side and step.mode == "open" else 10.0
            await self.advance(pilot, held)
            await pilot.press("enter")


def remember(harness: Harness, holds: list[tuple[float, float]]) -> None:
    """Earlier real workouts in the store, one a day, with these (right, left) holds: the
    last one is "last time", the longest the best."""
    plan = harness.session.plan_for(False)
    begun = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    for day, (right, left) in enumerate(holds):
        record = WorkoutRecord.begin(
            plan,
            circuit_ref="hamstring",
            circuit_hash=harness.session.digest,
            now=begun + timedelta(days=day),
        )
        records = fake_records(plan, len(plan), right=right, left=left)
        ended = begun + timedelta(days=day, minutes=25)
        harness.store.save(record.ended(plan, records, Outcome.FINISHED, now=ended))


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


def deferred(data_dir: Path, gate: threading.Event) -> Harness:
    """The app as `run_app` makes it: the history looked up on a thread, here only once
    `gate` is set."""
    found, loaded = open_circuit(None)
    clock = FakeClock()
    store = HistoryStore(data_dir)
    session = WorkoutSession(found, loaded, store=store, clock=clock, look_up=False)

    def prepare() -> str | None:
        assert gate.wait(10), "the test never opened the gate"
        session.look_up()
        return None

    app = HamtimerApp(session, realtime=False, prepare=prepare)
    return Harness(app, clock, store)


async def until_looked_up(harness: Harness, pilot: Pilot[int]) -> None:
    """Until the history has been read and the start screen has shown its answer."""
    assert harness.session.looked_up.wait(10)
    await pilot.pause()
    await pilot.pause()


@pytest.fixture
def harness(tmp_path: Path) -> Harness:
    """The bundled circuit's app with its own data folder."""
    return make_harness(tmp_path / "data")
