"""`HistoryScreen`: past workouts, and whether the holds are getting longer and even."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from hamtimer.history import WorkoutRecord, hold_trend
from hamtimer.printable import printable
from hamtimer.report import HoldChart, recent_table, trend_caption


class HistoryScreen(Screen[None]):
    """Hold times per side as bars over the latest workouts, then the recent workouts."""

    DEFAULT_CSS = """
    HistoryScreen #history { padding: 1 2; }
    HistoryScreen .trend-caption { margin-top: 1; }
    HistoryScreen .trend { height: auto; }
    HistoryScreen #recent { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "app.pop_screen", "Back", id="back", priority=True),
    ]

    def __init__(self, records: Sequence[WorkoutRecord], notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.records = list(records)
        self.notices = list(notices)

    def compose(self) -> ComposeResult:
        """A chart per to-fatigue exercise and side, and a table."""
        with VerticalScroll(id="history"):
            for notice in self.notices:
                yield Static(Text(printable(f"⚠ {notice}"), style="yellow"))  # paths: "[", ESC
            if not self.records:
                yield Static("No workouts yet: your holds will be charted here.")
            for exercise, points in hold_trend(self.records).items():
                yield Static(trend_caption(exercise, points), classes="trend-caption")
                yield Static(HoldChart(points), classes="trend")
            yield Static(Group(recent_table(self.records)) if self.records else "", id="recent")
        yield Footer()
