"""How much a set asks for, as a circuit file writes it: pydantic types for `model`.

A number of reps or seconds; a range written as a string ("6-8", or with an en dash
"6–8"); a list with one value per set (`reps = [12, 10, 8]`); a tempo of four phases
("3-1-1-0"). A range or a tempo is text of a pattern that becomes a `Span` or a `Tempo`
once it is checked (the lower number first, a phase longer than 0). Numbers are strict, as
everywhere in the format: `reps = "5"` and `seconds = true` are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AfterValidator, Discriminator, Field, Tag, ValidationInfo
from pydantic import Strict as StrictValue

Seconds = Annotated[float, StrictValue(), Field(gt=0, le=24 * 3600, allow_inf_nan=False)]
RestSeconds = Annotated[float, StrictValue(), Field(ge=0, le=24 * 3600, allow_inf_nan=False)]
Count = Annotated[int, StrictValue(), Field(gt=0, le=1000)]

MAX_COUNT = 1000
MAX_SECONDS = 24 * 3600
MAX_PHASE = 600
"""The longest phase of a tempo, in seconds."""

_NUMBER = r"\s*(\d+(?:\.\d+)?)\s*"
_DASH = "[-\u2013]"
RANGE_PATTERN = rf"^{_NUMBER}{_DASH}{_NUMBER}$"
TEMPO_PATTERN = rf"^{_NUMBER}{_DASH}{_NUMBER}{_DASH}{_NUMBER}{_DASH}{_NUMBER}$"


@dataclass(frozen=True, slots=True)
class Span:
    """A range of reps or seconds ("6-8"): at least `low`, at most `high`."""

    low: float
    high: float

    @property
    def text(self) -> str:
        """'6–8', as the screen shows it."""
        return f"{self.low:g}\u2013{self.high:g}"


@dataclass(frozen=True, slots=True)
class Tempo:
    """A rep's tempo: seconds lowering, paused at the bottom, lifting, paused at the top."""

    phases: tuple[float, float, float, float]

    @property
    def seconds(self) -> float:
        """How long one rep lasts: the phases added up."""
        return sum(self.phases)

    @property
    def text(self) -> str:
        """'3-1-1-0', as written."""
        return "-".join(f"{phase:g}" for phase in self.phases)


def parse_span(text: str, *, whole: bool) -> Span:
    """A range written "6-8" (reps: `whole` numbers) or "20-30" (seconds).

    Raises ValueError, in the runner's words, when it is not one."""
    example = "6-8" if whole else "20-30"
    match = re.match(RANGE_PATTERN, text)
    if match is None:
        raise ValueError(f'"{text}" is not a range: write two numbers and a dash, e.g. "{example}"')
    low, high = float(match[1]), float(match[2])
    if whole and not (low.is_integer() and high.is_integer()):
        raise ValueError(f'"{text}" is not of whole numbers: write whole reps, e.g. "6-8"')
    if not 0 < low < high:
        raise ValueError(
            f'"{text}" does not go up: write the lower number first, above 0, e.g. "{example}"'
        )
    limit = MAX_COUNT if whole else MAX_SECONDS
    if high > limit:
        raise ValueError(f'"{text}" goes past {limit:g}: keep the range to {limit:g} at most')
    return Span(low, high)


def parse_tempo(text: str) -> Tempo:
    """A tempo written "3-1-1-0". Raises ValueError, in the runner's words, if it is not one."""
    match = re.match(TEMPO_PATTERN, text)
    if match is None:
        raise ValueError(
            f'"{text}" is not a tempo: write four numbers with dashes, the seconds down, hold, '
            'up and hold, e.g. "3-1-1-0"'
        )
    down, bottom, up, top = (float(part) for part in match.groups())
    tempo = Tempo((down, bottom, up, top))
    if not tempo.seconds > 0:
        raise ValueError(f'"{text}" lasts no time: give at least one phase more than 0 seconds')
    if max(tempo.phases) > MAX_PHASE:
        raise ValueError(f'"{text}" has a phase over {MAX_PHASE} seconds: make it shorter')
    return tempo


def _span_of_reps(text: str, info: ValidationInfo) -> Span:
    return _named(info, lambda: parse_span(text, whole=True))


def _span_of_seconds(text: str, info: ValidationInfo) -> Span:
    return _named(info, lambda: parse_span(text, whole=False))


def _tempo_of(text: str, info: ValidationInfo) -> Tempo:
    return _named(info, lambda: parse_tempo(text))


T = TypeVar("T")


def _named(info: ValidationInfo, read: Callable[[], T]) -> T:
    """What `read` makes of a value, its problem said with the key it was given for."""
    try:
        return read()
    except ValueError as problem:
        raise ValueError(f"{info.field_name} {problem}" if info.field_name else problem) from None


RANGE = Field(pattern=RANGE_PATTERN)
TEMPO = Field(pattern=TEMPO_PATTERN)


def _written_as(number: str, *, lists: bool, ranges: bool = True) -> Callable[[Any], str]:
    """Which form a value is written in: text with a dash is a range (or a tempo), a list
    (when `lists`) is one value a set, anything else is taken as the number it should be.
    Checking a value as the one form it was written in says what is wrong with that form
    (`"8-6"` does not go up) rather than that it is none of the forms."""

    def form(value: Any) -> str:
        if ranges and isinstance(value, str) and re.search(rf"{_DASH}|\bto\b", value):
            return "str"
        if lists and isinstance(value, list | tuple):
            return "tuple"
        return number

    return form


if TYPE_CHECKING:
    RepsValue = int | Span
    SecondsValue = float | Span
    TempoValue = float | Tempo
    Reps = RepsValue | tuple[RepsValue, ...]
    SecondsAmount = SecondsValue | tuple[SecondsValue, ...]
    Rests = float | tuple[float, ...]
else:
    RepsRange = Annotated[str, RANGE, Field(examples=["6-8"]), AfterValidator(_span_of_reps)]
    SecondsRange = Annotated[
        str, RANGE, Field(examples=["20-30"]), AfterValidator(_span_of_seconds)
    ]
    TempoPhases = Annotated[str, TEMPO, Field(examples=["3-1-1-0"]), AfterValidator(_tempo_of)]
    RepsValue = Annotated[
        Annotated[Count, Tag("int")] | Annotated[RepsRange, Tag("str")],
        Discriminator(_written_as("int", lists=False)),
    ]
    SecondsValue = Annotated[
        Annotated[Seconds, Tag("float")] | Annotated[SecondsRange, Tag("str")],
        Discriminator(_written_as("float", lists=False)),
    ]
    TempoValue = Annotated[
        Annotated[Seconds, Tag("float")] | Annotated[TempoPhases, Tag("str")],
        Discriminator(_written_as("float", lists=False)),
    ]
    Reps = Annotated[
        Annotated[Count, Tag("int")]
        | Annotated[RepsRange, Tag("str")]
        | Annotated[tuple[RepsValue, ...], Field(min_length=1), Tag("tuple")],
        Discriminator(_written_as("int", lists=True)),
    ]
    SecondsAmount = Annotated[
        Annotated[Seconds, Tag("float")]
        | Annotated[SecondsRange, Tag("str")]
        | Annotated[tuple[SecondsValue, ...], Field(min_length=1), Tag("tuple")],
        Discriminator(_written_as("float", lists=True)),
    ]
    Rests = Annotated[
        Annotated[RestSeconds, Tag("float")]
        | Annotated[tuple[RestSeconds, ...], Field(min_length=1), Tag("tuple")],
        Discriminator(_written_as("float", lists=True, ranges=False)),
    ]

# `RepsValue`: reps, or a range ("6-8"); `Reps`: that, or a list of them, one a set.
# `SecondsValue` and `SecondsAmount` the same for seconds ("20-30"); `Rests`: a rest, or a
# list of them, one a gap between sets; `TempoValue`: seconds per rep, or four phases. For
# mypy they are the values the models hold (a range is a `Span`, a tempo a `Tempo`); for
# pydantic, the values a file writes, so that `hamtimer.circuit.shapes` words them.


def reps_of_set(value: int | Span | tuple[int | Span, ...], number: int) -> int | Span:
    """The reps of set `number` (1-based): the list's entry, or the one value for all."""
    return value[number - 1] if isinstance(value, tuple) else value


def seconds_of_set(value: float | Span | tuple[float | Span, ...], number: int) -> float | Span:
    """The seconds of set `number` (1-based): the list's entry, or the one value for all."""
    return value[number - 1] if isinstance(value, tuple) else value


def rest_after_set(value: float | tuple[float, ...], number: int) -> float:
    """The rest after set `number` (1-based): the list's entry, or the one value for all."""
    return value[number - 1] if isinstance(value, tuple) else value


def listed(value: object) -> int | None:
    """How many values a per-set list holds; None for a single value (or none)."""
    return len(value) if isinstance(value, tuple) else None


def top(value: int | Span) -> int:
    """The reps a set is estimated, and paced, at: the number, or a range's top."""
    return int(value.high) if isinstance(value, Span) else value


def tempo_seconds(value: float | Tempo) -> float:
    """Seconds per rep of a tempo."""
    return value.seconds if isinstance(value, Tempo) else value
