"""The programme commands as a runner types them: `follow`, `today`, `programme`, `check`
and `schema` on programme files; what plain `hamtimer` opens while one is followed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hamtimer.cli import main, programmes
from hamtimer.clock import FakeCalendar, FakeClock
from hamtimer.folders import data_dir
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession

BROKEN = Path(__file__).parent / "data" / "broken-programmes"


@pytest.fixture
def calendar(monkeypatch: pytest.MonkeyPatch) -> FakeCalendar:
    """The commands' today, on a Monday."""
    fake = FakeCalendar(date(2026, 3, 2))
    monkeypatch.setattr(programmes, "calendar", fake)
    return fake


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def do_todays_session(calendar: FakeCalendar, *, finish: bool) -> None:
    """What the timer does with today's session: run it to its end, or stop early."""
    today, _ = programmes.todays_session(None, hands_free=False)
    assert today is not None
    clock = FakeClock()
    session = WorkoutSession(
        today.circuit_file,
        today.compiled,
        store=HistoryStore(data_dir()),
        clock=clock,
        background=False,
        session=today.link,
        hold_goals=today.holds,
        calendar=calendar,
    )
    workout = session.start(resume=False, challenge=False)
    workout.start()
    while workout.state.active:
        if not finish and workout.index == 2:
            workout.abandon()
            break
        step = workout.plan.steps[workout.index]
        clock.advance(step.seconds or 10)
        workout.update() if step.seconds else workout.done()
    session.close()


def test_follow_today_finish_and_abandon(
    capsys: pytest.CaptureFixture[str], calendar: FakeCalendar
) -> None:
    code, out, _ = run(capsys, "today")
    assert code == 0 and "No programme is followed" in out
    code, out, _ = run(capsys, "follow", "nordic")
    assert code == 0
    assert "Following Nordic hamstring protocol from today." in out
    assert "Week 1 · session 1 of 1 · Nordic hamstring exercise 2 × 5" in out

    do_todays_session(calendar, finish=False)  # abandoned: no progress
    code, out, _ = run(capsys, "today")
    assert "Week 1 · session 1 of 1 · Nordic hamstring exercise 2 × 5" in out

    do_todays_session(calendar, finish=True)
    code, out, _ = run(capsys, "today")
    assert out.splitlines()[1:3] == [
        "Week 2 · session 1 of 2 · Nordic hamstring exercise 2 × 6",
        "Today is a rest day: next on Mon 09 Mar.",
    ]
    code, out, _ = run(capsys, "today", "--json")
    document = json.loads(out)
    assert document["sessions_done"] == 1 and document["rest_day"] is True
    assert document["next"]["place"] == "Week 2 · session 1 of 2"
    assert document["next"]["date"] == "2026-03-09"
    assert document["next"]["exercises"] == [
        {
            "name": "Nordic hamstring exercise",
            "sets": 2,
            "prescription": "2 × 6",
            "hold_target": None,
        }
    ]


def test_programme_shows_the_grid_what_was_done_and_the_plot(
    capsys: pytest.CaptureFixture[str], calendar: FakeCalendar
) -> None:
    run(capsys, "follow", "nordic")
    do_todays_session(calendar, finish=True)
    code, out, _ = run(capsys, "programme")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("Week 1  ✓ today") for line in lines)
    assert any(line.startswith("Week 2  ▶ Mon 09 Mar ○ Wed 11 Mar") for line in lines)
    assert any("W1·1 today" in line and "2 × 5" in line and "2/2 sets" in line for line in lines)
    assert "Sets done per week" in out
    code, out, _ = run(capsys, "programme", "--json")
    document = json.loads(out)
    assert [s["mark"] for s in document["sessions_list"][:3]] == ["done", "next", "later"]
    (done,) = document["sessions_list"][0]["done"]
    assert done["counts"] is True and done["exercises"] == {"Nordic hamstring exercise": "2/2 sets"}
    assert document["weeks"] == [{"week": 1, "right": None, "left": None, "sets": 2}]


def test_follow_stop_and_the_level_checks(
    capsys: pytest.CaptureFixture[str], calendar: FakeCalendar
) -> None:
    code, _, err = run(capsys, "follow")
    assert code == 2 and "follow which programme?" in err and "nordic" in err
    code, _, err = run(capsys, "follow", "nordic", "--level", "2")
    assert code == 2 and "Nordic hamstring protocol has no levels: leave out --level" in err
    code, _, err = run(capsys, "follow", "nosuch")
    assert code == 2 and "no programme named 'nosuch'" in err
    run(capsys, "follow", "nordic")
    code, out, _ = run(capsys, "follow", "hamstring")
    assert out.splitlines()[:2] == [
        "Stopped following Nordic hamstring protocol.",
        "Following Hamstring circuit, four weeks from today.",
    ]
    code, out, _ = run(capsys, "follow", "--stop")
    assert code == 0 and "Stopped following the programme." in out
    code, out, _ = run(capsys, "follow", "--stop")
    assert "No programme is followed." in out
    code, out, _ = run(capsys, "programme", "--json")
    assert code == 0 and json.loads(out) is None


def test_plain_hamtimer_opens_todays_session(
    capsys: pytest.CaptureFixture[str], calendar: FakeCalendar
) -> None:
    assert programmes.todays_session(None, hands_free=False) == (None, [])
    run(capsys, "follow", "nordic")
    today, _ = programmes.todays_session(None, hands_free=False)
    assert today is not None
    assert today.place == "Nordic hamstring protocol · Week 1 · session 1 of 1"
    assert today.circuit_file.name == "nordic/nordic"
    work = [s for s in today.compiled.plan(False).steps if s.kind == "work"]
    assert [(s.exercise, s.set_number, s.set_count, s.reps) for s in work] == [
        ("Nordic hamstring exercise", 1, 2, 5),
        ("Nordic hamstring exercise", 2, 2, 5),
    ]


def test_a_broken_followed_programme_says_how_to_get_out(
    capsys: pytest.CaptureFixture[str], calendar: FakeCalendar, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "Mine"\ncircuit = "hamstring"\n[[weeks]]\n')
    run(capsys, "follow", str(mine))
    mine.write_text('name = "Mine"\ncircuit = "hamstrng"\n[[weeks]]\n')
    code, _, err = run(capsys, "today")
    assert code == 2
    assert f"{mine}:2:1: circuit \"hamstrng\": no circuit named 'hamstrng'" in err
    assert "hamtimer follow --stop" in err


def test_check_takes_programmes_with_every_problem(capsys: pytest.CaptureFixture[str]) -> None:
    bundled = Path(__file__).parent.parent / "programmes" / "nordic.toml"
    code, out, _ = run(capsys, "check", str(bundled))
    assert code == 0
    assert "ok — programme Nordic hamstring protocol, 10 weeks, 27 sessions" in out
    broken = BROKEN / "rest-list-against-sets.toml"
    code, _, err = run(capsys, "check", str(broken), str(bundled))
    assert code == 1
    assert len([line for line in err.splitlines() if line.startswith(str(broken))]) == 2


def test_schema_of_programmes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "--programme")
    assert code == 0 and json.loads(out)["title"] == "hamtimer programme"


def test_the_real_command_follows_and_tells_today(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HAMTIMER_DATA_DIR": str(tmp_path / "data"),
        "HAMTIMER_CONFIG_DIR": str(tmp_path / "config"),
    }
    command = [sys.executable, "-m", "hamtimer"]
    follow = subprocess.run(
        [*command, "follow", "nordic"], env=env, capture_output=True, text=True, timeout=60
    )
    assert follow.returncode == 0, follow.stderr
    today = subprocess.run(
        [*command, "today", "--json"], env=env, capture_output=True, text=True, timeout=60
    )
    assert today.returncode == 0, today.stderr
    assert json.loads(today.stdout)["next"]["place"] == "Week 1 · session 1 of 1"


def test_without_a_programme_plain_hamtimer_reads_only_the_history(tmp_path: Path) -> None:
    """The start-up path stays light: no pydantic, no programme code, when none is followed."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from hamtimer.cli import programmes\n"
        "assert programmes.todays_session(Path(sys.argv[1]), hands_free=False) == (None, [])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'hamtimer.programme',"
        " 'hamtimer.following', 'plotext'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
