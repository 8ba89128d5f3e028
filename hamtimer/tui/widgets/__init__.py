"""Widgets of the hamtimer screens, one a module, each with its own CSS."""

from hamtimer.tui.widgets.big_time import BigTime
from hamtimer.tui.widgets.direction_mark import DirectionMark
from hamtimer.tui.widgets.fit_line import FitLine
from hamtimer.tui.widgets.key_footer import KeyFooter
from hamtimer.tui.widgets.large_line import LargeLine
from hamtimer.tui.widgets.status_line import StatusLine
from hamtimer.tui.widgets.too_small import TooSmall, size_class

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
