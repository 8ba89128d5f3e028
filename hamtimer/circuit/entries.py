"""The entries of the format that are not exercises or blocks: a rest written as a step
(`Rest`), a block entry that includes another file (`Include`), the `[checks]` table, and
the check that a list of rests has one value per gap between sets."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, StrictBool, model_validator

from hamtimer.circuit.amounts import Seconds, listed
from hamtimer.circuit.strict import Strict, Text


def gaps_problem(
    name: str, rests: object, sets: int, word: str = "set", *, blocks: bool = False
) -> str | None:
    """What is wrong with a list of rests between `sets` sets (or rounds: `word`) of `name`
    (the block's list when `blocks`); None if it is not a list, or has one value per gap."""
    count = listed(rests)
    if count is None or count == sets - 1:
        return None
    gaps = f"{sets} {word}(s), so {sets - 1} gap(s) between them"
    if blocks:
        return (
            f"'{name}' has {gaps}, but the block's rest_between_sets lists {count} rest(s): "
            f"give one rest per gap, or give '{name}' a rest_between_sets of its own"
        )
    return (
        f"'{name}' has {gaps}, but rest_between_sets lists {count} rest(s): give one rest per gap"
    )


class Rest(Strict):
    """A rest written as a step of its own, among the exercises: `kind = "rest"`.

    No automatic rest (between exercises, sets, rounds or blocks) is added next to it."""

    kind: Literal["rest"]
    seconds: Seconds
    name: Text = Field("Rest", description="What the rest is called on screen.")


class Include(Strict):
    """A `[[blocks]]` entry that inserts another circuit file's blocks at its place."""

    include: Text = Field(
        description="A circuit file, relative to this one; its name, timing and source are ignored."
    )


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
            raise ValueError(
                'plyometrics_first = false needs a reason = "..." saying why the jumps come later'
            )
        if self.plyometrics_first and self.reason is not None:
            raise ValueError("reason goes with plyometrics_first = false")
        return self
