"""Workout records in and out of the database: the one module that spells out its rows.

A plan's steps are stored once (`plans`, `plan_steps`) and shared by every workout of that
plan; a workout stores its own row and one small row per step it reached (status and
durations in milliseconds); an ended one also its best holds (`schema.refresh_holds`).
Reading joins them back into `WorkoutRecord`s with every step.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from hamtimer.circuit import BlockRole, Side
from hamtimer.digest import sha256_hex
from hamtimer.events import StepStatus
from hamtimer.history.records import Outcome, StepEntry, WorkoutRecord
from hamtimer.history.schema import refresh_holds
from hamtimer.plan import IntervalKind, StepKind, WorkMode

_CHUNK = 500  # ids per IN (...) query, well below SQLite's variable limit
_STATUSES = {str(status): status for status in StepStatus}


def plan_digest(record: WorkoutRecord) -> str:
    """A plan's identity: its circuit, challenge mode and every step's summary (and, when
    a step has one, its role and its prescribed range, and its interval; a plan without is
    as it was)."""
    shape: list[object] = [record.circuit, record.challenge, [s.summary for s in record.steps]]
    extra = [
        [step.index, str(step.role), step.low, step.high]
        for step in record.steps
        if step.role is not BlockRole.MAIN or step.low is not None
    ]
    if extra:
        shape.append(extra)
    intervals = [
        [step.index, str(step.interval), step.interval_number]
        for step in record.steps
        if step.interval is not None
    ]
    if intervals:
        shape.append(intervals)
    return sha256_hex(json.dumps(shape, ensure_ascii=False).encode())


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="microseconds")


StepRow = tuple[str, int, int, int | None, int | None, int | None]


def _step_row(step: StepEntry) -> StepRow:
    held = None if step.held_seconds is None else _ms(step.held_seconds)
    active, paused = _ms(step.active_seconds), _ms(step.paused_seconds)
    return (str(step.status), active, paused, held, step.reps_counted, step.rounds)


@dataclass
class Written:
    """What this process last wrote of each workout, so a save writes only what changed."""

    plans: dict[str, int] = field(default_factory=dict)  # digest → plan id
    steps: dict[uuid.UUID, dict[int, StepRow]] = field(default_factory=dict)


def write(
    conn: sqlite3.Connection, record: WorkoutRecord, owner: str | None, written: Written
) -> None:
    """Store `record` (inside the caller's transaction): its plan once, its row, its steps.

    The first write of a workout in a process replaces all its step rows (a resumed
    workout may have left rows the engine no longer has); later ones write the changes
    (the engine never takes a step back to not reached).
    """
    plan_id = _plan_id(conn, record, written)
    workout_id = conn.execute(
        """
        INSERT INTO workouts (uuid, plan_id, circuit_ref, circuit_hash, speed, started_at,
                              saved_at, ended_at, outcome, current_index, paused, owner)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (uuid) DO UPDATE SET
            saved_at = excluded.saved_at, ended_at = excluded.ended_at,
            outcome = excluded.outcome, current_index = excluded.current_index,
            paused = excluded.paused, owner = excluded.owner
        RETURNING id
        """,
        (
            str(record.id),
            plan_id,
            record.circuit_ref,
            record.circuit_hash,
            record.speed,
            _time(record.started_at),
            _time(record.saved_at),
            _time(record.ended_at),
            str(record.outcome),
            record.current_index,
            int(record.paused),
            owner,
        ),
    ).fetchone()[0]
    rows = {step.index: _step_row(step) for step in record.steps if step.reached}
    before = written.steps.get(record.id)
    if before is None:
        conn.execute("DELETE FROM steps WHERE workout_id = ?", (workout_id,))
        before = {}
    changed = [(index, row) for index, row in rows.items() if before.get(index) != row]
    conn.executemany(
        """
        INSERT INTO steps (workout_id, idx, status, active_ms, paused_ms, held_ms, reps, rounds)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (workout_id, idx) DO UPDATE SET
            status = excluded.status, active_ms = excluded.active_ms,
            paused_ms = excluded.paused_ms, held_ms = excluded.held_ms, reps = excluded.reps,
            rounds = excluded.rounds
        """,
        [(workout_id, index, *row) for index, row in changed],
    )
    written.steps[record.id] = rows
    if record.outcome is not Outcome.IN_PROGRESS:
        refresh_holds(conn, workout_id)


def _plan_id(conn: sqlite3.Connection, record: WorkoutRecord, written: Written) -> int:
    digest = plan_digest(record)
    if digest in written.plans:
        return written.plans[digest]
    conn.execute(
        "INSERT INTO plans (digest, circuit, challenge, step_count) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (digest) DO NOTHING",
        (digest, record.circuit, int(record.challenge), len(record.steps)),
    )
    plan_id = int(conn.execute("SELECT id FROM plans WHERE digest = ?", (digest,)).fetchone()[0])
    conn.executemany(
        """
        INSERT INTO plan_steps (plan_id, idx, summary, kind, mode, exercise, side, set_number,
                                planned, role, range_low, range_high, interval,
                                interval_number)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (plan_id, idx) DO UPDATE SET
            planned = coalesce(plan_steps.planned, excluded.planned)
        """,
        [
            (
                plan_id,
                step.index,
                step.summary,
                str(step.kind),
                None if step.mode is None else str(step.mode),
                step.exercise,
                None if step.side is None else str(step.side),
                step.set_number,
                step.planned,
                None if step.role is BlockRole.MAIN else str(step.role),
                step.low,
                step.high,
                None if step.interval is None else str(step.interval),
                step.interval_number,
            )
            for step in record.steps
        ],
    )
    written.plans[digest] = plan_id
    return plan_id


# --------------------------------------------------------------------------- reading

_COLUMNS = (
    "w.id, w.uuid, w.plan_id, p.circuit, p.challenge, w.circuit_ref, w.circuit_hash, w.speed, "
    "w.started_at, w.saved_at, w.ended_at, w.outcome, w.current_index, w.paused, w.owner"
)


Result = tuple[int, str, int, int, int | None, int | None, int | None]
"""A step's row as read: index, status, active, paused and held ms, paced reps counted,
an AMRAP's rounds."""


@dataclass(frozen=True)
class Row:
    """A workout row as read, with its owner (the process running it, if any)."""

    record: WorkoutRecord
    owner: str | None


class Reader:
    """Builds records from rows; keeps the plans it has read, which many workouts share."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.unreadable = 0  # rows skipped because their values make no sense
        self._plans: dict[int, tuple[StepEntry, ...]] = {}

    def select(self, where: str = "", params: Sequence[object] = (), tail: str = "") -> list[Row]:
        """Workouts matching `where` (SQL over `w` workouts and `p` plans), in `tail` order."""
        return self.build(self.rows(where, params, tail))

    def rows(
        self, where: str = "", params: Sequence[object] = (), tail: str = ""
    ) -> list[tuple[object, ...]]:
        """The workout rows alone (no steps), to pick from before building records."""
        sql = f"SELECT {_COLUMNS} FROM workouts w JOIN plans p ON p.id = w.plan_id"
        if where:
            sql += f" WHERE {where}"
        return list(self.conn.execute(f"{sql} {tail}", tuple(params)).fetchall())

    @staticmethod
    def names(row: tuple[object, ...]) -> tuple[str, str]:
        """A workout row's circuit title and the name or path it was picked by."""
        return str(row[3]), str(row[5])

    def build(self, rows: list[tuple[object, ...]]) -> list[Row]:
        """Records for workout rows selected with `_COLUMNS`."""
        self._load_plans({int(str(row[2])) for row in rows})
        results = self._results([int(str(row[0])) for row in rows])
        built = []
        for row in rows:
            try:
                built.append(self._record(row, results))
            except (ValueError, TypeError, KeyError):
                self.unreadable += 1
        return built

    def _record(
        self,
        row: tuple[object, ...],
        results: dict[int, list[Result]],
    ) -> Row:
        (wid, wuuid, plan_id, circuit, challenge, ref, digest, speed) = row[:8]
        (started, saved, ended, outcome, current, paused, owner) = row[8:]
        steps = list(self._plans[int(str(plan_id))])
        for index, status, active, pause_ms, held, reps, rounds in results.get(int(str(wid)), ()):
            if 0 <= index < len(steps):
                plan = steps[index]
                steps[index] = StepEntry(  # positional: a few times faster than replace()
                    plan.index, plan.summary, plan.kind, plan.mode, plan.exercise, plan.side,
                    plan.set_number, plan.planned, _STATUSES[status], active / 1000,
                    pause_ms / 1000, None if held is None else held / 1000, plan.role,
                    plan.low, plan.high, reps, plan.interval, plan.interval_number, rounds,
                )  # fmt: skip
        record = WorkoutRecord(
            id=uuid.UUID(str(wuuid)),
            circuit=str(circuit),
            circuit_ref=str(ref),
            circuit_hash=str(digest),
            challenge=bool(challenge),
            speed=float(str(speed)),
            started_at=datetime.fromisoformat(str(started)),
            saved_at=datetime.fromisoformat(str(saved)),
            ended_at=None if ended is None else datetime.fromisoformat(str(ended)),
            outcome=Outcome(str(outcome)),
            current_index=int(str(current)),
            paused=bool(paused),
            steps=tuple(steps),
        )
        return Row(record, None if owner is None else str(owner))

    def _load_plans(self, plan_ids: Iterable[int]) -> None:
        missing = [plan_id for plan_id in plan_ids if plan_id not in self._plans]
        for chunk in _chunks(missing):
            marks = ", ".join("?" * len(chunk))
            found: dict[int, list[StepEntry]] = {plan_id: [] for plan_id in chunk}
            for row in self.conn.execute(
                "SELECT plan_id, idx, summary, kind, mode, exercise, side, set_number, planned, "
                "role, range_low, range_high, interval, interval_number "
                f"FROM plan_steps WHERE plan_id IN ({marks}) ORDER BY plan_id, idx",
                chunk,
            ):
                plan_id, index, summary, kind, mode, exercise, side, set_number, planned = row[:9]
                role, low, high, interval, interval_number = row[9:]
                found[plan_id].append(
                    StepEntry(
                        index=index,
                        summary=summary,
                        kind=StepKind(kind),
                        mode=None if mode is None else WorkMode(mode),
                        exercise=exercise,
                        side=None if side is None else Side(side),
                        set_number=set_number,
                        planned=planned,
                        role=BlockRole.MAIN if role is None else BlockRole(role),
                        low=low,
                        high=high,
                        interval=None if interval is None else IntervalKind(interval),
                        interval_number=interval_number,
                    )
                )
            self._plans.update({plan_id: tuple(steps) for plan_id, steps in found.items()})

    def _results(self, workout_ids: list[int]) -> dict[int, list[Result]]:
        results: dict[int, list[Result]] = {}
        for chunk in _chunks(workout_ids):
            marks = ", ".join("?" * len(chunk))
            for wid, *rest in self.conn.execute(
                "SELECT workout_id, idx, status, active_ms, paused_ms, held_ms, reps, rounds "
                f"FROM steps WHERE workout_id IN ({marks})",
                chunk,
            ):
                results.setdefault(wid, []).append(tuple(rest))
        return results


def _chunks(items: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
