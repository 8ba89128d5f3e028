"""A workout read from another app, in the terms of a circuit: blocks of timed work and
written rests, played back to back.

Both apps this package reads time every interval by the clock and add nothing between
them, so a workout becomes blocks whose exercises are `seconds` of work and whose rests are
rests written as steps (`kind = "rest"`), with every automatic rest of the circuit at 0.
A part repeated as a whole becomes a circuit-mode block of that many rounds ("round 2 of
3"). Seconds are `Decimal`, so that "1.5m" is written 90, not 90.00000000000001.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hamtimer.circuit.kinds import BlockRole
from hamtimer.circuit.problems import Problem


@dataclass(frozen=True)
class Interval:
    """One timed step: work (an exercise of `seconds`) or a rest written as a step."""

    name: str
    seconds: Decimal
    rest: bool = False


@dataclass(frozen=True)
class Part:
    """A block of the circuit: its intervals, done `rounds` times in a row; with
    `rest_between_rounds`, a rest after every round but the last."""

    name: str
    intervals: tuple[Interval, ...]
    role: BlockRole = BlockRole.MAIN
    rounds: int = 1
    rest_between_rounds: Decimal | None = None

    @property
    def seconds(self) -> Decimal:
        """How long the part lasts."""
        rounds = sum((interval.seconds for interval in self.intervals), Decimal(0)) * self.rounds
        return rounds + (self.rest_between_rounds or 0) * (self.rounds - 1)


@dataclass(frozen=True)
class Workout:
    """A workout of another app, ready to be written as a circuit.

    `source_seconds` is how long the source app itself says the workout lasts, computed
    the way it does (each reader says how); `get_ready` is the countdown it plays before
    the first interval, which hamtimer's plan counts in its total; `source` is the file's
    name and format, for the circuit's description."""

    title: str
    app: str
    parts: tuple[Part, ...]
    source_seconds: float
    source: str
    get_ready: int = 0
    notes: tuple[str, ...] = ()
    """Lines of comment for the top of the circuit file: how the source's timing was kept."""

    @property
    def seconds(self) -> Decimal:
        """How long the circuit this becomes lasts: its get-ready and every part."""
        return sum((part.seconds for part in self.parts), Decimal(self.get_ready))


@dataclass(frozen=True)
class Reading:
    """What a file held: its workouts, and warnings about what the import left as it was."""

    app: str
    workouts: tuple[Workout, ...]
    warnings: tuple[Problem, ...] = ()


MAX_NAME = 200
"""A name longer than this is cut (a circuit's names take 2,000; the screen far fewer)."""


def name_for(text: str, fallback: str) -> tuple[str, str | None]:
    """A name the circuit can take: `text` without surrounding space, `fallback` for an
    empty one, cut at `MAX_NAME`; and what was changed, to warn of, if anything."""
    name = text.strip()
    if not name:
        return fallback, f'has no name: it is called "{fallback}"'
    if len(name) > MAX_NAME:
        return name[
            : MAX_NAME - 1
        ] + "…", f"has a name of {len(name)} characters: it is cut to {MAX_NAME}"
    return name, None
