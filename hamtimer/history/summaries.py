"""Hold targets and trends read from the holds summary (`hamtimer.history.schema`): a few
rows on an index, however many workouts the history holds.

They give what `hamtimer.history.holds` finds in the records themselves (`hold_targets`,
`hold_trend`): the tests hold the two to the same answers.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime

from hamtimer.circuit import Side
from hamtimer.history.holds import (
    UNEVEN,
    HoldTarget,
    HoldTrend,
    TargetKey,
    TrendPoint,
    side_difference,
)

_SIDES = ((Side.RIGHT, "right_ms"), (Side.LEFT, "left_ms"), (None, "both_ms"))


def _exercises(conn: sqlite3.Connection) -> list[str]:
    """The exercises that have holds (from the plans: a few rows)."""
    rows = conn.execute(
        "SELECT DISTINCT coalesce(exercise, summary) FROM plan_steps WHERE mode = 'open'"
    ).fetchall()
    return [str(name) for (name,) in rows]


def _seconds(held_ms: object) -> float | None:
    return None if held_ms is None else int(str(held_ms)) / 1000


def hold_targets(conn: sqlite3.Connection) -> dict[TargetKey, HoldTarget]:
    """Per exercise and side: the latest real workout's best hold, and the longest."""
    targets: dict[TargetKey, HoldTarget] = {}
    for exercise in _exercises(conn):
        bests = conn.execute(
            "SELECT MAX(right_ms), MAX(left_ms), MAX(both_ms) FROM holds WHERE exercise = ?",
            (exercise,),
        ).fetchone()
        for (side, column), best in zip(_SIDES, bests, strict=True):
            if best is None:
                continue
            (last,) = conn.execute(
                f"SELECT {column} FROM holds WHERE exercise = ? AND {column} IS NOT NULL "
                "ORDER BY started_at DESC, workout_id DESC LIMIT 1",
                (exercise,),
            ).fetchone()
            targets[(exercise, side)] = HoldTarget(
                exercise, side, last=int(last) / 1000, best=int(best) / 1000
            )
    return targets


def hold_trends(conn: sqlite3.Connection, latest: int) -> dict[str, HoldTrend]:
    """Per exercise, in the order the workouts first held them: how many real workouts
    held it, and the `latest` of them (oldest first) as chart points."""
    found: list[tuple[tuple[str, int, int], HoldTrend]] = []
    for exercise in _exercises(conn):
        (count,) = conn.execute(
            "SELECT count(*) FROM holds WHERE exercise = ?", (exercise,)
        ).fetchone()
        if not count:
            continue
        first = conn.execute(
            "SELECT started_at, workout_id, first_idx FROM holds WHERE exercise = ? "
            "ORDER BY started_at, workout_id LIMIT 1",
            (exercise,),
        ).fetchone()
        rows = conn.execute(
            "SELECT w.uuid, h.started_at, h.right_ms, h.left_ms, h.both_ms FROM holds h "
            "JOIN workouts w ON w.id = h.workout_id WHERE h.exercise = ? "
            "ORDER BY h.started_at DESC, h.workout_id DESC LIMIT ?",
            (exercise, max(0, latest)),
        ).fetchall()
        points = tuple(_point(*row) for row in reversed(rows))
        found.append((tuple(first), HoldTrend(exercise, int(count), points)))
    return {trend.exercise: trend for _, trend in sorted(found, key=lambda item: item[0])}


def _point(
    workout: object, started: object, right_ms: object, left_ms: object, both_ms: object
) -> TrendPoint:
    right, left = _seconds(right_ms), _seconds(left_ms)
    difference = None if right is None or left is None else side_difference(right, left)
    return TrendPoint(
        workout_id=uuid.UUID(str(workout)),
        started_at=datetime.fromisoformat(str(started)),
        right=right,
        left=left,
        both=_seconds(both_ms),
        difference=difference,
        uneven=difference is not None and difference > UNEVEN,
    )
