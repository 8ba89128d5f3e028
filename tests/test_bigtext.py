"""Big text: the pixel fonts, scaling to the box, the paused looks, the direction mark,
and the wordings that fit their line. Pure functions: no terminal."""

from __future__ import annotations

import pytest

from hamtimer.tui import bigtext
from hamtimer.tui.bigtext import (
    DIGITS,
    SMALL,
    Font,
    Look,
    first_changes,
    ink_rows,
    pixels,
    render,
    ring_arrow,
    share,
)
from hamtimer.tui.bigtext.scale import FULL, SHADE, cells, fit, grid, outline
from hamtimer.tui.fitting import first_fitting, fit_lines, large_text, wrap_balanced

# ------------------------------------------------------------------------ fonts


@pytest.mark.parametrize("font", [DIGITS, SMALL], ids=lambda font: font.name)
def test_every_glyph_has_the_fonts_rows_and_one_width(font: Font) -> None:
    for char, glyph in font.glyphs.items():
        assert len(glyph) == font.rows, char
        assert len({len(row) for row in glyph}) == 1, char


def test_the_small_capitals_have_every_letter_and_digit() -> None:
    assert all(SMALL.has(char) for char in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789·-'×")


@pytest.mark.parametrize(
    ("char", "drawn_as"), [("é", "E"), ("q", "Q"), ("Ö", "O"), ("&", "?"), ("~", "?")]
)
def test_small_capitals_draw_accents_and_case_as_the_letter(char: str, drawn_as: str) -> None:
    assert SMALL.glyph(char) == SMALL.glyph(drawn_as)


def test_digits_spell_done() -> None:
    assert all(DIGITS.has(char) for char in "DONE0123456789:/+- ")


# ------------------------------------------------------------------------ scaling


@pytest.mark.parametrize(
    ("total", "parts", "heights"),
    [
        (7, 7, [1, 1, 1, 1, 1, 1, 1]),
        (14, 7, [2, 2, 2, 2, 2, 2, 2]),
        (15, 7, [2, 2, 2, 3, 2, 2, 2]),  # one spare: the middle bar
        (16, 7, [3, 2, 2, 2, 2, 2, 3]),  # two: the outer bars
        (24, 7, [4, 3, 3, 4, 3, 3, 4]),  # three: all three bars alike
        (26, 7, [4, 4, 3, 4, 3, 4, 4]),
        (6, 5, [1, 1, 2, 1, 1]),
        (9, 4, [3, 2, 2, 2]),  # an even count and an odd spare: the first row
    ],
)
def test_share_spreads_rows_symmetrically(total: int, parts: int, heights: list[int]) -> None:
    assert share(total, parts) == heights
    assert sum(share(total, parts)) == total


@pytest.mark.parametrize(
    ("columns", "width", "height", "size"),
    [
        (20, 80, 14, (4, 28)),  # "0:30" at 80×24: 14 rows, square pixels
        (20, 80, 12, (3, 24)),
        (20, 80, 30, (4, 56)),  # as tall as twice the width allows, no taller
        (5, 80, 14, (4, 28)),  # one digit: height-bound, square
        (26, 80, 14, (3, 28)),  # "10:00": narrow pixels to stay 14 rows tall
        (20, 40, 7, (2, 14)),  # 40×12: 7 rows
        (20, 19, 7, None),  # not one column a pixel
        (20, 40, 3, None),  # less than a sub-row a pixel row
    ],
)
def test_fit_finds_the_largest_size(
    columns: int, width: int, height: int, size: tuple[int, int] | None
) -> None:
    assert fit(columns, 7, width, height) == size


@pytest.mark.parametrize(
    ("text", "width", "height", "rows"),
    [
        ("0:30", 80, 14, 14),
        ("0:30", 80, 13, 13),  # half a row at a time, not 7 → 14
        ("0:30", 80, 12, 12),
        ("0:30", 40, 7, 7),
        ("0:30", 20, 4, 4),
        ("6", 80, 14, 14),
        ("12:34", 200, 40, 40),
        ("12:34", 130, 40, 35),  # 5 columns a pixel: at most 10 sub-rows a pixel
        ("DONE", 80, 14, 14),
    ],
)
def test_render_takes_the_largest_size_that_fits(
    text: str, width: int, height: int, rows: int
) -> None:
    lines = render(text, width, height)
    assert ink_rows(lines) == rows
    assert len(lines) <= height
    assert len({len(line) for line in lines}) == 1
    assert len(lines[0]) <= width


def test_render_falls_back_to_plain_text() -> None:
    assert render("0:30", 10, 3) == ["0:30"]


def test_hollow_digits_are_outlines() -> None:
    solid, hollow = render("0", 40, 14), render("0", 40, 14, look="hollow")
    assert len(solid) == len(hollow) and ink_rows(solid) == ink_rows(hollow) == 14
    inked = sum(line.count(FULL) for line in solid)
    assert sum(line.count(FULL) for line in hollow) < inked / 2, "most of the ink is gone"
    middle = hollow[len(hollow) // 2]
    assert middle.strip().startswith(FULL) and middle.strip().endswith(FULL), "sides stay"


def test_thin_digits_are_shaded_when_they_cannot_be_hollow() -> None:
    shaded = render("0:30", 40, 7, look="hollow")  # two columns a pixel: too thin
    assert not any(FULL in line for line in shaded)
    assert sum(line.count(SHADE) for line in shaded) == sum(
        line.count(FULL) for line in render("0:30", 40, 7)
    )


@pytest.mark.parametrize(
    ("grid", "kept"),
    [
        ([[True] * 3] * 3, [[True] * 3, [True, False, True], [True] * 3]),
        ([[True, True]], [[True, True]]),
        ([[False, True, False]], [[False, True, False]]),
    ],
)
def test_outline_keeps_ink_next_to_no_ink(grid: list[list[bool]], kept: list[list[bool]]) -> None:
    assert outline(grid) == kept


@pytest.mark.parametrize(
    ("lines", "rows"), [(["", "  █ ", " ", "▀", ""], 3), (["   "], 0), (["x"], 1), ([], 0)]
)
def test_ink_rows_counts_from_the_first_inked_row_to_the_last(lines: list[str], rows: int) -> None:
    assert ink_rows(lines) == rows


# ------------------------------------------------------------------------ direction


def test_counter_clockwise_is_the_mirror_of_clockwise() -> None:
    clockwise = ring_arrow(30, 30, clockwise=True)
    counter = ring_arrow(30, 30, clockwise=False)
    assert counter == [row[::-1] for row in clockwise]
    assert counter != clockwise


def test_the_mark_is_an_open_ring_with_an_arrowhead_at_the_top() -> None:
    """Clockwise: the stroke ends at 12 o'clock in a head wider than the ring, pointing
    right, and the ring is open between the head and 3 o'clock."""
    ink = ring_arrow(40, 40, clockwise=True)
    ring = [sum(row) for row in zip(*ink[18:22], strict=True)]  # the middle rows, by column
    left, right = ring[:20], ring[20:]
    assert sum(left) and sum(right), "the ring goes round both sides"
    columns = [x for x in range(40) if ink[3][x]]  # high up: only the arrowhead is there
    assert columns and min(columns) >= 18, "the head starts at 12 o'clock"
    head_height = sum(1 for row in ink if row[20])
    ring_bottom = sum(1 for row in ink[20:] if row[20])
    assert head_height > 1.5 * ring_bottom, "the head stands out wider than the ring"
    gap = [ink[y][x] for y in range(9, 14) for x in range(30, 37)]  # about 1–2 o'clock
    assert not any(gap), "open ahead of the head"


@pytest.mark.parametrize(("width", "height"), [(14, 7), (28, 12), (56, 26)])
def test_the_mark_fits_its_box(width: int, height: int) -> None:
    lines = bigtext.render_arrow(width, height, clockwise=True)
    assert len(lines) == height and {len(line) for line in lines} == {width}
    assert ink_rows(lines) >= height - 2


# ------------------------------------------------------------------------ wording

HOLD = "Hold to fatigue — Enter when you let go"
SIDES = ("RIGHT LEG FORWARD · 5 REPS", "RIGHT · 5 REPS", "RIGHT")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        (HOLD, 38, ["Hold to fatigue — Enter when you", "let go"]),
        (HOLD, 40, [HOLD]),
        ("one two three", 9, ["one two", "three"]),  # moving "two" would leave "one" alone
        ("go to the end of it", 10, ["go to the", "end of it"]),
        ("we go to the end", 12, ["we go to", "the end"]),  # never "end" alone
        ("supercalifragilistic", 8, ["supercal"]),
        ("", 10, []),
    ],
)  # fmt: skip
def test_wrap_never_leaves_a_word_alone(text: str, width: int, lines: list[str]) -> None:
    assert wrap_balanced(text, width) == lines


@pytest.mark.parametrize(
    ("variants", "width", "shown"),
    [
        (("Next: Split stance jump — LEFT leg forward — 5 reps", "Next: LEFT · 5 reps"), 38,
         ["Next: LEFT · 5 reps"]),
        (("Next: Rest 30 s (between sides)", "Next: Rest 30 s"), 80,
         ["Next: Rest 30 s (between sides)"]),
        (("a long line of words here",), 12, ["a long line", "of words"]),
        (("one two three four five six",), 8, ["one two", "three"]),
        ((), 10, []),
    ],
)  # fmt: skip
def test_fit_lines_shortens_before_it_cuts(
    variants: tuple[str, ...], width: int, shown: list[str]
) -> None:
    assert fit_lines(variants, width) == shown


def test_first_fitting() -> None:
    assert first_fitting(("abcdef", "abc"), 4) == "abc"
    assert first_fitting(("abcdef",), 4) is None


@pytest.mark.parametrize(
    ("variants", "width", "chosen"),
    [
        (SIDES, 80, "RIGHT · 5 REPS"),
        (SIDES, 120, "RIGHT LEG FORWARD · 5 REPS"),
        (SIDES, 40, "RIGHT"),
        (("SPLIT STANCE JUMP",), 80, "SPLIT STANCE JUMP"),
        (("HAMSTRING ROLL-OUT AND ROLL-IN",), 80, None),
    ],
)  # fmt: skip
def test_large_text_takes_the_longest_wording_that_fits(
    variants: tuple[str, ...], width: int, chosen: str | None
) -> None:
    found = large_text(variants, width, 3)
    assert (found[0] if found else None) == chosen
    if found:
        assert len(found[1]) == 3 and max(len(line) for line in found[1]) <= width


def test_large_text_grows_on_a_large_terminal() -> None:
    found = large_text(("LEFT · 5 REPS",), 120, 5)
    assert found is not None and len(found[1]) == 5


@pytest.mark.parametrize(
    ("before", "after", "changes"),
    [
        ([], [], []),
        (["ab", "cd"], ["ab", "cd"], []),
        (["abc", "def"], ["abX", "def"], [(0, 2)]),
        (["abc", "def"], ["Xbc", "deY"], [(0, 0), (1, 2)]),
        (["abcd"], ["aXcY"], [(0, 1)]),  # the first of a row's changes
        ([" 0:45 ", " #### "], [" 0:44 ", " ##.# "], [(0, 4), (1, 3)]),
        (["ab"], ["ab", "c"], [(1, 0)]),  # a row more: its ink is new
        (["abc"], ["ab"], [(0, 2)]),  # a shorter row: its missing column was ink
        (["ab "], ["ab"], []),  # trailing blanks are no ink
    ],
)
def test_first_changes_are_each_rows_first_changed_column(
    before: list[str], after: list[str], changes: list[tuple[int, int]]
) -> None:
    assert first_changes(before, after) == changes


@pytest.mark.parametrize("look", ["solid", "hollow", "shaded"])
@pytest.mark.parametrize(("width", "height"), [(80, 24), (40, 12), (200, 60), (30, 5)])
@pytest.mark.parametrize("text", ["12:34", "0:05", "DONE", "1:08:59", "3/8"])
def test_a_drawing_is_its_glyphs_drawn_one_by_one(
    look: Look, width: int, height: int, text: str
) -> None:
    """Drawn a glyph at a time (and kept), as the whole text's pixels drawn at once."""
    rows = pixels(text)
    size = fit(len(rows[0]), DIGITS.rows, width, height)
    if size is None:  # too small to draw: the plain text
        assert render(text, width, height, look=look) == [text]
        return
    pixel_width, sub_rows = size
    ink = grid(rows, pixel_width, sub_rows)
    thick = pixel_width >= 3 and min(share(sub_rows, DIGITS.rows)) >= 3
    if look == "solid":
        expected = cells(ink)
    elif look == "hollow" and thick:
        expected = cells(outline(ink))
    else:
        expected = cells(ink, shade=True)
    assert render(text, width, height, look=look) == expected
