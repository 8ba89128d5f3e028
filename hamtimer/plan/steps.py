"""The steps of a plan, with every word a screen or a sound will need for each of them."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, computed_field

from hamtimer.circuit import Direction, ExerciseKind, Side


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
    """One step of the workout, with every word the screen will show for it.

    Unknown fields are refused, so that a misspelt keyword in a builder is an error (for mypy
    and at run time) rather than a field silently left at its default.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    hands_free: bool = False
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
