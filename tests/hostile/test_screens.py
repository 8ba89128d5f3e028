"""The real app (Textual's Pilot, a fake clock) with hostile names, a history it cannot
write, a resumed workout and a bug: what each screen shows, and what is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget

from hamtimer.circuit import open_circuit
from hamtimer.clock import FakeClock
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.launch import open_store
from hamtimer.tui.screens.history import HistoryScreen
from hamtimer.tui.screens.summary import SummaryScreen
from hamtimer.tui.screens.workout import WorkoutScreen
from tests.hostile.test_keeping import blocked, free
from tests.tui.conftest import Harness, make_harness

FILES = Path(__file__).resolve().parent / "files"
UNSAFE = {chr(code) for code in [*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
UNSAFE |= {"\u202e"}


def drawn(app: HamtimerApp) -> str:
    """Every character every widget of the current screen draws (its own content, not its
    children's)."""
    text = []
    for widget in app.screen.query(Widget):
        if widget.display and widget.size.area:
            region = Region(0, 0, widget.size.width, widget.size.height)
            text.extend(line.text for line in widget.render_lines(region))
    return "\n".join(text)


def clean(app: HamtimerApp) -> str:
    shown = drawn(app)
    assert not UNSAFE & set(shown), [char for char in shown if char in UNSAFE]
    return shown


async def test_escape_sequences_in_names_are_shown_escaped_on_every_screen(
    tmp_path: Path,
) -> None:
    harness = make_harness(tmp_path / "data", circuit=str(FILES / "escape-names.toml"))
    async with harness.app.run_test(size=(120, 40)) as pilot:
        assert "Legs\\x1b]2;PWNED" in clean(harness.app)
        assert "Block\\x0d\\x1b[31m" in clean(harness.app)
        await pilot.press("enter")
        await harness.advance(pilot, 10)
        shown = clean(harness.app)
        assert "Squat\\x9b2J\\x1b[5m" in shown and "Down\\x08\\x08\\x08\\x08Up\\u202eevil" in shown
        await harness.complete(pilot, {})
        assert isinstance(harness.app.screen, SummaryScreen)
        assert "Legs\\x1b]2;PWNED" in clean(harness.app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(harness.app.screen, HistoryScreen)
        clean(harness.app)


async def test_the_summary_says_when_the_workout_could_not_be_saved(tmp_path: Path) -> None:
    harness = make_harness(blocked(tmp_path))
    async with harness.app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await harness.complete(pilot, {"right": 40.0, "left": 35.0})
        assert isinstance(harness.app.screen, SummaryScreen)
        harness.session._writer.submit(lambda: None).result()  # type: ignore[union-attr]
        await pilot.pause()
        said = " ".join(harness.text("summary-unsaved").split())
        assert said.startswith("⚠ This workout could not be saved to your history yet")
        assert "goes into your history the next time hamtimer starts" in said
        free(tmp_path)
        await pilot.press("q")
    harness.session.close()
    [stored] = HistoryStore(tmp_path / "blocker" / "data").workouts()
    assert stored.outcome is Outcome.FINISHED and stored.completed == 48


async def test_a_saved_summary_says_nothing_of_saving(tmp_path: Path) -> None:
    harness = make_harness(tmp_path / "data")
    async with harness.app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await harness.complete(pilot, {"right": 40.0, "left": 35.0})
        harness.session._writer.submit(lambda: None).result()  # type: ignore[union-attr]
        await pilot.pause()
        assert not harness.app.screen.query_one("#summary-unsaved").display


async def test_after_a_resume_the_time_done_goes_on(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = make_harness(data)
    async with first.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await first.advance(pilot, 10)  # get ready
        await first.advance(pilot, 12)
        await pilot.press("enter")  # 12 s of jumps
        await first.advance(pilot, 30)  # the rest between sides
        assert first.workout.index == 3
        await pilot.press("q", "s")  # save it and leave
    first.session.close()

    again = make_harness(data)
    async with again.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert "step 4 of 48 · 0:52 done" in again.text("status")
        await again.advance(pilot, 5)
        assert "0:57 done" in again.text("status")


def boom(screen: WorkoutScreen) -> None:
    raise RuntimeError("a bug in skip")


async def test_a_crash_keeps_the_workout_for_resuming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(WorkoutScreen, "action_skip", boom)
    data = tmp_path / "data"
    found, circuit = open_circuit(None)
    store = HistoryStore(data)
    session = WorkoutSession(found, circuit, store=store, clock=FakeClock())
    app = HamtimerApp(session, realtime=False)
    harness = Harness(app, session.clock, store)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="a bug in skip"):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await harness.advance(pilot, 10)
            await pilot.press("n")
            await pilot.pause()
    assert isinstance(app.crashed, RuntimeError)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "a bug in skip" not in out + err, (
        "no traceback printed over the terminal: the command reports it in one line"
    )
    session.close()
    [waiting] = HistoryStore(data).interrupted()
    assert isinstance(waiting, WorkoutRecord) and waiting.current_index == 1


async def test_a_path_with_escape_sequences_is_shown_escaped_in_notices(tmp_path: Path) -> None:
    blocker = tmp_path / "odd\x1b]2;PWNED\x07"
    blocker.write_text("a file where the data folder should be")
    store, problem = open_store(blocker / "data")
    assert store is None and problem is not None and "\x1b" in problem
    found, circuit = open_circuit(None)
    session = WorkoutSession(found, circuit, store=None, clock=FakeClock())
    app = HamtimerApp(session, realtime=False, store_problem=problem)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = clean(app)
        assert "odd\\x1b]2;PWNED\\x07" in "".join(shown.split())
        await pilot.press("h")
        await pilot.pause()
        clean(app)
