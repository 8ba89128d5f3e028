"""Bad data and bad folders: nothing stops the app, nothing is deleted, each problem told once."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from history_fakes import fake_records

from hamtimer import history
from hamtimer.history import (
    HistoryError,
    HistoryStore,
    Outcome,
    Session,
    WorkoutEntry,
    checkpoint_from_records,
    circuit_hash,
    entry_from_records,
)
from hamtimer.plan import Plan

START = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def digest(hamstring_path: Path) -> str:
    return circuit_hash(hamstring_path)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data")


@pytest.fixture
def entries(hamstring_plan: Plan, digest: str) -> list[WorkoutEntry]:
    made = []
    for day in range(3):
        session = Session.begin(
            hamstring_plan,
            circuit_ref="hamstring",
            circuit_hash=digest,
            now=START + timedelta(days=day),
        )
        made.append(
            entry_from_records(
                hamstring_plan,
                fake_records(hamstring_plan, 48),
                session,
                outcome=Outcome.FINISHED,
                ended_at=session.started_at + timedelta(minutes=20),
            )
        )
    return made


def line(entry: WorkoutEntry) -> bytes:
    return entry.model_dump_json().encode() + b"\n"


def write_history(store: HistoryStore, data: bytes) -> None:
    store.data_dir.mkdir(parents=True, exist_ok=True)
    store.history_path.write_bytes(data)


def corrupt_files(store: HistoryStore) -> list[Path]:
    return sorted(path for path in store.data_dir.iterdir() if ".corrupt-" in path.name)


# ------------------------------------------------------------------ history file


def test_truncated_last_line_is_set_aside_and_told_once(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    torn = line(entries[1])[:150]
    write_history(store, line(entries[0]) + torn)

    result = store.load()
    assert result.entries == [entries[0]]
    [aside] = corrupt_files(store)
    assert aside.name.startswith("history.corrupt-") and aside.suffix == ".jsonl"
    assert aside.read_bytes() == torn + b"\n"
    assert result.notices == [f"history.jsonl: 1 unreadable line kept in {aside}"]
    assert store.history_path.read_bytes() == line(entries[0])

    again = HistoryStore(store.data_dir).load()
    assert again.entries == [entries[0]] and again.notices == []
    assert corrupt_files(store) == [aside]


def test_an_append_after_a_torn_line_starts_a_new_line(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    """A kill mid-append, then the next workout appended before anyone read the file."""
    write_history(store, line(entries[0]) + line(entries[1])[:99])
    store.append(entries[2])
    result = store.load()
    assert result.entries == [entries[0], entries[2]]
    assert len(result.notices) == 1 and "1 unreadable line" in result.notices[0]


def test_a_last_line_missing_only_its_newline_is_kept(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    write_history(store, line(entries[0]) + line(entries[1]).rstrip(b"\n"))
    store.append(entries[2])
    result = store.load()
    assert result.entries == entries and result.notices == []


@pytest.mark.parametrize(
    "garbage",
    [
        b"\xff\xfe\xfd not utf-8 \xc3\x28",
        b"\x00" * 64,  # what a power cut can leave
        b'{"format": 1, "id": "nope"}',
        b"[1, 2, 3]",
        b"null",
        b"hamtimer",
        b"{" * 5000,
        b"[" * 100_000,  # deep nesting: must not blow the recursion limit
        b'{"format": "2"}',
    ],
    ids=[
        "invalid-utf8",
        "nul-bytes",
        "wrong-fields",
        "array",
        "null",
        "text",
        "braces",
        "nesting",
        "format-as-text",
    ],
)
def test_garbage_lines_are_set_aside_and_the_rest_shown(
    store: HistoryStore, entries: list[WorkoutEntry], garbage: bytes
) -> None:
    write_history(store, line(entries[0]) + garbage + b"\n" + line(entries[1]) + line(entries[2]))
    result = store.load()
    assert result.entries == entries
    [aside] = corrupt_files(store)
    assert aside.read_bytes() == garbage + b"\n"
    assert len(result.notices) == 1 and str(aside) in result.notices[0]
    assert store.history_path.read_bytes() == b"".join(line(entry) for entry in entries)


def test_many_bad_lines_go_to_one_file_in_order(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    write_history(store, b"one\n" + line(entries[0]) + b"two\n\xff three")
    result = store.load()
    assert result.entries == [entries[0]]
    [aside] = corrupt_files(store)
    assert aside.read_bytes() == b"one\ntwo\n\xff three\n"
    assert "3 unreadable lines" in result.notices[0]


def test_a_second_repair_in_the_same_second_keeps_both_quarantines(
    store: HistoryStore, entries: list[WorkoutEntry], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "_stamp", lambda: "20260301T103000")
    write_history(store, b"first bad\n" + line(entries[0]))
    store.load()
    with store.history_path.open("ab") as file:
        file.write(b"second bad\n")
    store.load()
    contents = sorted(path.read_bytes() for path in corrupt_files(store))
    assert contents == [b"first bad\n", b"second bad\n"]


@pytest.mark.parametrize("data", [b"", b"\n\n", b"  \n\t\n"], ids=["empty", "newlines", "blank"])
def test_an_empty_history_is_just_empty(store: HistoryStore, data: bytes) -> None:
    write_history(store, data)
    assert store.load() == history.LoadResult(entries=[], notices=[])
    assert corrupt_files(store) == []


def test_a_missing_folder_is_an_empty_history(store: HistoryStore) -> None:
    assert store.load() == history.LoadResult(entries=[], notices=[])
    assert not store.data_dir.exists()


def test_a_record_from_a_newer_hamtimer_is_left_alone(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    future = b'{"format": 2, "id": "x", "whatever": "changed"}\n'
    write_history(store, line(entries[0]) + future)
    result = store.load()
    assert result.entries == [entries[0]]
    assert corrupt_files(store) == []
    assert future in store.history_path.read_bytes()
    assert "newer hamtimer" in result.notices[0]


def test_a_folder_where_the_history_should_be(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    store.history_path.mkdir(parents=True)
    (store.history_path / "precious.txt").write_text("keep me")

    result = store.load()
    assert result.entries == []
    [moved] = [path for path in store.data_dir.iterdir() if ".not-a-file-" in path.name]
    assert (moved / "precious.txt").read_text() == "keep me"
    assert result.notices == [
        f"history.jsonl: was a folder, not a file; moved it with its contents to {moved}"
    ]

    store.append(entries[0])
    again = store.load()
    assert again == history.LoadResult(entries=[entries[0]], notices=[])


def test_appending_over_a_folder_saves_the_workout_and_keeps_the_folder(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    store.history_path.mkdir(parents=True)
    (store.history_path / "inside").write_text("x")
    store.append(entries[0])
    [notice] = store.take_notices()
    assert "was a folder" in notice
    assert store.load().entries == [entries[0]]
    assert any((path / "inside").exists() for path in store.data_dir.iterdir() if path.is_dir())


def test_leftover_temporary_files_are_swept_only_when_old(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    store.append(entries[0])
    old = store.data_dir / ".checkpoint-abc.json.x1.tmp"
    fresh = store.data_dir / ".checkpoint-abc.json.x2.tmp"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    long_ago = time.time() - 2 * history.TEMP_MAX_AGE
    os.utime(old, (long_ago, long_ago))
    store.load()
    assert not old.exists() and fresh.exists()


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_an_unreadable_history_is_reported_not_raised(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    store.append(entries[0])
    store.history_path.chmod(0)
    try:
        result = store.load()
    finally:
        store.history_path.chmod(0o644)
    assert result.entries == [] and "cannot be read" in result.notices[0]


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders")
def test_bad_lines_stay_put_when_they_cannot_be_set_aside(
    store: HistoryStore, entries: list[WorkoutEntry]
) -> None:
    data = line(entries[0]) + b"garbage\n"
    write_history(store, data)
    store.data_dir.chmod(0o500)
    try:
        result = store.load()
    finally:
        store.data_dir.chmod(0o700)
    assert result.entries == [entries[0]]
    assert "left in place" in result.notices[0]
    assert store.history_path.read_bytes() == data


# ------------------------------------------------------------------ checkpoint


def save_one(store: HistoryStore, plan: Plan, digest: str, index: int = 13) -> Session:
    session = Session.begin(plan, circuit_ref="hamstring", circuit_hash=digest, now=START)
    store.save_checkpoint(
        checkpoint_from_records(plan, fake_records(plan, index), session, current_index=index)
    )
    return session


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"\xff\xfe" + data[2:],
        lambda data: data.replace(b'"current_index":13', b'"current_index":480'),
    ],
    ids=["truncated", "empty", "garbage-bytes", "index-out-of-range"],
)
def test_a_corrupt_checkpoint_is_set_aside_and_told_once(
    store: HistoryStore,
    hamstring_plan: Plan,
    digest: str,
    damage: object,
) -> None:
    save_one(store, hamstring_plan, digest)
    path = store.checkpoint_path(digest)
    assert callable(damage)
    bad = damage(path.read_bytes())
    path.write_bytes(bad)

    restarted = HistoryStore(store.data_dir)
    assert restarted.load_checkpoint(digest) is None
    [aside] = corrupt_files(restarted)
    assert aside.name.startswith(f"checkpoint-{digest}.corrupt-")
    assert aside.read_bytes() == bad
    assert restarted.take_notices() == [f"{path.name}: unreadable; kept in {aside}"]
    assert restarted.load_checkpoint(digest) is None
    assert restarted.take_notices() == []


def test_a_checkpoint_of_another_circuit_under_this_name_is_set_aside(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    save_one(store, hamstring_plan, digest)
    other = circuit_hash(b"other")
    store.checkpoint_path(digest).rename(store.checkpoint_path(other))
    assert store.load_checkpoint(other) is None
    assert "another circuit" in store.take_notices()[0]
    assert len(corrupt_files(store)) == 1


def test_a_folder_where_the_checkpoint_should_be(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    store.checkpoint_path(digest).mkdir(parents=True)
    assert store.load_checkpoint(digest) is None
    assert "was a folder" in store.take_notices()[0]
    session = save_one(store, hamstring_plan, digest)
    checkpoint = store.load_checkpoint(digest)
    assert checkpoint is not None and checkpoint.id == session.id


def test_a_checkpoint_from_a_newer_hamtimer_is_left_alone(store: HistoryStore, digest: str) -> None:
    store.data_dir.mkdir(parents=True)
    store.checkpoint_path(digest).write_text('{"format": 9}')
    assert store.load_checkpoint(digest) is None
    assert "newer hamtimer" in store.take_notices()[0]
    assert store.checkpoint_path(digest).exists() and corrupt_files(store) == []


def test_a_corrupt_history_does_not_hide_a_checkpoint(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    session = save_one(store, hamstring_plan, digest)
    write_history(store, b"\xff broken\n")
    checkpoint = store.load_checkpoint(digest)
    assert checkpoint is not None and checkpoint.id == session.id
    assert "1 unreadable line" in store.take_notices()[0]  # told at start, not lost


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
    blocked: HistoryStore, hamstring_plan: Plan, digest: str, entries: list[WorkoutEntry]
) -> None:
    with pytest.raises(HistoryError, match="cannot save the workout"):
        blocked.append(entries[0])
    with pytest.raises(HistoryError, match="cannot save the checkpoint"):
        save_one(blocked, hamstring_plan, digest)
    with pytest.raises(HistoryError):
        blocked.record(entries[0])


def test_reads_from_an_unwritable_folder_never_raise(blocked: HistoryStore, digest: str) -> None:
    result = blocked.load()
    assert result.entries == []
    assert blocked.load_checkpoint(digest) is None
    assert blocked.checkpoints() == []
    assert blocked.abandon_checkpoint(digest) is None
    blocked.clear_checkpoint(digest)  # nothing there: nothing to do


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
        with pytest.raises(HistoryError, match="permission denied"):
            HistoryStore(folder).check_writable()
    finally:
        folder.chmod(0o700)


def test_check_writable_leaves_nothing_behind(store: HistoryStore) -> None:
    store.check_writable()
    assert [path.name for path in store.data_dir.iterdir()] == []
