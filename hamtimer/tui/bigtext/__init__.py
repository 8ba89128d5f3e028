"""Big text for reading the timer from across a room. Pure functions: no Textual.

Textual's `Digits` is three rows tall: too small at two metres. Here characters are pixel
glyphs (`fonts`: 5×7 digits for the number, 3×5 capitals for words) scaled to the largest
size that fits the box, in half blocks, so they grow half a row at a time (`scale`); the
halo's direction is its own drawing, a ring with an arrowhead (`arrow`).
"""

from hamtimer.tui.bigtext.arrow import render_arrow, ring_arrow
from hamtimer.tui.bigtext.fonts import DIGITS, SMALL, Font
from hamtimer.tui.bigtext.scale import Look, first_changes, ink_rows, pixels, render, share

__all__ = [
    "DIGITS",
    "SMALL",
    "Font",
    "Look",
    "first_changes",
    "ink_rows",
    "pixels",
    "render",
    "render_arrow",
    "ring_arrow",
    "share",
]
