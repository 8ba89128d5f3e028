"""What a circuit is made of that the rest of hamtimer names without pydantic: the kinds of
exercise, the sides, the directions, and the errors of finding or reading a circuit.

`hamtimer.circuit.model` validates files with pydantic; the plan, the history and the
timer screen only need these names, so they import this module and pydantic stays off
the start-up path.
"""

from __future__ import annotations

from enum import StrEnum


class CircuitError(Exception):
    """A circuit could not be found, read or validated.

    The message is meant for the user as it is: it names the file, the field path and,
    where there is one, the fix.
    """


class CircuitFileError(CircuitError):
    """The file cannot be read as a circuit file at all: missing, special, or too large."""


class ExerciseKind(StrEnum):
    """What an exercise trains; used for the plyometrics-first check and on screen."""

    PLYOMETRIC = "plyometric"
    STRENGTH = "strength"
    ISOMETRIC = "isometric"
    ECCENTRIC = "eccentric"
    STABILITY = "stability"
    MOBILITY = "mobility"
    CARDIO = "cardio"


# Heavy work that tires the muscle; jumping after it gives poor results.
HEAVY_KINDS = frozenset({ExerciseKind.STRENGTH, ExerciseKind.ISOMETRIC, ExerciseKind.ECCENTRIC})


class Side(StrEnum):
    """A side of the body for unilateral work."""

    RIGHT = "right"
    LEFT = "left"


class BlockRole(StrEnum):
    """What a block is to the workout: warm-up and cool-down are shown as such, and their
    sets are not counted as the workout's."""

    WARM_UP = "warm-up"
    MAIN = "main"
    COOL_DOWN = "cool-down"


class Direction(StrEnum):
    """The direction of a circular movement such as a halo."""

    CLOCKWISE = "clockwise"
    COUNTER_CLOCKWISE = "counter-clockwise"


__all__ = [
    "HEAVY_KINDS",
    "BlockRole",
    "CircuitError",
    "CircuitFileError",
    "Direction",
    "ExerciseKind",
    "Side",
]
