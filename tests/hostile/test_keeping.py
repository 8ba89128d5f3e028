"""Nothing lost: a workout that cannot be saved is kept, and added as soon as it can be.

The failure here is real but cheap: the data folder's place is taken by a file, so every
save fails; the runner "frees the place" by removing the file. The full-disk version on a
real tmpfs is in `test_disk_full.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hamtimer.circuit import CircuitFile, circuit_hash, load_circuit, open_circuit
from hamtimer.clock import FakeClock
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.history.jsonform import dumps, parse
from hamtimer.history.store import process_token
from hamtimer.plan import Plan
from hamtimer.session import WorkoutSession
from tests.history_fakes import fake_records
from tests.test_session import run_until


def blocked(tmp_path: Path) -> Path:
    """A data folder that cannot be made: a file is in its place."""
    (tmp_path / "blocker").write_text("in the way")
    return tmp_path / "blocker" / "data"


def free(tmp_path: Path) -> None:
    (tmp_path / "blocker").unlink()


def session_in(data: Path, hamstring_path: Path) -> WorkoutSession:
    return WorkoutSession(
        CircuitFile("hamstring", hamstring_path, "file"),
        load_circuit(hamstring_path),
        store=HistoryStore(data),
        clock=FakeClock(),
        background=False,
    )


def finish(session: WorkoutSession) -> WorkoutRecord:
    assert isinstance(session.clock, FakeClock)
    workout = session.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, session.clock, 48)
    record = session.finish()
    assert record is not None and record.outcome is Outcome.FINISHED
    return record


def test_a_workout_that_cannot_be_saved_is_kept_and_the_summary_says_where(
    tmp_path: Path, hamstring_path: Path
) -> None:
    session = session_in(blocked(tmp_path), hamstring_path)
    record = finish(session)
    said = session.unsaved_text()
    assert said is not None and "could not be saved to your history yet" in said
    kept = tmp_path / "tmp" / f"hamtimer-unsaved-{record.id}.json"
    assert str(kept) in said and kept.exists()
    assert len(session.errors) == 1, "told once, not at every step"
    free(tmp_path)
    session.close()  # the retry at exit
    assert session.left_unsaved() == [] and session.unsaved_text() is None
    assert not kept.exists(), "saved: the kept file goes"
    [stored] = HistoryStore(tmp_path / "blocker" / "data").workouts()
    assert stored == record


def test_the_next_start_adds_a_kept_workout_once_and_offers_nothing(
    tmp_path: Path, hamstring_path: Path, digest: str
) -> None:
    session = session_in(blocked(tmp_path), hamstring_path)
    record = finish(session)
    session.close()
    assert session.left_unsaved() == [record]
    free(tmp_path)
    again = HistoryStore(tmp_path / "blocker" / "data")
    assert again.workouts() == [record]
    assert again.resumable(digest) is None
    [notice] = again.take_notices()
    assert "added to your history: a workout that could not be saved before" in notice
    assert "finished, 48/48 steps" in notice
    assert list((tmp_path / "tmp").glob("*unsaved*")) == []
    assert HistoryStore(again.data_dir).workouts() == [record], "added once"


def kept_file(folder: Path, record: WorkoutRecord, owner: str | None = None) -> Path:
    path = folder / f"unsaved-{record.id}.json"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(record, owner=owner, data_dir=str(folder.resolve())), encoding="utf-8")
    return path


def ended(plan: Plan, begun: WorkoutRecord, upto: int, outcome: Outcome) -> WorkoutRecord:
    return begun.ended(plan, fake_records(plan, upto), outcome)


def test_a_kept_workout_never_replaces_a_newer_save(
    tmp_path: Path, hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    data = tmp_path / "data"
    store = HistoryStore(data)
    finished = ended(hamstring_plan, begun, 48, Outcome.FINISHED)
    store.save(finished)
    store.close()
    old = begun.progressed(hamstring_plan, fake_records(hamstring_plan, 5), current_index=5)
    stale = kept_file(data, old)
    again = HistoryStore(data)
    assert again.workouts() == [finished] and again.in_progress() == []
    assert not stale.exists(), "dealt with: the history already has it, ended"


def test_a_kept_workout_of_a_running_hamtimer_is_left_to_it(
    tmp_path: Path, hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    data = tmp_path / "data"
    running = begun.progressed(hamstring_plan, fake_records(hamstring_plan, 5), current_index=5)
    path = kept_file(data, running, owner=process_token())  # this process: alive
    store = HistoryStore(data)
    assert store.in_progress() == [] and path.exists()


def test_another_data_folders_kept_workout_is_not_taken(
    tmp_path: Path, hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    theirs = ended(hamstring_plan, begun, 48, Outcome.FINISHED)
    path = tmp_path / "tmp" / f"hamtimer-unsaved-{theirs.id}.json"
    path.write_text(dumps(theirs, data_dir=str(tmp_path / "elsewhere")), encoding="utf-8")
    store = HistoryStore(tmp_path / "data")
    store.check_writable()
    assert store.workouts() == [] and path.exists()


@pytest.mark.parametrize("damage", [b"{not json", b"", b'{"format": 1, "id": "x"}'])
def test_a_damaged_kept_file_is_set_aside_and_told(tmp_path: Path, damage: bytes) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "unsaved-00000000-0000-4000-8000-000000000000.json"
    path.write_bytes(damage)
    store = HistoryStore(data)
    store.check_writable()
    [notice] = store.take_notices()
    assert "cannot be read" in notice and not path.exists()
    assert Path(f"{path}.damaged").read_bytes() == damage


def test_a_kept_workout_that_is_a_fifo_does_not_hang_the_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / "unsaved-00000000-0000-4000-8000-000000000000.json")
    store = HistoryStore(data)
    store.check_writable()
    assert "named pipe" in " ".join(store.take_notices())


def test_the_json_form_reads_back_exactly(hamstring_plan: Plan, begun: WorkoutRecord) -> None:
    for record in (
        ended(hamstring_plan, begun, 20, Outcome.ABANDONED),
        begun.progressed(hamstring_plan, fake_records(hamstring_plan, 7), current_index=7),
    ):
        text = dumps(record, owner="host:1:2")
        assert parse(text.encode()).record == record
        assert json.loads(text)["owner"] == "host:1:2"


def test_a_workout_is_filed_under_the_version_of_the_circuit_it_ran(
    tmp_path: Path, hamstring_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(hamstring_path.read_bytes())
    found, circuit = open_circuit(str(path))
    path.write_text("# edited while the start screen showed\n" + path.read_text())
    session = WorkoutSession(found, circuit, store=None, clock=FakeClock())
    assert session.digest == circuit_hash(hamstring_path.read_bytes()), "the bytes it ran"


TORN = """
import resource, signal, sys
from pathlib import Path
from hamtimer.circuit import open_circuit
from hamtimer.history import Outcome, WorkoutRecord
from hamtimer.history.kept import keep
from hamtimer.plan import build_plan
from tests.history_fakes import fake_records

data = Path(sys.argv[1])
found, circuit = open_circuit(None)
plan = build_plan(circuit)
begun = WorkoutRecord.begin(plan, circuit_ref="hamstring", circuit_hash=found.digest())
keep(begun.progressed(plan, fake_records(plan, 2), current_index=2), None, data)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY))
try:
    keep(begun.ended(plan, fake_records(plan, 48), Outcome.FINISHED), None, data)
except OSError as error:
    print("not kept:", error.strerror)
"""


def test_a_write_that_fails_halfway_never_spoils_the_kept_workout(tmp_path: Path) -> None:
    """The operating system stops the second write at 1,000 bytes (RLIMIT_FSIZE), in the
    data folder and the temporary folder alike: the first kept file must still read whole."""
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-c", TORN, str(data)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent.parent)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "not kept: File too large", done
    [path] = data.glob("unsaved-*.json")
    kept = parse(path.read_bytes()).record
    assert kept.outcome is Outcome.IN_PROGRESS and kept.current_index == 2
    assert list(data.glob(".unsaved-*")) == [], "no half-written file left behind"
