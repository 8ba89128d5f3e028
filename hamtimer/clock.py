"""Clocks and calendars. The workout engine reads time only through a `Clock`, and a
programme's days only through a `Calendar`, so tests can own both."""

from __future__ import annotations

import time
from datetime import date, timedelta
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


class Calendar(Protocol):
    """Where "today" comes from: a programme's place and dates are worked out from it."""

    def today(self) -> date:
        """Today's date, in the runner's own time zone."""
        ...


class SystemCalendar:
    """The real calendar: the local date now."""

    def today(self) -> date:
        """`date.today()`: the date in the machine's time zone."""
        return date.today()


class FakeCalendar:
    """A calendar that moves only when told: for a programme's weeks in a test."""

    def __init__(self, start: date = date(2026, 3, 2)) -> None:
        self._today = start

    def today(self) -> date:
        """The current date."""
        return self._today

    def advance(self, days: int = 1) -> None:
        """Move on `days` days."""
        if days < 0:
            raise ValueError("a calendar cannot go backwards")
        self._today += timedelta(days=days)

    def set(self, day: date) -> None:
        """Jump to `day`, on or after the current date."""
        self.advance((day - self._today).days)
