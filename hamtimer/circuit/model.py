"""The circuit file format: pydantic models of what the runner writes.

A circuit is TOML. These models only describe and validate it (`hamtimer.circuit.load` reads
the file); turning it into a timed sequence of steps is `hamtimer.plan`'s job, so nothing
here knows about time passing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

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
from hamtimer.circuit.entries import Checks, Include, Rest, gaps_problem
from hamtimer.circuit.intervals import check_block_mode, check_intervals_fit
from hamtimer.circuit.kinds import (
    HEAVY_KINDS,
    BlockRole,
    Direction,
    ExerciseKind,
    Side,
)
from hamtimer.circuit.strict import CircuitValueError, Strict, Text


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


def _block_or_include(value: Any) -> str:
    """Which a `[[blocks]]` entry is: an include when it has the key, else a block."""
    return "Include" if isinstance(value, dict) and "include" in value else "Block"


def _included(entry: Include, info: ValidationInfo) -> tuple[Block, ...]:
    """The blocks of the file an include entry names, read and checked now."""
    from hamtimer.circuit.include import included_blocks  # reads files: load's business

    blocks, files = included_blocks(entry.include, info.context)
    if isinstance(info.context, dict):
        info.context.setdefault("included", []).extend(files)
    return blocks


if TYPE_CHECKING:
    BlockEntry = Block
else:
    BlockEntry = Annotated[
        Annotated[Block, Tag("Block")]
        | Annotated[Include, AfterValidator(_included), Tag("Include")],
        Discriminator(_block_or_include),
    ]


class Circuit(Strict):
    """A whole circuit file."""

    name: Text
    description: Text | None = None
    source: Source | None = None
    timing: Timing = Timing()
    checks: Checks = Checks()
    blocks: tuple[BlockEntry, ...] = Field(min_length=1)
    _included: tuple[tuple[str, str], ...] = PrivateAttr(())
    _written: tuple[int | None, ...] | None = PrivateAttr(None)

    @field_validator("blocks", mode="after")
    @classmethod
    def _insert_included(
        cls, blocks: tuple[Block | tuple[Block, ...], ...], info: ValidationInfo
    ) -> tuple[Block, ...]:
        flat: list[Block] = []
        written: list[int | None] = []
        for position, entry in enumerate(blocks):
            flat.extend(entry if isinstance(entry, tuple) else (entry,))
            written.extend((None,) * len(entry) if isinstance(entry, tuple) else (position,))
        if isinstance(info.context, dict):
            info.context["written"] = tuple(written)
        return tuple(flat)

    @model_validator(mode="after")
    def _remember_included(self, info: ValidationInfo) -> Self:
        if isinstance(info.context, dict):
            self._included = tuple(dict.fromkeys(info.context.get("included", ())))
            self._written = info.context.get("written")
        return self

    def written_at(self, number: int) -> int | None:
        """Where block `number` is written among this file's `[[blocks]]` (its index there),
        or None for a block an include brought from another file."""
        return number if self._written is None else self._written[number]

    def included_files(self) -> tuple[tuple[str, str], ...]:
        """Every file whose blocks were included, however deep: (resolved path, sha256 of
        the bytes read). The compiled plan depends on them as on the circuit file itself."""
        return self._included

    @model_validator(mode="after")
    def _intervals_leave_time(self) -> Self:
        check_intervals_fit(self)
        return self

    def exercises(self) -> list[Exercise]:
        """Every exercise in file order (the rests written among them left out)."""
        return [exercise for block in self.blocks for exercise in block.work()]

    def warnings(self) -> list[str]:
        """Domain advice that does not stop the circuit from running (what `checks` turns
        off is left out)."""
        return self._plyometric_warnings() if self.checks.plyometrics_first else []

    def notes(self) -> list[str]:
        """Why the advice turned off by `checks` does not apply: said in its place."""
        if self.checks.plyometrics_first or not self._plyometric_warnings():
            return []
        return [f"jumps come after heavy work on purpose: {self.checks.reason}"]

    def _plyometric_warnings(self) -> list[str]:
        found: list[str] = []
        heavy_seen: str | None = None
        for block in self.blocks:
            for exercise in block.work():
                if exercise.kind in HEAVY_KINDS and heavy_seen is None:
                    heavy_seen = exercise.name
                elif exercise.kind is ExerciseKind.PLYOMETRIC and heavy_seen is not None:
                    found.append(
                        f"plyometric '{exercise.name}' comes after {heavy_seen!r} "
                        "(heavy work): do jumps first, while the legs are fresh"
                    )
        for block in self.blocks:
            kinds = {exercise.kind for exercise in block.work()}
            if block.mode == "circuit" and ExerciseKind.PLYOMETRIC in kinds and kinds & HEAVY_KINDS:
                found.append(
                    f"block '{block.name}' runs plyometric and heavy work as rounds, so later "
                    "rounds jump after heavy work: put the plyometrics in a block of their own"
                )
        return found
