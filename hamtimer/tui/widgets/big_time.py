"""`BigTime`: the time or rep count in digits a runner reads from across the room."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from hamtimer.tui import bigtext


class BigTime(Widget):
    """The time (or rep count, or DONE) in the largest digits that fit the widget.

    `look` is 'solid', or 'hollow' while the workout is paused: the digits become outlines
    (shaded where they are too thin to hollow), a sign that is not a colour.
    """

    DEFAULT_CSS = """
    BigTime { width: 1fr; height: 1fr; min-height: 4; text-style: bold; }
    """

    text: reactive[str] = reactive("")
    """What to draw: '0:30', '6', '3/8', 'DONE'."""

    look: reactive[bigtext.Look] = reactive[bigtext.Look]("solid")
    """'solid', or 'hollow' for a paused number."""

    def lines(self) -> list[str]:
        """The digits as drawn at the widget's size, before centring."""
        width, height = self.content_size.width, self.content_size.height
        return bigtext.render(self.text, width, height, look=self.look)

    def render(self) -> RenderResult:
        """Centre the biggest rendering of `text` in the space the layout gave us."""
        width, height = self.content_size.width, self.content_size.height
        lines = self.lines()
        top = max(0, (height - len(lines)) // 2)
        body = "\n" * top + "\n".join(line.center(width)[:width] for line in lines)
        return Text(body, no_wrap=True, overflow="crop")
