"""`hamtimer history` tells of workouts not ended: waiting to be resumed, or running now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamtimer.circuit import load_circuit
from hamtimer.cli import main
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.plan import Plan, build_plan
from tests.history_fakes import fake_records

FILES = Path(__file__).resolve().parent / "files"


def saved_at(store: HistoryStore, record: WorkoutRecord, owner: str) -> None:
    store.owner = owner
    store.save(record)
    store.close()


def test_a_workout_waiting_to_be_resumed_is_listed_with_how_to_go_on(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    hamstring_plan: Plan,
    begun: WorkoutRecord,
    gone: str,
) -> None:
    store = HistoryStore(tmp_path / "data")
    waiting = begun.progressed(hamstring_plan, fake_records(hamstring_plan, 12), current_index=12)
    saved_at(store, waiting, gone)
    assert main(["history"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "No workouts" not in out
    assert "Hamstring circuit for runners: waiting to be resumed at step 13 of 48 (began " in out
    assert "12/48 done) — run `hamtimer hamstring` and press r" in out
    assert main(["history", "--circuit", "nothing-like-it"]) == 0
    assert "waiting" not in capsys.readouterr().out


def test_a_workout_running_in_another_hamtimer_is_listed_as_running(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    hamstring_plan: Plan,
    begun: WorkoutRecord,
) -> None:
    store = HistoryStore(tmp_path / "data")
    finished = WorkoutRecord.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash="a" * 64)
    store.save(finished.ended(hamstring_plan, fake_records(hamstring_plan, 48), Outcome.FINISHED))
    running = begun.progressed(hamstring_plan, fake_records(hamstring_plan, 3), current_index=3)
    saved_at(store, running, store.owner)  # this process: alive
    assert main(["history"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "48/48" in out, "the table of ended workouts, as before"
    assert "running now in another hamtimer (step 4 of 48" in out
    assert "waiting to be resumed" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["history", "--json"],
        ["history", "--export", "jsonl"],
        ["history", "--export", "csv"],
    ],
    ids=["table", "json", "jsonl", "csv"],
)
def test_escape_sequences_in_stored_names_never_reach_the_output(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the table on one line a workout
    circuit = load_circuit(FILES / "escape-names.toml")
    plan = build_plan(circuit)
    begun = WorkoutRecord.begin(plan, circuit_ref="odd\x1b[2J", circuit_hash="b" * 64)
    HistoryStore(tmp_path / "data").save(
        begun.ended(plan, fake_records(plan, len(plan)), Outcome.FINISHED)
    )
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert not {"\x1b", "\x07", "\x9b", "\x08", "\r", "\u202e"} & set(out), out
    if "json" in argv[-1]:
        document = json.loads(out.splitlines()[0] if argv[-1] == "jsonl" else out)
        first = document if argv[-1] == "jsonl" else document[0]
        assert first["circuit"] == circuit.name, "JSON keeps the exact name"
    else:
        assert "Legs\\x1b]2;PWNED" in out
