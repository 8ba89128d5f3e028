"""A workout as one JSON document: how hamtimer 0.1.0 kept its history, and how a workout
that could not be saved to the database is kept aside meanwhile (`hamtimer.history.kept`).

One format for both: 0.1.0 wrote it (a history line has an `outcome` and no
`current_index`, a checkpoint the other way round); this version writes every field,
adding `speed`, each step's `planned` seconds, its role (warm-up, cool-down), its prescribed
range and the paced reps counted, its interval (EMOM, AMRAP, intervals: kind and number) and
an AMRAP's rounds, and, for a workout kept aside, its `owner` and the data folder it belongs
to. Reading validates everything and never trusts a value it cannot check.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt

from hamtimer.circuit import BlockRole, Side
from hamtimer.events import StepStatus
from hamtimer.history.records import Outcome, StepEntry, WorkoutRecord
from hamtimer.plan import IntervalKind, StepKind, WorkMode

FORMAT = 1
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class _Step(_Record):
    index: int = Field(ge=0)
    summary: str
    kind: StepKind
    exercise: str | None = None
    side: Side | None = None
    set_number: int | None = None
    mode: WorkMode | None = None
    planned: Seconds | None = None
    status: StepStatus
    active_seconds: Seconds = 0.0
    paused_seconds: Seconds = 0.0
    held_seconds: Seconds | None = None
    role: BlockRole = BlockRole.MAIN
    low: Seconds | None = None
    high: Seconds | None = None
    reps_counted: int | None = Field(None, ge=0)
    interval: IntervalKind | None = None
    interval_number: int | None = Field(None, ge=1)
    rounds: int | None = Field(None, ge=0)


class _Workout(_Record):
    """A workout: a 0.1.0 history line or checkpoint, or a workout kept aside."""

    format: StrictInt = Field(ge=1, le=FORMAT)
    id: uuid.UUID
    circuit: str
    circuit_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    circuit_ref: str
    challenge: bool
    speed: float = Field(1.0, gt=0, allow_inf_nan=False)
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    saved_at: AwareDatetime | None = None
    outcome: Outcome | None = None
    current_index: int | None = Field(None, ge=0)
    paused: bool = False
    steps: tuple[_Step, ...]
    owner: str | None = None
    data_dir: str | None = None


class _Version(BaseModel):
    model_config = ConfigDict(extra="ignore")
    format: StrictInt


@dataclass(frozen=True)
class Parsed:
    """A workout read from JSON, with who owned it and where it belongs (kept-aside files)."""

    record: WorkoutRecord
    owner: str | None = None
    data_dir: str | None = None


def is_newer(data: bytes) -> bool:
    """True when `data` is a workout from a newer hamtimer (a format this one cannot read)."""
    try:
        return _Version.model_validate_json(data).format > FORMAT
    except ValueError:
        return False


def parse(data: bytes) -> Parsed:
    """The workout in `data`; raises ValueError (pydantic's included) when it is not one."""
    old = _Workout.model_validate_json(data)
    return Parsed(_record(old), old.owner, old.data_dir)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _record(old: _Workout) -> WorkoutRecord:
    """The document as a record; raises ValueError when it does not hold together."""
    steps = tuple(
        StepEntry(
            index=step.index,
            summary=step.summary,
            kind=step.kind,
            mode=step.mode,
            exercise=step.exercise,
            side=step.side,
            set_number=step.set_number,
            planned=step.planned,
            status=step.status,
            active_seconds=step.active_seconds,
            paused_seconds=step.paused_seconds,
            held_seconds=step.held_seconds,
            role=step.role,
            low=step.low,
            high=step.high,
            reps_counted=step.reps_counted,
            interval=step.interval,
            interval_number=step.interval_number,
            rounds=step.rounds,
        )
        for step in old.steps
    )
    started = _utc(old.started_at)
    if old.outcome in (None, Outcome.IN_PROGRESS):  # a checkpoint: a workout in progress
        if old.current_index is None:
            raise ValueError("a workout in progress without the step it was on")
        saved = _utc(old.saved_at or old.started_at)
        return WorkoutRecord(
            id=old.id, circuit=old.circuit, circuit_ref=old.circuit_ref,
            circuit_hash=old.circuit_hash, challenge=old.challenge, speed=old.speed,
            started_at=started, saved_at=saved, steps=steps,
            current_index=old.current_index, paused=old.paused,
        )  # fmt: skip
    if old.ended_at is None:
        raise ValueError("a history line without its ending")
    ended = _utc(old.ended_at)
    return WorkoutRecord(
        id=old.id, circuit=old.circuit, circuit_ref=old.circuit_ref,
        circuit_hash=old.circuit_hash, challenge=old.challenge, speed=old.speed,
        started_at=started, saved_at=_utc(old.saved_at or old.ended_at), ended_at=ended,
        outcome=old.outcome, current_index=old.current_index or 0, steps=steps,
    )  # fmt: skip


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def dumps(record: WorkoutRecord, *, owner: str | None = None, data_dir: str | None = None) -> str:
    """`record` as one JSON document that `parse` reads back exactly."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "id": str(record.id),
        "circuit": record.circuit,
        "circuit_hash": record.circuit_hash,
        "circuit_ref": record.circuit_ref,
        "challenge": record.challenge,
        "speed": record.speed,
        "started_at": _time(record.started_at),
        "ended_at": _time(record.ended_at),
        "saved_at": _time(record.saved_at),
        "outcome": str(record.outcome),
        "current_index": record.current_index,
        "paused": record.paused,
        "owner": owner,
        "data_dir": data_dir,
        "steps": [
            {
                "index": step.index,
                "summary": step.summary,
                "kind": str(step.kind),
                "exercise": step.exercise,
                "side": None if step.side is None else str(step.side),
                "set_number": step.set_number,
                "mode": None if step.mode is None else str(step.mode),
                "planned": step.planned,
                "status": str(step.status),
                "active_seconds": step.active_seconds,
                "paused_seconds": step.paused_seconds,
                "held_seconds": step.held_seconds,
                "role": str(step.role),
                "low": step.low,
                "high": step.high,
                "reps_counted": step.reps_counted,
                "interval": None if step.interval is None else str(step.interval),
                "interval_number": step.interval_number,
                "rounds": step.rounds,
            }
            for step in record.steps
        ],
    }
    return json.dumps(document, ensure_ascii=False)
