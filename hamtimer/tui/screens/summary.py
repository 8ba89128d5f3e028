"""`SummaryScreen`: how the workout went, with the holds side by side."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from hamtimer.history import WorkoutRecord
from hamtimer.report import holds_table, summary_text
from hamtimer.tui.screens.adaptive import AdaptiveScreen
from hamtimer.tui.widgets import TooSmall


class SummaryScreen(AdaptiveScreen):
    """Shown when a workout ends."""

    DEFAULT_CSS = """
    SummaryScreen #summary { padding: 1 2; }
    SummaryScreen #summary-holds { margin-top: 1; }
    SummaryScreen.-too-small #summary { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "app.show_history", "History", id="history", priority=True),
        Binding("q,enter,escape", "app.quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, record: WorkoutRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        """What was done, and the holds."""
        yield TooSmall()
        with VerticalScroll(id="summary"):
            yield Static(summary_text(self.record), id="summary-text")
            table = holds_table(self.record)
            if table is not None:
                yield Static(table, id="summary-holds")
        yield Footer()
