"""`BigTime`: the time or rep count in digits a runner reads from across the room."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
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

    text: reactive[str] = reactive("", repaint=False)
    """What to draw: '0:30', '6', '3/8', 'DONE' (a change repaints, row by row, the cells
    from the first whose ink changed: from one second to the next, mostly the last digit)."""

    look: reactive[bigtext.Look] = reactive[bigtext.Look]("solid")
    """'solid', or 'hollow' for a paused number."""

    _rows: tuple[tuple[str, str, int, int], list[str]] | None = None
    """The rows drawn last, and what they were drawn for (text, look, width, height)."""

    _frame: tuple[list[str], Style, int] = ([], Style(), 0)
    """What `render_line` draws from: the rows, their style and the width, set by
    `render_lines` for the rows it asks for."""

    def lines(self) -> list[str]:
        """The digits as drawn at the widget's size, before centring."""
        width, height = self.content_size.width, self.content_size.height
        return bigtext.render(self.text, width, height, look=self.look)

    def _drawn(self) -> list[str]:
        """The rows of `text` at the widget's size, centred (made again only when the text,
        the look or the size changed)."""
        width, height = self.content_size.width, self.content_size.height
        key = (self.text, self.look, width, height)
        if self._rows is None or self._rows[0] != key:
            lines = self.lines()
            top = max(0, (height - len(lines)) // 2)
            self._rows = (key, [""] * top + [line.center(width)[:width] for line in lines])
        return self._rows[1]

    def watch_text(self) -> None:
        """Repaint, row by row, from the first cell whose ink changed to the right edge (all
        of it if the size or look did). To the edge: Textual sends a row from its left edge
        to the end of what changed anyway, and a row it cuts short it measures with Rich,
        whose cache keeps every string it measured (4,096: 1.3 MB of old rows)."""
        now = (self.look, self.content_size.width, self.content_size.height)
        if self._rows is None or self._rows[0][1:] != now:  # drawn for another look or size
            self.refresh()
            return
        before = self._rows[1]
        changes = bigtext.first_changes(before, self._drawn())
        if changes:
            right = self.content_size.width
            self.refresh(*(Region(start, y, right - start, 1) for y, start in changes))

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's drawing of the rows in `crop`, the number's rows and style looked up
        once for them all (each look-up asks the screen where the widget is)."""
        self._frame = (self._drawn(), self.visual_style.rich_style, self.content_size.width)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Row `y` of the biggest rendering of `text`, centred in the space the layout gave
        us, as Textual would draw it from text: the rows are made once a second, without
        Textual's general path for text (5 ms a second for the number's rows)."""
        rows, style, width = self._frame
        if y >= len(rows):
            return Strip.blank(width, style)
        return Strip([Segment(rows[y], style)], len(rows[y])).apply_offsets(0, y)
