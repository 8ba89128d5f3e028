"""Carrying over a hamtimer 0.1.0 data folder: `history.jsonl` and its resume checkpoints.

0.1.0 kept every ended workout as one JSON line of `history.jsonl` and the workout in
progress in `checkpoint-<circuit sha256>.json`. On the first start with a database, each
readable workout and checkpoint is imported in one transaction, and then the old files are
renamed (`history-0.1.0.jsonl`, `checkpoint-<sha256>-0.1.0.json`), never rewritten: they
stay as they were, damaged lines included. A damaged or unknown line is reported, not
dropped silently; an imported checkpoint is offered for resuming like any interrupted
workout. Importing twice (a kill before the renames) adds nothing: ids already stored are
skipped.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path

from hamtimer.files import MIB, FileReadError, read_bytes
from hamtimer.history.database import Tell, aside_path
from hamtimer.history.records import Outcome, WorkoutRecord
from hamtimer.history.rows import Written, write

HISTORY = "history.jsonl"
CHECKPOINT = re.compile(r"^checkpoint-([0-9a-f]{64})\.json$")
CHECKPOINT_KEPT = re.compile(r"^checkpoint-[0-9a-f]{64}-0\.1\.0")
MAX_BYTES = 64 * MIB
"""The largest 0.1.0 file imported: a 0.1.0 history takes about 10 KB a workout (6,500 of
them fit), a checkpoint about 20 KB. A larger file is reported, and left as it is."""


def _parse(data: bytes) -> WorkoutRecord:
    from hamtimer.history import jsonform  # pydantic: only when a 0.1.0 folder is imported

    return jsonform.parse(data).record


def _is_newer(line: bytes) -> bool:
    from hamtimer.history import jsonform

    return jsonform.is_newer(line)


def read_history(path: Path) -> tuple[list[WorkoutRecord], int, int]:
    """The readable workouts of a 0.1.0 history (one per id), damaged and newer line counts.

    The same id appears twice only after a kill between appending and clearing a
    checkpoint; a finished entry then wins over an abandoned one, else the later line.
    """
    raw = read_bytes(path, limit=MAX_BYTES, what="a 0.1.0 history")
    chosen: dict[uuid.UUID, WorkoutRecord] = {}
    damaged = newer = 0
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            record = _parse(line)
        except ValueError:  # pydantic's ValidationError too
            if _is_newer(line):
                newer += 1
            else:
                damaged += 1
            continue
        previous = chosen.get(record.id)
        if previous is None or not (
            previous.outcome is Outcome.FINISHED and record.outcome is Outcome.ABANDONED
        ):
            chosen[record.id] = record
    return sorted(chosen.values(), key=lambda item: item.started_at), damaged, newer


def legacy_files(folder: Path) -> list[Path]:
    """The 0.1.0 history and checkpoint files in `folder`, history first."""
    history = folder / HISTORY
    checkpoints = sorted(
        path for path in _listing(folder) if CHECKPOINT.match(path.name) and path.is_file()
    )
    return ([history] if history.is_file() else []) + checkpoints


def import_folder(folder: Path, conn: sqlite3.Connection, tell: Tell) -> None:
    """Import a 0.1.0 history and checkpoints found in `folder`, then rename them."""
    files = legacy_files(folder)
    if not files:
        return
    history = folder / HISTORY
    checkpoints = [path for path in files if path != history]
    try:
        records, damaged, newer = read_history(history) if history.is_file() else ([], 0, 0)
    except FileReadError as problem:
        tell(f"{problem}; not imported, left as it is")
        records, damaged, newer = [], 0, 0
        files = checkpoints
    unreadable: list[str] = []
    for path in checkpoints:
        try:
            records.append(_parse(read_bytes(path, limit=MAX_BYTES, what="a 0.1.0 checkpoint")))
        except (FileReadError, ValueError):  # pydantic's ValidationError too
            unreadable.append(path.name)
    added, unfinished = _store(conn, records)
    kept = [_rename(path, "-0.1.0") for path in files if path.is_file()]
    report = f"hamtimer 0.1.0 data imported: {added} workout(s), {unfinished} unfinished"
    if damaged or newer:
        report += f"; {damaged + newer} unreadable line(s) skipped"
        if newer:
            report += f" ({newer} from a newer hamtimer)"
    if unreadable:
        report += f"; unreadable: {', '.join(unreadable)}"
    names = [path.name for path in kept if not CHECKPOINT_KEPT.match(path.name)]
    if len(names) < len(kept):
        names.append(f"{len(kept) - len(names)} checkpoint-…-0.1.0.json")
    tell(f"{report}; the old files are kept, renamed: {', '.join(names)}")


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _store(conn: sqlite3.Connection, records: list[WorkoutRecord]) -> tuple[int, int]:
    """Insert the records not stored yet, in one transaction: (ended, in progress) added.

    The history's records come first, so a checkpoint whose workout is already in the
    history (0.1.0 was killed after storing it, before dropping the checkpoint) is skipped
    like any id already stored.
    """
    written = Written()
    added = unfinished = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for record in records:
            if conn.execute("SELECT 1 FROM workouts WHERE uuid = ?", (str(record.id),)).fetchone():
                continue
            write(conn, record, None, written)
            in_progress = record.outcome is Outcome.IN_PROGRESS
            unfinished += in_progress
            added += not in_progress
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return added, unfinished


def _rename(path: Path, label: str) -> Path:
    """history.jsonl → history-0.1.0.jsonl (or a free name like it); the file is not touched."""
    target = path.with_name(f"{path.stem}{label}{path.suffix}")
    if target.exists():
        target = aside_path(target, "more")
    path.rename(target)
    return target
