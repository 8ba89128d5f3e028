"""Modal dialogs: the key help and the confirmation before leaving a workout."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS_HELP = """\
[b]During a workout[/b]
  Space        pause / resume
  Enter        done: ends a set of reps or a hold (or a rest early)
  n  →         skip to the next step
  p  ←         back: restart this step, or the previous one if it just began
  +  -         add / remove 10 seconds (rests and timed work)
  m            mute / unmute the cues
  c            challenge mode on / off for the steps to come
  ?            this help
  q  Ctrl+C    leave (asks first)

[b]Before starting[/b]
  Enter        start            c   challenge mode
  r            resume the interrupted workout (when offered)
  h            history          q   quit
"""


class HelpScreen(ModalScreen[None]):
    """Every key, in one place, over the screen it was asked from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter,space", "close", "Close", priority=True),
    ]

    def compose(self) -> ComposeResult:
        """The key table."""
        with Vertical(id="help-box", classes="dialog"):
            yield Static(KEYS_HELP, id="help-text")
            yield Static("[dim]Esc or ? to close[/dim]")

    def action_close(self) -> None:
        """Back to where the runner was."""
        self.dismiss(None)


LeaveChoice = Literal["abandon", "save", "stay"]


class ConfirmLeave(ModalScreen[LeaveChoice]):
    """Asked before leaving a workout, so a stray key never ends one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose('abandon')", "Leave", priority=True),
        Binding("s", "choose('save')", "Save, resume later", priority=True),
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

    def action_choose(self, choice: LeaveChoice) -> None:
        """Answer the question."""
        self.dismiss(choice)
