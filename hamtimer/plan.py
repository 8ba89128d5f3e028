"""The plan: a circuit expanded into the exact sequence of steps a runner goes through.

Everything a screen or a sound needs to know about a step (its title, side, set, the
words of its prompt, what comes next) is decided here, once, without a clock or a
terminal, so that the whole workout can be checked by reading a list.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, computed_field

from hamtimer.circuit import Block, Circuit, Direction, Exercise, ExerciseKind, Prompt, Side


class StepKind(StrEnum):
    """What kind of moment a step is."""

    GET_READY = "get_ready"
    WORK = "work"
    REST = "rest"
    SWITCH_SIDES = "switch_sides"


class WorkMode(StrEnum):
    """How a work step ends."""

    REPS = "reps"  # the runner presses done, or the timer counts them at a tempo
    TIMED = "timed"  # a fixed time
    OPEN = "open"  # "to fatigue": counts up until the runner presses done


class RestReason(StrEnum):
    """Why a rest is there; the screen and the sounds tell these apart."""

    BETWEEN_SIDES = "between_sides"
    BETWEEN_SETS = "between_sets"
    BETWEEN_ROUNDS = "between_rounds"
    BETWEEN_EXERCISES = "between_exercises"
    BETWEEN_BLOCKS = "between_blocks"


SYMBOLS = {Direction.CLOCKWISE: "↻", Direction.COUNTER_CLOCKWISE: "↺"}


class Step(BaseModel):
    """One step of the workout, with every word the screen will show for it."""

    model_config = ConfigDict(frozen=True)

    index: int
    kind: StepKind
    title: str
    headline: str
    summary: str
    block: str
    mode: WorkMode | None = None
    seconds: float | None = None
    estimate: float
    reps: int | None = None
    tempo: float | None = None
    direction: Direction | None = None
    side: Side | None = None
    side_text: str | None = None
    exercise: str | None = None
    exercise_kind: ExerciseKind | None = None
    set_number: int | None = None
    set_count: int | None = None
    set_word: str | None = None
    rest_reason: RestReason | None = None
    cue: str | None = None
    challenge: str | None = None
    equipment: tuple[str, ...] = ()

    @property
    def ends_itself(self) -> bool:
        """True when the step has a deadline; otherwise it waits for the runner's done."""
        return self.seconds is not None

    @property
    def set_text(self) -> str | None:
        """'set 2 of 3' or 'round 2 of 3'."""
        if self.set_number is None:
            return None
        return f"{self.set_word} {self.set_number} of {self.set_count}"


class Plan(BaseModel):
    """The whole workout, in order. Immutable: challenge mode makes a second plan."""

    model_config = ConfigDict(frozen=True)

    circuit: str
    challenge: bool
    steps: tuple[Step, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def estimated_seconds(self) -> float:
        """The planned length, counting unpaced reps and holds at their estimates."""
        return sum(step.estimate for step in self.steps)

    def starts(self) -> list[float]:
        """Seconds from the start of the workout at which each step is planned to begin."""
        offsets, clock = [], 0.0
        for step in self.steps:
            offsets.append(clock)
            clock += step.estimate
        return offsets

    def __len__(self) -> int:
        return len(self.steps)


def format_duration(seconds: float) -> str:
    """'1:05:09', '22:04' or '0:45': how a runner reads a length of time."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _seconds_text(seconds: float) -> str:
    return f"{seconds:g} s"


def _side_text(exercise: Exercise, side: Side | None) -> str | None:
    if side is None:
        return None
    return f"{side.upper()} {exercise.side_label}" if exercise.side_label else side.upper()


_REST_WORDS = {
    RestReason.BETWEEN_SIDES: "between sides",
    RestReason.BETWEEN_SETS: "between sets",
    RestReason.BETWEEN_ROUNDS: "between rounds",
    RestReason.BETWEEN_EXERCISES: "between exercises",
    RestReason.BETWEEN_BLOCKS: "between blocks",
}


class _Builder:
    """Walks a circuit and collects step fields; `build_plan` numbers and links them."""

    def __init__(self, circuit: Circuit, challenge: bool) -> None:
        self.circuit = circuit
        self.challenge = challenge
        self.fields: list[dict[str, object]] = []

    def pause(self, kind: StepKind, seconds: float, block: Block, **extra: object) -> None:
        if seconds <= 0:
            return
        reason = extra.get("rest_reason")
        title = {
            StepKind.GET_READY: "Get ready",
            StepKind.SWITCH_SIDES: "Switch sides",
            StepKind.REST: "Rest",
        }[kind]
        detail = _REST_WORDS[reason] if isinstance(reason, RestReason) else None
        self.fields.append(
            dict(
                kind=kind,
                title=title,
                headline=f"{title} {detail}" if detail else title,
                summary=f"{title} {_seconds_text(seconds)}" + (f" ({detail})" if detail else ""),
                block=block.name,
                seconds=seconds,
                estimate=seconds,
                **extra,
            )
        )

    def work(
        self,
        block: Block,
        exercise: Exercise,
        side: Side | None,
        prompt: Prompt | None,
        **where: object,
    ) -> None:
        timing = self.circuit.timing
        reps = prompt.reps if prompt else exercise.reps
        tempo = prompt.tempo if prompt else exercise.tempo
        direction = prompt.direction if prompt else None
        seconds: float | None
        if exercise.to_fatigue:
            mode, seconds = WorkMode.OPEN, None
            estimate = exercise.expected_seconds or 30.0
            headline = "Hold to fatigue"
        elif exercise.seconds is not None:
            mode, seconds, estimate = WorkMode.TIMED, exercise.seconds, exercise.seconds
            headline = f"{exercise.seconds:g} seconds"
        else:
            assert reps is not None
            mode = WorkMode.REPS
            seconds = reps * tempo if tempo else None
            estimate = seconds if seconds is not None else reps * timing.seconds_per_rep
            headline = f"{reps} reps"
            if direction is not None:
                headline = f"{reps} × {direction.upper()} {SYMBOLS[direction]}"
        side_text = _side_text(exercise, side)
        summary = " — ".join(part for part in (exercise.name, side_text, headline) if part)
        cue = (prompt.cue if prompt and prompt.cue else None) or exercise.cue
        self.fields.append(
            dict(
                kind=StepKind.WORK,
                title=exercise.name,
                headline=headline,
                summary=summary,
                block=block.name,
                mode=mode,
                seconds=seconds,
                estimate=estimate,
                reps=reps,
                tempo=tempo,
                direction=direction,
                side=side,
                side_text=side_text,
                exercise=exercise.name,
                exercise_kind=exercise.kind,
                cue=cue,
                challenge=exercise.challenge if self.challenge else None,
                equipment=exercise.equipment,
                **where,
            )
        )

    def exercise_set(self, block: Block, exercise: Exercise, number: int) -> None:
        word = "round" if block.mode == "circuit" else "set"
        where = {"set_number": number, "set_count": block.sets, "set_word": word}
        for position, side in enumerate(exercise.sides or (None,)):
            if position:
                if exercise.rest_between_sides is not None:
                    self.pause(
                        StepKind.REST,
                        exercise.rest_between_sides,
                        block,
                        rest_reason=RestReason.BETWEEN_SIDES,
                    )
                else:
                    self.pause(StepKind.SWITCH_SIDES, self.circuit.timing.switch_sides, block)
            for prompt in exercise.prompts or (None,):
                self.work(block, exercise, side, prompt, **where)

    def block(self, block: Block) -> None:
        timing = self.circuit.timing
        between_sets = _first(block.rest_between_sets, timing.rest_between_sets)
        between_exercises = _first(block.rest_between_exercises, timing.rest_between_exercises)
        last_exercise = len(block.exercises) - 1
        if block.mode == "straight":
            for position, exercise in enumerate(block.exercises):
                for number in range(1, block.sets + 1):
                    self.exercise_set(block, exercise, number)
                    if number < block.sets:
                        self.pause(
                            StepKind.REST,
                            between_sets,
                            block,
                            rest_reason=RestReason.BETWEEN_SETS,
                        )
                if position < last_exercise:
                    self.pause(
                        StepKind.REST,
                        between_exercises,
                        block,
                        rest_reason=RestReason.BETWEEN_EXERCISES,
                    )
        else:
            for number in range(1, block.sets + 1):
                for position, exercise in enumerate(block.exercises):
                    self.exercise_set(block, exercise, number)
                    if position < last_exercise:
                        self.pause(
                            StepKind.REST,
                            between_exercises,
                            block,
                            rest_reason=RestReason.BETWEEN_EXERCISES,
                        )
                if number < block.sets:
                    self.pause(
                        StepKind.REST, between_sets, block, rest_reason=RestReason.BETWEEN_ROUNDS
                    )

    def run(self) -> Iterator[dict[str, object]]:
        blocks = self.circuit.blocks
        self.pause(StepKind.GET_READY, self.circuit.timing.get_ready, blocks[0])
        for position, block in enumerate(blocks):
            if position:
                self.pause(
                    StepKind.REST,
                    self.circuit.timing.rest_between_blocks,
                    block,
                    rest_reason=RestReason.BETWEEN_BLOCKS,
                )
            self.block(block)
        yield from self.fields


def _first(value: float | None, default: float) -> float:
    return default if value is None else value


def build_plan(circuit: Circuit, *, challenge: bool = False) -> Plan:
    """Expand a circuit into its plan. Pure: the same circuit always gives the same plan."""
    raw = list(_Builder(circuit, challenge).run())
    steps = tuple(Step.model_validate({"index": i, **fields}) for i, fields in enumerate(raw))
    return Plan(circuit=circuit.name, challenge=challenge, steps=steps)
