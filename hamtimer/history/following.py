"""The programme a runner follows, in the database: the one followed, its start and level,
and which workout was which session. The rows only; what they mean is worked out by
`hamtimer.programme.schedule`.

A workout run as a session is linked to it when it is first saved, in the same transaction
as the workout's own row, and the link's day is the day of its latest save: a resumed
workout is the same workout, so it counts once, on the day it was done. A session counts
when its workout finished at real speed; an abandoned one or a rehearsal stays linked but
counts for nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hamtimer.history.records import Outcome, WorkoutRecord, utc_now
from hamtimer.history.rows import Reader
from hamtimer.history.schema import FOLLOWED


@dataclass(frozen=True)
class Following:
    """The programme followed: which file (as it was when followed), the level, the start."""

    id: int
    ref: str
    path: Path
    sha256: str
    name: str
    level: int | None
    started_on: date


@dataclass(frozen=True)
class SessionLink:
    """What makes a workout a programme's session: the programme, the session, the day."""

    programme_id: int
    session: int
    day: date


@dataclass(frozen=True)
class SessionRun:
    """A workout run as a programme session, and the day it was done."""

    session: int
    day: date
    record: WorkoutRecord

    @property
    def counts(self) -> bool:
        """It moves the programme on: finished, at real speed."""
        return self.record.outcome is Outcome.FINISHED and not self.record.rehearsal


def followed(conn: sqlite3.Connection) -> Following | None:
    """The programme followed now, if any."""
    row = conn.execute(
        "SELECT id, ref, path, sha256, name, level, started_on FROM programmes "
        f"WHERE {FOLLOWED} ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    pid, ref, path, sha, name, level, started = row
    return Following(
        int(pid),
        str(ref),
        Path(str(path)),
        str(sha),
        str(name),
        None if level is None else int(level),
        date.fromisoformat(str(started)),
    )


def follow(
    conn: sqlite3.Connection,
    *,
    ref: str,
    path: Path,
    sha256: str,
    name: str,
    level: int | None,
    started_on: date,
) -> Following:
    """Start following a programme (inside the caller's transaction); the one followed
    before, if any, is stopped."""
    stop(conn)
    conn.execute(
        "INSERT INTO programmes (ref, path, sha256, name, level, started_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (ref, str(path), sha256, name, level, started_on.isoformat()),
    )
    found = followed(conn)
    assert found is not None
    return found


def stop(conn: sqlite3.Connection, now: datetime | None = None) -> bool:
    """Stop following (inside the caller's transaction); False when nothing was followed."""
    moment = (now or utc_now()).isoformat(timespec="seconds")
    cursor = conn.execute(
        "UPDATE programmes SET stopped_at = ? WHERE stopped_at IS NULL", (moment,)
    )
    return cursor.rowcount > 0


def link(conn: sqlite3.Connection, session: SessionLink, uuid: str) -> None:
    """Record the workout `uuid` (already saved) as `session`."""
    conn.execute(
        """
        INSERT INTO programme_workouts (programme_id, workout_id, session, day)
        SELECT ?, id, ?, ? FROM workouts WHERE uuid = ?
        ON CONFLICT (programme_id, workout_id) DO UPDATE SET day = excluded.day
        """,
        (session.programme_id, session.session, session.day.isoformat(), uuid),
    )


def runs(reader: Reader, programme_id: int) -> list[SessionRun]:
    """Every ended workout run as a session of the programme, oldest first."""
    days = {
        str(uuid): (int(session), date.fromisoformat(str(day)))
        for uuid, session, day in reader.conn.execute(
            "SELECT w.uuid, pw.session, pw.day FROM programme_workouts pw "
            "JOIN workouts w ON w.id = pw.workout_id WHERE pw.programme_id = ?",
            (programme_id,),
        )
    }
    rows = reader.select(
        "w.outcome != 'in_progress' AND w.id IN "
        "(SELECT workout_id FROM programme_workouts WHERE programme_id = ?)",
        (programme_id,),
        "ORDER BY w.started_at, w.id",
    )
    return [
        SessionRun(*days[str(row.record.id)], row.record)
        for row in rows
        if str(row.record.id) in days
    ]
