"""The history screen: past workouts, and whether the holds are getting longer and even."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from hamtimer.history import HistoryStore, WorkoutEntry
from hamtimer.plan import format_duration
from hamtimer.progress import TrendPoint, hold_trend

RECENT = 10


def recent_table(entries: list[WorkoutEntry]) -> Table:
    """The last workouts, newest first."""
    table = Table(title="Recent workouts", expand=True)
    for column in ("date", "circuit", "time", "steps"):
        table.add_column(column)
    for entry in sorted(entries, key=lambda item: item.started_at, reverse=True)[:RECENT]:
        steps = f"{entry.completed}/{len(entry.steps)}"
        if entry.outcome == "abandoned":
            steps = f"abandoned {steps}"
        table.add_row(
            entry.started_at.astimezone().strftime("%a %d %b %H:%M"),
            Text(entry.circuit),
            format_duration(entry.active_seconds),
            steps,
        )
    return table


def trend_caption(exercise: str, points: list[TrendPoint]) -> Text:
    """The exercise's latest holds per side, flagged when the sides differ by over 15%."""
    last = points[-1]
    text = Text(f"{exercise} — {len(points)} workout(s); latest: ", style="bold")  # no markup
    right = format_duration(last.right) if last.right is not None else "—"
    left = format_duration(last.left) if last.left is not None else "—"
    text.append(f"R {right} · L {left}")
    if last.difference is not None:
        text.append(f"  (difference {last.difference:.0%})")
    if last.uneven:
        text.append("  ⚠ sides uneven (over 15%)", style="bold red")
    return text


class HistoryScreen(Screen[None]):
    """Hold times per side as sparklines over past workouts, then the recent workouts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "app.pop_screen", "Back", id="back", priority=True),
    ]

    def __init__(self, store: HistoryStore | None) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        """A chart per to-fatigue exercise and side, and a table."""
        entries, notices = self._load()
        with VerticalScroll(id="history"):
            for notice in notices:
                yield Static(Text(f"⚠ {notice}", style="yellow"))  # paths may hold "["
            if not entries:
                yield Static("No workouts yet: your holds will be charted here.")
            for exercise, points in hold_trend(entries).items():
                yield Static(trend_caption(exercise, points), classes="trend-caption")
                for side in ("right", "left"):
                    values = [getattr(point, side) or 0.0 for point in points]
                    yield Static(f"{side:>5}", classes="trend-label")
                    yield Sparkline(values, classes=f"trend trend-{side}")
            yield Static(Group(recent_table(entries)) if entries else "")
        yield Footer()

    def _load(self) -> tuple[list[WorkoutEntry], list[str]]:
        if self.store is None:
            return [], ["History is not available: the data folder cannot be used."]
        result = self.store.load()
        return list(result.entries), list(result.notices)
