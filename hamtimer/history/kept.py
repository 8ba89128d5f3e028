"""Workouts kept aside: a save to the database failed (a full disk), so the workout waits in
a file of its own until it can be written, and is written at the next start.

`keep` writes the workout (`hamtimer.history.jsonform`) to `unsaved-<id>.json` in the data
folder or, when even that cannot be written, to `hamtimer-unsaved-<id>.json` in the
temporary folder, each time whole (a new file renamed over the old, so a torn write never
hides a kept workout). `import_kept` adds every kept workout of a data folder to its
database, never over a newer save of the same workout and never one whose hamtimer is
still running (that one will save it itself), then removes the file. A file that cannot be
read is renamed `….damaged` and reported, never deleted.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from hamtimer.files import MIB, FileReadError, read_bytes, reason_of
from hamtimer.history.database import Tell
from hamtimer.history.records import Outcome, WorkoutRecord
from hamtimer.history.rows import Written, write

MAX_BYTES = 16 * MIB  # a workout of 2,000 steps takes about 600 KB
NAME = re.compile(r"^(hamtimer-)?unsaved-[0-9a-f-]{36}\.json$")


def elsewhere() -> Path:
    """Where a workout is kept when the data folder cannot take it: the temporary folder."""
    return Path(tempfile.gettempdir())


def _places(data_dir: Path, record: WorkoutRecord) -> list[Path]:
    return [
        data_dir / f"unsaved-{record.id}.json",
        elsewhere() / f"hamtimer-unsaved-{record.id}.json",
    ]


def _folder_key(data_dir: Path) -> str:
    return str(data_dir.expanduser().resolve())


def keep(record: WorkoutRecord, owner: str | None, data_dir: Path) -> Path:
    """Write `record` where it can be written; the file. Raises OSError if nowhere can."""
    from hamtimer.history import jsonform  # pydantic: only when a save has failed

    text = jsonform.dumps(record, owner=owner, data_dir=_folder_key(data_dir))
    problem: OSError | None = None
    for path in _places(data_dir, record):
        try:
            _write(path, text)
        except OSError as error:
            problem = problem or error
            continue
        for other in _places(data_dir, record):
            if other != path:
                with contextlib.suppress(OSError):
                    other.unlink()
        return path
    assert problem is not None
    raise problem


def _write(path: Path, text: str) -> None:
    """`text` into `path`, whole or not at all: a new file, flushed, renamed over the old."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def forget(record: WorkoutRecord, data_dir: Path) -> None:
    """The workout is in the database now: its kept files go."""
    for path in _places(data_dir, record):
        with contextlib.suppress(OSError):
            path.unlink()


def kept_files(data_dir: Path) -> list[Path]:
    """The kept workouts of `data_dir`: in it, and this user's in the temporary folder."""
    found = []
    for folder, prefix in ((data_dir, "unsaved-"), (elsewhere(), "hamtimer-unsaved-")):
        try:
            paths = sorted(folder.iterdir())
        except (OSError, ValueError):
            continue
        for path in paths:
            if path.name.startswith(prefix) and NAME.match(path.name):
                with contextlib.suppress(OSError):
                    if folder == data_dir or _ours(path):
                        found.append(path)
    return found


def _ours(path: Path) -> bool:
    """True for a file of this user (the temporary folder is shared on Unix)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or path.lstat().st_uid == getuid()


def import_kept(
    data_dir: Path, conn: sqlite3.Connection, tell: Tell, alive: Callable[[str | None], bool]
) -> None:
    """Add the kept workouts of `data_dir` to the database, then remove their files."""
    added: list[WorkoutRecord] = []
    files = kept_files(data_dir)
    if not files:
        return
    from hamtimer.history import jsonform  # pydantic: only when a workout was kept aside

    for path in files:
        try:
            kept = jsonform.parse(read_bytes(path, limit=MAX_BYTES, what="a kept workout"))
        except (FileReadError, ValueError) as problem:  # pydantic's ValidationError too
            _set_aside(path, str(problem).splitlines()[0], tell)
            continue
        if path.parent != data_dir and kept.data_dir != _folder_key(data_dir):
            continue  # another data folder's
        if alive(kept.owner):
            continue  # its hamtimer still runs and will save it itself
        try:
            if _newer_than_stored(conn, kept.record):
                conn.execute("BEGIN IMMEDIATE")
                try:
                    write(conn, kept.record, None, Written())
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                added.append(kept.record)
        except sqlite3.Error as error:
            tell(f"{path}: a workout kept after a failed save cannot be added yet ({error})")
            continue
        with contextlib.suppress(OSError):
            path.unlink()
    for record in added:
        tell(f"added to your history: a workout that could not be saved before ({_what(record)})")


def _newer_than_stored(conn: sqlite3.Connection, record: WorkoutRecord) -> bool:
    """True unless the database holds this workout ended, or saved later than `record`."""
    row = conn.execute(
        "SELECT outcome, saved_at FROM workouts WHERE uuid = ?", (str(record.id),)
    ).fetchone()
    if row is None:
        return True
    outcome, saved_at = row
    if outcome != Outcome.IN_PROGRESS and record.outcome is Outcome.IN_PROGRESS:
        return False
    return datetime.fromisoformat(str(saved_at)) < record.saved_at


def _what(record: WorkoutRecord) -> str:
    done = f"{record.completed}/{len(record.steps)} steps"
    when = record.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    state = "in progress" if record.outcome is Outcome.IN_PROGRESS else str(record.outcome)
    return f"{record.circuit}, {when}, {state}, {done}"


def _set_aside(path: Path, why: str, tell: Tell) -> None:
    target = path.with_name(f"{path.name}.damaged")
    try:
        path.replace(target)
    except OSError as error:
        tell(f"{path}: cannot be read ({why}) or set aside ({reason_of(error)})")
        return
    tell(f"{path.name}: cannot be read ({why}); kept as {target}")
