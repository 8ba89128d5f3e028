"""`HelpScreen`: every key, over the screen it was asked from."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from hamtimer.tui.screens.dialog import Dialog

KEYS_HELP = """\
[b]During a workout[/b]
  Space        pause / resume
  Enter        done: ends a set of reps or a hold (or a rest early);
               any other unbound key ends a hold too (a foot pedal, a clicker)
  n  →         skip to the next step
  p  ←         back: restart this step, or the previous one if it just began
  +  -         add / remove 10 seconds (rests and timed work)
  m            mute / unmute the cues (tones and voice)
  v            voice on / off (the tones play on)
  c            challenge mode on / off for the steps to come
  ?            this help
  q  Ctrl+C    leave (asks first)

[b]Before starting[/b]
  Enter        start            c   challenge mode     v   voice
  r            resume the interrupted workout (when offered)
  h            history          q   quit
"""


class HelpScreen(Dialog[None]):
    """Every key, in one place, over the screen it was asked from."""

    DEFAULT_CSS = """
    HelpScreen #help-box { width: 84; }
    """

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
