"""The pixel fonts of the big text: digits 5×7 for the number, small capitals 3×5 for words.

A glyph is a tuple of rows, '#' for ink and anything else for none; every glyph of a font
has the font's number of rows and one width of its own. Characters a font lacks are drawn
as its `missing` glyph; letters are matched without case or accents ('é' is drawn as 'E').
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Font:
    """A pixel font: `rows` tall, with a glyph per character and one for what it lacks."""

    name: str
    rows: int
    glyphs: Mapping[str, tuple[str, ...]]
    missing: str = " "
    upper: bool = False  # draw lowercase letters as capitals
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def glyph(self, char: str) -> tuple[str, ...]:
        """The rows of `char` as '#' (ink) and ' ' (none)."""
        if char not in self._cache:
            found = self.glyphs.get(char)
            if found is None:
                found = self.glyphs.get(self._plain(char), self.glyphs[self.missing])
            self._cache[char] = tuple(
                "".join("#" if pixel == "#" else " " for pixel in row) for row in found
            )
        return self._cache[char]

    def has(self, char: str) -> bool:
        """True when `char` is drawn as itself (or its capital), not as the missing glyph."""
        return char in self.glyphs or self._plain(char) in self.glyphs

    def _plain(self, char: str) -> str:
        """`char` without its accent (and in capitals for an `upper` font). ASCII needs no
        Unicode database, which loads only for other letters (0.7 MB of memory)."""
        if char.isascii():
            plain = char
        else:
            import unicodedata

            plain = unicodedata.normalize("NFKD", char)[:1]
        return plain.upper() if self.upper else plain


DIGITS = Font(
    "digits",
    7,
    {
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
        # The word at the end of a workout: DONE.
        "D": ("#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### "),
        "O": (" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
        "N": ("#   #", "##  #", "# # #", "#  ##", "#   #", "#   #", "#   #"),
        "E": ("#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"),
    },
)
"""The number: 5×7 digits and the few signs a time or count needs, and DONE."""

_SMALL_CAPITALS = """
A .#. #.# ### #.# #.#
B ##. #.# ##. #.# ##.
C .## #.. #.. #.. .##
D ##. #.# #.# #.# ##.
E ### #.. ##. #.. ###
F ### #.. ##. #.. #..
G .## #.. #.# #.# .##
H #.# #.# ### #.# #.#
I ### .#. .#. .#. ###
J ..# ..# ..# #.# .#.
K #.# #.# ##. #.# #.#
L #.. #.. #.. #.. ###
M #...# ##.## #.#.# #...# #...#
N #..# ##.# #.## #..# #..#
O .#. #.# #.# #.# .#.
P ##. #.# ##. #.. #..
Q .#. #.# #.# ##. .##
R ##. #.# ##. #.# #.#
S .## #.. .#. ..# ##.
T ### .#. .#. .#. .#.
U #.# #.# #.# #.# ###
V #.# #.# #.# #.# .#.
W #...# #...# #.#.# ##.## #...#
X #.# #.# .#. #.# #.#
Y #.# #.# .#. .#. .#.
Z ### ..# .#. #.. ###
0 ### #.# #.# #.# ###
1 .#. ##. .#. .#. ###
2 ##. ..# .#. #.. ###
3 ##. ..# .#. ..# ##.
4 #.# #.# ### ..# ..#
5 ### #.. ##. ..# ##.
6 .## #.. ### #.# ###
7 ### ..# .#. .#. .#.
8 ### #.# ### #.# ###
9 ### #.# ### ..# ##.
· . . # . .
- .. .. ## .. ..
– ... ... ### ... ...
' # # . . .
: . # . # .
. . . . . #
, . . . # #
! # # # . #
? ##. ..# .#. ... .#.
/ ..# ..# .#. #.. #..
× ... #.# .#. #.# ...
+ ... .#. ### .#. ...
% #.# ..# .#. #.. #.#
( .# #. #. #. .#
) #. .# .# .# #.
… ..... ..... ..... ..... #.#.#
  . . . . .
"""


def _parse(table: str) -> dict[str, tuple[str, ...]]:
    glyphs = {}
    for line in table.strip("\n").split("\n"):
        char, *rows = line.split(" ") if not line.startswith("  ") else (" ", *line.split())
        glyphs[char] = tuple(rows)
    return glyphs


SMALL = Font("small capitals", 5, _parse(_SMALL_CAPITALS), missing="?", upper=True)
"""Words at large size (the next exercise, the side): capitals 3 pixels wide (M, N and W
wider), 5 tall, so a 20-letter name fits 80 columns at three rows."""
