"""Holds to fatigue: is the runner getting stronger, and are the sides even? Pure analysis.

Hold time is measured per to-fatigue exercise and side as the **best** (longest) hold of
the workout, not the sum: the sum falls whenever a round is skipped or a workout is
abandoned, and later rounds are shortened by fatigue from earlier ones, so the best hold
is the cleanest "how strong is this side today" figure, and comparable from one
workout to the next. Only holds the runner ended with *done* count; a skipped or
interrupted hold says nothing about strength.

Rehearsals (a workout run at another clock speed) are left out of trends and never set a
hold target: their holds were not held against the real clock.

No I/O and no clock here: every function takes stored workouts and returns numbers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from hamtimer.circuit import Side
from hamtimer.events import StepStatus
from hamtimer.history.records import Outcome, WorkoutRecord
from hamtimer.plan import WorkMode

UNEVEN = 0.15
"""Sides further apart than this fraction of the stronger side are flagged."""


def side_difference(right: float, left: float) -> float:
    """How far apart two holds are, as a fraction of the longer one (0.0 to 1.0).

    Relative to the longer hold so that the figure does not depend on which side is
    named first: 50 s against 40 s is 0.2 either way round.
    """
    if right < 0 or left < 0:
        raise ValueError("hold times cannot be negative")
    longer = max(right, left)
    return abs(right - left) / longer if longer > 0 else 0.0


def signed_difference(right: float, left: float) -> float:
    """`side_difference` with a sign: negative when the left hold is the shorter."""
    difference = side_difference(right, left)
    return -difference if left < right else difference


def is_uneven(right: float, left: float, threshold: float = UNEVEN) -> bool:
    """True when the sides differ by more than `threshold` (15% by default)."""
    return side_difference(right, left) > threshold


@dataclass(frozen=True)
class SideHolds:
    """The best hold per side of one to-fatigue exercise in one workout, in seconds.

    `both` is for to-fatigue work done with no side (bilateral). A `rehearsal`'s sides are
    never flagged as uneven: they were not held against the real clock.
    """

    exercise: str
    right: float | None = None
    left: float | None = None
    both: float | None = None
    rehearsal: bool = False

    @property
    def difference(self) -> float | None:
        """`side_difference` of right and left, or None unless both were held."""
        if self.right is None or self.left is None:
            return None
        return side_difference(self.right, self.left)

    @property
    def uneven(self) -> bool:
        """True when both sides were held, for real, and differ by more than 15%."""
        difference = self.difference
        return difference is not None and difference > UNEVEN and not self.rehearsal


_FIELD = {Side.RIGHT: "right", Side.LEFT: "left", None: "both"}


def holds_by_side(entry: WorkoutRecord) -> list[SideHolds]:
    """Best completed hold per side for each to-fatigue exercise, in workout order."""
    best: dict[str, dict[str, float]] = {}
    for step in entry.steps:
        if (
            step.mode is not WorkMode.OPEN
            or step.status is not StepStatus.DONE
            or step.held_seconds is None
        ):
            continue
        sides = best.setdefault(step.exercise or step.summary, {})
        key = _FIELD[step.side]
        sides[key] = max(sides.get(key, 0.0), step.held_seconds)
    return [
        SideHolds(exercise=name, rehearsal=entry.rehearsal, **sides) for name, sides in best.items()
    ]


@dataclass(frozen=True)
class TrendPoint:
    """One workout's best holds for one exercise: a point of the per-side chart."""

    workout_id: uuid.UUID
    started_at: datetime
    right: float | None
    left: float | None
    both: float | None
    difference: float | None
    uneven: bool


def hold_trend(
    entries: Iterable[WorkoutRecord], exercise: str | None = None
) -> dict[str, list[TrendPoint]]:
    """Per to-fatigue exercise, its holds across workouts, oldest first: chart series.

    Workouts with no completed hold of an exercise add no point for it, nor do
    rehearsals. `exercise` keeps only that one.
    """
    series: dict[str, list[TrendPoint]] = {}
    real = (entry for entry in entries if not entry.rehearsal)
    for entry in sorted(real, key=lambda item: item.started_at):
        for hold in holds_by_side(entry):
            if exercise is not None and hold.exercise != exercise:
                continue
            series.setdefault(hold.exercise, []).append(
                TrendPoint(
                    workout_id=entry.id,
                    started_at=entry.started_at,
                    right=hold.right,
                    left=hold.left,
                    both=hold.both,
                    difference=hold.difference,
                    uneven=hold.uneven,
                )
            )
    return series


@dataclass(frozen=True)
class HoldTrend:
    """One exercise's holds across workouts: how many real workouts held it, and the
    latest of them (oldest first), as the history screen shows them."""

    exercise: str
    workouts: int
    points: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class WorkoutBest:
    """One workout's best completed hold of one exercise on one side (None: both legs)."""

    exercise: str
    side: Side | None
    started_at: datetime
    seconds: float


@dataclass(frozen=True)
class HoldTarget:
    """What a runner holds against on one side of a to-fatigue exercise.

    `last` is the best hold of the latest real workout that held this side (what that
    workout's summary showed), `best` the longest of every real workout's bests; both None
    for a side never held. `goal` is the hold target a programme sets, if one does.
    """

    exercise: str
    side: Side | None
    last: float | None
    best: float | None
    goal: float | None = None

    def marks(self) -> tuple[float, ...]:
        """The holds to pass, shortest first: last time, the best if longer, the goal."""
        found = {mark for mark in (self.last, self.best, self.goal) if mark is not None}
        if self.last is not None and self.best is not None and self.best <= self.last:
            found.discard(self.best)
            found.add(self.last)
        return tuple(sorted(found))


TargetKey = tuple[str, Side | None]


def targets_from(bests: Iterable[WorkoutBest]) -> dict[TargetKey, HoldTarget]:
    """Hold targets per exercise and side from every workout's bests (any order)."""
    targets: dict[TargetKey, HoldTarget] = {}
    for best in sorted(bests, key=lambda item: item.started_at):
        key = (best.exercise, best.side)
        before = targets.get(key)
        longest = best.seconds if before is None else max(before.best or 0.0, best.seconds)
        targets[key] = HoldTarget(best.exercise, best.side, last=best.seconds, best=longest)
    return targets


def workout_bests(entries: Iterable[WorkoutRecord]) -> list[WorkoutBest]:
    """Every real (not rehearsed), ended workout's best hold per exercise and side."""
    found = []
    for entry in entries:
        if entry.rehearsal or entry.outcome is Outcome.IN_PROGRESS:
            continue
        for hold in holds_by_side(entry):
            for side, seconds in ((Side.RIGHT, hold.right), (Side.LEFT, hold.left)):
                if seconds is not None:
                    found.append(WorkoutBest(hold.exercise, side, entry.started_at, seconds))
            if hold.both is not None:
                found.append(WorkoutBest(hold.exercise, None, entry.started_at, hold.both))
    return found


def hold_targets(entries: Iterable[WorkoutRecord]) -> dict[TargetKey, HoldTarget]:
    """The hold targets that a history of workouts sets (`HistoryStore.hold_targets` reads
    the same from the database without building every workout)."""
    return targets_from(workout_bests(entries))


def change(points: list[TrendPoint], side: Side) -> float | None:
    """Seconds gained on `side` from the first to the latest workout that held it."""
    values = [getattr(point, side.value) for point in points]
    held = [value for value in values if value is not None]
    return held[-1] - held[0] if len(held) >= 2 else None
