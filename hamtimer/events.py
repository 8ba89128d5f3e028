"""What the workout engine tells its listeners, and the record it keeps as it goes.

Shared vocabulary between the engine (`hamtimer.workout`) and its listeners (the screen,
the sound cues, the history log), none of which import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    """Everything the engine announces."""

    STEP_STARTED = "step_started"
    STEP_ENDED = "step_ended"
    COUNTDOWN = "countdown"  # 3, 2, 1 before a rest or timed step ends; `count` holds the number
    GO = "go"  # work starts
    SWITCH_SIDES = "switch_sides"  # a switch-sides step starts
    REP = "rep"  # a paced rep is due; `count` is the rep's number (1-based)
    TEMPO = "tempo"  # a phase of a paced rep starts; `count`: 1 down, 2 hold, 3 up, 4 hold
    TIME_LEFT = "time_left"  # a heads-up: `count` seconds of a long rest or timed step remain
    TARGET = "target"  # an open hold reached the time it was given (`count`: whole seconds)
    ROUND = "round"  # an AMRAP round was counted; `count` is the rounds done so far
    ROUND_TAKEN_BACK = "round_taken_back"  # a round counted by mistake; `count` as ROUND's
    PAUSED = "paused"
    RESUMED = "resumed"
    FINISHED = "finished"  # the last step ended
    ABANDONED = "abandoned"  # finished early by the runner


class StepStatus(StrEnum):
    """How a step ended, or that it has not."""

    DONE = "done"  # the runner pressed done, or paced reps were all counted
    TIMED_OUT = "timed_out"  # its time ran out (rests, timed work)
    SKIPPED = "skipped"
    MISSED = "missed"  # an EMOM interval's boundary came before its work was done
    ABANDONED = "abandoned"  # in progress when the workout was abandoned
    NOT_REACHED = "not_reached"


@dataclass(frozen=True, slots=True)
class Event:
    """One announcement. `due` is the clock reading it belongs to (not when it was sent)."""

    kind: EventKind
    due: float
    step_index: int
    count: int | None = None
    status: StepStatus | None = None


@dataclass(slots=True)
class StepRecord:
    """What happened in one visit to a step. Times are clock readings and seconds."""

    index: int
    status: StepStatus
    started: float
    ended: float | None = None
    active_seconds: float = 0.0
    paused_seconds: float = 0.0
    held_seconds: float | None = None  # to-fatigue work: how long the runner held
    reps_counted: int | None = None
    rounds: int | None = None  # an AMRAP: the rounds counted
