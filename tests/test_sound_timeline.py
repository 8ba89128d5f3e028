"""Where a spoken phrase goes among the tones: numbers in, numbers out."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.sound.timeline import GAP, Phrase, SpeechLine

LONG = Phrase(Path("long.wav"), 3.0)
SHORT = Phrase(Path("short.wav"), 1.0)


def test_a_phrase_waits_for_the_tone_in_flight() -> None:
    line = SpeechLine()
    line.tone(100.0, 0.5)
    placed = line.place(100.0, [LONG], latest=None)
    assert placed is not None
    assert placed.start == pytest.approx(100.5 + GAP)
    assert line.next_start() == placed.start
    assert line.due(100.4) == []  # not yet: the tone is still sounding
    assert line.due(100.5 + GAP) == [placed]
    assert line.next_start() is None


def test_the_longest_candidate_that_fits_before_the_boundary_is_taken() -> None:
    line = SpeechLine()
    placed = line.place(10.0, [LONG, SHORT], latest=12.0)
    assert placed is not None and placed.phrase is SHORT
    assert line.place(20.0, [LONG, SHORT], latest=22.0 + GAP) is not None


def test_nothing_is_said_when_nothing_fits() -> None:
    line = SpeechLine()
    assert line.place(10.0, [LONG, SHORT], latest=10.5) is None
    assert line.pending == []


def test_phrases_follow_each_other_without_overlapping() -> None:
    line = SpeechLine()
    first = line.place(0.0, [SHORT], latest=None)
    second = line.place(0.0, [SHORT], latest=None)
    assert first is not None and second is not None
    assert second.start == pytest.approx(first.start + SHORT.seconds + GAP)


def test_a_tone_that_comes_in_pushes_a_waiting_phrase_after_it() -> None:
    line = SpeechLine()
    placed = line.place(0.0, [SHORT], latest=5.0)
    assert placed is not None and placed.start == 0.0
    line.tone(0.0, 0.5)  # the GO arrives right after the phrase was placed
    assert line.due(0.0) == []
    assert line.next_start() == pytest.approx(0.5 + GAP)
    (moved,) = line.due(0.5 + GAP)
    assert moved.phrase is SHORT


def test_a_phrase_pushed_over_its_boundary_is_dropped() -> None:
    line = SpeechLine()
    assert line.place(0.0, [SHORT], latest=1.2) is not None
    line.tone(0.0, 0.5)
    assert line.due(0.0) == []
    assert line.pending == []


def test_a_phrase_started_late_past_its_boundary_is_dropped() -> None:
    line = SpeechLine()
    assert line.place(0.0, [SHORT], latest=1.0) is not None
    assert line.due(0.5) == []  # the thread woke half a second late: it would run over


def test_clear_drops_what_waits() -> None:
    line = SpeechLine()
    line.place(0.0, [LONG], latest=None)
    line.clear(0.1)
    assert line.pending == [] and line.next_start() is None
    again = line.place(0.2, [SHORT], latest=None)
    assert again is not None and again.start == pytest.approx(0.1 + GAP)  # stopped at 0.1
