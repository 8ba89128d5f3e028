"""Pixel text → terminal cells, at the largest size that fits a box.

Each terminal cell holds two "sub-rows" drawn with the half blocks ▀ ▄ █, and a sub-row is
about as tall as a column is wide, so a pixel `pw` columns wide and `pw` sub-rows tall looks
square. The text is scaled to whole columns per pixel and to any number of sub-rows: the
pixel rows share them out as evenly as they can (the spare ones go to the ends and the
middle first, so a digit's bars stay alike), which lets digits grow one half row at a time
instead of jumping from 7 rows to 14.

Looks: `solid`, and two for a paused number — `hollow` (only the outline of every stroke,
where strokes are at least three sub-pixels thick) or `shaded` (▒ where they are not).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Literal

from hamtimer.tui.bigtext.fonts import DIGITS, Font

FULL, UPPER, LOWER, EMPTY, SHADE = "█", "▀", "▄", " ", "▒"
MAX_ASPECT = 2.0
"""A pixel may be up to this many times taller (in sub-rows) than it is wide (in columns),
as the segments of a clock display: narrow digits, but never spindly."""

Look = Literal["solid", "hollow", "shaded"]
Grid = list[list[bool]]


def pixels(text: str, font: Font = DIGITS) -> list[str]:
    """The text as rows of '#' and ' ' pixels, one empty pixel column between characters."""
    rows = [""] * font.rows
    for position, char in enumerate(text):
        glyph = font.glyph(char)
        for row in range(font.rows):
            rows[row] += (" " if position else "") + glyph[row]
    return rows


def share(total: int, parts: int) -> list[int]:
    """`total` sub-rows shared out over `parts` pixel rows, as evenly as possible and
    symmetric about the middle: the spare ones go to the middle row (when odd), then to
    the outermost pairs of rows first."""
    if parts <= 0:
        return []
    base, spare = divmod(total, parts)
    heights = [base] * parts
    if spare % 2 and parts % 2:
        heights[parts // 2] += 1
        spare -= 1
    for pair in range(parts // 2):
        if spare < 2:
            break
        heights[pair] += 1
        heights[parts - 1 - pair] += 1
        spare -= 2
    for row in range(spare):  # only for an even number of rows and an odd spare
        heights[row] += 1
    return heights


def fit(
    columns: int,
    rows: int,
    width: int,
    height: int,
    *,
    whole: bool = False,
    aspect: float = MAX_ASPECT,
) -> tuple[int, int] | None:
    """(columns per pixel, total sub-rows) of the largest rendering of a `columns` × `rows`
    pixel text in `width` × `height` cells; None when even one column per pixel is too wide
    or the box is less than a sub-row per pixel row tall. `whole`: every pixel row gets the
    same number of sub-rows (small text stays even); `aspect`: how much taller than wide a
    pixel may grow."""
    if columns <= 0 or rows <= 0:
        return None
    widest = width // columns
    if widest < 1:
        return None
    sub_rows = min(2 * height, math.floor(aspect * widest * rows))
    if whole:
        sub_rows -= sub_rows % rows
    if sub_rows < rows:
        return None
    return min(widest, max(1, round(sub_rows / rows))), sub_rows


def grid(rows: Sequence[str], pixel_width: int, sub_rows: int) -> Grid:
    """The pixel rows scaled to `pixel_width` columns a pixel and `sub_rows` sub-rows."""
    scaled: Grid = []
    for row, repeat in zip(rows, share(sub_rows, len(rows)), strict=True):
        line = [pixel == "#" for pixel in row for _ in range(pixel_width)]
        scaled.extend(list(line) for _ in range(repeat))
    return scaled


def outline(ink: Grid) -> Grid:
    """Only the ink that touches no-ink (or the edge) above, below, left or right."""
    height = len(ink)
    width = len(ink[0]) if ink else 0

    def at(y: int, x: int) -> bool:
        return 0 <= y < height and 0 <= x < width and ink[y][x]

    return [
        [
            ink[y][x] and not (at(y - 1, x) and at(y + 1, x) and at(y, x - 1) and at(y, x + 1))
            for x in range(width)
        ]
        for y in range(height)
    ]


def cells(ink: Grid, *, shade: bool = False) -> list[str]:
    """Two sub-rows a terminal row: █ ▀ ▄ or space (▒ for full cells when `shade`)."""
    if len(ink) % 2:
        ink = [*ink, [False] * (len(ink[0]) if ink else 0)]
    full = SHADE if shade else FULL
    lines = []
    for top, bottom in zip(ink[0::2], ink[1::2], strict=True):
        lines.append(
            "".join(
                (full if down else UPPER) if up else (LOWER if down else EMPTY)
                for up, down in zip(top, bottom, strict=True)
            )
        )
    return lines


def render(
    text: str,
    width: int,
    height: int,
    *,
    font: Font = DIGITS,
    look: Look = "solid",
    whole: bool = False,
    aspect: float = MAX_ASPECT,
) -> list[str]:
    """The largest rendering of `text` that fits in `width` × `height` cells (`whole` and
    `aspect`: as in `fit`).

    Every line is as wide as the others. When even the smallest size does not fit, the
    plain text (one line; the caller may cut it).
    """
    rows = pixels(text, font)
    size = fit(len(rows[0]), font.rows, width, height, whole=whole, aspect=aspect)
    if size is None:
        return [text]
    pixel_width, sub_rows = size
    drawn = [glyph_cells(font.glyph(char), pixel_width, sub_rows, look) for char in text]
    return [(" " * pixel_width).join(parts) for parts in zip(*drawn, strict=True)]


@functools.lru_cache(maxsize=64)
def glyph_cells(glyph: tuple[str, ...], pixel_width: int, sub_rows: int, look: Look) -> list[str]:
    """One glyph's cells at a size: a drawing is its glyphs' side by side, a blank pixel
    apart (no cell, and no outline, depends on the next glyph), so a clock's glyphs are
    drawn once at each size and not again every second. Callers must not change the list."""
    ink = grid(glyph, pixel_width, sub_rows)
    if look == "solid":
        return cells(ink)
    if look == "hollow" and pixel_width >= 3 and min(share(sub_rows, len(glyph))) >= 3:
        return cells(outline(ink))
    return cells(ink, shade=True)


def ink_rows(lines: Sequence[str]) -> int:
    """How many rows of `lines` carry ink, from the first to the last: the height a runner
    sees (the digit height)."""
    inked = [number for number, line in enumerate(lines) if line.strip()]
    return inked[-1] - inked[0] + 1 if inked else 0


def first_changes(before: Sequence[str], after: Sequence[str]) -> list[tuple[int, int]]:
    """Where two drawings differ: (row, column) of the first cell that differs, for each row
    that does (a missing row or column is blank)."""
    width = max(map(len, (*before, *after)), default=0)
    found = []
    for y in range(max(len(before), len(after))):
        old = (before[y] if y < len(before) else "").ljust(width)
        new = (after[y] if y < len(after) else "").ljust(width)
        if old != new:
            found.append((y, next(x for x in range(width) if old[x] != new[x])))
    return found
