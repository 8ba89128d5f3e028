"""The programme in the app: today's session on the start screen with its place, and the
programme screen (p) with the weeks as a grid, what was done and the plots; SVG snapshots
at 80×24 and 40×12."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from hamtimer.clock import FakeCalendar, FakeClock
from hamtimer.following import follow, place
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.screens.help import HelpScreen
from hamtimer.tui.screens.programme import ProgrammeScreen, WeeksPlot
from hamtimer.tui.screens.start import StartScreen

SIZES = [(80, 24), (40, 12)]


def drawn(widget: Widget) -> str:
    """What a widget draws, line by line, without styles."""
    lines = widget.render_lines(Region(0, 0, *widget.size))
    return "\n".join(line.text.rstrip() for line in lines).strip()


def words(widget: Widget) -> str:
    """What a widget says, its lines joined, however it wrapped."""
    return " ".join(drawn(widget).split())


def today_session(store: HistoryStore, calendar: FakeCalendar) -> WorkoutSession:
    found = place(store, calendar)
    assert found is not None
    today = found.session_circuit()
    return WorkoutSession(
        today.circuit_file,
        today.compiled,
        store=store,
        clock=FakeClock(),
        background=False,
        session=today.link,
        hold_goals=today.holds,
        calendar=calendar,
    )


def train(store: HistoryStore, calendar: FakeCalendar, right: float, left: float) -> None:
    """Today's session done: each hold held `right` or `left` seconds, 10 s a set of reps."""
    session = today_session(store, calendar)
    workout, clock = session.start(resume=False, challenge=False), session.clock
    assert isinstance(clock, FakeClock)
    workout.start()
    while workout.state.active:
        step = workout.plan.steps[workout.index]
        if step.seconds is not None:
            clock.advance(step.seconds)
            workout.update()
        else:
            clock.advance({"right": right, "left": left}.get(str(step.side), 10.0))
            workout.done()
    session.close()
    found = place(store, calendar)
    assert found is not None and found.next is not None
    calendar.set(found.standing.dates[found.next.number])


def app_for(folder: Path, sessions_done: int = 0) -> HamtimerApp:
    """The app on today's session of the hamstring programme, `sessions_done` done before."""
    store = HistoryStore(folder)
    calendar = FakeCalendar(date(2026, 3, 2))
    follow(store, "hamstring", None, calendar)
    for number in range(sessions_done):
        train(store, calendar, 30.0 + 3 * number, 26.0 + 2 * number)
    session = today_session(store, calendar)
    found = place(store, calendar)
    assert found is not None and found.next is not None
    return HamtimerApp(session, realtime=False, place=f"{found.name} · {found.next.place}")


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def test_the_start_screen_shows_the_place_and_p_opens_the_programme(tmp_path: Path) -> None:
    app = app_for(tmp_path / "data", sessions_done=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        shown = drawn(app.screen.query_one("#start-place", Static))
        assert shown == "Hamstring circuit, four weeks · Week 2 · session 2 of 3 (p: the weeks)"
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        head = words(screen.query_one("#programme-head", Static))
        assert "Week 2 · session 2 of 3: Split stance jump 3 × 5" in head
        assert "Bird dog with wall push 3 × hold, target 50 s" in head
        grid = drawn(screen.query_one("#grid-full", Static))
        assert grid.splitlines()[0].startswith("Week 1 ✓ Mon 02 Mar ✓ Wed 04 Mar ✓ Fri 06 Mar")
        assert "▶ today" in grid.splitlines()[1]
        targets = [
            " ".join(line.split()) for line in drawn(screen.query_one("#targets")).splitlines()
        ]
        assert "Bird dog with wall push right 0:50 0:39 0:39" in targets
        assert "Bird dog with wall push left 0:50 0:32 0:32" in targets
        assert {plot.which for plot in screen.query(WeeksPlot)} == {"holds", "volume"}
        assert "Best hold per week" in drawn(screen.query_one("#holds-plot", WeeksPlot))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_the_help_names_the_programme_key(tmp_path: Path) -> None:
    app = app_for(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = drawn(app.screen.query_one("#help-text", Static))
        assert "the programme you follow: its weeks and progress" in text
    binding = next(b for b in StartScreen.BINDINGS if getattr(b, "id", None) == "programme")
    assert binding.key == "p" and binding.description == "Programme"  # type: ignore[union-attr]


async def test_no_programme_says_how_to_start_one(tmp_path: Path, hamstring_path: Path) -> None:
    from hamtimer.circuit import open_circuit

    found, circuit = open_circuit(None)
    session = WorkoutSession(found, circuit, store=HistoryStore(tmp_path / "d"), clock=FakeClock())
    app = HamtimerApp(session, realtime=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        head = words(app.screen.query_one("#programme-head", Static))
        assert "hamtimer follow nordic" in head


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_snapshot_programme(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = app_for(tmp_path / "data", sessions_done=4)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_snapshot_start_in_a_programme(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(tmp_path / "data", sessions_done=1)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
