"""Building a plan: a circuit walked in the order the runner meets it, one typed step at a time."""

from __future__ import annotations

from hamtimer.circuit.amounts import (
    Span,
    Tempo,
    reps_of_set,
    rest_after_set,
    seconds_of_set,
    tempo_seconds,
    top,
)
from hamtimer.circuit.entries import Rest
from hamtimer.circuit.kinds import BlockRole, CircuitError, Side
from hamtimer.circuit.model import Block, Circuit, Exercise, Prompt
from hamtimer.plan import intervals
from hamtimer.plan.steps import SYMBOLS, Plan, RestReason, Step, StepKind, WorkMode

MAX_STEPS = 2000
"""The most steps a plan may have: 11 hours of 20-second steps. The bundled circuit has 48.
Beyond it a plan is refused before it is built whole (a file of 256 KB could ask for
millions), so that no screen, sound or save ever deals with a plan that size."""


class PlanTooLongError(CircuitError):
    """The circuit expands into more than `MAX_STEPS` steps."""


_PAUSE_TITLES = {
    StepKind.GET_READY: "Get ready",
    StepKind.SWITCH_SIDES: "Switch sides",
    StepKind.REST: "Rest",
}

_REST_WORDS = {
    RestReason.BETWEEN_SIDES: "between sides",
    RestReason.BETWEEN_SETS: "between sets",
    RestReason.BETWEEN_ROUNDS: "between rounds",
    RestReason.BETWEEN_EXERCISES: "between exercises",
    RestReason.BETWEEN_BLOCKS: "between blocks",
}


def build_plan(circuit: Circuit, *, challenge: bool = False, hands_free: bool = False) -> Plan:
    """Expand a circuit into its plan. Pure: the same circuit always gives the same plan.

    Hands-free (`hands_free`, or the circuit's `timing.hands_free`) paces every set of reps
    that has no tempo at the circuit's `seconds_per_rep`, so no step but a hold to fatigue
    waits for the runner.

    Raises `PlanTooLongError` when it would have more than `MAX_STEPS` steps.
    """
    hands_free = hands_free or circuit.timing.hands_free
    steps = _Builder(circuit, challenge, hands_free).run()
    return Plan(
        circuit=circuit.name, challenge=challenge, hands_free=hands_free, steps=tuple(steps)
    )


class _Builder:
    """Walks a circuit and appends each step as it is built; its index is its position."""

    def __init__(self, circuit: Circuit, challenge: bool, hands_free: bool) -> None:
        self.timing = circuit.timing
        self.blocks = circuit.blocks
        self.challenge = challenge
        self.hands_free = hands_free
        self.steps: list[Step] = []

    def add(self, step: Step) -> None:
        """Append the next step, unless the plan is full."""
        if len(self.steps) >= MAX_STEPS:
            raise PlanTooLongError(
                f"the workout would have more than {MAX_STEPS:,} steps (every set, side, "
                "prompt and rest is one): make it shorter, or split it into two circuits"
            )
        self.steps.append(step)

    def run(self) -> tuple[Step, ...]:
        """A get-ready, then every block, with a rest between blocks (the block's own
        `rest_after`, else the circuit's; none next to a rest written as a step)."""
        self.pause(StepKind.GET_READY, self.timing.get_ready, self.blocks[0])
        for position, block in enumerate(self.blocks):
            if position:
                before = self.blocks[position - 1]
                if not _is_rest(before.exercises[-1]) and not _is_rest(block.exercises[0]):
                    rest = _first(before.rest_after, self.timing.rest_between_blocks)
                    self.pause(StepKind.REST, rest, block, RestReason.BETWEEN_BLOCKS)
            self.block(block)
        return tuple(self.steps)

    def block(self, block: Block) -> None:
        """Straight sets (every set of one exercise, then the next) or rounds. A rest
        written among the exercises is a step of its own, with no automatic rest beside it.
        A block timed by the clock (emom, amrap, intervals) is built by
        `hamtimer.plan.intervals`."""
        if intervals.build_block(self, block):
            return
        between_sets: float | tuple[float, ...] = self.timing.rest_between_sets
        if block.rest_between_sets is not None:
            between_sets = block.rest_between_sets
        between_exercises = _first(block.rest_between_exercises, self.timing.rest_between_exercises)
        entries = block.exercises
        last = len(entries) - 1
        sets = block.set_count()
        if block.mode == "straight":
            for position, entry in enumerate(entries):
                if isinstance(entry, Rest):
                    self.written_rest(block, entry)
                    continue
                count = entry.set_count(sets)
                own = entry.rest_between_sets
                rests = between_sets if own is None else own
                for number in range(1, count + 1):
                    self.exercise_set(block, entry, number, count)
                    if number < count:
                        rest = rest_after_set(rests, number)
                        self.pause(StepKind.REST, rest, block, RestReason.BETWEEN_SETS)
                if position < last and not _is_rest(entries[position + 1]):
                    reason = RestReason.BETWEEN_EXERCISES
                    self.pause(StepKind.REST, between_exercises, block, reason)
        else:
            for number in range(1, sets + 1):
                for position, entry in enumerate(entries):
                    if isinstance(entry, Rest):
                        self.written_rest(block, entry)
                        continue
                    self.exercise_set(block, entry, number, sets)
                    if position < last and not _is_rest(entries[position + 1]):
                        reason = RestReason.BETWEEN_EXERCISES
                        self.pause(StepKind.REST, between_exercises, block, reason)
                if number < sets and not (_is_rest(entries[-1]) or _is_rest(entries[0])):
                    rest = rest_after_set(between_sets, number)
                    self.pause(StepKind.REST, rest, block, RestReason.BETWEEN_ROUNDS)

    def exercise_set(self, block: Block, exercise: Exercise, number: int, count: int) -> None:
        """Set `number` of `count` of one exercise: each side in turn, each prompt within a
        side."""
        for position, side in enumerate(exercise.sides or (None,)):
            if position:
                if exercise.rest_between_sides is not None:
                    rest = exercise.rest_between_sides
                    self.pause(StepKind.REST, rest, block, RestReason.BETWEEN_SIDES)
                else:
                    self.pause(StepKind.SWITCH_SIDES, self.timing.switch_sides, block)
            for prompt in exercise.prompts or (None,):
                self.work(block, exercise, (number, count), side, prompt)

    def written_rest(self, block: Block, rest: Rest) -> None:
        """A rest the circuit writes as a step of its own, under its own name."""
        amount = _seconds_text(rest.seconds)
        self.add(
            Step(
                index=len(self.steps),
                kind=StepKind.REST,
                title=rest.name,
                headline=rest.name,
                summary=f"{rest.name} {amount}",
                block=block.name,
                amount=amount,
                short=f"{rest.name} {amount}",
                brief=amount,
                seconds=rest.seconds,
                estimate=rest.seconds,
                rest_reason=RestReason.WRITTEN,
                role=block.role,
            )
        )

    def pause(
        self, kind: StepKind, seconds: float, block: Block, reason: RestReason | None = None
    ) -> None:
        """A get-ready, switch-sides or rest step; none at all if it would last no time. One
        inside a warm-up or cool-down block takes its role; a rest between blocks does not."""
        if seconds <= 0:
            return
        within = reason is not RestReason.BETWEEN_BLOCKS
        title = _PAUSE_TITLES[kind]
        detail = None if reason is None else _REST_WORDS[reason]
        self.add(
            Step(
                index=len(self.steps),
                kind=kind,
                title=title,
                headline=f"{title} {detail}" if detail else title,
                summary=f"{title} {_seconds_text(seconds)}" + (f" ({detail})" if detail else ""),
                block=block.name,
                amount=_seconds_text(seconds),
                short=f"{title} {_seconds_text(seconds)}",
                brief=_seconds_text(seconds),
                seconds=seconds,
                estimate=seconds,
                rest_reason=reason,
                role=block.role if kind is not StepKind.GET_READY and within else BlockRole.MAIN,
            )
        )

    def work(
        self,
        block: Block,
        exercise: Exercise,
        set_of: tuple[int, int],
        side: Side | None,
        prompt: Prompt | None,
    ) -> None:
        """One run of work: set `set_of` (number, count), on `side`, for `prompt` (or the
        whole exercise)."""
        number, count = set_of
        written = prompt.reps if prompt else exercise.reps
        if isinstance(written, tuple):
            written = reps_of_set(written, number)
        reps = None if written is None else top(written)
        reps_low = int(written.low) if isinstance(written, Span) else None
        tempo_written = prompt.tempo if prompt else exercise.tempo
        tempo = None if tempo_written is None else tempo_seconds(tempo_written)
        phases = tempo_written.phases if isinstance(tempo_written, Tempo) else ()
        per_rep = exercise.seconds_per_rep or self.timing.seconds_per_rep
        if tempo is None and reps is not None and self.hands_free:
            tempo = per_rep
        direction = prompt.direction if prompt else None
        timed = exercise.seconds
        if isinstance(timed, tuple):
            timed = seconds_of_set(timed, number)
        seconds: float | None
        seconds_low: float | None = None
        if exercise.to_fatigue:
            mode, seconds = WorkMode.OPEN, None
            estimate = exercise.expected_seconds or 30.0
            headline = "Hold to fatigue"
            amount, brief = "hold to fatigue", "hold"
        elif timed is not None:
            mode = WorkMode.TIMED
            seconds = estimate = timed.high if isinstance(timed, Span) else timed
            seconds_low = timed.low if isinstance(timed, Span) else None
            text = timed.text if isinstance(timed, Span) else f"{timed:g}"
            headline = amount = f"{text} seconds"
            brief = f"{text} s"
        else:
            assert reps is not None and written is not None
            mode = WorkMode.REPS
            seconds = reps * tempo if tempo else None
            estimate = seconds if seconds is not None else reps * per_rep
            text = written.text if isinstance(written, Span) else str(written)
            headline = amount = brief = f"{text} reps"
            if direction is not None:
                headline = f"{text} × {direction.upper()} {SYMBOLS[direction]}"
                amount = brief = f"{text} × {direction}"
        side_text = _side_text(exercise, side)
        self.add(
            Step(
                index=len(self.steps),
                kind=StepKind.WORK,
                title=exercise.name,
                headline=headline,
                summary=" — ".join(part for part in (exercise.name, side_text, headline) if part),
                block=block.name,
                amount=amount,
                short=f"{side.upper()} · {amount}" if side else amount,
                brief=brief,
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
                set_number=number,
                set_count=count,
                set_word="round" if block.mode == "circuit" else "set",
                cue=(prompt.cue if prompt and prompt.cue else None) or exercise.cue,
                challenge=exercise.challenge if self.challenge else None,
                equipment=exercise.equipment,
                reps_low=reps_low,
                seconds_low=seconds_low,
                tempo_phases=phases if tempo is not None and phases else (),
                role=block.role,
            )
        )


def _first(value: float | None, default: float) -> float:
    return default if value is None else value


def _is_rest(entry: Exercise | Rest) -> bool:
    return isinstance(entry, Rest)


def _seconds_text(seconds: float) -> str:
    return f"{seconds:g} s"


def _side_text(exercise: Exercise, side: Side | None) -> str | None:
    if side is None:
        return None
    return f"{side.upper()} {exercise.side_label}" if exercise.side_label else side.upper()
