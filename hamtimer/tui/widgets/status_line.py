"""`StatusLine`: where the workout stands, with its progress drawn behind the words."""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

REVERSE = Style(reverse=True)


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes, measured a character at a time: Rich's
    `cell_len` keeps every string it measures (4,096 of them), and this line is new every
    second (1 MB kept over half an hour of a workout)."""
    return sum(map(get_character_cell_size, text))


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

    def render_line(self, y: int) -> Strip:
        """The words padded to the width, reversed up to the progress: the strip Textual
        would make of that text, made directly (the line changes every second)."""
        width, style = self.content_size.width, self.visual_style.rich_style
        if y:
            return Strip.blank(width, style)
        line = f" {self.text}"[:width].ljust(width)
        done = round(min(max(self.fraction, 0.0), 1.0) * width)
        parts = [(line[:done], style + REVERSE), (line[done:], style)]
        segments = [Segment(text, part) for text, part in parts if text]
        strip = Strip(segments, sum(cell_width(text) for text, _ in parts))
        return strip.adjust_cell_length(width, style).apply_offsets(0, 0)
