"""Text that fits its box: the longest wording that fits, wrapping without a word alone.

The view gives every line a few wordings, longest first ("Next: Split stance jump — LEFT leg
forward — 5 reps", "Next: LEFT · 5 reps"); the widget shows the first that fits its width,
so a small terminal gets a shorter phrase instead of one cut off mid-word. Pure: no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from hamtimer.tui import bigtext


def first_fitting(variants: Sequence[str], width: int) -> str | None:
    """The first wording no wider than `width`, or None."""
    return next((text for text in variants if len(text) <= width), None)


def _greedy(words: list[str], width: int) -> list[list[str]]:
    lines: list[list[str]] = []
    for word in words:
        if lines and len(" ".join([*lines[-1], word])) <= width:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def wrap_balanced(text: str, width: int) -> list[str]:
    """`text` wrapped at spaces to `width`; a last line of one word takes the last word of
    the line before when that line keeps two or more ("…when you" / "let go", not "…you
    let" / "go"). A word wider than `width` is cut."""
    width = max(1, width)
    words = [word[:width] for word in text.split()]
    if not words:
        return []
    lines = _greedy(words, width)
    if len(lines) >= 2 and len(lines[-1]) == 1 and len(lines[-2]) >= 3:
        moved = [lines[-2][-1], *lines[-1]]
        if len(" ".join(moved)) <= width:
            lines[-2], lines[-1] = lines[-2][:-1], moved
    return [" ".join(line) for line in lines]


def fit_lines(variants: Sequence[str], width: int, max_lines: int = 2) -> list[str]:
    """The first wording that fits on one line; else the first that wraps into `max_lines`
    (balanced); else the shortest, wrapped and cut to `max_lines`."""
    if not variants:
        return []
    one = first_fitting(variants, width)
    if one is not None:
        return [one] if one else []
    for text in variants:
        lines = wrap_balanced(text, width)
        if len(lines) <= max_lines:
            return lines
    return wrap_balanced(variants[-1], width)[:max_lines]


def large_text(variants: Sequence[str], width: int, rows: int) -> tuple[str, list[str]] | None:
    """The first wording that fits `width` in small capitals at most `rows` rows tall (and
    at least three), with square pixels, and its drawing; None when none does."""
    for text in variants:
        if not text:
            continue
        drawn = bigtext.render(text, width, rows, font=bigtext.SMALL, whole=True, aspect=1.0)
        if len(drawn) >= 3:
            return text, drawn
    return None
