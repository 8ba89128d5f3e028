"""`RenderedOnce`: a Rich renderable drawn once for each width it is asked for.

A Textual `Static` of a Rich table asks for it twice at each width (to measure its height,
then to draw it), and again when a scroll bar narrows the box: a history table of ten
workouts took 5 ms each time. This keeps the lines drawn at each width and hands them back.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment


class RenderedOnce:
    """`renderable`, drawn once for each width Rich asks for and then kept (whole: the box
    it is drawn in cuts it to its height)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[int, list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The kept lines for this width, drawn now if this width is new."""
        width = options.max_width
        if width not in self._lines:
            whole = options.update(height=None)
            self._lines[width] = console.render_lines(self.renderable, whole, pad=False)
        newline = Segment.line()
        for line in self._lines[width]:
            yield from line
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """The renderable's own measure."""
        return Measurement.get(console, options, self.renderable)
