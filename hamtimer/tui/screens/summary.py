"""`SummaryScreen`: how the workout went, with the holds side by side."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from hamtimer.history import WorkoutRecord
from hamtimer.printable import printable
from hamtimer.report import holds_table, summary_text
from hamtimer.tui.screens.adaptive import AdaptiveScreen
from hamtimer.tui.widgets import KeyFooter, TooSmall


class SummaryScreen(AdaptiveScreen):
    """Shown when a workout ends."""

    DEFAULT_CSS = """
    SummaryScreen #summary { padding: 1 2; }
    SummaryScreen #summary-holds { margin-top: 1; }
    SummaryScreen #summary-unsaved { margin-top: 1; color: $error; text-style: bold; }
    SummaryScreen.-too-small #summary { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "app.show_history", "History", id="history", priority=True),
        Binding("q,enter,escape", "app.quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, record: WorkoutRecord, unsaved: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        """What was done, whether it could be saved, and the holds."""
        yield TooSmall()
        with VerticalScroll(id="summary"):
            yield Static(summary_text(self.record), id="summary-text")
            yield Static(id="summary-unsaved", markup=False)
            table = holds_table(self.record)
            if table is not None:
                yield Static(table, id="summary-holds")
        yield KeyFooter(("app.show_history", "app.quit"))  # both kept on a small terminal

    def on_mount(self) -> None:
        """Lay out, and say whether the workout could be saved."""
        super().on_mount()
        self.show_unsaved(self.unsaved)

    def show_unsaved(self, text: str | None) -> None:
        """Say in plain words that the workout is not saved yet (None: nothing to say)."""
        self.unsaved = text
        line = self.query_one("#summary-unsaved", Static)
        line.update(printable(f"⚠ {text}") if text else "")
        line.display = bool(text)
