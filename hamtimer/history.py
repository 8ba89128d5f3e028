"""Workout history and the resume checkpoint: never lose a workout.

What is kept, in the user's data folder (`resolve_data_dir`):

* ``history.jsonl`` — every workout that ended, finished or abandoned: one JSON object
  per line, appended, flushed and ``os.fsync``-ed before `HistoryStore.append` returns.
* ``checkpoint-<circuit sha256>.json`` — the workout in progress for that circuit file,
  replaced atomically at every step change and every pause.

Why JSON Lines and not SQLite: a history line is written once and never changed, so an
append-only text file is all the durability machinery needed, it stays readable and
repairable by hand, and it has no locking or WAL files that a closed lid can leave
half-done. Why this survives a kill at any instant:

* An append is a single ``write`` of one whole line at the end of the file followed by
  ``fsync``. A kill part-way leaves at most a partial *last* line; every earlier line is
  untouched. The reader sets that partial line aside, and the next append starts on a
  fresh line (it checks the last byte), so a torn line can never swallow a good one.
* The checkpoint is never written in place: a temporary file in the same folder is
  written and fsync-ed, then ``os.replace``-d over the old one (atomic on POSIX and
  Windows), then the folder is fsync-ed. A kill leaves either the old checkpoint or the
  new one, never a mix: at most the step in progress is lost.
* The order of writes makes every interruption recoverable: a workout is appended to the
  history *before* its checkpoint is removed, so a kill between the two leaves a
  checkpoint whose id is already in the history; `HistoryStore.load_checkpoint` notices
  and drops it instead of offering to resume a finished workout.

Bad data never stops the app: unreadable lines and checkpoints are *moved* into a
``*.corrupt-<time>.*`` file beside them (never deleted), the readable rest is rewritten
atomically, and a one-time notice says where the bad part went.

Times: the engine's `StepRecord` holds monotonic clock readings, which mean nothing in
another process, so `entry_from_records` and `checkpoint_from_records` keep only
durations, plus wall-clock UTC timestamps for the workout as a whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Self

import platformdirs
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    model_validator,
)

from hamtimer.circuit import Side
from hamtimer.events import StepRecord, StepStatus
from hamtimer.plan import Plan, Step, StepKind, WorkMode, format_duration
from hamtimer.progress import holds_by_side, side_difference, signed_difference

if TYPE_CHECKING:
    from rich.console import Console

try:  # POSIX only; elsewhere two hamtimers writing at once is simply not guarded
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FORMAT = 1
"""Version of the stored records; a newer one is left in place, never set aside."""

HISTORY_FILE = "history.jsonl"
ENV_DATA_DIR = "HAMTIMER_DATA_DIR"
FIX_HINT = f"set {ENV_DATA_DIR} or --data-dir to a writable folder"
TEMP_MAX_AGE = 3600.0  # seconds before a leftover temporary file from a kill is removed

_LOCK_FILE = ".lock"
_TEMP_SUFFIX = ".tmp"
_HASH = re.compile(r"^[0-9a-f]{64}$")
_CHECKPOINT = re.compile(r"^checkpoint-([0-9a-f]{64})\.json$")

COMPLETED = frozenset({StepStatus.DONE, StepStatus.TIMED_OUT})
"""Statuses that count toward completion."""

ENDED = COMPLETED | {StepStatus.SKIPPED}
"""Statuses of a step that is over and will not be repeated on resume."""


class HistoryError(Exception):
    """History or checkpoint storage failed. The message names the folder and the fix."""


def resolve_data_dir(override: Path | None = None) -> Path:
    """Where history lives: `--data-dir`, else `HAMTIMER_DATA_DIR`, else the platform's.

    The override order lets tests and a runner with a read-only home pick a folder
    without touching the real one.
    """
    if override is not None:
        return override.expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("hamtimer"))


def circuit_hash(source: Path | bytes) -> str:
    """The sha256 of a circuit file's bytes: a checkpoint resumes only the same file."""
    data = source.read_bytes() if isinstance(source, Path) else source
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- models


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Hash = Annotated[str, Field(pattern=_HASH.pattern)]


def utc_now() -> datetime:
    """The wall-clock time now, in UTC: what every stored timestamp is."""
    return datetime.now(UTC)


class Outcome(StrEnum):
    """How a stored workout ended."""

    FINISHED = "finished"
    ABANDONED = "abandoned"  # ended early by the runner, or a checkpoint not resumed


class _Record(BaseModel):
    """Base of stored models: frozen, and unknown keys from a newer version ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class StepEntry(_Record):
    """One plan step as it went: durations in seconds, no clock readings."""

    index: int = Field(ge=0)
    summary: str
    kind: StepKind
    exercise: str | None = None
    side: Side | None = None
    set_number: int | None = None
    mode: WorkMode | None = None
    status: StepStatus
    active_seconds: Seconds = 0.0
    paused_seconds: Seconds = 0.0
    held_seconds: Seconds | None = None  # to-fatigue work only

    @property
    def completed(self) -> bool:
        """Done or timed out: it counts toward completion."""
        return self.status in COMPLETED


class Session(_Record):
    """Who a workout is: the identity shared by its checkpoints and its history entry.

    Made once when a workout starts (`Session.begin`) and carried unchanged through
    every checkpoint and a resume, so the finished entry keeps its id and start time.
    """

    format: int = Field(FORMAT, ge=1)
    id: uuid.UUID
    circuit: str
    circuit_hash: Hash
    circuit_ref: str  # the name or path the runner picked it by, e.g. "hamstring"
    challenge: bool
    started_at: UtcDatetime

    @classmethod
    def begin(
        cls, plan: Plan, *, circuit_ref: str, circuit_hash: str, now: datetime | None = None
    ) -> Session:
        """A new workout of `plan`, with a fresh id, starting now."""
        return Session(
            id=uuid.uuid4(),
            circuit=plan.circuit,
            circuit_hash=circuit_hash,
            circuit_ref=circuit_ref,
            challenge=plan.challenge,
            started_at=now or utc_now(),
        )

    def session(self) -> Session:
        """Just the identity (a checkpoint or entry is a session with more fields)."""
        return Session.model_validate(self.model_dump(include=set(Session.model_fields)))


def _check_steps(steps: Sequence[StepEntry]) -> None:
    if [step.index for step in steps] != list(range(len(steps))):
        raise ValueError("steps must be numbered 0, 1, 2, … in order")


class WorkoutEntry(Session):
    """One workout in the history, finished or abandoned, with every plan step."""

    ended_at: UtcDatetime
    outcome: Outcome
    steps: tuple[StepEntry, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_steps(self.steps)
        if self.ended_at < self.started_at:
            raise ValueError("ended_at is before started_at")
        return self

    @property
    def completed(self) -> int:
        """How many steps were done (or timed out)."""
        return sum(step.completed for step in self.steps)

    @property
    def skipped(self) -> int:
        """How many steps the runner skipped."""
        return sum(step.status is StepStatus.SKIPPED for step in self.steps)

    @property
    def active_seconds(self) -> float:
        """Time spent in steps, pauses and any crash gap excluded: the workout's length."""
        return sum(step.active_seconds for step in self.steps)


class Checkpoint(Session):
    """The workout in progress: enough to resume at `current_index` in a new process."""

    current_index: int = Field(ge=0)
    paused: bool = False
    saved_at: UtcDatetime
    steps: tuple[StepEntry, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_steps(self.steps)
        if self.current_index >= len(self.steps):
            raise ValueError("current_index is past the last step")
        return self

    def fits(self, plan: Plan) -> bool:
        """True when `plan` is the plan this checkpoint was taken from (safe to resume)."""
        return (
            plan.challenge == self.challenge
            and len(plan.steps) == len(self.steps)
            and all(s.summary == e.summary for s, e in zip(plan.steps, self.steps, strict=True))
        )


# ------------------------------------------------------------------ conversions


def _round(seconds: float) -> float:
    return round(max(0.0, seconds), 3)


def _step_entry(step: Step, record: StepRecord | None) -> StepEntry:
    held = record.held_seconds if record is not None else None
    return StepEntry(
        index=step.index,
        summary=step.summary,
        kind=step.kind,
        exercise=step.exercise,
        side=step.side,
        set_number=step.set_number,
        mode=step.mode,
        status=record.status if record is not None else StepStatus.NOT_REACHED,
        active_seconds=_round(record.active_seconds) if record else 0.0,
        paused_seconds=_round(record.paused_seconds) if record else 0.0,
        held_seconds=_round(held) if held is not None and step.mode is WorkMode.OPEN else None,
    )


def step_entries(plan: Plan, records: Sequence[StepRecord]) -> tuple[StepEntry, ...]:
    """Every plan step with what the engine recorded for it; unrecorded steps: not reached.

    The one place where engine records (clock readings) become stored durations.
    """
    by_index = {record.index: record for record in records}
    return tuple(_step_entry(step, by_index.get(step.index)) for step in plan.steps)


def entry_from_records(
    plan: Plan,
    records: Sequence[StepRecord],
    session: Session,
    *,
    outcome: Outcome,
    ended_at: datetime | None = None,
) -> WorkoutEntry:
    """The history entry of a workout that ended (`ended_at` defaults to now)."""
    return WorkoutEntry(
        **session.session().model_dump(),
        ended_at=ended_at or utc_now(),
        outcome=outcome,
        steps=step_entries(plan, records),
    )


def checkpoint_from_records(
    plan: Plan,
    records: Sequence[StepRecord],
    session: Session,
    *,
    current_index: int,
    paused: bool = False,
    saved_at: datetime | None = None,
) -> Checkpoint:
    """The checkpoint of a workout in progress at `current_index` (`saved_at`: now)."""
    return Checkpoint(
        **session.session().model_dump(),
        current_index=current_index,
        paused=paused,
        saved_at=saved_at or utc_now(),
        steps=step_entries(plan, records),
    )


def entry_from_checkpoint(checkpoint: Checkpoint) -> WorkoutEntry:
    """An un-resumed checkpoint as an abandoned workout, ended when it was last saved.

    The step that was in progress is marked abandoned; later steps stay not reached.
    """
    steps = list(checkpoint.steps)
    current = steps[checkpoint.current_index]
    if current.status not in ENDED:
        steps[checkpoint.current_index] = current.model_copy(
            update={"status": StepStatus.ABANDONED}
        )
    return WorkoutEntry(
        **checkpoint.session().model_dump(),
        ended_at=max(checkpoint.saved_at, checkpoint.started_at),
        outcome=Outcome.ABANDONED,
        steps=tuple(steps),
    )


def prior_records(checkpoint: Checkpoint) -> list[StepRecord]:
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
        )
        for entry in checkpoint.steps[: checkpoint.current_index]
    ]


# --------------------------------------------------------------- file helpers


def _fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a kill leaves the old file or the new, never a mix."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
    _fsync_dir(path.parent)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")


def _aside_path(path: Path, label: str) -> Path:
    """A free name beside `path`: history.jsonl → history.corrupt-20261124T101500.jsonl."""
    base = f"{path.stem}.{label}-{_stamp()}"
    for attempt in range(1, 1000):
        candidate = path.with_name(base + (f"-{attempt}" if attempt > 1 else "") + path.suffix)
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
    raise FileExistsError(f"no free name beside {path}")


def _quarantine(path: Path, lines: Sequence[bytes]) -> Path:
    """Write `lines` to a new corrupt-file beside `path`, durably; return where."""
    while True:
        target = _aside_path(path, "corrupt")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        break
    try:
        _write_all(fd, b"".join(line + b"\n" for line in lines))
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_dir(path.parent)
    return target


def _move_aside(path: Path, label: str) -> Path:
    """Rename `path` (a file or a folder) out of the way, keeping it; return where."""
    target = _aside_path(path, label)
    path.rename(target)
    _fsync_dir(path.parent)
    return target


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass
class _Parsed:
    """The lines of a history file, sorted into what can be read and what cannot."""

    entries: list[WorkoutEntry] = field(default_factory=list)
    keep: list[bytes] = field(default_factory=list)  # raw lines that stay in the file
    bad: list[bytes] = field(default_factory=list)
    newer: int = 0


class _Version(BaseModel):
    """Just the format number of a stored record; parsed with pydantic's bounded parser."""

    model_config = ConfigDict(extra="ignore")

    format: StrictInt


def _is_newer(data: bytes) -> bool:
    """True for a record a newer hamtimer wrote: to be left alone, not set aside."""
    try:
        return _Version.model_validate_json(data).format > FORMAT
    except ValueError:  # ValidationError included: not JSON, not an object, no format
        return False


def _parse_lines(raw: bytes) -> _Parsed:
    parsed = _Parsed()
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            parsed.entries.append(WorkoutEntry.model_validate_json(line))
            parsed.keep.append(line)
        except (ValidationError, ValueError):
            if _is_newer(line):
                parsed.newer += 1
                parsed.keep.append(line)
            else:
                parsed.bad.append(line)
    return parsed


def _newest_per_id(entries: Iterable[WorkoutEntry]) -> list[WorkoutEntry]:
    """One entry per workout id, oldest workout first.

    The same id can appear twice only after a kill between appending and clearing a
    checkpoint; a finished entry then wins over an abandoned one, else the later line.
    """
    chosen: dict[uuid.UUID, WorkoutEntry] = {}
    for entry in entries:
        previous = chosen.get(entry.id)
        if previous is None or not (
            previous.outcome is Outcome.FINISHED and entry.outcome is Outcome.ABANDONED
        ):
            chosen[entry.id] = entry
    return sorted(chosen.values(), key=lambda entry: entry.started_at)


# ---------------------------------------------------------------------- store


@dataclass(frozen=True)
class LoadResult:
    """Everything readable in the history, and what the user must be told once."""

    entries: list[WorkoutEntry]
    notices: list[str]


class HistoryStore:
    """The history file and the resume checkpoints in one data folder.

    Reading never raises: problems become notices (see `take_notices` and
    `LoadResult.notices`). Writing raises `HistoryError` with a message for the user;
    the app shows it and keeps the workout running. The folder is created on first write.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._notices: list[str] = []
        self._notices_lock = threading.Lock()
        self._checkpoint_ids: dict[str, uuid.UUID] = {}

    @property
    def history_path(self) -> Path:
        """The append-only history file."""
        return self.data_dir / HISTORY_FILE

    def checkpoint_path(self, circuit_hash: str) -> Path:
        """The checkpoint file of the circuit file with this sha256."""
        if not _HASH.match(circuit_hash):
            raise ValueError(f"not a sha256 hex digest: {circuit_hash!r}")
        return self.data_dir / f"checkpoint-{circuit_hash}.json"

    def take_notices(self) -> list[str]:
        """Messages about data set aside since the last call (each is given once)."""
        with self._notices_lock:
            notices, self._notices = self._notices, []
        return notices

    def _tell(self, *notices: str) -> None:
        """Queue notices for `take_notices`; safe from the app's writer thread."""
        with self._notices_lock:
            self._notices.extend(notices)

    # ------------------------------------------------------------ writing

    @contextlib.contextmanager
    def _writing(self, action: str) -> Iterator[None]:
        """Turn any filesystem failure into a `HistoryError` that says what to do."""
        try:
            yield
        except OSError as error:
            where = self.data_dir
            if isinstance(error, FileExistsError | NotADirectoryError):
                reason = "a file is in the way of that folder"
            else:
                reason = _reason(error)
            raise HistoryError(f"cannot {action} in {where}: {reason} — {FIX_HINT}") from error

    @contextlib.contextmanager
    def _lock(self, *, required: bool = True) -> Iterator[None]:
        """Keep two hamtimers from appending and repairing the history at the same time.

        Not `required` for reading: a read-only folder is read unlocked (and not repaired).
        """
        if fcntl is None:  # pragma: no cover
            yield
            return
        try:
            fd = os.open(self.data_dir / _LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            if required:
                raise
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock; so does the process dying

    def _ensure_dir(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)

    def check_writable(self) -> None:
        """Raise `HistoryError` now, at start-up, if history could not be saved later."""
        with self._writing("save history"):
            self._ensure_dir()
            atomic_write(self.data_dir / ".write-test", b"ok\n")
            (self.data_dir / ".write-test").unlink()

    def _set_aside_folder(self, path: Path) -> None:
        """A folder where a data file belongs: move it aside (kept) and say so."""
        if path.is_dir() and not path.is_symlink():
            target = _move_aside(path, "not-a-file")
            self._tell(
                f"{path.name}: was a folder, not a file; moved it with its contents to {target}"
            )

    def append(self, entry: WorkoutEntry) -> None:
        """Add one workout to the history, durably (fsync-ed) before returning.

        One ``write`` of one line at the end: a kill leaves at most a partial last line.
        If an earlier kill left one, a newline goes first so the new line stays whole.
        """
        line = entry.model_dump_json(exclude_none=True).encode() + b"\n"
        with self._writing("save the workout"):
            self._ensure_dir()
            with self._lock():
                self._set_aside_folder(self.history_path)
                self._append_line(line)

    def _append_line(self, line: bytes) -> None:
        created = not self.history_path.exists()
        fd = os.open(self.history_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            size = os.fstat(fd).st_size
            if size:
                os.lseek(fd, size - 1, os.SEEK_SET)
                if os.read(fd, 1) != b"\n":
                    line = b"\n" + line
            _write_all(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _fsync_dir(self.data_dir)

    def record(self, entry: WorkoutEntry) -> None:
        """Store an ended workout, then drop its checkpoint (in that order: see module doc)."""
        self.append(entry)
        self.clear_checkpoint(entry.circuit_hash, workout_id=entry.id)

    def save_checkpoint(self, checkpoint: Checkpoint) -> None:
        """Atomically replace the circuit's checkpoint with this one.

        If it would replace a different workout's checkpoint that nobody abandoned, that
        workout is first stored as abandoned: starting fresh never loses the old one.
        """
        key = checkpoint.circuit_hash
        if self._checkpoint_ids.get(key) != checkpoint.id:
            existing = self.load_checkpoint(key)
            if existing is not None and existing.id != checkpoint.id:
                self.append(entry_from_checkpoint(existing))
        with self._writing("save the checkpoint"):
            self._ensure_dir()
            atomic_write(
                self.checkpoint_path(key), checkpoint.model_dump_json(exclude_none=True).encode()
            )
        self._checkpoint_ids[key] = checkpoint.id

    def clear_checkpoint(self, circuit_hash: str, *, workout_id: uuid.UUID | None = None) -> None:
        """Remove the circuit's checkpoint (only if it is `workout_id`'s, when given)."""
        path = self.checkpoint_path(circuit_hash)
        if workout_id is not None and self._read_checkpoint_id(path) != workout_id:
            return
        if not path.exists() and not path.is_symlink():
            return
        with self._writing("remove the checkpoint"):
            path.unlink(missing_ok=True)
            _fsync_dir(self.data_dir)
        self._checkpoint_ids.pop(circuit_hash, None)

    def abandon_checkpoint(self, circuit_hash: str) -> WorkoutEntry | None:
        """The runner chose to start fresh: store the old workout as abandoned, drop it."""
        checkpoint = self.load_checkpoint(circuit_hash)
        if checkpoint is None:
            return None
        entry = entry_from_checkpoint(checkpoint)
        self.record(entry)
        return entry

    def abandon_other_versions(self, circuit_ref: str, circuit_hash: str) -> list[WorkoutEntry]:
        """Store as abandoned the checkpoints of `circuit_ref` taken from another version.

        A circuit file edited after a crash has a new hash, so its old checkpoint is never
        offered (its steps may no longer match); without this it would sit unseen for ever
        instead of reaching the history.
        """
        stored = []
        for checkpoint in self.checkpoints():
            if checkpoint.circuit_ref == circuit_ref and checkpoint.circuit_hash != circuit_hash:
                entry = self.abandon_checkpoint(checkpoint.circuit_hash)
                if entry is not None:
                    stored.append(entry)
        return stored

    # ------------------------------------------------------------ reading

    def load(self) -> LoadResult:
        """Every readable workout, oldest first. Never raises.

        Unreadable lines are moved to a corrupt-file beside the history (never deleted)
        and the good lines rewritten atomically, so each problem is reported once.
        """
        notices: list[str] = []
        with self._lock(required=False):
            entries = self._load_history(notices)
            self._remove_stale_temps()
        return LoadResult(_newest_per_id(entries), self.take_notices() + notices)

    def _load_history(self, notices: list[str]) -> list[WorkoutEntry]:
        path = self.history_path
        try:
            self._set_aside_folder(path)
            raw = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            notices.append(f"{path}: cannot be read ({_reason(error)}); no history shown")
            return []
        parsed = _parse_lines(raw)
        if parsed.newer:
            notices.append(
                f"{path.name}: {_plural(parsed.newer, 'workout')} saved by a newer hamtimer "
                "left as they are and not shown"
            )
        if parsed.bad:
            notices.append(self._repair(path, parsed))
        return parsed.entries

    def _repair(self, path: Path, parsed: _Parsed) -> str:
        """Move bad lines aside, then rewrite the good ones; the quarantine comes first."""
        count = _plural(len(parsed.bad), "unreadable line")
        try:
            target = _quarantine(path, parsed.bad)
        except OSError as error:
            return f"{path}: {count} left in place (cannot set aside: {_reason(error)})"
        try:
            atomic_write(path, b"".join(line + b"\n" for line in parsed.keep))
        except OSError as error:
            return f"{path.name}: {count} copied to {target} but not removed ({_reason(error)})"
        return f"{path.name}: {count} kept in {target}"

    def _remove_stale_temps(self) -> None:
        """Temporary files a kill left behind; their data exists whole elsewhere."""
        cutoff = time.time() - TEMP_MAX_AGE
        with contextlib.suppress(OSError):
            for temp in self.data_dir.glob(f".*{_TEMP_SUFFIX}"):
                with contextlib.suppress(OSError):
                    if temp.is_file() and temp.stat().st_mtime < cutoff:
                        temp.unlink()

    def _history_ids(self) -> set[uuid.UUID]:
        notices: list[str] = []
        with self._lock(required=False):
            entries = self._load_history(notices)
        self._tell(*notices)
        return {entry.id for entry in entries}

    def _read_checkpoint_id(self, path: Path) -> uuid.UUID | None:
        try:
            return Checkpoint.model_validate_json(path.read_bytes()).id
        except (OSError, ValueError):
            return None

    def load_checkpoint(self, circuit_hash: str) -> Checkpoint | None:
        """The workout in progress for this circuit file, if there is one to resume.

        Never raises: a corrupt checkpoint is moved aside with a notice (`take_notices`);
        one whose workout is already in the history (a kill after the append) is dropped.
        """
        path = self.checkpoint_path(circuit_hash)
        checkpoint = self._read_checkpoint(path)
        if checkpoint is None:
            return None
        if checkpoint.circuit_hash != circuit_hash:
            self._set_aside(path, "belongs to another circuit file")
            return None
        if checkpoint.id in self._history_ids():
            with contextlib.suppress(HistoryError):
                self.clear_checkpoint(circuit_hash)
            return None
        self._checkpoint_ids[circuit_hash] = checkpoint.id
        return checkpoint

    def _read_checkpoint(self, path: Path) -> Checkpoint | None:
        try:
            self._set_aside_folder(path)
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            self._tell(f"{path}: cannot be read ({_reason(error)}); cannot resume")
            return None
        try:
            return Checkpoint.model_validate_json(raw)
        except (ValidationError, ValueError):
            if _is_newer(raw):
                self._tell(f"{path.name}: saved by a newer hamtimer; left as it is")
            else:
                self._set_aside(path, "unreadable")
            return None

    def _set_aside(self, path: Path, why: str) -> None:
        try:
            target = _move_aside(path, "corrupt")
        except OSError as error:
            self._tell(f"{path}: {why}; cannot set it aside ({_reason(error)})")
            return
        self._tell(f"{path.name}: {why}; kept in {target}")

    def checkpoints(self) -> list[Checkpoint]:
        """Every valid checkpoint, of any circuit: workouts that were never ended."""
        found = []
        with contextlib.suppress(OSError):
            for path in sorted(self.data_dir.iterdir()):
                match = _CHECKPOINT.match(path.name)
                if match and (checkpoint := self.load_checkpoint(match.group(1))):
                    found.append(checkpoint)
        return found


# -------------------------------------------------------------------- rendering


def filter_entries(entries: Iterable[WorkoutEntry], circuit: str | None) -> list[WorkoutEntry]:
    """Workouts of `circuit`: the name or file it was picked by, or part of its title.

    Case-insensitive, so `--circuit hamstring`, `--circuit mine.toml` and
    `--circuit "for runners"` all find what the runner means.
    """
    if not circuit:
        return list(entries)
    wanted = circuit.casefold()
    return [entry for entry in entries if _matches(entry, wanted)]


def _matches(entry: WorkoutEntry, wanted: str) -> bool:
    ref = entry.circuit_ref.casefold()
    return (
        wanted in entry.circuit.casefold() or wanted == ref or Path(wanted).stem == Path(ref).stem
    )


def completion_text(entry: WorkoutEntry) -> str:
    """'48/48', '46/48 · 2 skipped' or 'abandoned 20/48'."""
    text = f"{entry.completed}/{len(entry.steps)}"
    if entry.skipped:
        text += f" · {entry.skipped} skipped"
    return f"abandoned {text}" if entry.outcome is Outcome.ABANDONED else text


def holds_text(entry: WorkoutEntry) -> str:
    """'R 0:52 · L 0:47 (−10%)' per to-fatigue exercise, with ⚠ above a 15% difference."""
    lines = []
    holds = holds_by_side(entry)
    for hold in holds:
        parts = [
            f"{label} {format_duration(seconds)}"
            for label, seconds in (("R", hold.right), ("L", hold.left), ("", hold.both))
            if seconds is not None
        ]
        text = " · ".join(part.strip() for part in parts)
        if hold.right is not None and hold.left is not None:
            percent = round(signed_difference(hold.right, hold.left) * 100)
            text += f" ({percent:+d}%)".replace("-", "−")
            if hold.uneven:
                text += " ⚠"
        if len(holds) > 1:
            text = f"{hold.exercise}: {text}"
        lines.append(text)
    return "\n".join(lines)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def history_json(entries: Iterable[WorkoutEntry]) -> list[dict[str, Any]]:
    """The entries as stored, each with its hold summary: for `hamtimer history --json`."""
    document = []
    for entry in entries:
        item = entry.model_dump(mode="json")
        item["holds"] = [
            {
                "exercise": hold.exercise,
                "right": hold.right,
                "left": hold.left,
                "both": hold.both,
                "difference": hold.difference,
                "uneven": hold.uneven,
            }
            for hold in holds_by_side(entry)
        ]
        document.append(item)
    return document


def render_history(
    console: Console,
    entries: Sequence[WorkoutEntry],
    *,
    circuit: str | None = None,
    as_json: bool = False,
) -> None:
    """Print past workouts: a Rich table, or JSON for scripts (`as_json`)."""
    from rich.table import Table  # Rich loads only when history is shown
    from rich.text import Text

    chosen = filter_entries(entries, circuit)
    if as_json:
        console.out(json.dumps(history_json(chosen), indent=2, ensure_ascii=False), highlight=False)
        return
    if not chosen:
        which = f" of '{circuit}'" if circuit else ""
        console.print(f"No workouts{which} yet.", markup=False, highlight=False)
        return
    table = Table(title="Workouts")
    for column in ("date", "circuit", "duration", "completion", "holds (right · left)"):
        table.add_column(column, justify="right" if column == "duration" else "left")
    for entry in chosen:
        name = entry.circuit + (" (challenge)" if entry.challenge else "")
        style = "yellow" if entry.outcome is Outcome.ABANDONED else None
        cells = (
            _local(entry.started_at),
            name,
            format_duration(entry.active_seconds),
            completion_text(entry),
            holds_text(entry),
        )
        table.add_row(*(Text(cell) for cell in cells), style=style)  # names are not markup
    table.caption = "Holds: best to-fatigue hold per side; ⚠ marks sides more than 15% apart."
    console.print(table)


__all__ = [
    "COMPLETED",
    "ENDED",
    "FORMAT",
    "Checkpoint",
    "HistoryError",
    "HistoryStore",
    "LoadResult",
    "Outcome",
    "Session",
    "StepEntry",
    "WorkoutEntry",
    "atomic_write",
    "checkpoint_from_records",
    "circuit_hash",
    "entry_from_checkpoint",
    "entry_from_records",
    "filter_entries",
    "prior_records",
    "render_history",
    "resolve_data_dir",
    "side_difference",
    "step_entries",
]
