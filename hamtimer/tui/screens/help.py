"""`HelpScreen`: every key, over the screen it was asked from (the workout waits)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from hamtimer.tui.screens.dialog import Dialog

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "During a workout",
        (
            ("Space", "pause / go on"),
            ("Enter", "done: ends a set of reps or a hold (a rest: ends it early)"),
            ("any key", "not bound to another: ends a hold (a foot pedal, a clicker)"),
            ("n  →", "skip to the next step"),
            ("p  ←", "back: restart this step (the one before if it just began)"),
            ("+  -", "add / remove 10 seconds (rests and timed work)"),
            ("+  Enter", "in an AMRAP: a round done (- takes one back)"),
            ("m", "mute / unmute the cues (tones and voice)"),
            ("v", "voice on / off (the tones play on)"),
            ("c", "challenge mode on / off for the steps to come"),
            ("?", "this help"),
            ("q  Ctrl+C", "leave (asks first)"),
            ("Enter", "on DONE at the end: the summary now"),
        ),
    ),
    (
        "Before starting",
        (
            ("Enter", "start"),
            ("r", "resume the interrupted workout (when offered)"),
            ("c", "challenge mode on / off"),
            ("v", "voice on / off"),
            ("h", "history"),
            ("p", "the programme you follow: its weeks and progress"),
            ("q", "quit"),
        ),
    ),
)
"""Every key, by where it works: (keys, what they do)."""

KEY_COLUMN = 10
WIDEST = KEY_COLUMN + 2 + max(len(what) for _, rows in KEYS for _, what in rows)
"""The widest help line: the box is this wide inside, so at 80 columns nothing wraps."""


def keys_help() -> Group:
    """The key tables; on a narrow terminal a description wraps under itself, not the key."""
    parts: list[Text | Table] = []
    for position, (title, rows) in enumerate(KEYS):
        parts.append(Text(("\n" if position else "") + title, style="bold"))
        table = Table.grid(padding=(0, 2))
        table.add_column(width=KEY_COLUMN, no_wrap=True)
        table.add_column()
        for keys, what in rows:
            table.add_row(keys, what)
        parts.append(table)
    return Group(*parts)


class HelpScreen(Dialog[None]):
    """Every key, in one place, over the screen it was asked from. Opened during a
    workout, the workout is paused until it closes (`paused` says so at the top)."""

    DEFAULT_CSS = f"""
    HelpScreen #help-box {{
        width: {WIDEST + 7};
        max-height: 100%;
        padding: 0 2;
        scrollbar-size-vertical: 1;
    }}
    HelpScreen #help-paused {{ text-style: bold reverse; margin-bottom: 1; }}
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter,space", "close", "Close", priority=True),
    ]

    def __init__(self, *, paused: bool = False) -> None:
        super().__init__()
        self.paused = paused

    def compose(self) -> ComposeResult:
        """The key tables, scrolling on a small terminal."""
        with VerticalScroll(id="help-box", classes="dialog"):
            if self.paused:
                yield Static("The workout is paused while this is open.", id="help-paused")
            yield Static(keys_help(), id="help-text")
        yield Footer(show_command_palette=False)

    def action_close(self) -> None:
        """Back to where the runner was (a paused workout goes on)."""
        self.dismiss(None)
