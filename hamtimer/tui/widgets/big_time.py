"""`BigTime`: the time or rep count in digits a runner reads from across the room."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from hamtimer.tui import bigtext


class BigTime(Widget):
    """The time (or rep count) in the largest digits that fit the widget."""

    DEFAULT_CSS = """
    BigTime { width: 1fr; height: 1fr; min-height: 4; text-style: bold; }
    """

    text: reactive[str] = reactive("")
    """What to draw: '0:30', '6 ↻', '3/8'."""

    def render(self) -> RenderResult:
        """Centre the biggest rendering of `text` in the space the layout gave us."""
        width, height = self.content_size.width, self.content_size.height
        lines = bigtext.render(self.text, width, height)
        top = max(0, (height - len(lines)) // 2)
        body = "\n" * top + "\n".join(line.center(width)[:width] for line in lines)
        return Text(body, no_wrap=True, overflow="crop")
