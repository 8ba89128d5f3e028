"""The entries of the format that are not exercises or blocks: a rest written as a step
(`Rest`), a block entry that includes another file (`Include`), the `[checks]` table, and
the check that a list of rests has one value per gap between sets."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import Field, StrictBool, model_validator

from hamtimer.circuit.amounts import Seconds, listed
from hamtimer.circuit.strict import CircuitValueError, Strict, Text


def gaps_problem(
    rests: object, sets: int, word: str = "set", *, used_by: str | None = None
) -> str | None:
    """What is wrong with a list of rests between `sets` sets (or rounds: `word`); None if
    it is not a list, or has one value a gap. `used_by`: the exercise that takes the list
    from its block (else the list is the table's own, which the message's place names)."""
    count = listed(rests)
    if count is None or count == sets - 1:
        return None
    gaps = f"{sets} {word}(s) have {sets - 1} gap(s) between them"
    if used_by is not None:
        return (
            f'exercise "{used_by}" has {sets} set(s), so {sets - 1} gap(s), but the block\'s '
            f"rest_between_sets lists {count} rest(s): give one rest a gap, or give "
            f'"{used_by}" a rest_between_sets of its own'
        )
    if sets == 1:
        return f"rest_between_sets lists {count} rest(s), but one {word} has no gap: remove it"
    return f"rest_between_sets lists {count} rest(s), but {gaps}: give one rest a gap"


class Rest(Strict):
    """A rest written as a step of its own, among the exercises: `kind = "rest"`.

    No automatic rest (between exercises, sets, rounds or blocks) is added next to it."""

    kind: Literal["rest"]
    seconds: Seconds
    name: Text = Field("Rest", description="What the rest is called on screen.")

    @model_validator(mode="before")
    @classmethod
    def _only_a_rest(cls, data: Any) -> Any:
        return _only(data, cls, "a rest takes only seconds and a name")


class Include(Strict):
    """A `[[blocks]]` entry that inserts another circuit file's blocks at its place."""

    include: Text = Field(
        description="A circuit file, relative to this one; its name, timing and source are ignored."
    )

    @model_validator(mode="before")
    @classmethod
    def _only_the_file(cls, data: Any) -> Any:
        return _only(data, cls, "an include entry takes only the file to include")


def _only(data: Any, model: type[Strict], what: str) -> Any:
    """`data`, unless it has a key `model` does not: then what it takes, and to remove it."""
    if isinstance(data, dict):
        for key in data:
            if key not in model.model_fields:
                raise CircuitValueError(f"{what}: remove {key}", key=str(key))
    return data


class Checks(Strict):
    """Advice `hamtimer check` gives that a circuit turns off on purpose, saying why."""

    plyometrics_first: StrictBool = Field(
        True, description="false: no warning when jumps come after heavy work."
    )
    reason: Text | None = Field(
        None, description="Why (required with plyometrics_first = false); shown instead."
    )

    @model_validator(mode="after")
    def _reason_given(self) -> Self:
        if not self.plyometrics_first and self.reason is None:
            raise CircuitValueError(
                'plyometrics_first = false needs a reason: add reason = "…" saying why the '
                "jumps come later",
                key="plyometrics_first",
            )
        if self.plyometrics_first and self.reason is not None:
            raise CircuitValueError(
                "reason goes with plyometrics_first = false: remove it, or add that", key="reason"
            )
        return self
