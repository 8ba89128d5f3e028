"""The halo's direction mark: a thick open ring with a solid arrowhead, drawn to any size.

A 7-pixel circular arrow next to a digit read as one more digit ("6 ↺" looked like "65").
This one is drawn at the size of the box it gets, in half blocks: a ring broken at the top
with an arrowhead wider than the ring at the end of the stroke, pointing the way to turn.
Counter-clockwise is the exact mirror image of clockwise. Pure: no Textual.
"""

from __future__ import annotations

import math

from hamtimer.tui.bigtext.scale import Grid, cells

GAP = (5.0, 90.0)
"""The ring's opening, in degrees counter-clockwise from 3 o'clock, for clockwise: the
arrowhead stands in its upper part, pointing into the rest."""

HEAD = 90.0
"""Where the clockwise stroke ends and its arrowhead's base stands: 12 o'clock."""


def _inside(point: tuple[float, float], triangle: tuple[tuple[float, float], ...]) -> bool:
    (x, y), ((x1, y1), (x2, y2), (x3, y3)) = point, triangle
    d1 = (x - x2) * (y1 - y2) - (x1 - x2) * (y - y2)
    d2 = (x - x3) * (y2 - y3) - (x2 - x3) * (y - y3)
    d3 = (x - x1) * (y3 - y1) - (x3 - x1) * (y - y1)
    negative = d1 < 0 or d2 < 0 or d3 < 0
    positive = d1 > 0 or d2 > 0 or d3 > 0
    return not (negative and positive)


def ring_arrow(width: int, sub_rows: int, *, clockwise: bool) -> Grid:
    """The mark as ink on a `width` × `sub_rows` grid of square sub-pixels, centred."""
    size = min(width, sub_rows)
    thickness = max(2.0, size * 0.125)
    overhang = thickness * 0.9  # how far the arrowhead stands out on each side of the ring
    outer = (size - overhang) / 2 - 0.3  # the head stands out above the ring only
    inner = max(0.5, outer - thickness)
    middle = (outer + inner) / 2
    base = math.radians(HEAD)
    along = (math.sin(base), -math.cos(base))  # clockwise, the way the stroke goes on
    length = thickness * 2.2
    triangle = (
        ((inner - overhang) * math.cos(base), (inner - overhang) * math.sin(base)),
        ((outer + overhang) * math.cos(base), (outer + overhang) * math.sin(base)),
        (middle * math.cos(base) + length * along[0], middle * math.sin(base) + length * along[1]),
    )
    low, high = GAP
    centre_x, centre_y = width / 2, (sub_rows + overhang) / 2
    ink: Grid = []
    for row in range(sub_rows):
        line = []
        for column in range(width):
            x = column + 0.5 - centre_x
            y = centre_y - (row + 0.5)  # up is positive
            if not clockwise:
                x = -x
            distance = math.hypot(x, y)
            angle = math.degrees(math.atan2(y, x)) % 360
            in_gap = (angle - low) % 360 < high - low
            on_ring = inner <= distance <= outer and not in_gap
            line.append(on_ring or _inside((x, y), triangle))
        ink.append(line)
    return ink


def render_arrow(width: int, height: int, *, clockwise: bool) -> list[str]:
    """The mark in `width` × `height` cells (half blocks), as lines of equal width."""
    if width < 3 or height < 2:
        return []
    return cells(ring_arrow(width, 2 * height, clockwise=clockwise))
