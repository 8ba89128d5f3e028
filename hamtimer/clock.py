"""Clocks. The workout engine reads time only through a `Clock`, so tests can own time."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A monotonic source of seconds. Only differences between readings mean anything."""

    def now(self) -> float:
        """The current reading, in seconds."""
        ...


class MonotonicClock:
    """The real clock: `time.monotonic`, which never jumps when the wall clock is set."""

    def now(self) -> float:
        """The current reading of `time.monotonic()`."""
        return time.monotonic()


class ScaledClock:
    """A clock that runs `factor` times faster than its base: rehearsing a circuit quickly."""

    def __init__(self, factor: float, base: Clock | None = None) -> None:
        if factor <= 0:
            raise ValueError("speed factor must be above zero")
        self.factor = factor
        self._base = base or MonotonicClock()
        self._origin = self._base.now()

    def now(self) -> float:
        """Seconds since creation, multiplied by the factor."""
        return (self._base.now() - self._origin) * self.factor

    def real_delay(self, seconds: float) -> float:
        """How long to wait on the base clock for `seconds` of this clock to pass."""
        return seconds / self.factor


class FakeClock:
    """A clock that moves only when told: for exact tests without sleeping."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        """The current reading."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds

    def set(self, reading: float) -> None:
        """Jump to a reading at or after the current one."""
        self.advance(reading - self._now)
