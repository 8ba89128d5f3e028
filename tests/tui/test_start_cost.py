"""What the start screen costs: the modules it loads, the work it leaves until after its first
frame, and the widgets it draws again (only those that change). And the history screen reads
only what it shows."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from hamtimer.circuit import open_circuit
from hamtimer.clock import FakeCalendar, FakeClock
from hamtimer.following import follow
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.history.database import DB_FILE, may_follow
from hamtimer.session import WorkoutSession
from hamtimer.sound import open_sound
from hamtimer.tui.app import HamtimerApp
from hamtimer.tui.screens.history import HistoryScreen
from hamtimer.tui.widgets import KeyFooter
from tests.history_fakes import fake_records
from tests.tui.conftest import Harness, make_harness

LATER = (
    "hamtimer.history",
    "hamtimer.workout",
    "hamtimer.sound",
    "hamtimer.voice",
    "hamtimer.report",
    "hamtimer.tui.bigtext",
    "hamtimer.tui.screens.workout",
    "hamtimer.tui.screens.help",
    "hamtimer.tui.screens.leave",
    "hamtimer.tui.screens.summary",
    "hamtimer.tui.screens.history",
    "sqlite3",
    "pydantic",
)
"""What the start screen does not show, and so never waits for."""

START_SCREEN = """
import asyncio, sys
import hamtimer.cli, hamtimer.tui.launch
from hamtimer.circuit import find
from hamtimer.clock import MonotonicClock
from hamtimer.plan.compiled import compiled
from hamtimer.session import WorkoutSession
from hamtimer.tui.app import HamtimerApp

LATER = {later!r}
found = find(None)
session = WorkoutSession(
    found, compiled(found.path, found.path.read_bytes()), store=None,
    clock=MonotonicClock(), look_up=False,
)
session.looked_up.set()
app = HamtimerApp(session, realtime=False)

def loaded():
    return sorted({{name for name in sys.modules for later in LATER
                   if name == later or name.startswith(later + ".")}})

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(loaded())
        await pilot.press("enter")
        await pilot.pause()
        print(loaded())

asyncio.run(main())
"""


def test_the_start_screen_loads_only_what_it_shows(hamstring_path: Path) -> None:
    """In a fresh process, from the command's modules to the start screen drawn: none of the
    history, the engine, the sound, the voice, the report or the later screens; Enter then
    loads the engine and the timer."""
    from hamtimer.plan.compiled import compiled

    compiled(hamstring_path, hamstring_path.read_bytes())  # the first start: compiled, cached
    done = subprocess.run(
        [sys.executable, "-c", START_SCREEN.format(later=LATER)],
        capture_output=True,
        text=True,
        check=True,
    )
    at_start, after_enter = done.stdout.splitlines()
    assert at_start == "[]"
    assert "hamtimer.workout" in after_enter and "hamtimer.tui.screens.workout" in after_enter
    # no sound and no voice (`--sound off`): neither is loaded for the workout either
    assert "hamtimer.sound" not in after_enter and "hamtimer.voice" not in after_enter


def test_sound_off_loads_no_player(tmp_path: Path) -> None:
    """`--sound off`: silence needs none of simpleaudio's or the system players' modules."""
    script = (
        "import sys\n"
        "from hamtimer.sound import open_sound\n"
        "player = open_sound('off')\n"
        "print(player.backend_name)\n"
        "player.close()\n"
        "print(sorted(m for m in sys.modules if m.startswith('hamtimer.sound.backends.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    name, backends = done.stdout.splitlines()
    assert name == "sound: off"
    assert backends == str([f"hamtimer.sound.backends.{name}" for name in ("base", "bell", "off")])


async def test_the_history_then_the_sound_open_on_one_thread_after_the_start_screen(
    tmp_path: Path,
) -> None:
    found, loaded = open_circuit(None)
    session = WorkoutSession(
        found, loaded, store=HistoryStore(tmp_path / "data"), clock=FakeClock(), look_up=False
    )
    seen: list[tuple[str, str, bool]] = []
    app: HamtimerApp

    def prepare() -> str | None:
        drawn = "Press Enter to start" in str(app.screen.query_one("#start-prompt").render())
        seen.append(("history", threading.current_thread().name, drawn))
        session.look_up()
        return None

    def sound(opened: object) -> object:
        seen.append(("sound", threading.current_thread().name, session.looked_up.is_set()))
        raise RuntimeError("no sound here")

    app = HamtimerApp(session, realtime=False, prepare=prepare, sound_factory=sound)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if len(seen) == 2:
                break
            await pilot.pause(0.01)
    assert seen == [
        ("history", "hamtimer-services", True),
        ("sound", "hamtimer-services", True),
    ]


def parts(harness: Harness) -> dict[str, Widget]:
    screen = harness.app.screen
    return {part: screen.query_one(f"#start-{part}") for part in ("title", "outline", "prompt")}


async def test_a_new_notice_redraws_the_notices_alone(harness: Harness) -> None:
    """The history, the sound and the voice arrive one by one after the first frame: each
    redraws what it changes, not the circuit's outline."""
    gate = threading.Event()

    def bell(app: object) -> object:
        assert gate.wait(10)
        return open_sound("bell", bell=lambda: None)

    harness.app._sound_factory = bell  # type: ignore[assignment]
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        updated: list[str] = []
        for part, widget in parts(harness).items():
            assert isinstance(widget, Static)
            widget.update = lambda *_, part=part: updated.append(part)  # type: ignore[method-assign]
        keys = harness.app.screen.query_one(KeyFooter).entries
        gate.set()  # the sound arrives: the notices say which
        for _ in range(200):
            await pilot.pause(0.01)
            if harness.app.sound is not None:
                break
        await pilot.pause()
        assert "sound: terminal bell" in harness.text("start-notices")
        assert updated == []
        assert harness.app.screen.query_one(KeyFooter).entries is keys, "the keys untouched"
        await pilot.press("c")  # challenge mode: the title and the outline change
        await pilot.pause()
        assert sorted(updated) == ["outline", "title"]


async def test_the_footer_offers_resume_in_its_place_when_the_history_answers(
    tmp_path: Path,
) -> None:
    first = make_harness(tmp_path / "data")
    async with first.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n", "n", "q", "s")  # a workout left to resume
        await pilot.pause()
    first.saved()

    found, loaded = open_circuit(None)
    session = WorkoutSession(
        found, loaded, store=HistoryStore(tmp_path / "data"), clock=FakeClock(), look_up=False
    )
    gate = threading.Event()

    def prepare() -> str | None:
        assert gate.wait(10)
        session.look_up()
        return None

    app = HamtimerApp(session, realtime=False, prepare=prepare)
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        keys = footer.entries
        assert shown_keys(footer)[:2] == ["Start", "Challenge"]
        footer.screen.refresh_bindings()  # nothing the footer shows changed
        await pilot.pause()
        assert footer.entries == keys
        gate.set()  # the history answers: a workout to resume, so r is offered
        assert session.looked_up.wait(10)
        for _ in range(200):
            await pilot.pause(0.01)
            if "Resume" in shown_keys(footer):
                break
        else:
            raise AssertionError("r was never offered")
        await pilot.pause()
        assert shown_keys(footer)[:3] == ["Start", "Resume", "Challenge"], "in its place"
        assert app.screen.query_one(KeyFooter) is footer, "the same footer, one more key"


async def test_the_history_screen_reads_the_newest_and_counts_the_rest(tmp_path: Path) -> None:
    harness = make_harness(tmp_path / "data")
    plan = harness.session.plan_for(False)
    start = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)  # noon: the same date in every zone
    for day in range(13):
        begun = WorkoutRecord.begin(
            plan,
            circuit_ref="hamstring",
            circuit_hash=harness.session.digest,
            now=start + timedelta(days=day),
        )
        records = fake_records(plan, len(plan), right=40 + day, left=38)
        harness.store.save(begun.ended(plan, records, Outcome.FINISHED, now=begun.started_at))
    async with harness.app.run_test(size=(80, 50)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, HistoryScreen)
        assert len(screen.recent) == 10 and screen.recent[-1].started_at == start + timedelta(12)
        caption = str(screen.query(".trend-caption").first(Static).render())
        assert "Bird dog with wall push — 13 workout(s)" in caption
        assert "R 0:52" in caption, "the latest workout's holds"
        assert len(drawn(screen.query(".trend").first(Static))) == 10, "the latest ten"
        table = "\n".join(drawn(screen.query_one("#recent", Static)))
        assert "13 Oct" in table and "04 Oct" in table and "03 Oct" not in table


def shown_keys(footer: KeyFooter) -> list[str]:
    """The footer's keys on screen, left to right."""
    return [entry.description for entry, _, _ in footer.placed()]


def drawn(widget: Widget) -> list[str]:
    """The lines a widget draws on screen, blank ones left out."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [line.text.rstrip() for line in lines if line.text.strip()]


def test_plain_hamtimer_looks_at_the_history_without_opening_it(tmp_path: Path) -> None:
    """No programme followed: the file is looked at before the first frame, the store (its
    checks, imports and notices) waits for the history's thread."""
    store = HistoryStore(tmp_path / "data")
    store.check_writable()
    store.close()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from hamtimer.cli import programmes\n"
        "print(programmes.todays_session(Path(sys.argv[1]), hands_free=False))\n"
        "print('hamtimer.history.store' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["(None,", "[])", "False"]


def test_may_follow_is_false_only_when_the_file_says_no_programme(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert not may_follow(data), "no history at all"
    store = HistoryStore(data)
    store.check_writable()
    assert not may_follow(data), "a history that follows no programme"
    follow(store, "nordic", None, FakeCalendar())
    store.close()
    assert may_follow(data)
    other = tmp_path / "other"
    other.mkdir()
    (other / DB_FILE).write_bytes(b"not a database, to be set aside by the store" * 100)
    assert may_follow(other), "unreadable: the store is asked, and deals with it"
