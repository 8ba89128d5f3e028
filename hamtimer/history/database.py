"""The history database file: its schema, its migrations, and what happens when it is damaged.

One SQLite file, `history.sqlite3`, in the data folder, in WAL mode with `synchronous=FULL`:
a transaction that has returned is on disk, a kill at any instant leaves the last committed
state, and two hamtimers can write to it at once (each waits for the other's short
transaction). The schema is versioned with `PRAGMA user_version` and marked as hamtimer's
with `PRAGMA application_id`; `MIGRATIONS[n]` takes version n to n + 1.

Bad files never stop hamtimer and are never deleted (`open_database`):

* a file that is not hamtimer's (another program's database, or not a database at all) is
  renamed aside and a fresh history started; so is anything that is not a regular file
  (a folder, a FIFO, a device, a symlink loop) in the place of the file or of its
  write-ahead log, which SQLite would otherwise block on or fail to open;
* a damaged one is renamed aside with its write-ahead log, every row that can still be
  read is copied into a fresh history (`recover`), and the notice says how many workouts
  came back;
* one written by a newer hamtimer is left exactly as it is and opened read-only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from hamtimer.files import FileReadError, not_regular, opened, reason_of

DB_FILE = "history.sqlite3"
APPLICATION_ID = 0x68616D74  # "hamt"
SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another hamtimer's transaction
HEADER = b"SQLite format 3\x00"

_SCHEMA_1 = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,          -- the plan's identity: circuit, challenge, summaries
    circuit TEXT NOT NULL,                -- the circuit's title
    challenge INTEGER NOT NULL,
    step_count INTEGER NOT NULL
);
CREATE TABLE plan_steps (                 -- what a plan says of each step, stored once a plan
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    idx INTEGER NOT NULL,
    summary TEXT NOT NULL,
    kind TEXT NOT NULL,
    mode TEXT,
    exercise TEXT,
    side TEXT,
    set_number INTEGER,
    planned REAL,                         -- seconds; NULL for reps and holds the runner ends
    PRIMARY KEY (plan_id, idx)
) WITHOUT ROWID;
CREATE TABLE workouts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    circuit_ref TEXT NOT NULL,            -- the name or path the runner picked it by
    circuit_hash TEXT NOT NULL,           -- sha256 of the circuit file
    speed REAL NOT NULL,                  -- the clock's speed; not 1 = a rehearsal
    started_at TEXT NOT NULL,             -- ISO 8601, UTC
    saved_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT NOT NULL,                -- in_progress, finished or abandoned
    current_index INTEGER NOT NULL,
    paused INTEGER NOT NULL,
    owner TEXT                            -- host:pid:start of the process running it
);
CREATE INDEX workouts_by_start ON workouts (started_at);
CREATE INDEX workouts_in_progress ON workouts (circuit_hash) WHERE outcome = 'in_progress';
CREATE TABLE steps (                      -- how each reached step went; none for the rest
    workout_id INTEGER NOT NULL REFERENCES workouts (id),
    idx INTEGER NOT NULL,
    status TEXT NOT NULL,
    active_ms INTEGER NOT NULL,
    paused_ms INTEGER NOT NULL,
    held_ms INTEGER,
    PRIMARY KEY (workout_id, idx)
) WITHOUT ROWID;
"""

_SCHEMA_2 = """
ALTER TABLE plan_steps ADD COLUMN role TEXT;        -- warm-up or cool-down; NULL: the workout's own
ALTER TABLE plan_steps ADD COLUMN range_low REAL;   -- a prescribed range of reps or seconds:
ALTER TABLE plan_steps ADD COLUMN range_high REAL;  -- its bottom and top ("6-8": 6 and 8)
ALTER TABLE steps ADD COLUMN reps INTEGER;          -- paced reps: how many were counted
"""

_SCHEMA_3 = """
ALTER TABLE plan_steps ADD COLUMN interval TEXT;          -- emom, amrap or intervals
ALTER TABLE plan_steps ADD COLUMN interval_number INTEGER; -- EMOM and intervals: which one
ALTER TABLE steps ADD COLUMN rounds INTEGER;               -- an AMRAP's rounds counted
"""

_SCHEMA_4 = """
CREATE TABLE IF NOT EXISTS programmes (   -- the programme followed, one at a time
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,                    -- the name or path the runner followed it by
    path TEXT NOT NULL,                   -- the file, when followed
    sha256 TEXT NOT NULL,                 -- of the file, when followed
    name TEXT NOT NULL,                   -- its title
    level INTEGER,                        -- the level chosen, from 1; NULL: it has none
    started_on TEXT NOT NULL,             -- the day it began (ISO date, the runner's own)
    stopped_at TEXT                       -- ISO 8601, UTC; NULL while followed
);
CREATE UNIQUE INDEX IF NOT EXISTS programmes_followed ON programmes ((stopped_at IS NULL))
    WHERE stopped_at IS NULL;             -- at most one followed at a time
CREATE TABLE IF NOT EXISTS programme_workouts (  -- which workout was which session
    programme_id INTEGER NOT NULL REFERENCES programmes (id),
    workout_id INTEGER NOT NULL REFERENCES workouts (id),
    session INTEGER NOT NULL,             -- its place in the programme, from 1
    day TEXT NOT NULL,                    -- the day it was done (ISO date, the runner's own)
    PRIMARY KEY (programme_id, workout_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS programme_workouts_by_workout ON programme_workouts (workout_id);
"""

MIGRATIONS: tuple[str, ...] = (_SCHEMA_1, _SCHEMA_2, _SCHEMA_3, _SCHEMA_4)
"""`MIGRATIONS[n]` takes a database from schema version n to n + 1 (0: an empty file)."""

TABLES = ("plans", "plan_steps", "workouts", "steps", "programmes", "programme_workouts")
"""Every table, parents first: the order rows are copied in when salvaging."""

Tell = Callable[[str], None]


class DamagedError(Exception):
    """The database file cannot be used as it is; the message says why, for the notice."""

    def __init__(self, why: str, *, foreign: bool = False) -> None:
        super().__init__(why)
        self.foreign = foreign  # another program's database: nothing of ours to recover


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from any thread."""
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")


def aside_path(path: Path, label: str) -> Path:
    """A free name beside `path`: history.sqlite3 → history.damaged-20261130T101500.sqlite3."""
    base = f"{path.stem}.{label}-{_stamp()}"
    for attempt in range(1, 1000):
        candidate = path.with_name(base + (f"-{attempt}" if attempt > 1 else "") + path.suffix)
        if not any(
            Path(f"{candidate}{tail}").exists() or Path(f"{candidate}{tail}").is_symlink()
            for tail in ("", "-wal", "-shm")
        ):
            return candidate
    raise FileExistsError(f"no free name beside {path}")


def move_aside(path: Path, label: str) -> Path:
    """Rename `path` (and its -wal and -shm files) out of the way, keeping them; return where."""
    target = aside_path(path, label)
    for tail in ("-wal", "-shm"):
        companion = Path(f"{path}{tail}")
        if companion.exists():
            companion.rename(f"{target}{tail}")
    path.rename(target)
    return target


def _is_foreign(conn: sqlite3.Connection) -> bool:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return False
    tables = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    return application_id != 0 or tables > 0


def _check(conn: sqlite3.Connection) -> int:
    """The schema version of a usable hamtimer database; raise `DamagedError` if it is not."""
    if _is_foreign(conn):
        raise DamagedError("not a hamtimer history", foreign=True)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise DamagedError(f"damaged ({verdict})")
    return version


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring the schema up to date, one version a transaction (WAL mode first)."""
    conn.execute("PRAGMA journal_mode = WAL")
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current == version:  # another hamtimer may have just done it
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
                if version == 0:
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """The statements of a migration script, so they run inside one explicit transaction."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line.split("--", 1)[0] + ("\n" if line.endswith("\n") else "")
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [statement for statement in statements if statement]


class Opened:
    """An open history database and how it may be used."""

    def __init__(self, conn: sqlite3.Connection, *, readonly: bool, version: int) -> None:
        self.conn = conn
        self.readonly = readonly
        self.version = version


def open_database(folder: Path, tell: Tell, *, create: bool) -> Opened | None:
    """Open the folder's history, repairing what must be repaired; None if there is none.

    `create` makes the folder and the file when missing (for writing); reading an absent
    history creates nothing. Raises `OSError` or `sqlite3.Error` only for a folder that
    cannot be used at all (the caller turns them into a message with the fix).
    """
    path = folder / DB_FILE
    for odd in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        why = _not_a_file(odd)
        if why:
            target = move_aside(odd, "not-a-file")
            tell(f"{odd.name}: {why}; moved it aside to {target}")
    if path.exists() and not _has_header(path):
        _start_over(path, "damaged (not an SQLite file)", tell, label="damaged", salvage=False)
    if not path.exists() or path.stat().st_size == 0:
        if not create:
            return None
        folder.mkdir(parents=True, exist_ok=True)
    try:
        return _open_checked(path)
    except (DamagedError, sqlite3.DatabaseError) as problem:
        if isinstance(problem, sqlite3.OperationalError) and not _is_damage(problem):
            raise
        foreign = isinstance(problem, DamagedError) and problem.foreign
        why = str(problem) if isinstance(problem, DamagedError) else f"damaged ({problem})"
        label = "not-hamtimer" if foreign else "damaged"
        _start_over(path, why, tell, label=label, salvage=not foreign)
    if not path.exists() and not create:
        return None
    return _open_checked(path)


def _not_a_file(path: Path) -> str | None:
    """Why `path` is in the way of a database file (a folder, a FIFO…); None if it is not."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None  # absent, or a symlink to a file not made yet: SQLite makes it
    except OSError as error:
        return reason_of(error)
    problem = not_regular(mode)
    return problem.replace("is a", "was a", 1) if problem else None


def _has_header(path: Path) -> bool:
    try:
        with opened(path) as fd:
            head = os.read(fd, len(HEADER))
    except FileReadError as problem:
        raise OSError(problem.reason) from None
    return head in (b"", HEADER)  # an empty file is a database SQLite has not written yet


def _is_damage(error: sqlite3.OperationalError) -> bool:
    """Operational errors that mean a bad file rather than a busy or unwritable one."""
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _open_checked(path: Path) -> Opened:
    conn = connect(path)
    try:
        version = _check(conn)
        if version > SCHEMA_VERSION:
            conn.close()
            return Opened(connect(path, readonly=True), readonly=True, version=version)
        _migrate(conn, version)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return Opened(conn, readonly=False, version=SCHEMA_VERSION)


def _start_over(path: Path, why: str, tell: Tell, *, label: str, salvage: bool) -> None:
    """Set the file aside (kept); when `recover`, copy what can be read into a fresh one."""
    target = move_aside(path, label)
    found = ""
    if salvage:
        fresh = _open_checked(path)
        try:
            found = f"; {recover(target, fresh.conn)} workout(s) recovered from it"
        finally:
            fresh.conn.close()
    tell(f"{path.name}: {why}; kept as {target.name}, started a fresh history{found}")


def recover(damaged: Path, fresh: sqlite3.Connection) -> int:
    """Copy every row that can still be read from `damaged` into `fresh`; workouts saved.

    Works on a temporary copy (with its write-ahead log), so the file set aside stays
    exactly as it was found. Rows are read one key at a time where a whole table cannot
    be, and a workout comes back only with its plan.
    """
    with tempfile.TemporaryDirectory(prefix="hamtimer-salvage-") as scratch:
        copy = Path(scratch) / "copy.sqlite3"
        shutil.copyfile(damaged, copy)
        wal = Path(f"{damaged}-wal")
        if wal.exists():
            shutil.copyfile(wal, f"{copy}-wal")
        try:
            source = connect(copy)
        except sqlite3.Error:
            return 0
        try:
            return _copy_rows(source, fresh)
        finally:
            source.close()


_KEYS = {
    "plans": "id",
    "plan_steps": "plan_id",
    "workouts": "id",
    "steps": "workout_id",
    "programmes": "id",
    "programme_workouts": "programme_id",
}


def _rows(source: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple[object, ...]]]:
    """The columns of `table` and every readable row: all at once, else key by key around
    the damage. (An older file has fewer columns; the fresh one fills in the rest.)"""
    with contextlib.suppress(sqlite3.Error):
        cursor = source.execute(f"SELECT * FROM {table}")
        return [column[0] for column in cursor.description], cursor.fetchall()
    key = _KEYS[table]
    try:
        names = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
        keys = [row[0] for row in source.execute(f"SELECT DISTINCT {key} FROM {table}")]
    except sqlite3.Error:
        return [], []
    found: list[tuple[object, ...]] = []
    for value in keys:
        with contextlib.suppress(sqlite3.Error):
            found.extend(source.execute(f"SELECT * FROM {table} WHERE {key} = ?", (value,)))
    return names, found


def _copy_rows(source: sqlite3.Connection, fresh: sqlite3.Connection) -> int:
    fresh.execute("BEGIN IMMEDIATE")
    try:
        for table in TABLES:
            names, rows = _rows(source, table)
            if not rows:
                continue
            marks = ", ".join("?" * len(names))
            columns = ", ".join(names)
            for row in rows:
                with contextlib.suppress(sqlite3.Error):  # e.g. a step whose workout was lost
                    fresh.execute(
                        f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})", row
                    )
        saved = fresh.execute("SELECT count(*) FROM workouts").fetchone()[0]
        fresh.execute("COMMIT")
    except BaseException:
        fresh.execute("ROLLBACK")
        raise
    return int(saved)
