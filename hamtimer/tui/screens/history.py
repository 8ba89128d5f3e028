"""`HistoryScreen`: past workouts, and whether the holds are getting longer and even."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from hamtimer.history import HoldTrend, WorkoutRecord
from hamtimer.printable import printable
from hamtimer.report import HoldChart, RenderedOnce, recent_table, trend_caption
from hamtimer.tui.widgets import KeyFooter

RECENT = 10
"""How many of the newest workouts the table lists."""


class HistoryScreen(Screen[None]):
    """Hold times per side as bars over the latest workouts, then the recent workouts."""

    DEFAULT_CSS = """
    /* The scroll bar's place kept at the right edge, as wide as the padding on the left:
       a long history does not narrow the content and draw it all again at a new width. */
    HistoryScreen #history { padding: 1 0 1 2; scrollbar-gutter: stable; }
    HistoryScreen .trend-caption { margin-top: 1; }
    HistoryScreen .trend { height: auto; }
    HistoryScreen #recent { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "app.pop_screen", "Back", id="back", priority=True),
    ]

    def __init__(
        self,
        recent: Sequence[WorkoutRecord],
        trends: Mapping[str, HoldTrend] | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        """`recent`: the newest workouts (at most `RECENT`); `trends`: each to-fatigue
        exercise's count of workouts and latest holds (`HistoryStore.hold_trends`): what
        the screen shows, read from the history without reading every workout."""
        super().__init__()
        self.recent = list(recent)
        self.trends = dict(trends or {})
        self.notices = list(notices)

    def compose(self) -> ComposeResult:
        """A chart per to-fatigue exercise and side, and a table."""
        with VerticalScroll(id="history"):
            for notice in self.notices:
                yield Static(Text(printable(f"⚠ {notice}"), style="yellow"))  # paths: "[", ESC
            if not self.recent:
                yield Static("No workouts yet: your holds will be charted here.")
            for exercise, trend in self.trends.items():
                caption = trend_caption(exercise, trend.points, workouts=trend.workouts)
                yield Static(caption, classes="trend-caption")
                yield Static(RenderedOnce(HoldChart(trend.points)), classes="trend")
            table = RenderedOnce(recent_table(self.recent, count=RECENT)) if self.recent else ""
            yield Static(table, id="recent")
        yield KeyFooter()
