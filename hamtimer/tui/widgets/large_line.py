"""`LargeLine`: a few words in capitals three (or more) rows tall, or bold text if too long."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from hamtimer.tui.fitting import fit_lines, large_text


class LargeLine(Widget):
    """The first of `variants` that fits the width in big capitals, centred; when none
    does, the first that fits as bold text (up to two lines, never a word alone)."""

    DEFAULT_CSS = """
    LargeLine { width: 1fr; height: auto; text-style: bold; }
    """

    MAX_ROWS: ClassVar[int] = 3

    variants: reactive[tuple[str, ...]] = reactive((), layout=True)
    """Wordings, longest first: ('LEFT LEG FORWARD · 5 REPS', 'LEFT · 5 REPS', 'LEFT')."""

    max_rows: reactive[int] = reactive(MAX_ROWS, layout=True)
    """How tall the capitals may grow (3 rows, more on a large terminal)."""

    def chosen(self, width: int) -> tuple[str, list[str], bool]:
        """At `width`: the wording shown, its lines, and whether they are big capitals."""
        large = large_text(self.variants, width, self.max_rows)
        if large is not None:
            return large[0], large[1], True
        lines = fit_lines(self.variants, width)
        return " ".join(lines), lines, False

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the chosen rendering takes."""
        return len(self.chosen(width)[1])

    def render(self) -> RenderResult:
        """The chosen rendering, centred."""
        width = self.content_size.width
        lines = self.chosen(width)[1]
        return Text("\n".join(line.center(width) for line in lines), no_wrap=True)
