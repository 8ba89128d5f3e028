"""Following a programme: the history's rows and the programme file together.

`place` reads what the history keeps (the programme followed, its start and level, the
workouts run as its sessions) and the programme file, and works out where the runner
stands today (`hamtimer.programme.schedule`): the sessions done, the next one and the
suggested dates. `Place.session_circuit` is the next session as the timer runs it: its
circuit with the session's changes and what the progressions add, compiled, filed under a
hash of both, so that a workout of it resumes only as the same session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hamtimer.circuit import CircuitFile
from hamtimer.clock import Calendar
from hamtimer.digest import sha256_hex
from hamtimer.history import HistoryStore, HoldTarget
from hamtimer.history.following import Following, SessionLink, SessionRun
from hamtimer.history.holds import TargetKey
from hamtimer.plan import StepKind, WorkMode
from hamtimer.plan.compiled import CompiledCircuit, compile_circuit
from hamtimer.programme import ProgrammeError, find_programme
from hamtimer.programme.apply import Applied, apply
from hamtimer.programme.load import CheckedProgramme, read_programme
from hamtimer.programme.schedule import (
    Session,
    Standing,
    growth_for,
    level_of,
    reached_targets,
    sessions,
    standing,
)
from hamtimer.programme.words import Prescribed, prescribed


@dataclass(frozen=True)
class SessionCircuit:
    """A programme session as the timer runs it."""

    circuit_file: CircuitFile
    """Named `<programme>/<circuit>`, its sha256 the hash of the circuit and the changes."""
    compiled: CompiledCircuit
    link: SessionLink
    holds: Mapping[str, float]
    """Exercise name → the session's hold target."""
    place: str
    """'Nordic hamstring protocol · Week 3 · session 2 of 3'."""


@dataclass(frozen=True)
class Place:
    """Where the runner stands in the programme followed, on one day."""

    following: Following
    checked: CheckedProgramme
    planned: tuple[Session, ...]
    standing: Standing
    runs: tuple[SessionRun, ...]
    held: Mapping[int, Mapping[str, list[float]]] = field(default_factory=dict)
    """Per session done, each exercise's holds ended with done (for `when = "reached"`)."""
    history_targets: Mapping[TargetKey, HoldTarget] = field(default_factory=dict)
    """Last time's hold and the best, per exercise and side, from every real workout."""

    @property
    def name(self) -> str:
        """The programme's title."""
        return self.checked.programme.name

    @property
    def next(self) -> Session | None:
        """The next session; None once every session is done."""
        return self.standing.next

    @property
    def level_name(self) -> str | None:
        """The level followed, by name ('Level 2 · …'), if the programme has levels."""
        level = self.following.level
        levels = self.checked.programme.levels
        if level is None or not levels:
            return None
        return f"level {level}: {levels[level - 1].name}"

    def applied(self, session: Session) -> Applied:
        """The circuit of `session` with its changes and what the progressions add."""
        growth = growth_for(
            self.checked.programme,
            self.planned,
            session.number,
            reached_targets(self.checked.programme, self.planned, self.held),
        )
        used = self.checked.circuit(session.circuit)
        return apply(used.circuit, session.changes, session=session.number, growth=growth)

    def prescribed(self, session: Session) -> list[Prescribed]:
        """What each exercise of `session` asks for."""
        done = self.applied(session)
        return prescribed(done.circuit, done.holds)

    def session_circuit(self, *, hands_free: bool = False) -> SessionCircuit:
        """The next session as the timer runs it; `ProgrammeError` once all are done."""
        session = self.next
        if session is None:
            raise ProgrammeError(f"{self.name} is done: every session is behind you")
        done = self.applied(session)
        used = self.checked.circuit(session.circuit)
        digest = sha256_hex(f"{used.sha256}\n{done.key}".encode())
        compiled = compile_circuit(done.circuit, hands_free=hands_free)
        name = f"{self.following.ref}/{Path(used.path).stem}"
        return SessionCircuit(
            CircuitFile(name, used.path, "programme", digest),
            compiled,
            SessionLink(self.following.id, session.number, self.standing.today),
            done.holds,
            f"{self.name} · {session.place}",
        )


def _held(runs: tuple[SessionRun, ...]) -> dict[int, dict[str, list[float]]]:
    held: dict[int, dict[str, list[float]]] = {}
    for run in runs:
        if not run.counts:
            continue
        for step in run.record.steps:
            if (
                step.kind is StepKind.WORK
                and step.mode is WorkMode.OPEN
                and step.held_seconds is not None
                and step.exercise is not None
            ):
                held.setdefault(run.session, {}).setdefault(step.exercise, []).append(
                    step.held_seconds
                )
    return held


def place(store: HistoryStore, calendar: Calendar) -> Place | None:
    """Where the runner stands today in the programme followed; None when none is.

    Raises `ProgrammeError` when the programme's file cannot be read or is no longer valid.
    """
    following = store.following()
    if following is None:
        return None
    checked = read_programme(following.path)
    planned = tuple(sessions(checked.programme, following.level))
    runs = tuple(store.session_runs(following.id))
    done: dict[int, date] = {}
    for run in runs:
        if run.counts and run.session not in done:
            done[run.session] = run.day
    now = standing(
        checked.programme,
        planned,
        started_on=following.started_on,
        done=done,
        today=calendar.today(),
    )
    return Place(following, checked, planned, now, runs, _held(runs), store.hold_targets())


def follow(store: HistoryStore, ref: str, level: int | None, calendar: Calendar) -> Place:
    """Start following the programme `ref` (a name or a path) from today, at `level`.

    Raises `ProgrammeError` for a programme that cannot be found, read or checked, or a
    level it does not have."""
    found = find_programme(ref)
    checked = read_programme(found.path)
    try:
        chosen = level_of(checked.programme, level)
    except ValueError as problem:
        raise ProgrammeError(str(problem)) from None
    store.follow(
        ref=found.name,
        path=found.path.resolve(),
        sha256=checked.sha256,
        name=checked.programme.name,
        level=chosen,
        started_on=calendar.today(),
    )
    followed = place(store, calendar)
    assert followed is not None
    return followed
