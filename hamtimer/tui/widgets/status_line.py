"""`StatusLine`: where the workout stands, with its progress drawn behind the words."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    """One line: step, time done and left, sound, rehearsal; the part of it as long as the
    workout's progress is drawn in reverse, so no line is spent on a progress bar."""

    DEFAULT_CSS = """
    StatusLine { width: 1fr; height: 1; }
    """

    text: reactive[str] = reactive("")
    """'step 3 of 48 · 0:28 done · about 21:36 left · sound: off'."""

    fraction: reactive[float] = reactive(0.0)
    """How much of the workout is done, 0 to 1."""

    def render(self) -> RenderResult:
        """The words padded to the width, reversed up to the progress."""
        width = self.content_size.width
        line = Text(f" {self.text}"[:width].ljust(width), no_wrap=True)
        done = round(min(max(self.fraction, 0.0), 1.0) * width)
        line.stylize("reverse", 0, done)
        return line
