"""One pass through a step: the arithmetic of its times, all from clock readings.

A visit begins at a reading, `start`. Its `origin` is `start` pushed on by the time paused
so far, so its active seconds at any moment are `moment - origin`; its `deadline` (None for
a step that waits for done) moves on with pauses and with time added or removed. Nothing
here reads a clock or tells anyone anything: the engine passes readings in and acts on what
comes back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from hamtimer.events import EventKind, StepStatus
from hamtimer.plan import Step, StepKind, WorkMode

COUNTDOWN_FROM = 3
"""Countdown cues are 3, 2, 1: the runner hears the end of a rest coming without looking."""


def is_paced(step: Step) -> bool:
    """Paced reps are counted by the engine, so they end themselves but take no countdown."""
    return step.mode is WorkMode.REPS and step.tempo is not None and step.seconds is not None


def next_whole_second(origin: float, now: float) -> float:
    """The first reading after `now` at which the whole seconds counted from `origin` change.

    That is origin + k for the next whole k, or one more second when origin + k rounds onto
    `now` itself (floats lose precision), so that a caller waking at it always moves on.
    """
    moment = origin + math.floor(now - origin) + 1
    return moment if moment > now else moment + 1


def phase_starts(phases: Sequence[float]) -> tuple[tuple[float, float, int], ...]:
    """A rep's phases that last any time, as (offset in the rep, length, phase number 1–4):
    "3-1-1-0" gives (0, 3, 1), (3, 1, 2), (4, 1, 3)."""
    found, offset = [], 0.0
    for number, length in enumerate(phases, start=1):
        if length > 0:
            found.append((offset, length, number))
        offset += length
    return tuple(found)


def _countdown_change(end: float, now: float) -> float:
    """The next reading at which the whole seconds left until `end` (rounded up) change."""
    return end - max(math.ceil(end - now) - 1, 0)


class Due(IntEnum):
    """What falls due inside a visit; the value orders things due at the same instant."""

    START_CUE = 0
    REP = 1
    PHASE = 2
    HEADS_UP = 3
    TARGET = 4
    COUNTDOWN = 5
    DEADLINE = 6


@dataclass(slots=True)
class Visit:
    """One pass through a step, and the cues still owed in it.

    `base_active` and `base_paused` are the step's record as it stood when the visit began
    (a restarted step adds up its visits); `paused` is what this visit has spent paused.
    Paced steps keep their `tempo` and `reps`; other steps have `tempo` None. The cues still
    to come are `start_cue` (GO or SWITCH_SIDES), `next_rep` (1-based) and `next_count`
    (the next countdown number; 0 when none is left). `heads_up` is how many seconds before
    the deadline a TIME_LEFT is owed (None: none is), `targets` the active seconds after the
    start at which TARGETs are still owed, shortest first (an open hold's times to beat:
    last time's, then the best). Paced reps with a tempo of phases keep the phases that last
    any time as (offset in the rep, length, phase number 1–4) in `phases`; `next_phase`
    counts the phase starts owed so far, over all reps (0-based).

    In an EMOM interval, `boundary` is the reading at which the interval ends (None
    elsewhere): a rest lasts until it, and other steps end at it at the latest, `cut` short
    (their work was not done in time; no rep or phase is due at or after it). An AMRAP counts
    `rounds` (None elsewhere); `last_round` is the reading of the last count, or of the start.
    """

    index: int
    start: float
    origin: float
    deadline: float | None
    tempo: float | None = None
    reps: int = 0
    base_active: float = 0.0
    base_paused: float = 0.0
    paused: float = 0.0
    start_cue: bool = False
    next_rep: int = 1
    next_count: int = 0
    heads_up: float | None = None
    targets: tuple[float, ...] = ()
    heads_up_seconds: float | None = None
    phases: tuple[tuple[float, float, int], ...] = ()
    next_phase: int = 0
    boundary: float | None = None
    cut: bool = False
    rounds: int | None = None
    last_round: float = 0.0

    @classmethod
    def begin(
        cls,
        index: int,
        step: Step,
        at: float,
        *,
        base_active: float,
        base_paused: float,
        heads_up: float | None = None,
        targets: Sequence[float] = (),
        boundary: float | None = None,
    ) -> Visit:
        """A visit to `step` beginning at reading `at`, with its cues armed.

        `heads_up` (seconds) arms a TIME_LEFT before the deadline of a rest, switch, get-ready
        or timed step more than twice that long; `targets` arm TARGETs in an open hold;
        `boundary` is the end of the EMOM interval the step is in.
        """
        paced = is_paced(step)
        deadline = None if step.seconds is None else at + step.seconds
        cut = False
        if boundary is not None:
            if step.kind is StepKind.REST:
                deadline = boundary
            elif deadline is None or boundary < deadline:
                deadline, cut = boundary, True
        length = 0.0 if deadline is None else deadline - at
        long_enough = heads_up is not None and length > 2 * heads_up
        visit = cls(
            index=index,
            start=at,
            origin=at,
            deadline=deadline,
            tempo=step.tempo if paced else None,
            reps=(step.reps or 0) if paced else 0,
            base_active=base_active,
            base_paused=base_paused,
            start_cue=step.kind in (StepKind.WORK, StepKind.SWITCH_SIDES),
            heads_up=heads_up if long_enough and not paced else None,
            heads_up_seconds=heads_up if long_enough and not paced else None,
            targets=tuple(sorted({mark for mark in targets if mark > 0}))
            if step.mode is WorkMode.OPEN
            else (),
            phases=phase_starts(step.tempo_phases) if paced else (),
            boundary=boundary,
            cut=cut,
            rounds=0 if step.mode is WorkMode.AMRAP else None,
            last_round=at,
        )
        if not paced:
            visit.next_count = visit.armed_count(at, inclusive=True)
        return visit

    def elapsed(self, moment: float) -> float:
        """Active seconds at reading `moment`: never below zero, never past the deadline."""
        end = moment if self.deadline is None else min(moment, self.deadline)
        return max(end - self.origin, 0.0)

    def remaining(self, moment: float) -> float | None:
        """Seconds left at reading `moment`, never below zero; None if it waits for done."""
        if self.deadline is None:
            return None
        return self.deadline - min(moment, self.deadline)

    def left_in_interval(self, moment: float) -> float | None:
        """Seconds left at reading `moment` in the EMOM interval; None outside one."""
        if self.boundary is None:
            return None
        return self.boundary - min(moment, self.boundary)

    @property
    def paced(self) -> bool:
        """True for paced reps: the engine counts them, and the deadline means they are done."""
        return self.tempo is not None

    @property
    def reps_counted(self) -> int | None:
        """Paced reps counted so far; None for steps whose reps the runner counts."""
        return self.next_rep - 1 if self.paced else None

    def next_display_change(self, now: float) -> float:
        """The next reading at which the step's shown whole seconds change.

        A countdown shows ceil(remaining), which changes at deadline - k; a count-up shows
        floor(elapsed), which changes at origin + k. An EMOM interval's time left is shown
        too; paced reps with tempo phases also show each second of the phase in progress,
        which changes at its start + k.
        """
        if self.deadline is None:
            return next_whole_second(self.origin, now)
        change = _countdown_change(self.deadline, now)
        if self.boundary is not None and self.boundary > self.deadline:
            change = min(change, _countdown_change(self.boundary, now))
        tick = self.next_phase_tick(now)
        return change if tick is None else min(change, tick)

    def take_phase(self) -> int:
        """The number (1–4) of the tempo phase starting now; it is owed no more."""
        number = self.phases[self.next_phase % len(self.phases)][2]
        self.next_phase += 1
        return number

    def next_phase_tick(self, now: float) -> float | None:
        """The next reading after `now` at which a phase starts or a second of one passes;
        None without phases, or after the last rep."""
        if not self.phases or self.tempo is None:
            return None
        position = now - self.origin
        rep = max(math.floor(position / self.tempo), 0)
        if rep >= self.reps:
            return None
        start = rep * self.tempo
        ticks = [
            start + offset + second
            for offset, length, _ in self.phases
            for second in range(math.ceil(length))
        ]
        ticks.append(start + self.tempo)
        later = [tick for tick in ticks if self.origin + tick > now]
        return self.origin + min(later) if later else None

    def shift(self, held: float) -> None:
        """Take `held` paused seconds out of the visit: its origin and deadline move on."""
        self.paused += held
        self.origin += held
        if self.deadline is not None:
            self.deadline += held
        if self.boundary is not None:
            self.boundary += held

    def armed_count(self, after: float, *, inclusive: bool) -> int:
        """The largest countdown number still to come: due after `after` (or at it, if
        `inclusive`). 0 when none is, or when there is no deadline to count down to."""
        if self.deadline is None:
            return 0
        for count in range(COUNTDOWN_FROM, 0, -1):
            due = self.deadline - count
            if due > after or (inclusive and due == after):
                return count
        return 0

    def move_deadline(self, deadline: float, moment: float) -> None:
        """Time added or removed at reading `moment`: the countdown re-arms for what is left."""
        self.deadline = deadline
        self.next_count = self.armed_count(moment, inclusive=False)
        seconds = self.heads_up_seconds
        self.heads_up = seconds if seconds is not None and deadline - seconds > moment else None

    def take(self, what: Due, step: Step) -> tuple[EventKind, int | None]:
        """The cue `what` (not the deadline), now due: the event it makes, and its count;
        it is owed no more."""
        if what is Due.START_CUE:
            self.start_cue = False
            kind = EventKind.GO if step.kind is StepKind.WORK else EventKind.SWITCH_SIDES
            return kind, None
        if what is Due.REP:
            self.next_rep += 1
            return EventKind.REP, self.next_rep - 1
        if what is Due.PHASE:
            return EventKind.TEMPO, self.take_phase()
        if what is Due.HEADS_UP:
            seconds, self.heads_up = self.heads_up or 0.0, None
            return EventKind.TIME_LEFT, round(seconds)
        if what is Due.TARGET:
            mark, self.targets = self.targets[0], self.targets[1:]
            return EventKind.TARGET, round(mark)
        self.next_count -= 1
        return EventKind.COUNTDOWN, self.next_count + 1

    def ending(self, step: Step) -> StepStatus:
        """How the step ends at its deadline: paced reps DONE, an EMOM interval's work cut
        short by its boundary MISSED, anything else TIMED_OUT."""
        if self.cut and step.kind is StepKind.WORK:
            return StepStatus.MISSED
        return StepStatus.DONE if self.paced else StepStatus.TIMED_OUT

    def next_due(self) -> tuple[float, Due] | None:
        """The earliest cue or deadline still owed, as (reading, what); None if nothing is."""
        options: list[tuple[float, Due]] = []
        if self.start_cue:
            options.append((self.origin, Due.START_CUE))
        if self.tempo is not None and self.next_rep <= self.reps:
            rep = self.origin + (self.next_rep - 1) * self.tempo
            if self.deadline is None or rep < self.deadline:  # none at an EMOM's boundary
                options.append((rep, Due.REP))
        if self.tempo is not None and self.next_phase < self.reps * len(self.phases):
            number, which = divmod(self.next_phase, len(self.phases))
            phase = self.origin + number * self.tempo + self.phases[which][0]
            if self.deadline is None or phase < self.deadline:  # as a rep's
                options.append((phase, Due.PHASE))
        if self.targets:
            options.append((self.origin + self.targets[0], Due.TARGET))
        if self.deadline is not None:
            if self.heads_up is not None:
                options.append((self.deadline - self.heads_up, Due.HEADS_UP))
            if self.next_count:
                options.append((self.deadline - self.next_count, Due.COUNTDOWN))
            options.append((self.deadline, Due.DEADLINE))
        return min(options, default=None)
