"""The circuit file format's exercises: an `Exercise` and the `Prompt`s of its reps.

Part of the models in `hamtimer.circuit.model` (which re-exports them): what the runner
writes for one exercise, validated; blocks (`hamtimer.circuit.blocks`) hold them.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, StrictBool, model_validator

from hamtimer.circuit.amounts import (
    Count,
    Reps,
    RepsValue,
    Rests,
    RestSeconds,
    Seconds,
    SecondsAmount,
    TempoValue,
    listed,
)
from hamtimer.circuit.entries import gaps_problem
from hamtimer.circuit.kinds import Direction, ExerciseKind, Side
from hamtimer.circuit.strict import CircuitValueError, Strict, Text


class Prompt(Strict):
    """One run of reps within a side, e.g. 6 halos clockwise."""

    reps: RepsValue = Field(description='Reps, or a range such as "6-8".')
    direction: Direction | None = None
    tempo: TempoValue | None = Field(
        None,
        description='Seconds per rep, or four phases such as "3-1-1-0" (down, hold, up, hold); '
        "the timer counts the reps.",
    )
    cue: Text | None = None


WORK_KEYS = ("reps", "seconds", "to_fatigue", "prompts")


class Exercise(Strict):
    """One exercise. Work is exactly one of: reps, seconds, to_fatigue or prompts."""

    name: Text
    kind: ExerciseKind
    cue: Text | None = Field(None, description="A short coaching cue shown while working.")
    notes: Text | None = None
    challenge: Text | None = Field(None, description="The harder variant, for challenge mode.")
    equipment: tuple[Text, ...] = Field((), description="Alternatives; any one will do.")
    sides: tuple[Side, ...] = Field(
        (), description="Sides in order, e.g. ['right', 'left']; empty for bilateral work."
    )
    side_label: Text | None = Field(
        None, description="Words after the side name, e.g. 'leg forward' → 'RIGHT leg forward'."
    )
    rest_between_sides: RestSeconds | None = Field(
        None, description="A rest between sides; without it, a switch-sides step is used."
    )
    sets: Count | None = Field(
        None,
        description="This exercise's sets in a straight block (default: the block's sets, or "
        "the length of a list of reps or seconds).",
    )
    reps: Reps | None = Field(
        None, description='Reps per set: a number, a range such as "6-8", or a list, one a set.'
    )
    tempo: TempoValue | None = Field(
        None,
        description='Seconds per rep, or four phases such as "3-1-1-0" (down, hold, up, hold); '
        "the timer counts the reps.",
    )
    seconds_per_rep: Seconds | None = Field(
        None,
        description="This exercise's seconds per rep when it has no tempo: its estimate, and "
        "its pace when hands_free is on.",
    )
    seconds: SecondsAmount | None = Field(
        None,
        description='Timed work per side: a number, a range such as "20-30", or a list, one a set.',
    )
    to_fatigue: StrictBool = Field(False, description="Open-ended work: the runner ends it.")
    expected_seconds: Seconds | None = Field(
        None, description="For to_fatigue: a typical hold, used only for estimates."
    )
    prompts: tuple[Prompt, ...] = Field((), description="Several runs of reps within one side.")
    rest_between_sets: Rests | None = Field(
        None,
        description="The rest between this exercise's sets (straight blocks): a number, or a "
        "list with one value per gap.",
    )

    @model_validator(mode="after")
    def _one_kind_of_work(self) -> Self:
        given = [
            name
            for name, present in (
                ("reps", self.reps is not None),
                ("seconds", self.seconds is not None),
                ("to_fatigue", self.to_fatigue),
                ("prompts", bool(self.prompts)),
            )
            if present
        ]
        if not given:
            raise CircuitValueError(
                "no work given: add one of reps = …, seconds = …, to_fatigue = true "
                "or [[blocks.exercises.prompts]]"
            )
        if len(given) > 1:
            raise CircuitValueError(
                f"give only one kind of work, not {' and '.join(given)}: keep one",
                key=given[1],
            )
        if self.tempo is not None and self.reps is None:
            raise CircuitValueError(
                "tempo goes with reps (or inside each prompt): remove it, or give reps",
                key="tempo",
            )
        if self.expected_seconds is not None and not self.to_fatigue:
            raise CircuitValueError(
                "expected_seconds goes with to_fatigue = true: remove it", key="expected_seconds"
            )
        if len(set(self.sides)) != len(self.sides):
            raise CircuitValueError(
                'a side is listed twice: list each once, e.g. sides = ["right", "left"]',
                key="sides",
            )
        if self.seconds_per_rep is not None and self.reps is None and not self.prompts:
            raise CircuitValueError(
                "seconds_per_rep goes with reps or prompts: remove it, or give reps",
                key="seconds_per_rep",
            )
        return self

    @model_validator(mode="after")
    def _one_value_per_set(self) -> Self:
        listed_sets = self.listed_sets()
        if self.sets is not None and listed_sets is not None and listed_sets != self.sets:
            work = "reps" if listed(self.reps) else "seconds"
            raise CircuitValueError(
                f"{work} lists {listed_sets} values but sets = {self.sets}: give one value a "
                f"set, or make sets = {listed_sets}",
                key=work,
            )
        if self.sets is not None or listed_sets is not None:
            problem = gaps_problem(self.rest_between_sets, self.set_count(1))
            if problem:
                raise CircuitValueError(problem, key="rest_between_sets")
        return self

    def listed_sets(self) -> int | None:
        """The sets a list of reps or seconds gives (one value a set); None without a list."""
        return listed(self.reps) or listed(self.seconds)

    def set_count(self, block_sets: int) -> int:
        """How many sets this exercise has: its own `sets`, else its list's length, else the
        block's."""
        return self.sets or self.listed_sets() or block_sets
