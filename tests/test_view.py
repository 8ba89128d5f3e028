"""What the workout screen shows, from snapshots and plain text: no terminal needed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hamtimer.circuit import Side
from hamtimer.clock import FakeClock
from hamtimer.history import HoldTarget
from hamtimer.plan import Plan
from hamtimer.tui.view import (
    View,
    count_up,
    countdown,
    only_ticked,
    passed_marks,
    shortened,
    view_of,
)
from hamtimer.tui.widgets import size_class
from hamtimer.workout import Workout


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [
        (30.0, "0:30"),
        (29.999, "0:30"),
        (29.0, "0:29"),
        (29.0 + 1e-9, "0:29"),
        (0.4, "0:01"),
        (0.0, "0:00"),
        (-3.0, "0:00"),
        (61.0, "1:01"),
        (90.0, "1:30"),
    ],
)
def test_countdown_shows_the_second_in_progress(remaining: float, shown: str) -> None:
    assert countdown(remaining) == shown


@pytest.mark.parametrize(
    ("elapsed", "shown"), [(0.0, "0:00"), (0.999, "0:00"), (1.0 - 1e-9, "0:01"), (42.5, "0:42")]
)
def test_count_up_shows_whole_seconds_held(elapsed: float, shown: str) -> None:
    assert count_up(elapsed) == shown


def test_countdown_shows_every_second_once() -> None:
    """Sampled every 10 ms over a 30 s rest: 30, 29, … 1, in order, none missing or doubled."""
    shown = [countdown(30 - tick / 100) for tick in range(3000)]
    distinct = [value for i, value in enumerate(shown) if i == 0 or value != shown[i - 1]]
    assert distinct == [f"0:{n:02d}" for n in range(30, 0, -1)]


@pytest.mark.parametrize(
    ("width", "height", "layout"),
    [
        (80, 24, "full"),
        (120, 40, "full"),
        (69, 24, "compact"),
        (80, 21, "compact"),
        (40, 12, "compact"),
        (39, 12, "too-small"),
        (40, 11, "too-small"),
    ],
)
def test_size_class(width: int, height: int, layout: str) -> None:
    assert size_class(width, height) == layout


def test_views_through_the_first_steps(hamstring_plan: Plan) -> None:
    clock = FakeClock()
    workout = Workout(hamstring_plan, clock)
    workout.start()
    view = view_of(workout.snapshot())
    assert (view.phase, view.kind, view.big) == ("get-ready", "pause", "0:10")
    assert view.headline[0] == "GET READY · next: set 1 of 3"
    assert view.name[0] == "SPLIT STANCE JUMP", "the next exercise, large, at the top"
    assert view.detail == (
        "RIGHT LEG FORWARD · 5 REPS",
        "RIGHT · 5 REPS",
        "RIGHT",
    ), "its side and reps, side first; the side when nothing more fits"
    assert view.cue.startswith("Jump straight up"), "the next step's cue, to set up"
    assert view.next[0] == "Next: Split stance jump · 5 reps"
    clock.advance(10)
    workout.update()
    view = view_of(workout.snapshot())
    assert (view.phase, view.kind, view.big, view.name) == ("work", "work", "5", ())
    assert view.detail == ("RIGHT LEG FORWARD", "RIGHT"), "the side, large"
    assert view.headline[0] == "WORK · set 1 of 3 · Split stance jump"
    assert view.prompt[0] == "5 reps — Enter when done"
    assert view.next == ("Next: Rest 30 s (between sides)", "Next: Rest 30 s", "Rest 30 s")
    clock.advance(5)
    workout.done()
    view = view_of(workout.snapshot())
    assert (view.phase, view.big, view.hollow) == ("rest-sides", "0:30", False)
    assert view.headline[0].startswith("REST BETWEEN SIDES")
    assert view.detail[1] == "LEFT · 5 REPS"
    workout.pause()
    view = view_of(workout.snapshot())
    assert view.phase == "paused" and view.headline[0].startswith("PAUSED")
    assert view.hollow, "the number itself changes look"
    assert view.detail[1] == "LEFT · 5 REPS", "paused: what comes next stays"
    workout.resume()
    for _ in range(2):
        workout.skip()
    view = view_of(workout.snapshot())
    assert (view.phase, view.headline[0]) == ("rest-sets", "REST BETWEEN SETS · next: set 2 of 3")
    while workout.snapshot().index < 17:
        workout.skip()
    view = view_of(workout.snapshot())
    assert (view.big, view.direction) == ("6", "clockwise"), "the direction is not a digit"
    assert view.prompt[0] == "6 × CLOCKWISE ↻ — Enter when done"
    assert view.extra == ("Use: dumbbell / kettlebell / weight plate",)
    assert view.next[1] == "Next: RIGHT · 6 × counter-clockwise"
    workout.skip()
    assert view_of(workout.snapshot()).direction == "counter-clockwise"
    workout.abandon()
    view = view_of(workout.snapshot())
    assert (view.phase, view.kind, view.big) == ("finished", "over", "")


def test_a_finished_workout_says_done(hamstring_plan: Plan) -> None:
    workout = Workout(hamstring_plan, FakeClock())
    workout.start()
    while workout.state.active:
        workout.skip()
    view = view_of(workout.snapshot())
    assert (view.big, view.headline[0], view.prompt[0]) == (
        "DONE",
        "FINISHED — well done",
        "Enter: see the summary",
    )


@pytest.mark.parametrize(
    ("text", "variants"),
    [
        ("BIRD DOG", ("BIRD DOG", "BIRD…")),
        ("HAMSTRING ROLL-OUT AND ROLL-IN", (
            "HAMSTRING ROLL-OUT AND ROLL-IN",
            "HAMSTRING ROLL-OUT AND…",
            "HAMSTRING ROLL-OUT…",
            "HAMSTRING…",
        )),
        ("PLANK", ("PLANK",)),
    ],
)  # fmt: skip
def test_long_names_shorten_by_whole_words(text: str, variants: tuple[str, ...]) -> None:
    assert shortened(text) == variants


BIRD_DOG = "Bird dog with wall push"


def hold_view(hamstring_plan: Plan, held: float, target: HoldTarget | None) -> View:
    clock = FakeClock()
    workout = Workout(hamstring_plan, clock, start_index=13)  # right bird dog, round 1
    workout.start()
    clock.advance(held)
    workout.update()
    return view_of(workout.snapshot(), target)


@pytest.mark.parametrize(
    ("held", "last", "best", "passed", "shown"),
    [
        (20.0, 47.4, 52.0, 0, "Last time 0:47 · best 0:52"),
        (47.3, 47.4, 52.0, 0, "Last time 0:47 · best 0:52"),
        (47.4, 47.4, 52.0, 1, "✓ Passed last time (0:47) · best 0:52"),
        (51.0, 47.4, 52.0, 1, "✓ Passed last time (0:47) · best 0:52"),
        (52.0, 47.4, 52.0, 2, "★ NEW BEST — longer than 0:52"),
        (30.0, 47.0, 47.0, 0, "Last time 0:47 — your best"),
        (47.0, 47.0, 47.0, 1, "★ NEW BEST — longer than 0:47"),
    ],
)
def test_a_hold_shows_its_target_and_when_it_is_passed(
    hamstring_plan: Plan, held: float, last: float, best: float, passed: int, shown: str
) -> None:
    view = hold_view(hamstring_plan, held, HoldTarget(BIRD_DOG, Side.RIGHT, last, best))
    assert (view.passed, view.target[0]) == (passed, shown)
    assert view.big == count_up(held)


def test_no_target_without_one_nor_off_a_hold(hamstring_plan: Plan) -> None:
    assert hold_view(hamstring_plan, 20, None).target == ()
    workout = Workout(hamstring_plan, FakeClock())
    workout.start()
    view = view_of(workout.snapshot(), HoldTarget(BIRD_DOG, Side.RIGHT, 4.0, 4.0))
    assert (view.target, view.passed) == ((), 0), "a get-ready holds no target"


@pytest.mark.parametrize(
    ("held", "passed"), [(0.0, 0), (46.999, 0), (47.0, 1), (51.9, 1), (52.0, 2), (90.0, 2)]
)
def test_passed_marks(held: float, passed: int) -> None:
    assert passed_marks(HoldTarget("x", None, 47.0, 52.0), held) == passed
    assert passed_marks(None, held) == 0


REST_VIEW = View(
    phase="rest-sets",
    kind="pause",
    headline=("REST BETWEEN SETS",),
    name=("SPLIT JUMPS",),
    detail=("set 2 of 3",),
    big="0:45",
    hollow=False,
    direction="",
    prompt=(),
    target=(),
    passed=0,
    cue="",
    extra=(),
    next=("next: split jumps",),
    progress=0.25,
    times="step 5 of 48 · 0:15 done",
)


@pytest.mark.parametrize(
    ("change", "ticked"),
    [
        ({"big": "0:44", "times": "step 5 of 48 · 0:16 done", "progress": 0.26}, True),
        ({"big": "0:44"}, True),
        ({}, True),
        ({"big": "0:44", "hollow": True}, False),  # paused: the look changes
        ({"big": "0:44", "headline": ("PAUSED",)}, False),
        ({"phase": "paused"}, False),
        ({"passed": 1}, False),
        ({"next": ("next: rest",)}, False),
        ({"direction": "clockwise"}, False),
    ],
)
def test_only_the_ticking_parts_changed(change: dict[str, object], ticked: bool) -> None:
    """The timer redraws the number and the status line alone when nothing else moved."""
    after = replace(REST_VIEW, **change)  # type: ignore[arg-type]
    assert only_ticked(REST_VIEW, after) is ticked
