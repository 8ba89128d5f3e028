"""`hamtimer show` and `hamtimer check` with blocks timed by the clock, as a runner runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamtimer.circuit import CircuitFile, load_circuit
from hamtimer.cli import main
from hamtimer.clock import FakeClock
from hamtimer.folders import data_dir
from hamtimer.history import HistoryStore
from hamtimer.session import WorkoutSession
from tests.interval_circuits import AMRAP, BOTH, EMOM, TABATA, write


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_gives_each_emom_interval_and_its_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "show", str(write(tmp_path, EMOM)))
    assert code == 0
    assert "21 steps · estimated 10:05" in out
    assert "minute 3 of 10" in out and "minute 10 of 10" in out
    assert "Rest of minute 3" in out
    assert "an EMOM rest, which is what the work leaves of its interval" in out
    assert "9:05" in out, "the last interval starts nine minutes after the get-ready"


def test_show_gives_an_amrap_as_one_step_with_its_round(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "show", str(write(tmp_path, AMRAP)))
    assert code == 0
    for words in ("AMRAP 5:00 — 10 × Push-up", "15 × Air", "Plank"):
        assert words in out  # the step's words, wrapped in its cell
    assert "2 steps · estimated 5:05" in out
    assert "EMOM" not in out


def test_show_json_carries_the_intervals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "show", str(write(tmp_path, EMOM)), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["estimated_seconds"] == 605
    third = document["steps"][5]
    assert (third["interval"], third["interval_number"], third["interval_count"]) == (
        "emom",
        3,
        10,
    )
    assert third["every"] == 60
    assert document["steps"][6]["rest_reason"] == "interval"
    assert document["starts"][5] == 125, "minute 3 starts two minutes after the get-ready"
    code, out, _ = run(capsys, "show", str(write(tmp_path, AMRAP, "amrap.toml")), "--json")
    amrap = json.loads(out)["steps"][1]
    assert (amrap["mode"], amrap["seconds"]) == ("amrap", 300)
    assert amrap["round_items"] == ["10 × Push-up", "15 × Air squat", "30 s Plank"]


def test_show_labels_a_tabatas_intervals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "show", str(write(tmp_path, TABATA)))
    assert code == 0
    assert "interval 3 of 8" in out and "set 3 of 8" not in out and "round 3 of 8" not in out


def test_check_says_what_an_amrap_needs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, AMRAP.replace("time_cap = 300", ""))
    code, _, err = run(capsys, "check", str(path))
    assert code == 1
    assert f'{path}:5:1: block "Five minutes": an amrap block needs time_cap' in " ".join(
        err.split()
    )
    assert "Traceback" not in err


def test_history_gives_the_rounds_and_the_intervals_on_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, BOTH)
    clock = FakeClock()
    session = WorkoutSession(
        CircuitFile("both", path, "file"),
        load_circuit(path),
        store=HistoryStore(data_dir()),
        clock=clock,
        background=False,
    )
    workout = session.start(resume=False, challenge=False)
    workout.start()
    for moment, act in ((5, "update"), (20, "count_round"), (40, "count_round"), (65, "update")):
        clock.set(1000 + moment)
        getattr(workout, act)()
    clock.set(1000 + 85 + 10)
    workout.done()  # interval 1 done in 10 s; interval 2 missed
    clock.set(1000 + 85 + 60)
    workout.update()
    assert session.finish() is not None
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert "2 rounds" in out and "EMOM 1/2 on time" in out
    code, out, _ = run(capsys, "history", "--json")
    [document] = json.loads(out)
    assert document["amrap_rounds"] == [2]
    assert (document["emom_intervals"], document["emom_on_time"]) == (2, 1)
    assert [step["rounds"] for step in document["steps"]][:2] == [None, 2]
