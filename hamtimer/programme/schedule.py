"""A programme's sessions, where a runner stands in them, and their dates. Pure: no files,
no clock, no database; the dates come in as `date`s.

Sessions advance by what was done, not by the calendar: the next session is the one after
the last session done. Dates are suggestions that follow from the start date and the rest
days: a session is suggested `rest_days + 1` days after the one before it, a week's first
session at least a week after the week before began, and the next session never before
today. A missed day moves every later date on and loses nothing. "Missed" marks a session
whose date in the first plan (everything done on time from the start date) has passed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from hamtimer.programme.apply import Growth, merged
from hamtimer.programme.model import Exercise, Programme, Progression

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Session:
    """One session of a programme: its place, its circuit, and the changes to make to it."""

    number: int
    """Counted from 1 across the whole programme."""
    week: int
    """The week it belongs to, counted from 1 (a repeated week counts each time)."""
    of_week: int
    """Its place in its week, from 1."""
    week_sessions: int
    circuit: str
    """The circuit as the programme names it: a name, or a path relative to the file."""
    changes: tuple[Exercise, ...] = ()
    """The programme's, the level's, then the week's changes: later ones win."""

    @property
    def place(self) -> str:
        """'Week 3 · session 2 of 3'."""
        return f"Week {self.week} · session {self.of_week} of {self.week_sessions}"


def level_of(programme: Programme, level: int | None) -> int | None:
    """The level followed: `level` (checked), the first when the programme has levels and
    none was chosen, None when it has none. Raises ValueError in the runner's words."""
    if not programme.levels:
        if level is not None:
            raise ValueError(f"{programme.name} has no levels: leave out --level")
        return None
    if level is None:
        return 1
    if not 1 <= level <= len(programme.levels):
        raise ValueError(
            f"{programme.name} has levels 1 to {len(programme.levels)}: choose one of them"
        )
    return level


def sessions(programme: Programme, level: int | None = None) -> list[Session]:
    """Every session of the programme at `level` (from 1; None: the first, if any), in order."""
    chosen = level_of(programme, level)
    tier = programme.levels[chosen - 1] if chosen else None
    found: list[Session] = []
    week_number = 0
    for week in programme.weeks:
        circuit = week.circuit or (tier.circuit if tier else None) or programme.circuit
        assert circuit is not None  # the model refuses a week without one
        changes = (*programme.exercises, *(tier.exercises if tier else ()), *week.exercises)
        count = programme.week_sessions(week)
        for _ in range(week.repeat):
            week_number += 1
            for of_week in range(1, count + 1):
                found.append(Session(len(found) + 1, week_number, of_week, count, circuit, changes))
    return found


def _applies(rule: Progression, session: Session) -> bool:
    return not rule.weeks or session.week in rule.weeks


def growth_for(
    programme: Programme,
    planned: Sequence[Session],
    number: int,
    reached: Callable[[int, str], bool] | None = None,
) -> dict[str, Growth]:
    """What the progressions add in session `number`: each rule's amount once for every
    earlier session in its weeks (all of them are done: sessions advance only so), for a
    `when = "reached"` rule only those whose holds of the exercise reached their target
    (`reached(session, exercise)`; assumed when not known, as for sessions to come)."""
    session = planned[number - 1]
    added: dict[str, dict[str, float]] = {}
    caps: dict[str, dict[str, float]] = {}
    for rule in programme.progressions:
        if not _applies(rule, session):
            continue
        count = sum(
            1
            for earlier in planned[: number - 1]
            if _applies(rule, earlier)
            and (
                rule.when == "finished" or reached is None or reached(earlier.number, rule.exercise)
            )
        )
        amounts = added.setdefault(rule.exercise, {})
        amounts[rule.what] = amounts.get(rule.what, 0.0) + rule.amount * count
        if rule.up_to is not None:
            caps.setdefault(rule.exercise, {})[rule.what] = rule.up_to
    return {
        name: Growth(
            reps=amounts.get("reps", 0.0),
            seconds=amounts.get("seconds", 0.0),
            hold=amounts.get("hold", 0.0),
            caps=caps.get(name, {}),
        )
        for name, amounts in added.items()
    }


def hold_targets(session: Session, growth: Mapping[str, Growth]) -> dict[str, float]:
    """Exercise name → the session's hold target: the one written, plus what progressions add
    (at most their `up_to`)."""
    found: dict[str, float] = {}
    written = merged(session.changes)
    for name in {*written, *growth}:
        base = written.get(name, {}).get("hold")
        grows = growth.get(name, Growth())
        if base is None and not grows.hold:
            continue
        value = float(base or 0.0)
        grown = value + grows.hold
        cap = grows.caps.get("hold")
        found[name] = max(value, grown if cap is None else min(grown, cap))
    return found


def reached_targets(
    programme: Programme,
    planned: Sequence[Session],
    held: Mapping[int, Mapping[str, Sequence[float]]],
) -> Callable[[int, str], bool]:
    """Whether each done session's holds reached their targets: `held` gives, per session
    done, each exercise's holds (ended with done). A session reached an exercise's target
    when it held it at least once and every hold came to the target."""
    answers: dict[tuple[int, str], bool] = {}

    def reached(number: int, exercise: str) -> bool:
        if (number, exercise) not in answers:
            growth = growth_for(programme, planned, number, reached)
            target = hold_targets(planned[number - 1], growth).get(exercise)
            holds = held.get(number, {}).get(exercise, ())
            answers[number, exercise] = bool(holds) and (
                target is None or all(hold + 1e-6 >= target for hold in holds)
            )
        return answers[number, exercise]

    return reached


class Mark(StrEnum):
    """How a session stands on the programme's grid."""

    DONE = "done"
    NEXT = "next"
    MISSED = "missed"  # its date in the first plan has passed; it moved on, nothing is lost
    LATER = "later"


@dataclass(frozen=True)
class Standing:
    """Where a runner stands in a programme on one day."""

    sessions: tuple[Session, ...]
    done: Mapping[int, date]
    """Session number → the day it was done."""
    dates: Mapping[int, date]
    """Every session's date: when it was done, else when it is suggested."""
    first_plan: Mapping[int, date]
    """Every session's date as first planned from the start date."""
    today: date
    started_on: date
    marks: Mapping[int, Mark] = field(default_factory=dict)

    @property
    def next(self) -> Session | None:
        """The next session to do; None once the programme is done."""
        number = max(self.done, default=0) + 1
        return self.sessions[number - 1] if number <= len(self.sessions) else None

    @property
    def complete(self) -> bool:
        """Every session is done."""
        return self.next is None

    @property
    def rest_day(self) -> bool:
        """The next session is suggested for a later day: today is for resting."""
        following = self.next
        return following is not None and self.dates[following.number] > self.today

    @property
    def behind(self) -> int:
        """How many sessions are behind the first plan (missed days, moved on)."""
        return sum(mark is Mark.MISSED for mark in self.marks.values()) + (
            1 if self.next is not None and self.first_plan[self.next.number] < self.today else 0
        )


def _dates(
    planned: Sequence[Session],
    start: date,
    rest_days: int,
    done: Mapping[int, date],
    today: date | None,
) -> dict[int, date]:
    gap = timedelta(days=rest_days + 1)
    dates: dict[int, date] = {}
    last: date | None = None
    week_began: date | None = None
    following = max(done, default=0) + 1
    for session in planned:
        if session.number in done:
            day = done[session.number]
        else:
            day = start if last is None else last + gap
            if session.of_week == 1 and week_began is not None:
                day = max(day, week_began + WEEK)
            if today is not None and session.number == following:
                day = max(day, today)
        dates[session.number] = day
        last = day
        if session.of_week == 1:
            week_began = day
    return dates


def standing(
    programme: Programme,
    planned: Sequence[Session],
    *,
    started_on: date,
    done: Mapping[int, date],
    today: date,
) -> Standing:
    """Where a runner stands on `today`, having done the sessions `done` (number → day)."""
    done = {number: day for number, day in done.items() if 1 <= number <= len(planned)}
    dates = _dates(planned, started_on, programme.rest_days, done, today)
    first_plan = _dates(planned, started_on, programme.rest_days, {}, None)
    following = max(done, default=0) + 1
    marks = {}
    for session in planned:
        number = session.number
        if number in done or number < following:
            marks[number] = Mark.DONE
        elif number == following:
            marks[number] = Mark.NEXT
        elif first_plan[number] < today:
            marks[number] = Mark.MISSED
        else:
            marks[number] = Mark.LATER
    return Standing(tuple(planned), done, dates, first_plan, today, started_on, marks)
