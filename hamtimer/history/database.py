"""The history database file: opening it, its migrations, and what happens when it is damaged.

One SQLite file, `history.sqlite3`, in the data folder, in WAL mode with `synchronous=FULL`:
a transaction that has returned is on disk, a kill at any instant leaves the last committed
state, and two hamtimers can write to it at once (each waits for the other's short
transaction). The schema is versioned with `PRAGMA user_version` and marked as hamtimer's
with `PRAGMA application_id`; `MIGRATIONS[n]` (`hamtimer.history.schema`) takes version n
to n + 1.

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
from hamtimer.history.schema import FOLLOWED, MIGRATIONS, SCHEMA_VERSION, TABLES, refresh_holds

_SCHEMA_1 = MIGRATIONS[0]  # the first schema: what a history of version 1 holds

DB_FILE = "history.sqlite3"
APPLICATION_ID = 0x68616D74  # "hamt"
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another hamtimer's transaction
CACHE_KIB = 256
"""SQLite's page cache per connection, in KiB: a full check or a long read streams the file
through it, and SQLite's default (2 MiB) would stay in memory for the rest of a workout."""
HEADER = b"SQLite format 3\x00"


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
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
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


def _check(conn: sqlite3.Connection, *, whole: bool) -> int:
    """The schema version of a usable hamtimer database; raise `DamagedError` if it is not.

    `whole` reads every page (SQLite's quick_check: 0.13 s for 20,000 workouts), as a writer
    does before it writes; a reader checks the header and the schema, and finds damage
    where it reads (`is_damage`).
    """
    if _is_foreign(conn):
        raise DamagedError("not a hamtimer history", foreign=True)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if whole:
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

    def __init__(
        self, conn: sqlite3.Connection, *, readonly: bool, version: int, whole: bool
    ) -> None:
        self.conn = conn
        self.readonly = readonly
        self.version = version
        self.whole = whole
        """Checked whole when opened (a writer's open), not only its header and schema."""


def open_database(folder: Path, tell: Tell, *, create: bool) -> Opened | None:
    """Open the folder's history, repairing what must be repaired; None if there is none.

    `create` makes the folder and the file when missing, and checks the whole file before
    anything is written to it; reading an absent history creates nothing, and a reader
    checks only the header and the schema (`set_aside` when a read finds damage). Raises
    `OSError` or `sqlite3.Error` only for a folder that cannot be used at all (the caller
    turns them into a message with the fix).
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
        return _open_checked(path, whole=create)
    except (DamagedError, sqlite3.DatabaseError) as problem:
        if isinstance(problem, sqlite3.OperationalError) and not is_damage(problem):
            raise
        foreign = isinstance(problem, DamagedError) and problem.foreign
        why = str(problem) if isinstance(problem, DamagedError) else f"damaged ({problem})"
        label = "not-hamtimer" if foreign else "damaged"
        _start_over(path, why, tell, label=label, salvage=not foreign)
    if not path.exists() and not create:
        return None
    return _open_checked(path, whole=create)


def may_follow(folder: Path) -> bool:
    """Whether the history in `folder` may follow a programme, read cheaply before the start
    screen's first frame (nothing imported but SQLite, nothing checked, set aside or
    changed): False when there is no file or it follows none, True when it follows one or
    cannot be read as it is (the store then opens it, repairs it or says what is wrong)."""
    path = folder / DB_FILE
    if not path.is_file():  # absent, a folder, a FIFO: the store deals with those
        return False
    try:
        conn = connect(path, readonly=True)
        try:
            sql = f"SELECT 1 FROM programmes WHERE {FOLLOWED} LIMIT 1"
            return conn.execute(sql).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return True


def set_aside(folder: Path, problem: BaseException, tell: Tell) -> bool:
    """The database a read found damaged (its connection closed): set aside and recovered
    into a fresh one, as when the damage is found at open; False if that failed."""
    try:
        _start_over(folder / DB_FILE, f"damaged ({problem})", tell, label="damaged", salvage=True)
    except (OSError, sqlite3.Error):
        return False
    return True


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


def is_damage(error: BaseException) -> bool:
    """True for SQLite's errors that mean a bad file rather than a busy or unwritable one
    (or a mistake in a query: those are never taken for damage)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _open_checked(path: Path, *, whole: bool) -> Opened:
    conn = connect(path)
    try:
        version = _check(conn, whole=whole)
        if version > SCHEMA_VERSION:
            conn.close()
            return Opened(connect(path, readonly=True), readonly=True, version=version, whole=whole)
        _migrate(conn, version)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return Opened(conn, readonly=False, version=SCHEMA_VERSION, whole=whole)


def _start_over(path: Path, why: str, tell: Tell, *, label: str, salvage: bool) -> None:
    """Set the file aside (kept); when `recover`, copy what can be read into a fresh one."""
    target = move_aside(path, label)
    found = ""
    if salvage:
        fresh = _open_checked(path, whole=False)
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
        refresh_holds(fresh)
        saved = fresh.execute("SELECT count(*) FROM workouts").fetchone()[0]
        fresh.execute("COMMIT")
    except BaseException:
        fresh.execute("ROLLBACK")
        raise
    return int(saved)
