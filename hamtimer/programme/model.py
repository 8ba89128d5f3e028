"""The programme file format: pydantic models of what the runner writes.

A programme is weeks of sessions; each session is a circuit (by name, or a path relative
to the programme file) with changes to some of its exercises, by name. These models only
describe and validate the file; `hamtimer.programme.load` checks the changes against the
circuits they change, and `hamtimer.programme.schedule` works out the sessions, their
place and their dates.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator
from pydantic import Strict as StrictValue

from hamtimer.circuit.amounts import Count, Reps, Seconds, SecondsAmount, listed
from hamtimer.circuit.model import Source
from hamtimer.circuit.strict import CircuitValueError, Strict, Text

MAX_WEEKS = 104
"""The longest programme: two years of weeks, repeats counted."""

MAX_SESSIONS = 1000
"""The most sessions in a programme (a session a day for over two years)."""

SessionCount = Annotated[int, StrictValue(), Field(gt=0, le=14)]
WeekCount = Annotated[int, StrictValue(), Field(gt=0, le=MAX_WEEKS)]
Days = Annotated[int, StrictValue(), Field(ge=0, le=6)]


class Exercise(Strict):
    """A change to one exercise of a session's circuit, found by its name."""

    name: Text = Field(description="The exercise's name, as the circuit writes it.")
    sets: Count | None = Field(None, description="Its number of sets (straight blocks).")
    reps: Reps | None = Field(
        None, description='Reps per set: a number, a range such as "6-8", or a list, one a set.'
    )
    seconds: SecondsAmount | None = Field(
        None, description='Timed work per set: a number, a range such as "20-30", or a list.'
    )
    hold: Seconds | None = Field(
        None, description="A hold target in seconds, for an exercise held to fatigue."
    )
    every_nth_session: Count | None = Field(
        None,
        description="Only in every nth session of the programme (2: every other session); "
        "the sessions between leave it out.",
    )

    @model_validator(mode="after")
    def _something_changed(self) -> Self:
        if self.reps is not None and self.seconds is not None:
            raise CircuitValueError(
                "give reps or seconds, not both: keep the one the exercise has", key="seconds"
            )
        changes = (self.sets, self.reps, self.seconds, self.hold, self.every_nth_session)
        if all(change is None for change in changes):
            raise CircuitValueError(
                "changes nothing: give sets, reps, seconds, hold or every_nth_session"
            )
        count = listed(self.reps) or listed(self.seconds)
        if self.sets is not None and count is not None and count != self.sets:
            work = "reps" if listed(self.reps) else "seconds"
            raise CircuitValueError(
                f"{work} lists {count} values but sets = {self.sets}: give one value a set, "
                f"or make sets = {count}",
                key=work,
            )
        return self


class Progression(Strict):
    """A rule that makes an exercise harder as sessions are done."""

    exercise: Text = Field(description="The exercise's name, as the circuit writes it.")
    reps: Count | None = Field(None, description="Reps added to every set, each session done.")
    seconds: Seconds | None = Field(
        None, description="Seconds added to every set of timed work, each session done."
    )
    hold: Seconds | None = Field(
        None, description="Seconds added to the hold target, each session done."
    )
    when: Literal["finished", "reached"] = Field(
        "finished",
        description="finished: after every session done; reached (holds only): after a "
        "session in which every hold of the exercise reached its target.",
    )
    weeks: tuple[WeekCount, ...] = Field(
        (), description="The weeks it applies in (counted from 1); all weeks when not given."
    )
    up_to: Seconds | None = Field(
        None, description="The most the reps, seconds or hold target grow to."
    )

    @model_validator(mode="after")
    def _one_amount(self) -> Self:
        given = [key for key in ("reps", "seconds", "hold") if getattr(self, key) is not None]
        if not given:
            raise CircuitValueError("adds nothing: give reps, seconds or hold (what it adds)")
        if len(given) > 1:
            raise CircuitValueError(
                f"give one of reps, seconds or hold, not {' and '.join(given)}: a rule a line "
                "of growth",
                key=given[1],
            )
        if self.when == "reached" and self.hold is None:
            raise CircuitValueError(
                'when = "reached" goes with hold (a hold target reached): remove it, or give hold',
                key="when",
            )
        return self

    @property
    def amount(self) -> float:
        """What each counted session adds."""
        return float(self.reps or self.seconds or self.hold or 0)

    @property
    def what(self) -> str:
        """Which it grows: "reps", "seconds" or "hold"."""
        return "reps" if self.reps else "seconds" if self.seconds else "hold"


class Level(Strict):
    """A level of the programme, chosen when following it (`hamtimer follow --level N`)."""

    name: Text
    circuit: Text | None = Field(
        None, description="This level's circuit, in place of the programme's."
    )
    exercises: tuple[Exercise, ...] = Field(
        (), description="Changes for every session at this level."
    )
    notes: Text | None = None


class Week(Strict):
    """A week of the programme: how many sessions, and what changes in them."""

    sessions: SessionCount | None = Field(
        None, description="Sessions this week (default: the programme's sessions_per_week)."
    )
    repeat: WeekCount = Field(1, description="The same week, this many weeks in a row.")
    circuit: Text | None = Field(
        None, description="This week's circuit, in place of the programme's or the level's."
    )
    exercises: tuple[Exercise, ...] = Field((), description="Changes for this week's sessions.")
    notes: Text | None = None


class Programme(Strict):
    """A whole programme file."""

    name: Text
    description: Text | None = None
    source: Source | None = None
    circuit: Text | None = Field(
        None,
        description="Every session's circuit: a name, or a .toml path relative to this file.",
    )
    sessions_per_week: SessionCount = Field(3, description="Sessions a week, unless a week says.")
    rest_days: Days = Field(1, description="Days off between two sessions, at least.")
    exercises: tuple[Exercise, ...] = Field((), description="Changes for every session.")
    levels: tuple[Level, ...] = Field(
        (), description="Levels to choose from when following (FIFA 11+'s 1 to 3)."
    )
    weeks: tuple[Week, ...] = Field(min_length=1)
    progressions: tuple[Progression, ...] = Field(
        (), description="Rules that make exercises harder as sessions are done."
    )

    @model_validator(mode="after")
    def _not_too_long(self) -> Self:
        weeks = self.week_count
        if weeks > MAX_WEEKS:
            raise CircuitValueError(
                f"the weeks add up to {weeks}: at most {MAX_WEEKS}", key="weeks"
            )
        return self

    @property
    def week_count(self) -> int:
        """How many weeks the programme lasts, repeats counted."""
        return sum(week.repeat for week in self.weeks)

    def week_sessions(self, week: Week) -> int:
        """How many sessions `week` has."""
        return week.sessions or self.sessions_per_week
