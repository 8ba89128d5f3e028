"""What the history keeps of a workout: plain, immutable records with no clock readings.

A `WorkoutRecord` is one workout, in progress (resumable), finished or abandoned, with a
`StepEntry` for every step of its plan: what the plan said of the step (its summary, kind,
exercise, side, set and planned seconds) and how it went (status and durations). The
engine's `StepRecord` holds monotonic clock readings, which mean nothing in another process;
`step_entries` is the one place where they become stored durations.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from hamtimer.circuit import BlockRole, Side
from hamtimer.events import StepRecord, StepStatus
from hamtimer.plan import IntervalKind, Plan, Step, StepKind, WorkMode

COMPLETED = frozenset({StepStatus.DONE, StepStatus.TIMED_OUT})
"""Statuses that count toward completion."""

ENDED = COMPLETED | {StepStatus.SKIPPED, StepStatus.MISSED}
"""Statuses of a step that is over and will not be repeated on resume."""


def circuit_matches(wanted: str, circuit: str, circuit_ref: str) -> bool:
    """True when `wanted` names this circuit: the name or file it was picked by, or part
    of its title. Case-insensitive, so `hamstring`, `mine.toml` and `for runners` all find
    what the runner means."""
    wanted, ref = wanted.casefold(), circuit_ref.casefold()
    return wanted in circuit.casefold() or wanted == ref or Path(wanted).stem == Path(ref).stem


class HistoryError(Exception):
    """History storage failed. The message names the folder and the fix."""


class Outcome(StrEnum):
    """Where a stored workout stands."""

    IN_PROGRESS = "in_progress"  # running, or interrupted and resumable
    FINISHED = "finished"
    ABANDONED = "abandoned"  # ended early by the runner, or an interruption not resumed


def utc_now() -> datetime:
    """The wall-clock time now, in UTC: what every stored timestamp is."""
    return datetime.now(UTC)


def _round(seconds: float) -> float:
    return round(max(0.0, seconds), 3)


@dataclass(frozen=True, slots=True)
class StepEntry:
    """One plan step as it went. Durations in seconds, rounded to the millisecond."""

    index: int
    summary: str
    kind: StepKind
    mode: WorkMode | None = None
    exercise: str | None = None
    side: Side | None = None
    set_number: int | None = None
    planned: float | None = None  # the step's length; None for reps and holds the runner ends
    status: StepStatus = StepStatus.NOT_REACHED
    active_seconds: float = 0.0
    paused_seconds: float = 0.0
    held_seconds: float | None = None  # to-fatigue work ended with done only
    role: BlockRole = BlockRole.MAIN  # warm-up and cool-down are not the workout's sets
    low: float | None = None  # a prescribed range ("6-8" reps, "20-30" s): its bottom…
    high: float | None = None  # …and its top (reps or seconds, as `mode` says)
    reps_counted: int | None = None  # paced reps: how many were counted before it ended
    interval: IntervalKind | None = None  # an EMOM, AMRAP or intervals block's step
    interval_number: int | None = None  # EMOM and intervals: its interval in the block
    rounds: int | None = None  # an AMRAP: the rounds counted

    @property
    def completed(self) -> bool:
        """Done or timed out: it counts toward completion."""
        return self.status in COMPLETED

    @property
    def reached(self) -> bool:
        """The runner got to this step (it has a result worth storing)."""
        return self.status is not StepStatus.NOT_REACHED


def plan_entries(plan: Plan) -> tuple[StepEntry, ...]:
    """Every step of `plan`, not reached yet: what the history knows of a plan."""
    return tuple(
        StepEntry(
            index=step.index,
            summary=step.summary,
            kind=step.kind,
            mode=step.mode,
            exercise=step.exercise,
            side=step.side,
            set_number=step.set_number,
            planned=step.seconds,
            role=step.role,
            low=_range_of(step)[0],
            high=_range_of(step)[1],
            interval=step.interval,
            interval_number=step.interval_number,
        )
        for step in plan.steps
    )


def _range_of(step: Step) -> tuple[float | None, float | None]:
    """A step's prescribed range, as `StepEntry.low` and `high` (None without one)."""
    if step.reps_low is not None:
        return step.reps_low, step.reps
    if step.seconds_low is not None:
        return step.seconds_low, step.seconds
    return None, None


def step_entries(plan: Plan, records: Sequence[StepRecord]) -> tuple[StepEntry, ...]:
    """Every plan step with what the engine recorded for it; unrecorded steps: not reached."""
    by_index = {record.index: record for record in records}
    return tuple(_with_record(entry, by_index.get(entry.index)) for entry in plan_entries(plan))


def _with_record(entry: StepEntry, record: StepRecord | None) -> StepEntry:
    if record is None or record.status is StepStatus.NOT_REACHED:
        return entry  # a step never entered has nothing to say
    held = record.held_seconds
    return replace(
        entry,
        status=record.status,
        active_seconds=_round(record.active_seconds),
        paused_seconds=_round(record.paused_seconds),
        held_seconds=_round(held) if held is not None and entry.mode is WorkMode.OPEN else None,
        reps_counted=record.reps_counted,
        rounds=record.rounds if entry.mode is WorkMode.AMRAP else None,
    )


@dataclass(frozen=True, slots=True)
class WorkoutRecord:
    """One workout: who it is (id, circuit, start), where it stands, and every step.

    `circuit_ref` is the name or path the runner picked the circuit by ("hamstring");
    `circuit_hash` the sha256 of the file, so a workout resumes only on the same file.
    `speed` is the clock's speed: anything but 1 is a rehearsal. `current_index` and
    `paused` say where a workout in progress stands; `saved_at` is its last save.
    """

    id: uuid.UUID
    circuit: str
    circuit_ref: str
    circuit_hash: str
    challenge: bool
    speed: float
    started_at: datetime
    saved_at: datetime
    steps: tuple[StepEntry, ...]
    outcome: Outcome = Outcome.IN_PROGRESS
    ended_at: datetime | None = None
    current_index: int = 0
    paused: bool = False

    def __post_init__(self) -> None:
        if [step.index for step in self.steps] != list(range(len(self.steps))):
            raise ValueError("steps must be numbered 0, 1, 2, … in order")
        if self.steps and not 0 <= self.current_index < len(self.steps):
            raise ValueError("current_index is past the last step")
        for moment in (self.started_at, self.saved_at, self.ended_at):
            if moment is not None and moment.utcoffset() != UTC.utcoffset(None):
                raise ValueError("times must be in UTC")

    @classmethod
    def begin(
        cls,
        plan: Plan,
        *,
        circuit_ref: str,
        circuit_hash: str,
        speed: float = 1.0,
        now: datetime | None = None,
    ) -> WorkoutRecord:
        """A new workout of `plan`, with a fresh id, starting now."""
        moment = (now or utc_now()).astimezone(UTC)
        return cls(
            id=uuid.uuid4(),
            circuit=plan.circuit,
            circuit_ref=circuit_ref,
            circuit_hash=circuit_hash,
            challenge=plan.challenge,
            speed=speed,
            started_at=moment,
            saved_at=moment,
            steps=plan_entries(plan),
        )

    def progressed(
        self,
        plan: Plan,
        records: Sequence[StepRecord],
        *,
        current_index: int,
        paused: bool = False,
        now: datetime | None = None,
    ) -> WorkoutRecord:
        """This workout in progress at `current_index`, with the engine's records."""
        return replace(
            self,
            steps=step_entries(plan, records),
            current_index=current_index,
            paused=paused,
            saved_at=now or utc_now(),
        )

    def ended(
        self,
        plan: Plan,
        records: Sequence[StepRecord],
        outcome: Outcome,
        *,
        now: datetime | None = None,
    ) -> WorkoutRecord:
        """This workout as it ended, finished or abandoned."""
        moment = now or utc_now()
        return replace(
            self,
            steps=step_entries(plan, records),
            outcome=outcome,
            ended_at=max(moment, self.started_at),
            saved_at=moment,
            paused=False,
        )

    def abandoned(self) -> WorkoutRecord:
        """An interrupted workout not resumed: abandoned, ended when it was last saved.

        The step that was in progress is marked abandoned; later steps stay not reached.
        """
        steps = list(self.steps)
        current = steps[self.current_index]
        if current.status not in ENDED:
            steps[self.current_index] = replace(current, status=StepStatus.ABANDONED)
        return replace(
            self,
            steps=tuple(steps),
            outcome=Outcome.ABANDONED,
            ended_at=max(self.saved_at, self.started_at),
            paused=False,
        )

    @property
    def rehearsal(self) -> bool:
        """Run on a faster (or slower) clock: shown, but not counted in hold trends."""
        return self.speed != 1

    @property
    def completed(self) -> int:
        """How many steps were done (or timed out)."""
        return sum(step.completed for step in self.steps)

    def sets_done(self) -> list[bool]:
        """The workout's own sets in order (warm-up and cool-down left out, and AMRAPs,
        which count rounds), each True when every work step of it (each side, each prompt)
        was done or timed out: an EMOM interval's set missed at its boundary is not."""
        found: list[bool] = []
        last: tuple[object, ...] | None = None
        for step in self.steps:
            if step.kind is not StepKind.WORK or step.mode is WorkMode.AMRAP:
                continue
            key = (step.role, step.exercise, step.set_number)
            if step.role is BlockRole.MAIN:
                if key == last:
                    found[-1] = found[-1] and step.completed
                else:
                    found.append(step.completed)
            last = key
        return found

    @property
    def has_warm_up_or_cool_down(self) -> bool:
        """True when the workout had steps that are not its own sets."""
        return any(step.role is not BlockRole.MAIN for step in self.steps)

    @property
    def skipped(self) -> int:
        """How many steps the runner skipped."""
        return sum(step.status is StepStatus.SKIPPED for step in self.steps)

    @property
    def active_seconds(self) -> float:
        """Time spent in steps, pauses and any crash gap excluded: the workout's length."""
        return sum(step.active_seconds for step in self.steps)

    def fits(self, plan: Plan) -> bool:
        """True when `plan` is the plan this workout was running (safe to resume)."""
        return (
            plan.challenge == self.challenge
            and len(plan.steps) == len(self.steps)
            and all(s.summary == e.summary for s, e in zip(plan.steps, self.steps, strict=True))
        )

    def prior_records(self) -> list[StepRecord]:
        """Engine records of the steps before `current_index`, for `Workout(prior=...)`.

        Their clock readings are zero: the readings of the crashed process mean nothing
        now, and only the durations are carried over.
        """
        return [
            StepRecord(
                index=entry.index,
                status=entry.status,
                started=0.0,
                ended=0.0 if entry.status is not StepStatus.NOT_REACHED else None,
                active_seconds=entry.active_seconds,
                paused_seconds=entry.paused_seconds,
                held_seconds=entry.held_seconds,
                reps_counted=entry.reps_counted,
                rounds=entry.rounds,
            )
            for entry in self.steps[: self.current_index]
        ]
