"""The steps of a plan, with every word a screen or a sound will need for each of them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from hamtimer.circuit.kinds import BlockRole, Direction, ExerciseKind, Side


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
    AMRAP = "amrap"  # as many rounds as possible: a round is counted on a key; ends at the cap


class RestReason(StrEnum):
    """Why a rest is there; the screen and the sounds tell these apart."""

    BETWEEN_SIDES = "between_sides"
    BETWEEN_SETS = "between_sets"
    BETWEEN_ROUNDS = "between_rounds"
    BETWEEN_EXERCISES = "between_exercises"
    BETWEEN_BLOCKS = "between_blocks"
    WRITTEN = "written"  # a rest written as a step of its own in the circuit
    INTERVAL = "interval"  # an EMOM interval's rest: what is left of it once the work is done


class IntervalKind(StrEnum):
    """A block timed by the clock rather than by sets and rests (`hamtimer.plan.intervals`)."""

    EMOM = "emom"  # every minute on the minute: each interval starts on its boundary
    AMRAP = "amrap"  # as many rounds as possible within a time cap: one step
    INTERVALS = "intervals"  # rounds whose work steps are counted as intervals


SYMBOLS = {Direction.CLOCKWISE: "↻", Direction.COUNTER_CLOCKWISE: "↺"}


@dataclass(frozen=True, kw_only=True, slots=True)
class Step:
    """One step of the workout, with every word the screen will show for it.

    A plain frozen dataclass (a plan holds up to 2,000 of them for the whole run). Fields
    are keywords only and unknown ones are refused, so that a misspelt keyword in a builder
    is an error (for mypy and at run time) rather than a field silently left at its default.
    """

    index: int
    kind: StepKind
    title: str
    headline: str
    summary: str
    block: str
    amount: str = ""
    """How much: '5 reps', '6 × counter-clockwise', 'hold to fatigue', '45 seconds', '30 s'."""
    short: str = ""
    """The step in a few words, side first: 'LEFT · 5 reps', 'Rest 30 s'."""
    brief: str = ""
    """The amount in a word or two, for large capitals: '5 reps', 'hold', '45 s'."""
    mode: WorkMode | None = None
    seconds: float | None = None
    """How long the step lasts; for a range of seconds, its top (the countdown's start)."""
    estimate: float
    reps: int | None = None
    """The reps; for a range, its top (what paced reps count to and estimates use)."""
    tempo: float | None = None
    """Seconds per rep, when the timer paces the reps (with phases: the phases added up)."""
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
    reps_low: int | None = None
    """The bottom of a range of reps ("6-8": 6); None when the reps are one number."""
    seconds_low: float | None = None
    """The bottom of a range of seconds ("20-30": 20); None when the time is one number."""
    tempo_phases: tuple[float, ...] = ()
    """A paced rep's phases in seconds (down, hold, up, hold: "3-1-1-0"); () without."""
    role: BlockRole = BlockRole.MAIN
    """The block's role: a warm-up or cool-down step is shown as such, and not counted."""
    interval: IntervalKind | None = None
    """The block's kind when it is timed by intervals (EMOM, AMRAP, intervals)."""
    interval_number: int | None = None
    """EMOM and intervals: the interval this step belongs to, counted over the block."""
    interval_count: int | None = None
    every: float | None = None
    """EMOM: the length of each interval; its next one starts on this boundary."""
    round_items: tuple[str, ...] = ()
    """AMRAP: what one round holds, an exercise a line: '10 × Burpee'."""

    def __post_init__(self) -> None:
        for name in ("equipment", "tempo_phases", "round_items"):  # a list: builder or JSON
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def ends_itself(self) -> bool:
        """True when the step has a deadline; otherwise it waits for the runner's done."""
        return self.seconds is not None

    @property
    def set_text(self) -> str | None:
        """'set 2 of 3' or 'round 2 of 3'; in an interval block its interval: 'minute 3 of
        10' (an EMOM of 60 s intervals), 'interval 3 of 8'."""
        if self.interval_number is not None:
            return f"{self.interval_word} {self.interval_number} of {self.interval_count}"
        if self.set_number is None:
            return None
        return f"{self.set_word} {self.set_number} of {self.set_count}"

    @property
    def interval_word(self) -> str:
        """What an interval is called: 'minute' in an EMOM of 60 s intervals, else 'interval'."""
        return "minute" if self.interval is IntervalKind.EMOM and self.every == 60 else "interval"


@dataclass(frozen=True, kw_only=True)
class Plan:
    """The whole workout, in order. Immutable: challenge mode makes a second plan."""

    circuit: str
    challenge: bool
    hands_free: bool = False
    steps: tuple[Step, ...]
    estimated_seconds: float = field(init=False, compare=False)
    """The planned length, counting unpaced reps and holds at their estimates."""

    def __post_init__(self) -> None:
        if not isinstance(self.steps, tuple):
            object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "estimated_seconds", sum(step.estimate for step in self.steps))

    def starts(self) -> list[float]:
        """Seconds from the start of the workout at which each step is planned to begin."""
        offsets, clock = [], 0.0
        for step in self.steps:
            offsets.append(clock)
            clock += step.estimate
        return offsets

    def __len__(self) -> int:
        return len(self.steps)


_STEP_ENUMS = {
    "kind": StepKind,
    "mode": WorkMode,
    "direction": Direction,
    "side": Side,
    "exercise_kind": ExerciseKind,
    "rest_reason": RestReason,
    "role": BlockRole,
    "interval": IntervalKind,
}


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON data: its fields, each step's fields (enums as their values),
    and `estimated_seconds`; `plan_from_document` reads it back."""
    steps = [{name: _plain(getattr(step, name)) for name in _STEP_FIELDS} for step in plan.steps]
    return {
        "circuit": plan.circuit,
        "challenge": plan.challenge,
        "hands_free": plan.hands_free,
        "steps": steps,
        "estimated_seconds": plan.estimated_seconds,
    }


def plan_from_document(document: dict[str, Any]) -> Plan:
    """The plan `plan_document` wrote. Raises KeyError, TypeError or ValueError when the
    data is not one (a damaged cache)."""
    steps = []
    for data in document["steps"]:
        values = dict(data)
        for name, kind in _STEP_ENUMS.items():
            if values.get(name) is not None:
                values[name] = kind(values[name])
        steps.append(Step(**values))
    plan = Plan(
        circuit=str(document["circuit"]),
        challenge=bool(document["challenge"]),
        hands_free=bool(document["hands_free"]),
        steps=tuple(steps),
    )
    if [step.index for step in plan.steps] != list(range(len(plan.steps))):
        raise ValueError("the steps are not numbered in order")
    return plan


def _plain(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


_STEP_FIELDS = tuple(item.name for item in fields(Step))


def format_duration(seconds: float) -> str:
    """'1:05:09', '22:04' or '0:45': how a runner reads a length of time."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
