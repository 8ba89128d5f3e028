"""Plots of a programme's weeks, drawn by plotext: the best hold per side and the sets done,
week by week, both from zero. plotext draws in text cells with Unicode, so the same plot
prints in `hamtimer programme` and sits in the programme screen (as Rich `Text`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text

from hamtimer.report.programme import WeekFigures

_LOCK = threading.Lock()
"""plotext draws on one figure per process: one plot at a time."""

MIN_WIDTH, MIN_HEIGHT = 24, 6
"""Smaller than this, a plot says nothing: it is left out."""


def _build(draw: Callable[[Any], None], width: int, height: int) -> Text:
    import plotext as plt  # loads only when a plot is drawn

    with _LOCK:
        plt.clear_figure()
        plt.plotsize(width, height)
        plt.theme("clear")
        draw(plt)
        drawn = str(plt.build())
        plt.clear_figure()
    return Text.from_ansi(drawn.rstrip("\n"))


def holds_plot(weeks: Sequence[WeekFigures], width: int, height: int) -> Text | None:
    """The best hold per side, week by week (right •, left x), from zero; None without any
    hold or room."""
    shown = [figures for figures in weeks if figures.right or figures.left]
    if not shown or width < MIN_WIDTH or height < MIN_HEIGHT:
        return None
    top = max(value for f in shown for value in (f.right or 0.0, f.left or 0.0))

    def draw(plt: Any) -> None:
        xs = [f.week for f in shown]
        for side, marker in (("right", "dot"), ("left", "x")):
            points = [(f.week, getattr(f, side)) for f in shown if getattr(f, side)]
            if points:
                plt.plot([x for x, _ in points], [y for _, y in points], label=side, marker=marker)
        plt.xticks(xs, [f"W{x}" for x in xs])
        plt.ylim(0, top * 1.1)
        plt.title("Best hold per week (s)")

    return _build(draw, width, height)


def volume_plot(weeks: Sequence[WeekFigures], width: int, height: int) -> Text | None:
    """The sets done each week, as bars from zero; None without any week or room."""
    if not weeks or width < MIN_WIDTH or height < MIN_HEIGHT:
        return None

    def draw(plt: Any) -> None:
        plt.bar([f"W{f.week}" for f in weeks], [f.sets for f in weeks])
        plt.title("Sets done per week")

    return _build(draw, width, height)
