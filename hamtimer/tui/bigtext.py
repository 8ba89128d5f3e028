"""Big digits for reading the timer from across a room.

Textual's `Digits` is three rows tall: too small at two metres. Here every character is a
5×7 pixel glyph, drawn with full blocks two columns per pixel (so pixels look square) at
the largest whole scale that fits, with a half-block rendering (4 rows) for small
terminals and plain text as the last resort. Pure functions: no Textual.
"""

from __future__ import annotations

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"),
    "3": ("#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "),
    "4": ("   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "),
    "5": ("#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "),
    "6": ("  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "),
    "7": ("#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "),
    "8": (" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "),
    "9": (" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "),
    ":": ("  ", "##", "##", "  ", "##", "##", "  "),
    "/": ("    #", "    #", "   # ", "  #  ", " #   ", "#    ", "#    "),
    "+": ("     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "),
    "-": ("     ", "     ", "     ", "#####", "     ", "     ", "     "),
    " ": ("   ", "   ", "   ", "   ", "   ", "   ", "   "),
    "↻": ("  ## # ", " #  ## ", "#  ### ", "#      ", "#     #", " #   # ", "  ###  "),
    "↺": (" # ##  ", " ##  # ", " ###  #", "      #", "#     #", " #   # ", "  ###  "),
}
GLYPH_ROWS = 7
FULL, UPPER, LOWER, EMPTY = "█", "▀", "▄", " "


def _pixels(text: str) -> list[str]:
    """The text as rows of '#' and ' ' pixels, one pixel column between characters."""
    rows = [""] * GLYPH_ROWS
    for position, char in enumerate(text):
        glyph = GLYPHS.get(char, GLYPHS[" "])
        for row in range(GLYPH_ROWS):
            rows[row] += (" " if position else "") + glyph[row]
    return rows


def _blocks(pixels: list[str], scale: int) -> list[str]:
    """Each pixel as a 2·scale wide, scale tall patch of full blocks."""
    lines = []
    for row in pixels:
        line = "".join((FULL if pixel == "#" else EMPTY) * 2 * scale for pixel in row)
        lines.extend([line] * scale)
    return lines


def _half_blocks(pixels: list[str]) -> list[str]:
    """Two pixel rows per terminal row, one column per pixel: 4 rows for 7 pixel rows."""
    padded = [*pixels, " " * len(pixels[0])]
    lines = []
    for top, bottom in zip(padded[0::2], padded[1::2], strict=False):
        pairs = zip(top, bottom, strict=True)
        lines.append("".join(_half(up == "#", down == "#") for up, down in pairs))
    return lines


def _half(up: bool, down: bool) -> str:
    if up and down:
        return FULL
    if up:
        return UPPER
    return LOWER if down else EMPTY


def render(text: str, width: int, height: int) -> list[str]:
    """The largest rendering of `text` that fits in width × height cells.

    Falls back from scaled full blocks to half blocks to the plain text, which always
    "fits" (it may be cut by the caller when even one row is too narrow).
    """
    pixels = _pixels(text)
    pixel_width = len(pixels[0]) if pixels[0] else 0
    scale = min(height // GLYPH_ROWS, width // max(1, 2 * pixel_width))
    if scale >= 1:
        return _blocks(pixels, scale)
    if height >= 4 and width >= pixel_width:
        return _half_blocks(pixels)
    return [text]
