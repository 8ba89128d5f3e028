"""What the programme's views say: a hold's programme target on the timer screen, what was
done of an exercise, the weeks' figures and their plots (plotext, from zero)."""

from __future__ import annotations

import pytest

from hamtimer.circuit import Side
from hamtimer.history import HoldTarget
from hamtimer.plan import Plan
from hamtimer.report.plots import holds_plot, volume_plot
from hamtimer.report.programme import WeekFigures, day_text, sides_table
from tests.test_view import BIRD_DOG, hold_view


@pytest.mark.parametrize(
    ("held", "target", "shown", "passed"),
    [
        (20.0, HoldTarget(BIRD_DOG, Side.RIGHT, None, None, 35.0), ("Target 0:35",), 0),
        (35.0, HoldTarget(BIRD_DOG, Side.RIGHT, None, None, 35.0), ("✓ Target 0:35 reached",), 1),
        (
            20.0,
            HoldTarget(BIRD_DOG, Side.RIGHT, 30.0, 32.0, 35.0),
            ("Target 0:35 · last time 0:30", "Target 0:35"),
            0,
        ),
        (
            31.0,
            HoldTarget(BIRD_DOG, Side.RIGHT, 30.0, 32.0, 35.0),
            ("Target 0:35 · last time 0:30", "Target 0:35"),
            1,
        ),
    ],
)
def test_a_hold_shows_the_programmes_target_first(
    hamstring_plan: Plan, held: float, target: HoldTarget, shown: tuple[str, ...], passed: int
) -> None:
    view = hold_view(hamstring_plan, held, target)
    assert (view.target, view.passed) == (shown, passed)


@pytest.mark.parametrize(
    ("last", "best", "goal", "marks"),
    [
        (None, None, 35.0, (35.0,)),
        (30.0, 32.0, 35.0, (30.0, 32.0, 35.0)),
        (40.0, 40.0, 35.0, (35.0, 40.0)),
        (30.0, 32.0, None, (30.0, 32.0)),
    ],
)
def test_the_marks_of_a_hold(
    last: float | None, best: float | None, goal: float | None, marks: tuple[float, ...]
) -> None:
    assert HoldTarget("x", None, last, best, goal).marks() == marks


def test_sides_apart_by_more_than_15_percent_are_flagged() -> None:
    from rich.console import Console

    console = Console(width=60, record=True)
    console.print(sides_table([WeekFigures(1, 40.0, 38.0, 9), WeekFigures(2, 50.0, 40.0, 9)]))
    rows = [" ".join(line.split()) for line in console.export_text().splitlines()]
    assert "1 0:40 0:38 5%" in rows
    assert "2 0:50 0:40 20% ⚠" in rows


def test_the_holds_plot_starts_from_zero_and_names_the_sides() -> None:
    weeks = [WeekFigures(1, 30.0, 26.0, 9), WeekFigures(2, 40.0, 31.0, 9)]
    plot = holds_plot(weeks, 60, 12)
    assert plot is not None
    lines = plot.plain.splitlines()
    assert "Best hold per week (s)" in lines[0]
    assert any("right" in line for line in lines) and any("left" in line for line in lines)
    axis = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    assert float(axis[-1]) == 0.0, "the scale starts at zero"
    assert max(len(line) for line in lines) <= 60


def test_no_plot_without_figures_or_room() -> None:
    assert holds_plot([WeekFigures(1, None, None, 9)], 60, 12) is None
    assert volume_plot([], 60, 12) is None
    assert volume_plot([WeekFigures(1, None, None, 9)], 10, 12) is None
    plot = volume_plot([WeekFigures(1, None, None, 9), WeekFigures(2, None, None, 12)], 40, 10)
    assert plot is not None and "Sets done per week" in plot.plain


@pytest.mark.parametrize(
    ("offset", "shown"), [(0, "today"), (1, "tomorrow"), (3, "Thu 05 Mar"), (-1, "Sun 01 Mar")]
)
def test_days_in_words(offset: int, shown: str) -> None:
    from datetime import date, timedelta

    today = date(2026, 3, 2)
    assert day_text(today + timedelta(days=offset), today) == shown
