"""Carrying over a hamtimer 0.1.0 data folder (written by 0.1.0's own code: tests/data/)."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from hamtimer.circuit import circuit_hash
from hamtimer.cli import main
from hamtimer.events import StepStatus
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.history.database import DB_FILE
from hamtimer.history.legacy import read_history

FOLDER = Path(__file__).parent / "data" / "v0.1.0"
OLD_FILES = sorted(path.name for path in (FOLDER / "data").iterdir() if path.name != ".lock")
CURRENT = "b39cf61ddd003cfb8fbd1f64e0b0df3d79d6864b7b81f873040d13b8e195cd71"  # the circuit's


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the 0.1.0 folder: the circuit file beside its data folder."""
    shutil.copytree(FOLDER, tmp_path / "v0.1.0")
    return tmp_path / "v0.1.0"


def test_the_fixture_is_what_0_1_0_left(folder: Path) -> None:
    assert circuit_hash(folder / "hamstring.toml") == CURRENT
    lines = (folder / "data" / "history.jsonl").read_bytes().split(b"\n")
    assert len(lines) == 10 and lines[-1] != b"", "seven workout lines, three bad, torn last"


def test_every_workout_is_imported_and_the_bad_lines_reported(folder: Path) -> None:
    store = HistoryStore(folder / "data")
    records = store.workouts()
    assert len(records) == 6, "six workouts; the one stored twice counts once"
    assert [record.outcome for record in records] == [Outcome.FINISHED] * 4 + [
        Outcome.ABANDONED,
        Outcome.FINISHED,
    ]
    assert [record.completed for record in records] == [48, 48, 48, 46, 20, 48]
    assert records[3].challenge and records[3].skipped == 2
    assert records[5].circuit_ref == "/home/runner/mine.toml", "finished wins over abandoned"
    assert all(record.speed == 1 for record in records)
    holds = [step.held_seconds for step in records[0].steps if step.held_seconds is not None]
    assert holds[:2] == [40.5, 38.25]
    [notice] = store.take_notices()
    assert notice.startswith("hamtimer 0.1.0 data imported: 6 workout(s), 2 unfinished")
    assert "3 unreadable line(s) skipped (1 from a newer hamtimer)" in notice
    assert "history-0.1.0.jsonl" in notice


def test_the_old_files_are_kept_renamed_and_unchanged(folder: Path) -> None:
    originals = {name: (folder / "data" / name).read_bytes() for name in OLD_FILES}
    HistoryStore(folder / "data").workouts()
    kept = sorted(path.name for path in (folder / "data").iterdir())
    assert DB_FILE in kept and "history.jsonl" not in kept
    for name, data in originals.items():
        stem, suffix = name.rsplit(".", 1)
        assert (folder / "data" / f"{stem}-0.1.0.{suffix}").read_bytes() == data


def test_the_interrupted_workout_is_offered_at_its_step(folder: Path) -> None:
    store = HistoryStore(folder / "data")
    found = store.resumable(CURRENT)
    assert found is not None
    assert (found.current_index, found.paused) == (13, True)
    assert found.saved_at - found.started_at == timedelta(minutes=6), "when it was last saved"
    assert found.steps[13].active_seconds == 12.5 and found.steps[13].paused_seconds == 3.0
    assert found.completed == 13 and found.outcome is Outcome.IN_PROGRESS


def test_a_checkpoint_already_in_the_history_is_not_offered(folder: Path) -> None:
    store = HistoryStore(folder / "data")
    interrupted = store.interrupted()
    assert len(interrupted) == 2, "the current one and the edited circuit's"
    finished_ids = {record.id for record in store.workouts()}
    assert not finished_ids & {record.id for record in interrupted}


def test_the_edited_circuits_checkpoint_is_stored_as_abandoned_by_the_app(folder: Path) -> None:
    store = HistoryStore(folder / "data")
    [stored] = store.abandon_other_versions("hamstring", CURRENT)
    assert (stored.outcome, stored.completed) == (Outcome.ABANDONED, 9)
    assert store.resumable(CURRENT) is not None


def test_importing_twice_adds_nothing(folder: Path) -> None:
    """A kill between the import's commit and the renames: the next start imports again."""
    data = folder / "data"
    HistoryStore(data).workouts()
    for name in OLD_FILES:  # as if the renames had not happened
        stem, suffix = name.rsplit(".", 1)
        shutil.copyfile(data / f"{stem}-0.1.0.{suffix}", data / name)
    again = HistoryStore(data)
    assert len(again.workouts()) == 6 and len(again.interrupted()) == 2
    assert "6 workout(s)" not in again.take_notices()[0]


def test_reading_a_0_1_0_folder_imports_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "--json", "--data-dir", str(folder / "data")]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 6
    assert "hamtimer 0.1.0 data imported" in err
    assert main(["history", "--json", "--data-dir", str(folder / "data")]) == 0
    assert "imported" not in capsys.readouterr().err, "told once"


def test_damaged_lines_are_counted_not_guessed(folder: Path) -> None:
    records, damaged, newer = read_history(folder / "data" / "history.jsonl")
    assert (len(records), damaged, newer) == (6, 2, 1)


def test_a_0_1_0_workout_resumes_in_the_app(folder: Path) -> None:
    """The session offers it like any interrupted workout (the TUI tests drive the rest)."""
    from hamtimer.circuit import CircuitFile, load_circuit
    from hamtimer.clock import FakeClock
    from hamtimer.session import WorkoutSession

    circuit_file = CircuitFile("hamstring", folder / "hamstring.toml", "file")
    session = WorkoutSession(
        circuit_file,
        load_circuit(circuit_file.path),
        store=HistoryStore(folder / "data"),
        clock=FakeClock(),
        background=False,
    )
    resumable = session.resumable
    assert isinstance(resumable, WorkoutRecord) and resumable.current_index == 13
    workout = session.start(resume=True, challenge=False)
    workout.start()
    assert workout.index == 13
    assert workout.records[12].status is StepStatus.TIMED_OUT
    assert session.store is not None
    assert len(session.store.interrupted()) == 0, "the edited one abandoned, this one running"


def test_a_folder_with_only_a_checkpoint_reports_no_bad_lines(folder: Path) -> None:
    data = folder / "data"
    (data / "history.jsonl").unlink()
    store = HistoryStore(data)
    assert len(store.interrupted()) == 3, "with no history, the stale one is unfinished too"
    assert store.workouts() == []
    [notice] = store.take_notices()
    assert "0 workout(s), 3 unfinished" in notice and "unreadable" not in notice


def test_a_line_with_an_impossible_duration_is_damaged_not_imported(folder: Path) -> None:
    history = folder / "data" / "history.jsonl"
    first = history.read_bytes().split(b"\n")[0]
    history.write_bytes(first.replace(b'"active_seconds":10.0', b'"active_seconds":1e999', 1))
    records, damaged, _ = read_history(history)
    assert (records, damaged) == ([], 1)
    assert HistoryStore(folder / "data").workouts() == []
