"""The arithmetic of one pass through a step, tested on its own with plain readings.

Most visits here begin at reading 100 and run a 30 s step, so the deadline is 130.
"""

from __future__ import annotations

import pytest

from hamtimer.plan import Step, StepKind, WorkMode
from hamtimer.workout.visit import Due, Visit, is_paced, next_whole_second


def timed(deadline: float | None = 130.0, origin: float = 100.0) -> Visit:
    """A visit begun at 100 (its origin pushed on to `origin` by pauses)."""
    return Visit(index=0, start=100.0, origin=origin, deadline=deadline)


def step(kind: StepKind, seconds: float | None, **fields: object) -> Step:
    estimate = seconds if seconds is not None else 40.0
    words = {"title": "t", "headline": "h", "summary": "s", "block": "b"}
    values = {"index": 0, "kind": kind, "seconds": seconds, "estimate": estimate, **words}
    return Step(**values, **fields)  # type: ignore[arg-type]


REST = step(StepKind.REST, 30.0)
GET_READY = step(StepKind.GET_READY, 10.0)
SWITCH = step(StepKind.SWITCH_SIDES, 2.0)
PLANK = step(StepKind.WORK, 20.0, mode=WorkMode.TIMED)
PACED = step(StepKind.WORK, 10.0, mode=WorkMode.REPS, reps=4, tempo=2.5)
SQUAT = step(StepKind.WORK, None, mode=WorkMode.REPS, reps=10)
HOLD = step(StepKind.WORK, None, mode=WorkMode.OPEN)


# ------------------------------------------------------------------ elapsed and remaining


@pytest.mark.parametrize(
    ("moment", "elapsed", "remaining"),
    [
        (100.0, 0.0, 30.0),
        (112.5, 12.5, 17.5),
        (130.0, 30.0, 0.0),
        (145.0, 30.0, 0.0),  # past the deadline: neither goes on
        (99.0, 0.0, 31.0),  # before the origin: elapsed is never negative
    ],
)
def test_elapsed_and_remaining_of_a_countdown(
    moment: float, elapsed: float, remaining: float
) -> None:
    visit = timed()
    assert (visit.elapsed(moment), visit.remaining(moment)) == (elapsed, remaining)


@pytest.mark.parametrize(("moment", "elapsed"), [(100.0, 0.0), (112.5, 12.5), (500.0, 400.0)])
def test_a_count_up_has_elapsed_time_and_no_remaining(moment: float, elapsed: float) -> None:
    visit = timed(deadline=None)
    assert (visit.elapsed(moment), visit.remaining(moment)) == (elapsed, None)


def test_elapsed_is_measured_from_the_origin_not_the_start() -> None:
    visit = timed(deadline=137.0, origin=107.0)  # paused 7 s so far
    assert (visit.elapsed(112.0), visit.remaining(112.0)) == (5.0, 25.0)


# ---------------------------------------------------------------------- shown seconds


@pytest.mark.parametrize(
    ("now", "change"),
    [
        (100.0, 101.0),  # shows 30 until 101, then 29
        (100.5, 101.0),
        (101.0, 102.0),
        (128.25, 129.0),
        (129.5, 130.0),  # shows 1 until the deadline
        (130.0, 130.0),  # at the deadline: the deadline itself
    ],
)
def test_a_countdown_changes_at_the_deadline_minus_whole_seconds(now: float, change: float) -> None:
    assert timed().next_display_change(now) == change


@pytest.mark.parametrize(
    ("now", "change"), [(100.0, 101.0), (100.25, 101.0), (101.0, 102.0), (141.5, 142.0)]
)
def test_a_count_up_changes_at_the_origin_plus_whole_seconds(now: float, change: float) -> None:
    assert timed(deadline=None).next_display_change(now) == change


@pytest.mark.parametrize(
    ("origin", "now", "moment"),
    [
        (100.0, 100.0, 101.0),
        (100.0, 100.999, 101.0),
        (100.0, 101.0, 102.0),
        (0.5, 3.2, 3.5),
        (2047.7, 2047.7 + 1, 2047.7 + 2),  # 2047.7 + 1 - 2047.7 is just under 1
    ],
)
def test_next_whole_second_is_always_after_now(origin: float, now: float, moment: float) -> None:
    assert next_whole_second(origin, now) == moment
    assert moment > now


# --------------------------------------------------------------------------- pauses


def test_shift_moves_the_origin_and_deadline_on_by_the_paused_time() -> None:
    visit = timed()
    visit.shift(5.0)
    visit.shift(2.5)
    assert (visit.start, visit.origin, visit.deadline, visit.paused) == (100.0, 107.5, 137.5, 7.5)
    assert (visit.elapsed(117.5), visit.remaining(117.5)) == (10.0, 20.0)


def test_shift_leaves_a_count_up_without_a_deadline() -> None:
    visit = timed(deadline=None)
    visit.shift(4.0)
    assert (visit.origin, visit.deadline, visit.paused) == (104.0, None, 4.0)


# ------------------------------------------------------------------------ countdown


@pytest.mark.parametrize(
    ("after", "inclusive", "count"),
    [
        (100.0, True, 3),
        (126.9, False, 3),
        (127.0, True, 3),  # "3" is due at 127: still to come only if 127 counts
        (127.0, False, 2),
        (127.5, False, 2),
        (128.0, False, 1),
        (129.0, True, 1),
        (129.0, False, 0),
        (129.5, True, 0),
        (130.0, True, 0),
    ],
)
def test_armed_count_is_the_largest_number_still_to_come(
    after: float, inclusive: bool, count: int
) -> None:
    assert timed().armed_count(after, inclusive=inclusive) == count


def test_armed_count_without_a_deadline_is_zero() -> None:
    assert timed(deadline=None).armed_count(100.0, inclusive=True) == 0


@pytest.mark.parametrize(
    ("deadline", "count"),
    [(140.0, 3), (130.5, 2), (129.5, 1), (129.0, 0)],
)
def test_moving_the_deadline_rearms_what_is_left_of_the_countdown(
    deadline: float, count: int
) -> None:
    visit = timed()
    visit.next_count = 0  # 3, 2, 1 had all sounded
    visit.move_deadline(deadline, 128.0)
    assert (visit.deadline, visit.next_count) == (deadline, count)


# ------------------------------------------------------------------ beginning a visit


@pytest.mark.parametrize(
    ("begun", "deadline", "start_cue", "count", "tempo", "reps"),
    [
        (REST, 130.0, False, 3, None, 0),
        (GET_READY, 110.0, False, 3, None, 0),
        (SWITCH, 102.0, True, 2, None, 0),  # a 2 s step counts 2, 1 from its start
        (PLANK, 120.0, True, 3, None, 0),
        (PACED, 110.0, True, 0, 2.5, 4),  # paced reps are counted, not counted down
        (SQUAT, None, True, 0, None, 0),
        (HOLD, None, True, 0, None, 0),
    ],
)
def test_begin_arms_the_cues_of_the_step(
    begun: Step,
    deadline: float | None,
    start_cue: bool,
    count: int,
    tempo: float | None,
    reps: int,
) -> None:
    visit = Visit.begin(7, begun, 100.0, base_active=12.0, base_paused=3.0)
    assert (visit.index, visit.start, visit.origin) == (7, 100.0, 100.0)
    assert (visit.deadline, visit.start_cue, visit.next_count) == (deadline, start_cue, count)
    assert (visit.tempo, visit.reps, visit.next_rep) == (tempo, reps, 1)
    assert (visit.base_active, visit.base_paused, visit.paused) == (12.0, 3.0, 0.0)
    assert visit.paced == is_paced(begun)
    assert visit.reps_counted == (0 if is_paced(begun) else None)


def test_is_paced_needs_reps_a_tempo_and_a_length() -> None:
    assert [is_paced(s) for s in (REST, PLANK, PACED, SQUAT, HOLD)] == [
        False,
        False,
        True,
        False,
        False,
    ]


# ------------------------------------------------------------------------- what is due


def test_paced_reps_fall_due_at_the_tempo_after_the_go() -> None:
    visit = Visit.begin(0, PACED, 100.0, base_active=0.0, base_paused=0.0)
    assert visit.next_due() == (100.0, Due.START_CUE)  # the GO before rep 1, same instant
    visit.start_cue = False
    assert visit.next_due() == (100.0, Due.REP)
    visit.next_rep = 4
    assert (visit.next_due(), visit.reps_counted) == ((107.5, Due.REP), 3)
    visit.next_rep = 5
    assert visit.next_due() == (110.0, Due.DEADLINE)


def test_a_countdown_falls_due_before_the_deadline() -> None:
    visit = Visit.begin(0, SWITCH, 100.0, base_active=0.0, base_paused=0.0)
    assert visit.next_due() == (100.0, Due.START_CUE)  # before the "2" due at the same instant
    visit.start_cue = False
    assert visit.next_due() == (100.0, Due.COUNTDOWN)
    visit.next_count = 1
    assert visit.next_due() == (101.0, Due.COUNTDOWN)
    visit.next_count = 0
    assert visit.next_due() == (102.0, Due.DEADLINE)


def test_cues_fall_due_later_after_a_pause() -> None:
    visit = Visit.begin(0, PACED, 100.0, base_active=0.0, base_paused=0.0)
    visit.start_cue, visit.next_rep = False, 2
    visit.shift(4.0)
    assert visit.next_due() == (106.5, Due.REP)


def test_nothing_falls_due_in_a_step_that_waits_for_done_once_it_has_begun() -> None:
    visit = Visit.begin(0, HOLD, 100.0, base_active=0.0, base_paused=0.0)
    assert visit.next_due() == (100.0, Due.START_CUE)
    visit.start_cue = False
    assert visit.next_due() is None
