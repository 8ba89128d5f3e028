"""The circuit file format: pydantic models of what the runner writes.

A circuit is TOML. These models only describe and validate it (`hamtimer.circuit.load` reads
the file); turning it into a timed sequence of steps is `hamtimer.plan`'s job, so nothing
here knows about time passing. The circuit is here; its blocks (`blocks`) and exercises
(`exercises`) have modules of their own, re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from hamtimer.circuit.amounts import Count, RestSeconds, Seconds
from hamtimer.circuit.blocks import Block, Entry
from hamtimer.circuit.entries import Checks, Include
from hamtimer.circuit.exercises import WORK_KEYS, Exercise, Prompt
from hamtimer.circuit.include import included_blocks
from hamtimer.circuit.intervals import check_intervals_fit
from hamtimer.circuit.kinds import HEAVY_KINDS, ExerciseKind
from hamtimer.circuit.strict import Strict, Text

__all__ = [
    "WORK_KEYS",
    "Block",
    "BlockEntry",
    "Circuit",
    "Count",
    "Entry",
    "Exercise",
    "Prompt",
    "RestSeconds",
    "Seconds",
    "Source",
    "Timing",
]


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


def _block_or_include(value: Any) -> str:
    """Which a `[[blocks]]` entry is: an include when it has the key, else a block."""
    return "Include" if isinstance(value, dict) and "include" in value else "Block"


def _included(entry: Include, info: ValidationInfo) -> tuple[Block, ...]:
    """The blocks of the file an include entry names, read and checked now (by the
    loader's `decode`, which the validation context carries: `hamtimer.circuit.include`)."""
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
        check_intervals_fit(self.blocks, self.timing.switch_sides)
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
