"""The history store: every workout, in progress or ended, in the data folder's database.

`HistoryStore` is what the rest of hamtimer uses; it opens the database on first use
(`hamtimer.history.database`), imports a 0.1.0 data folder once (`hamtimer.history.legacy`)
and speaks in `WorkoutRecord`s (`hamtimer.history.rows`).

* Writing — `save` stores a workout in one transaction: the session calls it at every step
  change and pause (a checkpoint) and when the workout ends, so a kill at any instant loses
  at most the step in progress. A failure raises `HistoryError` with the folder and the fix;
  the app shows it and the workout runs on. Meanwhile `keep_aside` keeps the workout in a
  file of its own (`hamtimer.history.kept`), added to the history at the next start.
* Reading never raises: problems become one-time notices (`take_notices`).
* A workout in progress belongs to the process running it (`owner`): another hamtimer on
  the same data folder never offers to resume it while that process lives, and both
  workouts are stored when both finish.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

from hamtimer.history import following, kept, summaries
from hamtimer.history.database import DB_FILE, Opened, is_damage, open_database, set_aside
from hamtimer.history.following import Following, SessionLink, SessionRun
from hamtimer.history.holds import HoldTarget, HoldTrend, TargetKey
from hamtimer.history.records import HistoryError, Outcome, WorkoutRecord, circuit_matches
from hamtimer.history.rows import Reader, Row, Written, write

ENV_HINT = "set HAMTIMER_DATA_DIR or --data-dir to a writable folder"
FULL_HINT = "free some space on its disk (or set HAMTIMER_DATA_DIR or --data-dir to another)"
_T = TypeVar("_T")


def _start_time(pid: int) -> str:
    """When process `pid` started, in clock ticks since boot (Linux); '' where unknown.

    With the pid it names one process for good: a pid reused after a reboot or a crash
    has another start time.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def process_token(pid: int | None = None) -> str:
    """This process (or `pid`) as an owner: host, pid and start time."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def owner_alive(owner: str | None) -> bool:
    """True while the process named by `owner` still runs on this machine.

    An owner on another machine cannot be checked; it counts as gone, so its workout can
    be resumed here rather than stay unreachable.
    """
    if not owner:
        return False
    try:
        host, pid_text, started = owner.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        pass  # alive, someone else's
    except OSError:
        return False
    return not started or _start_time(pid) in ("", started)


def _hint(error: BaseException) -> str:
    """What to do about a failed write: make room on a full disk, else use another folder."""
    full = (isinstance(error, OSError) and error.errno == errno.ENOSPC) or (
        isinstance(error, sqlite3.Error) and "full" in str(error).lower()
    )
    return FULL_HINT if full else ENV_HINT


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        if isinstance(error, FileExistsError | NotADirectoryError):
            return "a file is in the way of that folder"
        return (error.strerror or str(error)).lower()
    return str(error).lower()


class HistoryStore:
    """The history of one data folder. Nothing is touched until it is first used."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._db: Opened | None = None
        self._lock = threading.RLock()
        self._notices: list[str] = []
        self._written = Written()
        self._kept: set[object] = set()  # ids of workouts kept aside by this process
        self.owner = process_token()

    @property
    def path(self) -> Path:
        """The database file."""
        return self.data_dir / DB_FILE

    def take_notices(self) -> list[str]:
        """Messages about data set aside or imported since the last call (each given once)."""
        with self._lock:
            notices, self._notices = self._notices, []
        return notices

    def _tell(self, notice: str) -> None:
        with self._lock:
            self._notices.append(notice)

    def close(self) -> None:
        """Close the database (the next use opens it again)."""
        with self._lock:
            if self._db is not None:
                self._db.conn.close()
                self._db = None

    # ------------------------------------------------------------------- opening

    def _open(self, *, create: bool) -> Opened | None:
        """The database, opened once (again, checked whole, before the first write if it
        was opened to read); a 0.1.0 folder and the workouts kept aside after a failed save
        are imported first (even to read it)."""
        if self._db is not None and (self._db.whole or not create):
            return self._db
        self.close()
        from hamtimer.history import legacy  # its pydantic loads only for a 0.1.0 folder

        found = legacy.legacy_files(self.data_dir)
        waiting = kept.kept_files(self.data_dir)
        self._db = open_database(
            self.data_dir, self._tell, create=create or bool(found) or bool(waiting)
        )
        if self._db is not None and not self._db.readonly:
            if found:
                legacy.import_folder(self.data_dir, self._db.conn, self._tell)
            if waiting:
                kept.import_kept(self.data_dir, self._db.conn, self._tell, owner_alive)
        return self._db

    def check_writable(self) -> None:
        """Raise `HistoryError` now, at start-up, if workouts could not be saved later."""
        with self._writing("save history") as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS write_test (x)")
            conn.execute("DROP TABLE temp.write_test")

    @contextlib.contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; any failure becomes a `HistoryError` that says what to do."""
        with self._lock:
            try:
                db = self._open(create=True)
                assert db is not None
                if db.readonly:
                    raise HistoryError(
                        f"cannot {action} in {self.data_dir}: {DB_FILE} was written by a newer "
                        f"hamtimer (schema {db.version}) — upgrade hamtimer, or {ENV_HINT}"
                    )
                db.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield db.conn
                    db.conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        db.conn.execute("ROLLBACK")
                    raise
            except (OSError, sqlite3.Error) as error:
                self._written = Written()  # what was written is unknown: write it all again
                raise HistoryError(
                    f"cannot {action} in {self.data_dir}: {_reason(error)} — {_hint(error)}"
                ) from error

    def _reading(self, read: Callable[[Reader], _T], default: _T) -> _T:
        """Run `read` on the database; never raises, problems become notices. A read that
        finds the file damaged sets it aside, recovers what it can and reads again."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    db = self._open(create=False)
                    if db is None:
                        return default
                    reader = Reader(db.conn)
                    result = read(reader)
                    break
                except (OSError, sqlite3.Error) as error:
                    if attempt == 1 and is_damage(error):
                        self.close()  # the file set aside and recovered, then read again
                        if set_aside(self.data_dir, error, self._tell):
                            continue
                    self._tell(f"{self.path}: cannot be read ({_reason(error)}); no history shown")
                    return default
            if reader.unreadable:
                self._tell(f"{DB_FILE}: {reader.unreadable} workout(s) could not be read")
            return result

    # ------------------------------------------------------------------- writing

    def save(
        self, record: WorkoutRecord, *, release: bool = False, session: SessionLink | None = None
    ) -> None:
        """Store `record` as it stands now, in one transaction.

        A workout in progress is marked as this process's unless `release` (saved to be
        resumed later, by this hamtimer or another). A workout run as a programme's
        `session` is linked to it in the same transaction.
        """
        with self._writing("save the workout") as conn:
            write(conn, record, self._owner(record, release), self._written)
            if session is not None:
                following.link(conn, session, str(record.id))
        if record.id in self._kept:
            self._kept.discard(record.id)
            kept.forget(record, self.data_dir)

    def _owner(self, record: WorkoutRecord, release: bool) -> str | None:
        return None if release or record.outcome is not Outcome.IN_PROGRESS else self.owner

    def keep_aside(self, record: WorkoutRecord, *, release: bool = False) -> Path:
        """Keep `record` in a file of its own after `save` failed; where it is kept.

        The data folder if it takes the file, else the temporary folder; the next `save`
        of the same workout that succeeds removes it, and the next start that finds it
        adds it to the history. Raises `HistoryError` when neither place can be written.
        """
        try:
            path = kept.keep(record, self._owner(record, release), self.data_dir)
        except OSError as error:
            raise HistoryError(
                f"cannot keep the workout in {self.data_dir} or {kept.elsewhere()} "
                f"either: {_reason(error)}"
            ) from error
        self._kept.add(record.id)
        return path

    def abandon(self, record: WorkoutRecord) -> WorkoutRecord:
        """An interrupted workout the runner did not resume: stored as abandoned."""
        ended = record.abandoned()
        self.save(ended)
        return ended

    # ------------------------------------------------------------------- reading

    def in_progress(self, circuit_hash: str | None = None) -> list[WorkoutRecord]:
        """Workouts not ended yet, running or interrupted, newest first."""
        return [row.record for row in self._in_progress(circuit_hash)]

    def interrupted(self, circuit_hash: str | None = None) -> list[WorkoutRecord]:
        """Workouts in progress that no running hamtimer owns, newest first."""
        return [row.record for row in self._in_progress(circuit_hash) if not owner_alive(row.owner)]

    def _in_progress(self, circuit_hash: str | None) -> list[Row]:
        where, params = "w.outcome = 'in_progress'", []
        if circuit_hash is not None:
            where += " AND w.circuit_hash = ?"
            params.append(circuit_hash)

        def read(reader: Reader) -> list[Row]:
            return reader.select(where, params, "ORDER BY w.saved_at DESC")

        rows: list[Row] = self._reading(read, [])
        return rows

    def resumable(self, circuit_hash: str) -> WorkoutRecord | None:
        """The circuit file's interrupted workout to offer for resuming, if any."""
        found = self.interrupted(circuit_hash)
        return found[0] if found else None

    def abandon_other_versions(self, circuit_ref: str, circuit_hash: str) -> list[WorkoutRecord]:
        """Store as abandoned the interrupted workouts of `circuit_ref` from another version.

        A circuit file edited after a crash has a new hash, so its old workout is never
        offered (its steps may no longer match); without this it would sit unseen for ever
        instead of reaching the history.
        """
        stale = [
            record
            for record in self.interrupted()
            if record.circuit_ref == circuit_ref and record.circuit_hash != circuit_hash
        ]
        return [self.abandon(record) for record in stale]

    def workouts(
        self, *, circuit: str | None = None, limit: int | None = None
    ) -> list[WorkoutRecord]:
        """Ended workouts, oldest first: of `circuit` only (`circuit_matches`), and only
        the newest `limit` of them when given.

        Without `circuit`, a `limit` is a query for just those rows (newest first on the
        start-time index), so `hamtimer history` reads 20 workouts of 20,000, not all.
        """

        def read(reader: Reader) -> list[Row]:
            where = "w.outcome != 'in_progress'"
            if limit is not None and not circuit:
                newest = "ORDER BY w.started_at DESC, w.id DESC LIMIT ?"
                return reader.build(reader.rows(where, (max(0, limit),), newest)[::-1])
            rows = reader.rows(where, (), "ORDER BY w.started_at, w.id")
            if circuit:
                rows = [row for row in rows if circuit_matches(circuit, *reader.names(row))]
            if limit is not None:
                rows = rows[max(0, len(rows) - max(0, limit)) :]  # all, when fewer
            return reader.build(rows)

        rows: list[Row] = self._reading(read, [])
        return [row.record for row in rows]

    def count(self, *, circuit: str | None = None) -> int:
        """How many workouts have ended (of `circuit` only, when given)."""

        def read(reader: Reader) -> int:
            if not circuit:  # counted in the database
                sql = "SELECT count(*) FROM workouts w JOIN plans p ON p.id = w.plan_id"
                return int(
                    reader.conn.execute(f"{sql} WHERE w.outcome != 'in_progress'").fetchone()[0]
                )
            rows = reader.rows("w.outcome != 'in_progress'")
            if circuit:
                rows = [row for row in rows if circuit_matches(circuit, *reader.names(row))]
            return len(rows)

        return self._reading(read, 0)

    def hold_targets(self) -> dict[TargetKey, HoldTarget]:
        """Last time's hold and the best, per to-fatigue exercise and side, from ended
        real-speed workouts only (`hamtimer.history.holds.hold_targets`), read from the
        holds summary: a row a side; {} when unreadable."""
        return self._reading(lambda reader: summaries.hold_targets(reader.conn), {})

    def hold_trends(self, latest: int) -> dict[str, HoldTrend]:
        """Per to-fatigue exercise: how many real workouts held it, and the `latest` of them
        (`hamtimer.history.holds.hold_trend`), read from the holds summary; {} when
        unreadable."""
        return self._reading(lambda reader: summaries.hold_trends(reader.conn, latest), {})

    # ------------------------------------------------------------------- programmes

    def follow(
        self,
        *,
        ref: str,
        path: Path,
        sha256: str,
        name: str,
        level: int | None,
        started_on: date,
    ) -> Following:
        """Follow a programme from `started_on` (the one followed before is stopped)."""
        with self._writing("follow the programme") as conn:
            return following.follow(
                conn,
                ref=ref,
                path=path,
                sha256=sha256,
                name=name,
                level=level,
                started_on=started_on,
            )

    def stop_following(self) -> bool:
        """Stop following the programme; False when none was followed."""
        with self._writing("stop following the programme") as conn:
            return following.stop(conn)

    def following(self) -> Following | None:
        """The programme followed, if any (None too when the history cannot be read)."""
        return self._reading(lambda reader: following.followed(reader.conn), None)

    def session_runs(self, programme_id: int) -> list[SessionRun]:
        """Every ended workout run as a session of the programme, oldest first."""
        return self._reading(lambda reader: following.runs(reader, programme_id), [])

    def get(self, workout_id: object) -> WorkoutRecord | None:
        """One workout by id, whatever its state."""

        def read(reader: Reader) -> list[Row]:
            return reader.select("w.uuid = ?", (str(workout_id),))

        rows: list[Row] = self._reading(read, [])
        return rows[0].record if rows else None
