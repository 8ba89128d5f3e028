"""The circuit file format: pydantic models of what the runner writes.

A circuit is TOML. These models only describe and validate it (`hamtimer.circuit.load` reads
the file); turning it into a timed sequence of steps is `hamtimer.plan`'s job, so nothing
here knows about time passing.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator
from pydantic import Strict as StrictValue

from hamtimer.circuit.intervals import check_block_mode, check_intervals_fit
from hamtimer.circuit.kinds import (
    HEAVY_KINDS,
    Direction,
    ExerciseKind,
    Side,
)

# Numbers are strict: `seconds = true` or `reps = "5"` is an error, not 1 s or 5 reps.
Seconds = Annotated[float, StrictValue(), Field(gt=0, le=24 * 3600, allow_inf_nan=False)]
RestSeconds = Annotated[float, StrictValue(), Field(ge=0, le=24 * 3600, allow_inf_nan=False)]
Count = Annotated[int, StrictValue(), Field(gt=0, le=1000)]
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


class Source(Strict):
    """Where the circuit comes from: shown by `hamtimer show`, kept for the curious."""

    citation: Text
    doi: str | None = None
    url: str | None = None


class Timing(Strict):
    """Circuit-wide times; a block or exercise may override the rests it owns."""

    get_ready: RestSeconds = Field(10, description="Countdown before the first exercise.")
    switch_sides: RestSeconds = Field(
        10, description="Time to change sides when an exercise sets no rest between sides."
    )
    rest_between_exercises: RestSeconds = Field(30, description="Default rest between exercises.")
    rest_between_sets: RestSeconds = Field(60, description="Default rest between sets or rounds.")
    rest_between_blocks: RestSeconds = Field(90, description="Rest between two blocks.")
    seconds_per_rep: Seconds = Field(
        3,
        description="Seconds per rep for reps with no tempo: the estimate of how long they "
        "take, and their pace when hands_free is on.",
    )
    hands_free: bool = Field(
        False,
        description="Pace every set of reps (at its tempo, else seconds_per_rep) so that the "
        "workout moves on by itself; only holds to fatigue wait for a key.",
    )


class Prompt(Strict):
    """One run of reps within a side, e.g. 6 halos clockwise."""

    reps: Count
    direction: Direction | None = None
    tempo: Seconds | None = Field(None, description="Seconds per rep; the timer counts them.")
    cue: Text | None = None


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
    reps: Count | None = None
    tempo: Seconds | None = Field(None, description="Seconds per rep; the timer counts them.")
    seconds: Seconds | None = Field(None, description="Timed work per side.")
    to_fatigue: StrictBool = Field(False, description="Open-ended work: the runner ends it.")
    expected_seconds: Seconds | None = Field(
        None, description="For to_fatigue: a typical hold, used only for estimates."
    )
    prompts: tuple[Prompt, ...] = Field((), description="Several runs of reps within one side.")

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
        return self


class Block(Strict):
    """A group of exercises done for a number of sets, as straight sets or as rounds, or
    timed by the clock (emom, amrap, intervals: `hamtimer.circuit.intervals`)."""

    name: Text
    sets: Count | None = Field(
        None,
        description="Sets (straight) or rounds (circuit, emom, intervals); required except "
        "in an amrap block, whose rounds go on until its time_cap.",
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
    rest_between_sets: RestSeconds | None = None
    rest_between_exercises: RestSeconds | None = None
    notes: Text | None = None
    exercises: tuple[Exercise, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _keys_of_its_mode(self) -> Self:
        check_block_mode(self)
        return self


class Circuit(Strict):
    """A whole circuit file."""

    name: Text
    description: Text | None = None
    source: Source | None = None
    timing: Timing = Timing()
    blocks: tuple[Block, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _intervals_leave_time(self) -> Self:
        check_intervals_fit(self)
        return self

    def exercises(self) -> list[Exercise]:
        """Every exercise in file order."""
        return [exercise for block in self.blocks for exercise in block.exercises]

    def warnings(self) -> list[str]:
        """Domain advice that does not stop the circuit from running."""
        found: list[str] = []
        heavy_seen: str | None = None
        for block in self.blocks:
            for exercise in block.exercises:
                if exercise.kind in HEAVY_KINDS and heavy_seen is None:
                    heavy_seen = exercise.name
                elif exercise.kind is ExerciseKind.PLYOMETRIC and heavy_seen is not None:
                    found.append(
                        f"plyometric '{exercise.name}' comes after {heavy_seen!r} "
                        "(heavy work): do jumps first, while the legs are fresh"
                    )
        for block in self.blocks:
            kinds = {exercise.kind for exercise in block.exercises}
            if block.mode == "circuit" and ExerciseKind.PLYOMETRIC in kinds and kinds & HEAVY_KINDS:
                found.append(
                    f"block '{block.name}' runs plyometric and heavy work as rounds, so later "
                    "rounds jump after heavy work: put the plyometrics in a block of their own"
                )
        return found
