"""Silence, the end of every chain: always opens, so the workout never depends on sound."""

from __future__ import annotations

from hamtimer.sound.backends.base import Backend
from hamtimer.sound.tones import Cue


class OffBackend(Backend):
    """Silence: always opens, plays nothing."""

    name = "off"

    def open(self, timeout: float) -> None:
        """Nothing to open."""

    def play(self, cue: Cue, requested: float) -> None:
        """Nothing to play."""
