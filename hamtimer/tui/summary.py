"""The summary screen: how the workout went, with the holds side by side."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from hamtimer.history import WorkoutEntry
from hamtimer.plan import format_duration
from hamtimer.progress import holds_by_side
from hamtimer.tui.base import AdaptiveScreen
from hamtimer.tui.widgets import TooSmall


def summary_text(entry: WorkoutEntry) -> Text:
    """Total time, steps done and skipped."""
    text = Text("Workout finished!\n" if entry.outcome == "finished" else "Workout ended\n")
    text.stylize("bold")
    text.append(f"{entry.circuit}\n")
    text.append(f"Time working: {format_duration(entry.active_seconds)}  ·  ")
    text.append(f"steps done {entry.completed} of {len(entry.steps)}  ·  skipped {entry.skipped}")
    return text


def holds_table(entry: WorkoutEntry) -> Table | None:
    """Hold times per side, with the left/right difference flagged when it is large."""
    holds = holds_by_side(entry)
    if not holds:
        return None
    table = Table(title="Holds to fatigue", expand=False)
    for column in ("exercise", "right", "left", "difference"):
        table.add_column(column, justify="left" if column == "exercise" else "right")
    for item in holds:
        right = format_duration(item.right) if item.right is not None else "—"
        left = format_duration(item.left) if item.left is not None else "—"
        difference = item.difference
        shown = "—" if difference is None else f"{difference:.0%}"
        if item.uneven:
            shown = f"⚠ {shown}"
        table.add_row(Text(item.exercise), right, left, shown)
    return table


class SummaryScreen(AdaptiveScreen):
    """Shown when a workout ends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "app.show_history", "History", id="history", priority=True),
        Binding("q,enter,escape", "app.quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, entry: WorkoutEntry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        """What was done, and the holds."""
        yield TooSmall()
        with VerticalScroll(id="summary"):
            yield Static(summary_text(self.entry), id="summary-text")
            table = holds_table(self.entry)
            if table is not None:
                yield Static(table, id="summary-holds")
        yield Footer()
