"""When a spoken phrase may sound: after the tones in flight, and never over a boundary.

Tones keep their timing: they are played the moment they are due, whatever is speaking. A
phrase is placed after every tone already sounding (and after the phrase before it), with a
short gap, and only if it ends before `latest`, the boundary it announces (the next countdown
beep or rep, say): of the candidates given, longest first, the first that fits is taken, and
none at all if none does. When a tone comes in while a phrase is still waiting to start, the
phrase moves after it, or is dropped if it would then run over.

Pure arithmetic on `time.monotonic()` readings passed in, so that it is tested with numbers;
`hamtimer.sound.player.SoundPlayer` holds one and plays what falls `due`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

GAP = 0.12
"""Seconds of silence between a tone and a phrase after it: the tone stays a tone."""

SLACK = 0.05
"""How far past `latest` a phrase may end when it starts a little late (a busy thread)."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A synthesised phrase ready to play: its WAV file and its length in seconds."""

    path: Path
    seconds: float


@dataclass(frozen=True, slots=True)
class Placed:
    """A phrase given a start time; `latest` is when it must have ended (None: no limit)."""

    phrase: Phrase
    start: float
    latest: float | None
    requested: float

    def fits(self, start: float, slack: float = 0.0) -> bool:
        """True when the phrase, started at `start`, ends by `latest` (+ `slack`)."""
        return self.latest is None or start + self.phrase.seconds <= self.latest + slack


class SpeechLine:
    """The phrases waiting to be spoken, and how long the tones and phrases sound."""

    def __init__(self, gap: float = GAP) -> None:
        self.gap = gap
        self.tones_until = -math.inf
        self.speech_until = -math.inf
        self.pending: list[Placed] = []

    def tone(self, now: float, seconds: float) -> None:
        """A tone starts at `now` and sounds for `seconds`."""
        self.tones_until = max(self.tones_until, now + seconds)

    def place(
        self, now: float, candidates: Sequence[Phrase], latest: float | None
    ) -> Placed | None:
        """Queue the first of `candidates` that fits before `latest`; None when none does."""
        start = max(now, self.tones_until + self.gap, self.speech_until + self.gap)
        for phrase in candidates:
            placed = Placed(phrase, start, latest, now)
            if placed.fits(start):
                self.pending.append(placed)
                self.speech_until = start + phrase.seconds
                return placed
        return None

    def next_start(self) -> float | None:
        """When the next waiting phrase is due, or None when none waits."""
        return min((placed.start for placed in self.pending), default=None)

    def due(self, now: float) -> list[Placed]:
        """The phrases to start now, in order; later ones keep waiting. A phrase that a new
        tone pushes back is moved after it if it still fits, else dropped."""
        ready, waiting = [], []
        for placed in sorted(self.pending, key=lambda item: item.start):
            if placed.start > now:
                waiting.append(placed)
                continue
            after_tone = self.tones_until + self.gap
            if after_tone > now:
                moved = replace(placed, start=after_tone)
                if moved.fits(after_tone):
                    waiting.append(moved)
                continue
            if placed.fits(now, SLACK):
                ready.append(placed)
                self.speech_until = max(self.speech_until, now + placed.phrase.seconds)
        self.pending = waiting
        return ready

    def clear(self, now: float) -> None:
        """Forget every waiting phrase; the one sounding is being stopped."""
        self.pending = []
        self.speech_until = min(self.speech_until, now)
