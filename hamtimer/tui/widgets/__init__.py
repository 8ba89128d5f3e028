"""Widgets of the hamtimer screens, one a module, each with its own CSS."""

from hamtimer.tui.widgets.big_time import BigTime
from hamtimer.tui.widgets.too_small import TooSmall, size_class

__all__ = ["BigTime", "TooSmall", "size_class"]
