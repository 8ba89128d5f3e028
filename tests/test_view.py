"""What the workout screen shows, from snapshots and plain text: no terminal needed."""

from __future__ import annotations

import pytest

from hamtimer.clock import FakeClock
from hamtimer.plan import Plan
from hamtimer.tui import bigtext
from hamtimer.tui.view import count_up, countdown, view_of
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


@pytest.mark.parametrize(
    ("text", "width", "height", "rows"),
    [
        ("0:30", 78, 13, 7),
        ("0:30", 80, 14, 14),
        ("0:30", 38, 6, 4),
        ("0:30", 20, 3, 1),
        ("6 ↻", 78, 9, 7),
        ("12:34", 200, 40, 21),
    ],
)
def test_big_text_takes_the_largest_size_that_fits(
    text: str, width: int, height: int, rows: int
) -> None:
    lines = bigtext.render(text, width, height)
    assert len(lines) == rows
    assert max(len(line) for line in lines) <= width or rows == 1
    assert len({len(line) for line in lines}) == 1


def test_big_text_at_80x24_is_at_least_seven_rows() -> None:
    assert len(bigtext.render("10:00", 78, 13)) >= 7


def test_every_glyph_is_seven_rows_of_one_width() -> None:
    for char, glyph in bigtext.GLYPHS.items():
        assert len(glyph) == bigtext.GLYPH_ROWS, char
        assert len({len(row) for row in glyph}) == 1, char


def test_views_through_the_first_steps(hamstring_plan: Plan) -> None:
    clock = FakeClock()
    workout = Workout(hamstring_plan, clock)
    workout.start()
    view = view_of(workout.snapshot())
    assert (view.phase, view.label, view.big) == ("get-ready", "GET READY", "0:10")
    assert view.next == "Next: Split stance jump — RIGHT leg forward — 5 reps"
    clock.advance(10)
    workout.update()
    view = view_of(workout.snapshot())
    assert (view.phase, view.label, view.side, view.big) == (
        "work",
        "WORK",
        "RIGHT leg forward",
        "5",
    )
    assert view.set_text == "set 1 of 3" and view.prompt == "5 reps — Enter when done"
    clock.advance(5)
    workout.done()
    view = view_of(workout.snapshot())
    assert (view.phase, view.label, view.big) == ("rest-sides", "REST BETWEEN SIDES", "0:30")
    workout.pause()
    view = view_of(workout.snapshot())
    assert view.phase == "paused" and view.label.startswith("PAUSED")
    workout.resume()
    for _ in range(2):
        workout.skip()
    view = view_of(workout.snapshot())
    assert (view.phase, view.label) == ("rest-sets", "REST BETWEEN SETS")
    while workout.snapshot().index < 17:
        workout.skip()
    view = view_of(workout.snapshot())
    assert view.big == "6 ↻" and view.prompt == "6 × CLOCKWISE ↻ — Enter when done"
    assert view.extra == "Use: dumbbell / kettlebell / weight plate"
    workout.skip()
    assert view_of(workout.snapshot()).big == "6 ↺"
    workout.abandon()
    assert view_of(workout.snapshot()).phase == "finished"
