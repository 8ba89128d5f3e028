"""The history screen's chart of holds: bars from zero, values printed, never wrapping."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from hamtimer.history import TrendPoint
from hamtimer.report import HoldChart
from hamtimer.report.chart import FULL, Layout, bar

START = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)


def points(*holds: tuple[float | None, float | None]) -> list[TrendPoint]:
    return [
        TrendPoint(
            workout_id=uuid.uuid4(),
            started_at=START + timedelta(days=day),
            right=right,
            left=left,
            both=None,
            difference=None,
            uneven=right is not None and left is not None and abs(right - left) > 0.15 * right,
        )
        for day, (right, left) in enumerate(holds)
    ]


def shown(chart: HoldChart, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    console.print(chart)
    return console.export_text().rstrip("\n").split("\n")


@pytest.mark.parametrize(
    ("value", "top", "width", "drawn"),
    [
        (52.0, 52.0, 10, FULL * 10),
        (47.0, 52.0, 10, FULL * 9),  # 9.04 cells: from zero, not from the minimum
        (49.0, 52.0, 10, FULL * 9 + "▍"),
        (26.0, 52.0, 10, FULL * 5),
        (1.0, 64.0, 8, "▏"),
        (0.0, 52.0, 10, ""),
        (80.0, 52.0, 10, FULL * 10),  # never past its width
        (5.0, 0.0, 10, ""),
    ],
)
def test_bar_is_a_length_from_zero(value: float, top: float, width: int, drawn: str) -> None:
    assert bar(value, top, width) == drawn


def test_equal_holds_draw_equal_bars_and_print_their_values() -> None:
    """47, 47, 47, 52 s: four bars of nearly the same length, not three blanks and one bar."""
    lines = shown(HoldChart(points((47, 45), (47, 45), (47, 45), (52, 46))), 80)
    assert len(lines) == 4
    rights = [line.split("right ")[1].split(" ")[0] for line in lines]
    assert rights[0] == rights[1] == rights[2] and len(rights[0]) >= 0.85 * len(rights[3])
    assert all("0:47" in line for line in lines[:3]) and "0:52" in lines[3]
    assert all("left " in line for line in lines)
    assert lines[0].startswith("01 Mar")


@pytest.mark.parametrize("width", [80, 76, 60, 40, 36, 24])
def test_the_chart_never_wraps(width: int) -> None:
    chart = HoldChart(points((612.0, 45.0), (30.0, None), (None, 41.0), (50.0, 45.0)))
    lines = shown(chart, width)
    assert len(lines) == 4, "one line a workout"
    assert max(len(line) for line in lines) <= width
    if width >= 36:  # narrower, the end of the line is cut off rather than wrapped
        assert "10:12" in lines[0] and "—" in lines[1] and "—" in lines[2]
        assert lines[0].rstrip().endswith("⚠") and not lines[3].rstrip().endswith("⚠")


@pytest.mark.parametrize(
    ("width", "labels"), [(80, ("right", "left ")), (50, ("right", "left ")), (40, ("R", "L"))]
)
def test_labels_shorten_before_bars_vanish(width: int, labels: tuple[str, str]) -> None:
    layout = Layout.for_width(width)
    assert layout.labels == labels and layout.bar_width >= 4


def test_only_the_latest_workouts_are_drawn() -> None:
    chart = HoldChart(points(*[(float(40 + day), 40.0) for day in range(15)]), latest=10)
    lines = shown(chart, 80)
    assert len(lines) == 10 and "0:54" in lines[-1] and "0:45" in lines[0]
