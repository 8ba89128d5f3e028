"""The history screen, opened from the start screen with `h`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from hamtimer.history import Outcome, WorkoutRecord
from hamtimer.report import RenderedOnce
from hamtimer.tui.screens.history import HistoryScreen
from hamtimer.tui.screens.start import StartScreen
from tests.history_fakes import fake_records
from tests.tui.conftest import make_harness, remember


def rendered(widget: Static) -> str:
    return str(widget.render())


def rendered_lines(widget: Static) -> list[str]:
    """What the widget draws on screen, a line each."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text for strip in widget.render_lines(region)]


async def test_holds_are_charted_per_side_and_uneven_sides_flagged(tmp_path: Path) -> None:
    harness = make_harness(tmp_path / "data")
    plan = harness.session.plan_for(False)
    start = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    holds = [(40, 38), (44, 41), (50, 40)]  # the last one: 20% apart
    for day, (right, left) in enumerate(holds):
        begun = WorkoutRecord.begin(
            plan,
            circuit_ref="hamstring",
            circuit_hash=harness.session.digest,
            now=start + timedelta(days=day),
        )
        records = fake_records(plan, len(plan), right=right, left=left)
        harness.store.save(
            begun.ended(
                plan, records, Outcome.FINISHED, now=start + timedelta(days=day, minutes=25)
            )
        )
    async with harness.app.run_test(size=(80, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, HistoryScreen)
        caption = rendered(screen.query(".trend-caption").first(Static))
        assert "Bird dog with wall push — 3 workout(s)" in caption
        assert "R 0:50 · L 0:40" in caption and "20%" in caption and "⚠ sides uneven" in caption
        chart = screen.query(".trend").first(Static)
        assert chart.size.width == 76, "the screen's width, less its padding"
        lines = [line.rstrip() for line in rendered_lines(chart)]
        assert len(lines) == 3, "a line a workout: the chart never wraps"
        for line, (right, left) in zip(lines, holds, strict=True):
            assert f"right {'█' * 5}" in line and f"0:{right}" in line and f"0:{left}" in line
        assert lines[2].endswith("⚠") and not lines[0].endswith("⚠")
        await pilot.press("escape")
        assert isinstance(harness.app.screen, StartScreen)


async def test_an_empty_history_says_so(tmp_path: Path) -> None:
    harness = make_harness(tmp_path / "data")
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        texts = [rendered(widget) for widget in harness.app.screen.query(Static)]
        assert any("No workouts yet" in text for text in texts)


async def test_a_long_history_scrolls_at_the_width_of_a_short_one(tmp_path: Path) -> None:
    """The scroll bar has its place at the right edge: a history longer than the screen is
    drawn as wide as a short one, each table and chart once, at one width."""
    harness = make_harness(tmp_path / "data")
    remember(harness, [(40 + day, 38 + day) for day in range(12)])
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, HistoryScreen)
        box = screen.query_one("#history", VerticalScroll)
        assert box.show_vertical_scrollbar and box.max_scroll_y > 0, "longer than the screen"
        for widget in (screen.query_one("#recent", Static), screen.query(".trend").first(Static)):
            assert widget.size.width == 76, "the screen's width, less the padding on the left"
            kept = widget.content
            assert isinstance(kept, RenderedOnce)
            assert list(kept._lines) == [76], "drawn at one width"
