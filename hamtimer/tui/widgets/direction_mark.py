"""`DirectionMark`: which way to turn, as a ring with an arrowhead and the word below it."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from hamtimer.tui import bigtext
from hamtimer.tui.fitting import large_text

WORDS = {"clockwise": "CLOCKWISE", "counter-clockwise": "COUNTER-CLOCKWISE"}


class DirectionMark(Widget):
    """The halo's direction, drawn beside the rep count and never mistaken for a digit:
    its own drawing, in its own box; counter-clockwise has the mirror image, the other
    side of the number and reversed colours (the screen's CSS), so a flip is seen."""

    DEFAULT_CSS = """
    DirectionMark {
        width: 1fr;
        height: 1fr;
        text-style: bold;
        border: heavy $foreground;
        padding: 0 1;
        background: #ffffff 12%;
    }
    DirectionMark.-counter-clockwise { text-style: bold reverse; border: heavy $background; }
    """

    direction: reactive[str] = reactive("")
    """'clockwise', 'counter-clockwise', or '' (hidden)."""

    def watch_direction(self, direction: str) -> None:
        """Show the look of the direction."""
        self.set_class(direction == "counter-clockwise", "-counter-clockwise")
        self.display = bool(direction)

    def lines(self) -> list[str]:
        """The ring and the word, centred in the box's content area."""
        width, height = self.content_size.width, self.content_size.height
        word = WORDS.get(self.direction, "")
        large = large_text([word], width, 3) if height >= 12 else None
        label_lines = large[1] if large is not None else ([word[:width]] if height >= 9 else [])
        ring_rows = height - len(label_lines) - (1 if label_lines else 0)
        ring = bigtext.render_arrow(width, ring_rows, clockwise=self.direction == "clockwise")
        lines = [*ring, *([""] if label_lines else []), *label_lines]
        top = max(0, (height - len(lines)) // 2)
        return [""] * top + [line.center(width) for line in lines]

    def render(self) -> RenderResult:
        """The mark at the size the layout gave it."""
        return Text("\n".join(self.lines()), no_wrap=True, overflow="crop")
