"""The circuit file format's blocks: a `Block` of exercises and the rests written among them.

Part of the models in `hamtimer.circuit.model` (which re-exports them). What each mode timed
by the clock needs and refuses is `hamtimer.circuit.intervals`, which a block's validator
calls.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import Discriminator, Field, Tag, model_validator

from hamtimer.circuit.amounts import Count, Rests, RestSeconds, Seconds
from hamtimer.circuit.entries import Rest, gaps_problem
from hamtimer.circuit.exercises import Exercise
from hamtimer.circuit.intervals import check_block_mode
from hamtimer.circuit.kinds import BlockRole
from hamtimer.circuit.strict import CircuitValueError, Strict, Text


def _exercise_or_rest(value: Any) -> str:
    """Which an entry of `exercises` is: a rest when its kind is "rest", else an exercise
    (each checked as what it is, so a mistake is reported once, in its terms)."""
    rest = isinstance(value, Rest) or (isinstance(value, dict) and value.get("kind") == "rest")
    return "Rest" if rest else "Exercise"


Entry = Annotated[
    Annotated[Exercise, Tag("Exercise")] | Annotated[Rest, Tag("Rest")],
    Discriminator(_exercise_or_rest),
]


_ONE_SET = (None, "straight", "circuit", "intervals")
"""The modes (None: not written, straight) whose blocks have one set when `sets` is not given."""


class Block(Strict):
    """A group of exercises done for a number of sets, as straight sets or as rounds, or
    timed by the clock (emom, amrap, intervals: `hamtimer.circuit.intervals`)."""

    name: Text
    sets: Count | None = Field(
        None,
        description="Sets (straight) or rounds (circuit, emom, intervals): 1 when not given, "
        "but an emom block needs them and an amrap block has none (its rounds go on until "
        "its time_cap); an exercise may set its own in a straight block.",
    )
    mode: Literal["straight", "circuit", "emom", "amrap", "intervals"] = Field(
        "straight",
        description="straight: all sets of one exercise, then the next; "
        "circuit: one set of each exercise per round; "
        "emom: each interval of `every` seconds holds one set of one exercise, and the rest "
        "is what is left of it; amrap: as many rounds of the exercises as possible within "
        "time_cap; intervals: as circuit, with each work step counted as an interval.",
    )
    every: Seconds | None = Field(
        None, description="emom only: the length of each interval, in seconds (default 60)."
    )
    time_cap: Seconds | None = Field(
        None, description="amrap only (and required there): how long the rounds go on."
    )
    role: BlockRole = Field(
        BlockRole.MAIN,
        description="warm-up or cool-down: shown as such, and not counted as the workout's sets.",
    )
    rest_between_sets: Rests | None = Field(
        None, description="A number, or a list with one value per gap between sets or rounds."
    )
    rest_between_exercises: RestSeconds | None = None
    rest_after: RestSeconds | None = Field(
        None, description="The rest after this block, instead of timing.rest_between_blocks."
    )
    notes: Text | None = None
    exercises: tuple[Entry, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _one_set_unless_clocked(cls, data: Any) -> Any:
        """`sets` is 1 when not written, except in an emom block (which needs it: `intervals`
        says so) and an amrap block (which has none)."""
        if isinstance(data, dict) and "sets" not in data and data.get("mode") in _ONE_SET:
            return {**data, "sets": 1}
        return data

    @model_validator(mode="after")
    def _keys_of_its_mode(self) -> Self:
        check_block_mode(self)
        return self

    @model_validator(mode="after")
    def _sets_fit(self) -> Self:
        if self.mode == "amrap":  # no sets: its exercises are refused any (`intervals`)
            return self
        rounds = self.mode != "straight"
        sets = self.set_count()
        if rounds:
            problem = gaps_problem(self.rest_between_sets, sets, "round")
            if problem:
                raise CircuitValueError(problem, key="rest_between_sets")
        for exercise in self.exercises:
            if isinstance(exercise, Rest):
                continue
            count = exercise.set_count(sets)
            if rounds and (count != sets or exercise.rest_between_sets is not None):
                article = "an" if self.mode in ("emom", "intervals") else "a"
                raise CircuitValueError(
                    f"in {article} {self.mode}-mode block every exercise follows the block's "
                    f'rounds (sets = {sets}), but exercise "{exercise.name}" '
                    + (
                        "has a rest_between_sets of its own: give the block the rests between "
                        "rounds"
                        if count == sets
                        else f'has {count} sets: make them {sets}, or use mode = "straight"'
                    ),
                    key="mode",
                )
            if rounds:
                continue
            if exercise.rest_between_sets is None:
                problem = gaps_problem(self.rest_between_sets, count, used_by=exercise.name)
                if problem:
                    raise CircuitValueError(problem, key="rest_between_sets")
            elif exercise.sets is None and exercise.listed_sets() is None:  # the block's sets
                problem = gaps_problem(exercise.rest_between_sets, count)
                if problem:
                    raise CircuitValueError(f'exercise "{exercise.name}": {problem}')
        return self

    def set_count(self) -> int:
        """The block's sets or rounds: its `sets`; 1 for an amrap block, which has none
        (its rounds are counted as they are done) and is one step."""
        return 1 if self.sets is None else self.sets

    def work(self) -> list[Exercise]:
        """The block's exercises, without the rests written among them."""
        return [entry for entry in self.exercises if isinstance(entry, Exercise)]
