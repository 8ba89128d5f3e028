"""Hold-time analysis: best hold per side, side differences, and trends across workouts."""

from __future__ import annotations

import uuid
from dataclasses import FrozenInstanceError, replace
from datetime import UTC, datetime, timedelta

import pytest

from hamtimer.circuit import Side, circuit_hash
from hamtimer.events import StepStatus
from hamtimer.history import Outcome, StepEntry, WorkoutRecord
from hamtimer.history.holds import (
    HoldTarget,
    SideHolds,
    change,
    hold_targets,
    hold_trend,
    holds_by_side,
    is_uneven,
    side_difference,
    signed_difference,
)
from hamtimer.plan import Plan, StepKind, WorkMode
from tests.history_fakes import fake_records

START = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("right", "left", "expected"),
    [
        (50.0, 50.0, 0.0),
        (50.0, 40.0, 0.2),
        (40.0, 50.0, 0.2),  # symmetric: relative to the longer side
        (52.0, 47.0, 5 / 52),
        (30.0, 0.0, 1.0),
        (0.0, 0.0, 0.0),  # nothing held: no difference, no division by zero
    ],
)
def test_side_difference_is_a_fraction_of_the_longer_hold(
    right: float, left: float, expected: float
) -> None:
    assert side_difference(right, left) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("right", "left", "expected"),
    [(52.0, 47.0, -5 / 52), (47.0, 52.0, 5 / 52), (30.0, 30.0, 0.0)],
)
def test_signed_difference_is_negative_when_left_is_shorter(
    right: float, left: float, expected: float
) -> None:
    assert signed_difference(right, left) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("right", "left", "uneven"),
    [
        (100.0, 85.0, False),  # exactly 15%: not above
        (100.0, 84.9, True),
        (84.9, 100.0, True),
        (60.0, 55.0, False),
        (0.0, 0.0, False),
    ],
)
def test_uneven_means_more_than_fifteen_percent(right: float, left: float, uneven: bool) -> None:
    assert is_uneven(right, left) is uneven
    assert SideHolds("x", right=right, left=left).uneven is uneven


def test_negative_holds_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        side_difference(-1.0, 5.0)


def test_one_side_alone_has_no_difference() -> None:
    assert SideHolds("x", right=40.0).difference is None
    assert not SideHolds("x", left=40.0).uneven


def workout(
    plan: Plan,
    *,
    day: int = 0,
    right: float = 52.0,
    left: float = 47.0,
    upto: int | None = None,
    skipped: frozenset[int] = frozenset(),
    speed: float = 1.0,
) -> WorkoutRecord:
    begun = WorkoutRecord.begin(
        plan,
        circuit_ref="hamstring",
        circuit_hash=circuit_hash(b"c"),
        speed=speed,
        now=START + timedelta(days=day),
    )
    records = fake_records(
        plan, len(plan) if upto is None else upto, right=right, left=left, skipped=skipped
    )
    return begun.ended(
        plan,
        records,
        Outcome.FINISHED if upto is None else Outcome.ABANDONED,
        now=begun.started_at + timedelta(minutes=22),
    )


def with_holds(entry: WorkoutRecord, holds: dict[int, float]) -> WorkoutRecord:
    steps = [
        replace(step, held_seconds=holds[step.index]) if step.index in holds else step
        for step in entry.steps
    ]
    return replace(entry, steps=tuple(steps))


def test_best_hold_per_side_is_taken(hamstring_plan: Plan) -> None:
    # Rounds' holds at steps 13/15, 25/27, 37/39 (right/left).
    entry = with_holds(
        workout(hamstring_plan), {13: 40.0, 15: 44.0, 25: 55.0, 27: 38.0, 37: 30.0, 39: 41.0}
    )
    [holds] = holds_by_side(entry)
    assert holds == SideHolds("Bird dog with wall push", right=55.0, left=44.0)
    assert holds.difference == pytest.approx(0.2) and holds.uneven


def test_only_holds_ended_with_done_count(hamstring_plan: Plan) -> None:
    entry = workout(hamstring_plan, skipped=frozenset({13, 25, 37}))  # every right hold skipped
    [holds] = holds_by_side(entry)
    assert holds.right is None and holds.left == 47.0


def test_an_abandoned_hold_does_not_count(hamstring_plan: Plan) -> None:
    entry = workout(hamstring_plan, upto=15)  # right hold of round 1 done, left not reached
    steps = list(entry.steps)
    steps[15] = replace(
        steps[15], status=StepStatus.ABANDONED, held_seconds=3.0, active_seconds=3.0
    )
    entry = replace(entry, steps=tuple(steps))
    assert holds_by_side(entry) == [SideHolds("Bird dog with wall push", right=52.0)]


def test_a_workout_without_holds_has_none(hamstring_plan: Plan) -> None:
    assert holds_by_side(workout(hamstring_plan, upto=10)) == []


def test_bilateral_holds_are_kept_as_both(hamstring_plan: Plan) -> None:
    entry = workout(hamstring_plan)
    plank = StepEntry(
        index=0,
        summary="Plank — Hold to fatigue",
        kind=StepKind.WORK,
        exercise="Plank",
        mode=WorkMode.OPEN,
        status=StepStatus.DONE,
        held_seconds=75.0,
    )
    entry = replace(entry, steps=(plank, *entry.steps[1:]))
    assert holds_by_side(entry)[0] == SideHolds("Plank", both=75.0)


def test_trend_has_one_point_per_workout_oldest_first(hamstring_plan: Plan) -> None:
    entries = [
        workout(hamstring_plan, day=2, right=60.0, left=45.0),
        workout(hamstring_plan, day=0, right=50.0, left=49.0),
        workout(hamstring_plan, day=1, upto=5),  # abandoned before any hold: no point
        workout(hamstring_plan, day=3, right=62.0, left=58.0),
    ]
    trend = hold_trend(entries)
    [points] = trend.values()
    assert [(p.right, p.left) for p in points] == [(50.0, 49.0), (60.0, 45.0), (62.0, 58.0)]
    assert [p.uneven for p in points] == [False, True, False]
    assert [p.workout_id for p in points] == [entries[1].id, entries[0].id, entries[3].id]
    assert change(points, Side.RIGHT) == 12.0 and change(points, Side.LEFT) == 9.0


def test_trend_can_be_limited_to_one_exercise(hamstring_plan: Plan) -> None:
    entries = [workout(hamstring_plan)]
    assert list(hold_trend(entries, "Bird dog with wall push")) == ["Bird dog with wall push"]
    assert hold_trend(entries, "Plank") == {}


def test_change_needs_two_workouts(hamstring_plan: Plan) -> None:
    [points] = hold_trend([workout(hamstring_plan)]).values()
    assert change(points, Side.RIGHT) is None
    assert change([], Side.LEFT) is None


def test_trend_points_carry_no_storage_details(hamstring_plan: Plan) -> None:
    [points] = hold_trend([workout(hamstring_plan)]).values()
    assert isinstance(points[0].workout_id, uuid.UUID)
    assert points[0].started_at == START


def test_rehearsals_are_left_out_of_trends_and_never_flagged(hamstring_plan: Plan) -> None:
    entries = [
        workout(hamstring_plan, day=0, right=50.0, left=49.0),
        workout(hamstring_plan, day=1, right=90.0, left=30.0, speed=20.0),  # a rehearsal
        workout(hamstring_plan, day=2, right=52.0, left=50.0),
    ]
    [points] = hold_trend(entries).values()
    assert [(p.right, p.left) for p in points] == [(50.0, 49.0), (52.0, 50.0)]
    [rehearsed] = holds_by_side(entries[1])
    assert rehearsed.difference == pytest.approx(2 / 3) and not rehearsed.uneven
    assert holds_by_side(entries[0])[0].rehearsal is False


def test_short_holds_have_a_difference_too() -> None:
    assert side_difference(0.5, 0.25) == pytest.approx(0.5)


def test_change_from_the_first_to_the_second_workout(hamstring_plan: Plan) -> None:
    entries = [
        workout(hamstring_plan, day=0, right=40.0),
        workout(hamstring_plan, day=1, right=43.5),
    ]
    [points] = hold_trend(entries).values()
    assert change(points, Side.RIGHT) == 3.5


def test_side_holds_are_immutable() -> None:
    with pytest.raises(FrozenInstanceError):
        SideHolds("x", right=1.0).right = 2.0  # type: ignore[misc]


# ------------------------------------------------------------------ hold targets

BIRD_DOG = "Bird dog with wall push"


def test_a_target_is_last_times_best_hold_and_the_best_ever(hamstring_plan: Plan) -> None:
    entries = [
        workout(hamstring_plan, day=0, right=50.0, left=40.0),
        workout(hamstring_plan, day=2, right=47.0, left=44.0),  # the latest: "last time"
        workout(hamstring_plan, day=1, right=55.0, left=39.0),
    ]
    targets = hold_targets(entries)
    assert targets[(BIRD_DOG, Side.RIGHT)] == HoldTarget(BIRD_DOG, Side.RIGHT, 47.0, 55.0)
    assert targets[(BIRD_DOG, Side.LEFT)] == HoldTarget(BIRD_DOG, Side.LEFT, 44.0, 44.0)
    assert set(targets) == {(BIRD_DOG, Side.RIGHT), (BIRD_DOG, Side.LEFT)}


def test_last_time_is_the_workouts_best_hold_not_its_last_round(hamstring_plan: Plan) -> None:
    entry = with_holds(workout(hamstring_plan), {13: 40.0, 25: 55.0, 37: 30.0})
    assert hold_targets([entry])[(BIRD_DOG, Side.RIGHT)].last == 55.0


def test_rehearsals_and_workouts_in_progress_never_set_a_target(hamstring_plan: Plan) -> None:
    real = workout(hamstring_plan, day=0, right=50.0, left=40.0)
    rehearsed = workout(hamstring_plan, day=1, right=90.0, left=90.0, speed=20.0)
    running = replace(workout(hamstring_plan, day=2, right=99.0), outcome=Outcome.IN_PROGRESS)
    targets = hold_targets([real, rehearsed, running])
    assert targets[(BIRD_DOG, Side.RIGHT)] == HoldTarget(BIRD_DOG, Side.RIGHT, 50.0, 50.0)
    assert hold_targets([rehearsed, running]) == {}


def test_a_side_skipped_last_time_keeps_its_older_target(hamstring_plan: Plan) -> None:
    entries = [
        workout(hamstring_plan, day=0, right=50.0, left=40.0),
        workout(hamstring_plan, day=1, right=45.0, skipped=frozenset({15, 27, 39})),  # no left
    ]
    targets = hold_targets(entries)
    assert targets[(BIRD_DOG, Side.LEFT)].last == 40.0
    assert targets[(BIRD_DOG, Side.RIGHT)] == HoldTarget(BIRD_DOG, Side.RIGHT, 45.0, 50.0)


@pytest.mark.parametrize(
    ("last", "best", "marks"), [(47.0, 52.0, (47.0, 52.0)), (52.0, 52.0, (52.0,))]
)
def test_the_marks_to_pass_are_last_time_then_a_longer_best(
    last: float, best: float, marks: tuple[float, ...]
) -> None:
    assert HoldTarget("x", None, last, best).marks() == marks
