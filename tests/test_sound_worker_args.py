"""The player process's `quit SECONDS`: how long it lets the last sounds play out."""

from __future__ import annotations

import pytest

from hamtimer.sound.worker import DEFAULT_GRACE, _seconds


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["2.5"], 2.5),
        ([], DEFAULT_GRACE),
        (["soon"], DEFAULT_GRACE),
        (["nan"], DEFAULT_GRACE),
        (["inf"], DEFAULT_GRACE),
        (["-1"], 0.0),
        (["999"], 60.0),
    ],
)
def test_quit_takes_a_bounded_number_of_seconds(words: list[str], expected: float) -> None:
    assert _seconds(words, DEFAULT_GRACE) == expected
