"""The base of every model of the circuit format: frozen, and unknown keys refused."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Text = Annotated[str, Field(min_length=1, max_length=2000)]


class CircuitValueError(ValueError):
    """A validator's error in the runner's words; `key` is the key to point at, if one."""

    def __init__(self, text: str, *, key: str | None = None) -> None:
        super().__init__(text)
        self.key = key


class Strict(BaseModel):
    """Base for every model of the format: frozen, and unknown keys are errors.

    A typo such as `repz = 5` would otherwise be silently ignored and the runner would
    get a workout they did not write. Every unknown key is reported, with the other errors
    of its table (`hamtimer.circuit.problems` says what was probably meant).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
