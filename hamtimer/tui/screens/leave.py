"""`ConfirmLeave`: asked before leaving a workout, so a stray key never ends one."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static

from hamtimer.tui.screens.dialog import Dialog

LeaveChoice = Literal["abandon", "save", "stay"]


class ConfirmLeave(Dialog[LeaveChoice]):
    """Asked before leaving a workout, so a stray key never ends one; its footer shows its
    own keys, not the timer's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose('abandon')", "Leave", priority=True),
        Binding("s", "choose('save')", "Save & quit", priority=True),
        Binding("n,escape", "choose('stay')", "Keep going", priority=True),
        Binding("ctrl+c,ctrl+q,q", "choose('abandon')", "Leave", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        """The question and its answers."""
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static("[b]Leave this workout?[/b]  (the timer is paused)", id="confirm-question")
            yield Static("  y   leave: it goes into your history as abandoned")
            yield Static("  s   save it and leave: resume it next time")
            yield Static("  n   keep going")
        yield Footer(show_command_palette=False, compact=True)

    def action_choose(self, choice: LeaveChoice) -> None:
        """Answer the question."""
        self.dismiss(choice)
