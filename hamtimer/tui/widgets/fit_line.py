"""`FitLine`: a line of text that picks the wording that fits instead of being cut."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from hamtimer.tui.fitting import fit_lines


class FitLine(Widget):
    """The first of `variants` that fits on one line; else one wrapped over `max_lines`
    lines at most, never leaving a word alone on the last one."""

    DEFAULT_CSS = """
    FitLine { width: 1fr; height: auto; padding: 0 1; }
    FitLine.-empty { display: none; }
    """

    variants: reactive[tuple[str, ...]] = reactive((), layout=True)
    """Wordings, longest first (none: the line is not displayed, and Textual does not draw
    it again with every second of the number)."""

    max_lines: reactive[int] = reactive(2, layout=True)
    """How many lines it may wrap over."""

    def watch_variants(self) -> None:
        """Out of the layout while it has nothing to say."""
        self.set_class(not self.variants, "-empty")

    def lines(self, width: int) -> list[str]:
        """What is drawn at `width`."""
        return fit_lines(self.variants, width, self.max_lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row a line."""
        return len(self.lines(width))

    def render(self) -> RenderResult:
        """The chosen wording, as written (never parsed as markup), padded to the width so
        a reversed line is a bar across the screen."""
        width = self.content_size.width
        return Text("\n".join(line.ljust(width) for line in self.lines(width)), no_wrap=True)
