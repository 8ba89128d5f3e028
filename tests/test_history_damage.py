"""Bad files and bad folders: nothing stops hamtimer, nothing is deleted, each problem told once."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from hamtimer.history import HistoryError, HistoryStore, Outcome, WorkoutRecord
from hamtimer.history.database import APPLICATION_ID, DB_FILE, SCHEMA_VERSION
from hamtimer.plan import Plan
from tests.conftest import START
from tests.history_fakes import fake_records

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data")


def workouts(plan: Plan, digest: str, count: int) -> list[WorkoutRecord]:
    made = []
    for day in range(count):
        begun = WorkoutRecord.begin(
            plan, circuit_ref="hamstring", circuit_hash=digest, now=START + timedelta(days=day)
        )
        made.append(
            begun.ended(
                plan,
                fake_records(plan, len(plan)),
                Outcome.FINISHED,
                now=begun.started_at + timedelta(minutes=20),
            )
        )
    return made


def filled(store: HistoryStore, plan: Plan, digest: str, count: int = 3) -> list[WorkoutRecord]:
    made = workouts(plan, digest, count)
    for record in made:
        store.save(record)
    store.close()
    return made


def aside(store: HistoryStore, label: str) -> list[Path]:
    return sorted(store.data_dir.glob(f"history.{label}-*.sqlite3"))


# ------------------------------------------------------------------ damaged files


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"\xff\xfe garbage, not a database at all" * 50,
        lambda data: b"\x00" * len(data),  # what a power cut can leave
        lambda data: data[:100],  # the header alone survived
    ],
    ids=["garbage", "zeros", "truncated-header"],
)
def test_an_unreadable_file_is_set_aside_and_a_fresh_history_started(
    store: HistoryStore, hamstring_plan: Plan, digest: str, damage: object
) -> None:
    filled(store, hamstring_plan, digest)
    assert callable(damage)
    bad = damage(store.path.read_bytes())
    store.path.write_bytes(bad)

    again = HistoryStore(store.data_dir)
    assert again.workouts() == []
    [kept] = aside(again, "damaged") + aside(again, "not-hamtimer")
    assert kept.read_bytes() == bad, "set aside exactly as found"
    [notice] = again.take_notices()
    assert notice.startswith(f"{DB_FILE}: ") and kept.name in notice and "fresh" in notice
    if not bad.startswith(b"SQLite format 3"):
        assert "not an SQLite file" in notice
    again.save(workouts(hamstring_plan, digest, 1)[0])  # the fresh history works
    assert len(HistoryStore(store.data_dir).workouts()) == 1
    assert HistoryStore(store.data_dir).take_notices() == [], "told once"


def test_a_damaged_database_gives_back_every_workout_it_still_can(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    made = filled(store, hamstring_plan, digest, count=40)
    data = bytearray(store.path.read_bytes())
    page = 4096
    pages = len(data) // page
    with sqlite3.connect(store.path) as conn:  # find a page of the steps table to ruin
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'steps'").fetchone()[0]
    victim = max(root, pages - 2)  # a leaf near the end: some workouts lose their steps
    data[(victim - 1) * page + 8 : victim * page] = os.urandom(page - 8)
    store.path.write_bytes(bytes(data))

    again = HistoryStore(store.data_dir)
    recovered = again.workouts()
    [kept] = aside(again, "damaged")
    [notice] = again.take_notices()
    assert "damaged" in notice and kept.name in notice and "recovered" in notice
    assert 0 < len(recovered) <= len(made)
    by_id = {record.id: record for record in made}
    for record in recovered:  # what comes back is a real workout, not invented
        original = by_id[record.id]
        assert (record.started_at, record.outcome) == (original.started_at, original.outcome)
    assert f"{len(recovered)} workout(s) recovered" in notice


def test_a_database_of_another_program_is_left_whole(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True)
    with sqlite3.connect(store.path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ada')")
    original = store.path.read_bytes()
    assert store.workouts() == []
    [kept] = aside(store, "not-hamtimer")
    assert kept.read_bytes() == original
    assert "not a hamtimer history" in store.take_notices()[0]
    assert not store.path.exists(), "reading starts no history of its own"


def test_a_database_from_a_newer_hamtimer_is_read_and_never_changed(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    made = filled(store, hamstring_plan, digest, count=2)
    with sqlite3.connect(store.path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.execute("ALTER TABLE workouts ADD COLUMN mood TEXT")
    conn.close()
    before = store.path.read_bytes()
    again = HistoryStore(store.data_dir)
    assert again.workouts() == made
    with pytest.raises(HistoryError, match="newer hamtimer") as caught:
        again.save(workouts(hamstring_plan, digest, 3)[2])
    assert "upgrade hamtimer" in str(caught.value)
    again.close()
    assert store.path.read_bytes() == before and aside(store, "damaged") == []


def test_a_folder_where_the_database_should_be(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    store.path.mkdir(parents=True)
    (store.path / "something.txt").write_text("keep me")
    assert store.workouts() == []
    notice = store.take_notices()[0]
    assert "was a folder" in notice
    moved = next(store.data_dir.glob("history.not-a-file-*"))
    assert (moved / "something.txt").read_text() == "keep me"
    made = workouts(hamstring_plan, digest, 1)
    store.save(made[0])
    assert HistoryStore(store.data_dir).workouts() == made


def test_an_empty_file_is_just_an_empty_history(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True)
    store.path.write_bytes(b"")
    assert store.workouts() == [] and store.take_notices() == []


def test_a_missing_folder_is_an_empty_history(store: HistoryStore, digest: str) -> None:
    assert store.workouts() == [] and store.resumable(digest) is None
    assert store.take_notices() == [] and not store.data_dir.exists()


def test_every_commit_is_synced_to_disk(store: HistoryStore) -> None:
    """WAL with synchronous=FULL: a transaction that returned survives a power cut too."""
    store.check_writable()
    assert store._db is not None
    conn = store._db.conn
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,), "FULL"
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_the_file_is_marked_as_hamtimers_and_versioned(store: HistoryStore) -> None:
    store.check_writable()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_an_unreadable_database_is_reported_not_raised(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    filled(store, hamstring_plan, digest, count=1)
    store.path.chmod(0)
    try:
        again = HistoryStore(store.data_dir)
        assert again.workouts() == []
        assert "cannot be read" in again.take_notices()[0]
    finally:
        store.path.chmod(0o644)
    assert store.path.exists() and aside(store, "damaged") == []


# ------------------------------------------------------------------ unwritable folders


@pytest.fixture
def blocked(tmp_path: Path) -> HistoryStore:
    """A data folder below a regular file: unwritable even for root."""
    (tmp_path / "afile").write_text("not a folder")
    return HistoryStore(tmp_path / "afile" / "data")


def test_check_writable_names_the_folder_and_the_fix(blocked: HistoryStore) -> None:
    with pytest.raises(HistoryError) as caught:
        blocked.check_writable()
    message = str(caught.value)
    assert str(blocked.data_dir) in message
    assert "HAMTIMER_DATA_DIR" in message and "--data-dir" in message


def test_writes_to_an_unwritable_folder_raise_history_error(
    blocked: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    made = workouts(hamstring_plan, digest, 1)[0]
    with pytest.raises(HistoryError, match="cannot save the workout"):
        blocked.save(made)
    with pytest.raises(HistoryError):
        blocked.abandon(made)


def test_reads_from_an_unwritable_folder_never_raise(blocked: HistoryStore, digest: str) -> None:
    assert blocked.workouts() == [] and blocked.count() == 0
    assert blocked.resumable(digest) is None and blocked.interrupted() == []
    assert blocked.abandon_other_versions("hamstring", digest) == []


def test_a_file_where_the_data_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("oops")
    with pytest.raises(HistoryError, match="a file is in the way"):
        HistoryStore(tmp_path / "data").check_writable()


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders")
def test_a_read_only_folder_is_reported_at_start(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(HistoryError, match=r"unable to open|readonly|permission"):
            HistoryStore(folder).check_writable()
    finally:
        folder.chmod(0o700)


def test_check_writable_leaves_only_the_database(store: HistoryStore) -> None:
    store.check_writable()
    store.close()
    assert [path.name for path in store.data_dir.iterdir()] == [DB_FILE]


def test_a_full_disk_fails_the_save_and_keeps_what_was_saved(
    tmp_path: Path, hamstring_plan: Plan, digest: str
) -> None:
    """A database that may not grow stands for a full disk: the save fails, history stays."""
    store = HistoryStore(tmp_path / "data")
    made = workouts(hamstring_plan, digest, 30)
    store.save(made[0])
    pages = store._db.conn.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[union-attr]
    store._db.conn.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[union-attr]
    with pytest.raises(HistoryError, match="full"):
        for record in made[1:]:
            store.save(record)
    store.close()
    kept = HistoryStore(store.data_dir).workouts()
    assert kept[0] == made[0] and kept == made[: len(kept)]


def test_a_killed_writer_leaves_a_readable_database(
    tmp_path: Path, hamstring_plan: Plan, digest: str
) -> None:
    """The write-ahead log a kill leaves behind is replayed by the next reader."""
    folder = tmp_path / "data"
    script = (
        "import os, sys; from pathlib import Path\n"
        "from hamtimer.history import HistoryStore\n"
        "from tests.test_history_damage import workouts\n"
        "from hamtimer.circuit import open_circuit\n"
        "from hamtimer.plan import build_plan\n"
        "found, circuit = open_circuit(None)\n"
        "store = HistoryStore(Path(sys.argv[1]))\n"
        "for record in workouts(build_plan(circuit), found.digest(), 5): store.save(record)\n"
        "os._exit(0)  # no close: the log is left as a kill leaves it\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run([sys.executable, "-c", script, str(folder)], check=True, env=env)
    assert Path(f"{folder / DB_FILE}-wal").exists()
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    assert len(HistoryStore(copy).workouts()) == 5


def test_a_workout_row_that_makes_no_sense_is_skipped_and_told(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    made = filled(store, hamstring_plan, digest, count=3)
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE steps SET status = 'exploded' WHERE workout_id = 2 AND idx = 0")
    again = HistoryStore(store.data_dir)
    assert again.workouts() == [made[0], made[2]]
    assert again.take_notices() == [f"{DB_FILE}: 1 workout(s) could not be read"]
