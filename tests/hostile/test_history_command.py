"""`hamtimer history` tells of workouts not ended: waiting to be resumed, or running now."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.cli import main
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.plan import Plan
from tests.history_fakes import fake_records


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
