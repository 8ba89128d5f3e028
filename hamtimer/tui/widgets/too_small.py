"""`TooSmall`: what a screen shows instead of itself in a terminal below the smallest layout."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 40, 12
COMPACT_WIDTH, COMPACT_HEIGHT = 70, 22


def size_class(width: int, height: int) -> str:
    """The layout for a terminal size: 'full', 'compact' or 'too-small'."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return "too-small"
    if width < COMPACT_WIDTH or height < COMPACT_HEIGHT:
        return "compact"
    return "full"


class TooSmall(Static):
    """Says how big the terminal is and must be; hidden until `AdaptiveScreen` shows it."""

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 100%;
        height: 100%;
        content-align: center middle;
        text-style: bold;
        background: $error;
        color: $text;
        padding: 1 2;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="too-small")

    def show_size(self, width: int, height: int) -> None:
        """Say how big the terminal is and how big it must be."""
        self.update(
            f"Make the terminal larger: hamtimer needs at least "
            f"{MIN_WIDTH}×{MIN_HEIGHT}, this one is {width}×{height}. "
            "The workout keeps its time meanwhile."
        )
