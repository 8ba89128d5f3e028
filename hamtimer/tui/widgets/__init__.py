"""Widgets of the hamtimer screens, one a module, each with its own CSS.

Each loads when first asked for, so the start screen's first frame never waits for the
timer's widgets (the big digits and their fonts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.lazy import lazy_names

if TYPE_CHECKING:
    from hamtimer.tui.widgets.big_time import BigTime
    from hamtimer.tui.widgets.direction_mark import DirectionMark
    from hamtimer.tui.widgets.fit_line import FitLine
    from hamtimer.tui.widgets.key_footer import KeyFooter
    from hamtimer.tui.widgets.large_line import LargeLine
    from hamtimer.tui.widgets.status_line import StatusLine
    from hamtimer.tui.widgets.too_small import TooSmall, size_class

__getattr__ = lazy_names(
    __name__,
    {
        "BigTime": "hamtimer.tui.widgets.big_time",
        "DirectionMark": "hamtimer.tui.widgets.direction_mark",
        "FitLine": "hamtimer.tui.widgets.fit_line",
        "KeyFooter": "hamtimer.tui.widgets.key_footer",
        "LargeLine": "hamtimer.tui.widgets.large_line",
        "StatusLine": "hamtimer.tui.widgets.status_line",
        "TooSmall": "hamtimer.tui.widgets.too_small",
        "size_class": "hamtimer.tui.widgets.too_small",
    },
)

__all__ = [
    "BigTime",
    "DirectionMark",
    "FitLine",
    "KeyFooter",
    "LargeLine",
    "StatusLine",
    "TooSmall",
    "size_class",
]
