"""Small widgets of the timer screens."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from hamtimer.tui import bigtext


class BigTime(Widget):
    """The time (or rep count) in the largest digits that fit the widget."""

    text: reactive[str] = reactive("")

    def render(self) -> RenderResult:
        """Centre the biggest rendering of `text` in the space the layout gave us."""
        width, height = self.content_size.width, self.content_size.height
        lines = bigtext.render(self.text, width, height)
        top = max(0, (height - len(lines)) // 2)
        body = "\n" * top + "\n".join(line.center(width)[:width] for line in lines)
        return Text(body, no_wrap=True, overflow="crop")


class TooSmall(Static):
    """Shown instead of a screen's content when the terminal is below the smallest layout."""

    def __init__(self) -> None:
        super().__init__("", id="too-small")

    def show_size(self, width: int, height: int) -> None:
        """Say how big the terminal is and how big it must be."""
        self.update(
            f"Make the terminal larger: hamtimer needs at least "
            f"{MIN_WIDTH}×{MIN_HEIGHT}, this one is {width}×{height}. "
            "The workout keeps its time meanwhile."
        )


MIN_WIDTH, MIN_HEIGHT = 40, 12
COMPACT_WIDTH, COMPACT_HEIGHT = 70, 22


def size_class(width: int, height: int) -> str:
    """The layout for a terminal size: 'full', 'compact' or 'too-small'."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return "too-small"
    if width < COMPACT_WIDTH or height < COMPACT_HEIGHT:
        return "compact"
    return "full"
