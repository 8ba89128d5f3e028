"""How much a set asks for, as a circuit file writes it: pydantic types for `model`.

A number of reps or seconds; a range written as a string ("6-8", or with an en dash
"6–8"); a list with one value per set (`reps = [12, 10, 8]`); a tempo of four phases
("3-1-1-0"). Each field checks its value with one validator that looks at what was written
(a number, a string, a list) and says what is wrong with that, rather than listing every
form it could have been. Numbers are strict, as everywhere in the format: `reps = "5"` and
`seconds = true` are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import Field, TypeAdapter, ValidatorFunctionWrapHandler, WithJsonSchema, WrapValidator
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


_COUNT: TypeAdapter[int] = TypeAdapter(Count)
_SECONDS: TypeAdapter[float] = TypeAdapter(Seconds)
_REST: TypeAdapter[float] = TypeAdapter(RestSeconds)


def parse_span(text: str, *, whole: bool) -> Span:
    """A range written "6-8" (reps: `whole` numbers) or "20-30" (seconds).

    Raises ValueError, worded for the runner, when it is not one."""
    match = re.match(RANGE_PATTERN, text)
    if match is None:
        kind, example = ("integer", "6-8") if whole else ("number", "20-30")
        raise ValueError(
            f"Input should be a valid {kind}, or a range written as a string such as "
            f'"{example}" (got "{text}")'
        )
    low, high = float(match[1]), float(match[2])
    if whole and not (low.is_integer() and high.is_integer()):
        raise ValueError(f'a range of reps is of whole numbers, such as "6-8" (got "{text}")')
    if not 0 < low < high:
        raise ValueError(f'a range goes from the lower number to the higher, such as "6-8" '
                         f'(got "{text}")')  # fmt: skip
    limit = MAX_COUNT if whole else MAX_SECONDS
    if high > limit:
        raise ValueError(f'"{text}" goes past {limit:g}, the most a set may ask for')
    return Span(low, high)


def parse_tempo(text: str) -> Tempo:
    """A tempo written "3-1-1-0". Raises ValueError, worded for the runner, if it is not one."""
    match = re.match(TEMPO_PATTERN, text)
    if match is None:
        raise ValueError(
            "Input should be a valid number (seconds per rep), or four phases written as a "
            f'string such as "3-1-1-0": down, hold, up, hold (got "{text}")'
        )
    down, bottom, up, top = (float(part) for part in match.groups())
    tempo = Tempo((down, bottom, up, top))
    if not tempo.seconds > 0:
        raise ValueError(f'a tempo needs at least one phase longer than 0 (got "{text}")')
    if max(tempo.phases) > MAX_PHASE:
        raise ValueError(f'a tempo phase lasts at most {MAX_PHASE} seconds (got "{text}")')
    return tempo


def _rep(value: Any, handler: ValidatorFunctionWrapHandler) -> int | Span:
    if isinstance(value, Span):
        return value
    if isinstance(value, str):
        return parse_span(value, whole=True)
    return _COUNT.validate_python(value)


def _second(value: Any, handler: ValidatorFunctionWrapHandler) -> float | Span:
    if isinstance(value, Span):
        return value
    if isinstance(value, str):
        return parse_span(value, whole=False)
    return _SECONDS.validate_python(value)


def _rest(value: Any, handler: ValidatorFunctionWrapHandler) -> float:
    return _REST.validate_python(value)


def _range_schema(number: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [number, {"type": "string", "pattern": RANGE_PATTERN}]}


_COUNT_SCHEMA = {"type": "integer", "exclusiveMinimum": 0, "maximum": MAX_COUNT}
_SECONDS_SCHEMA = {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_SECONDS}
_REST_SCHEMA = {"type": "number", "minimum": 0, "maximum": MAX_SECONDS}

RepsValue = Annotated[int | Span, WrapValidator(_rep), WithJsonSchema(_range_schema(_COUNT_SCHEMA))]
SecondsValue = Annotated[
    float | Span, WrapValidator(_second), WithJsonSchema(_range_schema(_SECONDS_SCHEMA))
]
RestValue = Annotated[float, WrapValidator(_rest), WithJsonSchema(_REST_SCHEMA)]

T = TypeVar("T")


def _per_set(
    one: Callable[[Any, ValidatorFunctionWrapHandler], T], many: TypeAdapter[tuple[T, ...]]
) -> Callable[[Any, ValidatorFunctionWrapHandler], T | tuple[T, ...]]:
    """A validator of one value, or of a list of them (one a set), each checked as `one`."""

    def validate(value: Any, handler: ValidatorFunctionWrapHandler) -> T | tuple[T, ...]:
        if isinstance(value, list | tuple):
            if not value:
                raise ValueError("an empty list: give one value per set")
            return many.validate_python(value)
        return one(value, handler)

    return validate


Reps = Annotated[
    RepsValue | tuple[RepsValue, ...],
    WrapValidator(_per_set(_rep, TypeAdapter(tuple[RepsValue, ...]))),
]
"""Reps: a number, a range ("6-8") or a list, one a set."""

SecondsAmount = Annotated[
    SecondsValue | tuple[SecondsValue, ...],
    WrapValidator(_per_set(_second, TypeAdapter(tuple[SecondsValue, ...]))),
]
"""Seconds of work: a number, a range ("20-30") or a list, one a set."""

Rests = Annotated[
    RestValue | tuple[RestValue, ...],
    WrapValidator(_per_set(_rest, TypeAdapter(tuple[RestValue, ...]))),
]
"""A rest: a number, or a list with one value per gap between sets."""


def _tempo(value: Any, handler: ValidatorFunctionWrapHandler) -> float | Tempo:
    if isinstance(value, Tempo):
        return value
    if isinstance(value, str):
        return parse_tempo(value)
    return _SECONDS.validate_python(value)


TempoValue = Annotated[
    float | Tempo,
    WrapValidator(_tempo),
    WithJsonSchema({"anyOf": [_SECONDS_SCHEMA, {"type": "string", "pattern": TEMPO_PATTERN}]}),
]
"""A tempo: seconds per rep, or four phases ("3-1-1-0")."""


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
