"""The history screen's chart of holds: one row a workout, a bar a side, drawn from zero.

Bars start at zero on one scale for both sides, so 47, 47, 47 and 52 s draw four bars of
nearly the same length (a sparkline scaled from min to max drew three blanks and one full
bar), and every bar has its side's label beside it and its value after it. The chart takes
the width Rich gives it and never wraps: narrower terminals get shorter bars and labels.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from hamtimer.history import TrendPoint
from hamtimer.plan import format_duration
from hamtimer.report.text import local_time

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
LATEST = 10
"""How many of the latest workouts the chart shows, a row each."""

MIN_BAR = 4
_VALUE = 5  # "12:34"
_DATE = 6  # "01 Mar"
_FLAG = " ⚠"
_STYLES = {"right": "bold green", "left": "bold cyan"}


def bar(value: float, top: float, width: int) -> str:
    """`value` as a bar of whole and eighth blocks, `width` cells for `top`, from zero."""
    if width <= 0 or top <= 0 or value <= 0:
        return ""
    eighths = round(min(value, top) / top * width * 8)
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


@dataclass(frozen=True)
class Layout:
    """How a chart row is cut up at one width: the side labels and the bar length."""

    labels: tuple[str, str]
    bar_width: int

    @classmethod
    def for_width(cls, width: int) -> Layout:
        """Long labels while bars stay at least `MIN_BAR` cells, else one letter."""
        for labels in (("right", "left "), ("R", "L")):
            fixed = _DATE + 2 + sum(len(label) + 1 + 1 + _VALUE for label in labels) + 2
            bar_width = (width - fixed - len(_FLAG)) // 2
            if bar_width >= MIN_BAR:
                return cls(labels, bar_width)
        return cls(("R", "L"), max(1, bar_width))


class HoldChart:
    """A Rich renderable: the latest `LATEST` workouts' best holds per side as bars."""

    def __init__(self, points: Sequence[TrendPoint], latest: int = LATEST) -> None:
        self.points = list(points)[-latest:]

    def lines(self, width: int) -> list[Text]:
        """The chart at `width` cells: a row a workout, oldest first, none wider."""
        layout = Layout.for_width(width)
        values = [v for p in self.points for v in (p.right, p.left) if v is not None]
        top = max(values, default=0.0)
        rows = []
        for point in self.points:
            row = Text(local_time(point.started_at, "%d %b").ljust(_DATE) + "  ")
            for position, side in enumerate(("right", "left")):
                value: float | None = getattr(point, side)
                if position:
                    row.append("  ")
                row.append(f"{layout.labels[position]} ")
                drawn = bar(value or 0.0, top, layout.bar_width)
                row.append(drawn, style=_STYLES[side])
                row.append(" " * (layout.bar_width - len(drawn)))
                shown = "—" if value is None else format_duration(value)
                row.append(f" {shown:>{_VALUE}}")
            if point.uneven:
                row.append(_FLAG, style="bold red")
            rows.append(row)
        return rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Rich asks for the chart at the width it has."""
        yield from self._rows(options.max_width)

    def _rows(self, width: int) -> Iterator[Text]:
        for row in self.lines(width):
            row.no_wrap, row.overflow = True, "crop"  # too narrow even for R and L: cut, never wrap
            yield row
