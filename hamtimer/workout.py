"""The workout engine: the one place that knows "now" while a plan is being run.

A `Workout` walks a `Plan` in real time through an injected `Clock`. Screens, sounds and the
history log only read its `snapshot()`, listen to its events and keep its `records`; none of
them measures time on its own, so they can never disagree about where the runner is.

Exactness comes from one rule: every moment is computed from a deadline or an origin (clock
readings), never by adding up ticks. A step's deadline is set when the step starts and moves
only when the runner pauses (by the paused time, on resume) or adds or removes time. When a
deadline passes, the step ends *at* that deadline and the next step starts *at* it, however
late the engine is woken, so lateness never accumulates over a long workout.

Decisions a runner would notice (each has a test):

- Every command can be given at any moment and never raises. Commands given while the workout
  is READY, FINISHED or ABANDONED do nothing, except `start()` while READY.
- `done()` ends the current step early as DONE whatever its kind: on a rest, get-ready or
  switch-sides step it means "I'm ready", on paced or timed work "I've finished". A `done()`
  within `done_guard` seconds (0.3 s) of the moment the current step began is ignored, so a
  double tap, or a tap meant for a rest that ran out a moment earlier, never throws away a set.
- `back()` restarts the current step once it has run (active time, pauses excluded) more than
  `back_grace` seconds; within the grace it goes to the previous step; on step 0 it restarts
  step 0. The step left by `back()` or `restart_step()` ends as SKIPPED; its record is
  overwritten when the runner reaches it again.
- `skip()`, `back()`, `restart_step()`, `done()` and a removal of time while PAUSED change the
  step and stay paused: the new step's start cues (GO, SWITCH_SIDES, REP 1, a countdown due at
  its start) sound when the runner resumes, not while the screen says "paused".
- `adjust()` works on rests, get-ready, switch-sides and timed work (running or paused). It does
  nothing on steps that wait for done and on paced reps, whose length is their reps. Removing
  more than remains ends the step there and then as TIMED_OUT.
- While a step is in progress its record says ABANDONED with `ended=None`: if the app dies, a
  saved record is already right. Steps never entered say NOT_REACHED with `started=0.0`.
- Listeners are called after the engine's state is consistent (events are queued, then
  delivered in due order at the end of each command or update), so a listener may read
  `records` or call commands; a listener that raises is counted in `listener_errors` and the
  engine carries on.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum

from hamtimer.clock import Clock
from hamtimer.events import Event, EventKind, StepRecord, StepStatus
from hamtimer.plan import Plan, Step, StepKind, WorkMode

Listener = Callable[[Event], None]
"""Receives every event the workout emits, synchronously."""

COUNTDOWN_FROM = 3
"""Countdown cues are 3, 2, 1: the runner hears the end of a rest coming without looking."""

DONE_GUARD = 0.3
"""Seconds after a step change during which `done()` is ignored (double taps, late taps)."""


class WorkoutState(StrEnum):
    """Where the workout as a whole is; commands act only in RUNNING and PAUSED."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    ABANDONED = "abandoned"

    @property
    def active(self) -> bool:
        """Running or paused: commands act, time is kept."""
        return self in (WorkoutState.RUNNING, WorkoutState.PAUSED)

    @property
    def over(self) -> bool:
        """Finished or abandoned: nothing more will happen."""
        return self in (WorkoutState.FINISHED, WorkoutState.ABANDONED)


_ACTIVE = (WorkoutState.RUNNING, WorkoutState.PAUSED)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything a renderer shows, computed at one clock reading (`now`) so the parts agree.

    Frozen so that a screen can keep the previous one and compare, and so that nothing it
    does can disturb the engine. Times are active seconds (pauses excluded). `step_remaining`
    is None for steps that wait for done, which count up instead; `workout_remaining` and
    `fraction` use the plan's estimates for what is still ahead, so they are a forecast.
    """

    state: WorkoutState
    index: int
    total: int
    step: Step | None
    next_step: Step | None
    step_elapsed: float
    step_remaining: float | None
    reps_counted: int | None
    paused: bool
    workout_elapsed: float
    workout_remaining: float
    fraction: float
    now: float


class _Due(IntEnum):
    """What falls due inside a step; the value orders things due at the same instant."""

    START_CUE = 0
    REP = 1
    COUNTDOWN = 2
    DEADLINE = 3


@dataclass(slots=True)
class _Visit:
    """One pass through a step. `origin` is `start` pushed on by the pauses so far."""

    index: int
    start: float
    origin: float
    deadline: float | None
    base_active: float
    base_paused: float
    paused: float = 0.0
    start_cue: bool = False
    next_rep: int = 1
    next_count: int = 0


def is_paced(step: Step) -> bool:
    """Paced reps are counted by the engine, so they end themselves but take no countdown."""
    return step.mode is WorkMode.REPS and step.tempo is not None and step.seconds is not None


def _has_countdown(step: Step) -> bool:
    return step.seconds is not None and not is_paced(step)


def _armed_count(deadline: float, after: float, *, inclusive: bool) -> int:
    """The largest countdown number still to come: due at or after `after`."""
    for count in range(COUNTDOWN_FROM, 0, -1):
        due = deadline - count
        if due > after or (inclusive and due == after):
            return count
    return 0


def _structure(plan: Plan) -> list[tuple[object, ...]]:
    return [(s.kind, s.mode, s.seconds, s.reps, s.tempo) for s in plan.steps]


class Workout:
    """A plan being run against a clock: commands in, snapshots and events out.

    Pure domain code (no terminal, no sound, no files) so that every behaviour can be tested
    exactly with a `FakeClock`. Public attributes, for reading only:

    - `records`: one `StepRecord` per plan step, index-aligned, kept up to date as time
      passes (the history saves them; a checkpoint can be written at any moment).
    - `state`, `plan`, `clock`; `started_at` and `ended_at` (clock readings, None until then).
    - `updated_at`: the reading everything has been processed up to (the last command or
      `update()`); the live record is exact as of this reading.
    - `listener_errors`: how many times a listener raised; the engine went on regardless.

    `start_index` and `prior` resume an interrupted workout: steps before `start_index` keep
    their `prior` records (copied) or are NOT_REACHED; the step at `start_index` starts afresh.
    """

    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        *,
        start_index: int = 0,
        back_grace: float = 2.0,
        adjust_seconds: float = 10.0,
        done_guard: float = DONE_GUARD,
        prior: Sequence[StepRecord] | None = None,
    ) -> None:
        if not 0 <= start_index < len(plan):
            raise ValueError(f"start_index {start_index} is outside the plan's {len(plan)} steps")
        if min(back_grace, done_guard) < 0 or not adjust_seconds > 0:
            raise ValueError("back_grace and done_guard must be >= 0, adjust_seconds > 0")
        self.plan = plan
        self.clock = clock
        self.start_index = start_index
        self.back_grace = back_grace
        self.adjust_seconds = adjust_seconds
        self.done_guard = done_guard
        self.state = WorkoutState.READY
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.updated_at: float | None = None
        self.listener_errors = 0
        self.records = self._initial_records(prior)
        self._visit: _Visit | None = None
        self._pause_began: float | None = None
        self._paused_total = 0.0
        self._listeners: list[Listener] = []
        self._pending: deque[Event] = deque()
        self._dispatching = False

    def _initial_records(self, prior: Sequence[StepRecord] | None) -> list[StepRecord]:
        records = [
            StepRecord(index=i, status=StepStatus.NOT_REACHED, started=0.0)
            for i in range(len(self.plan))
        ]
        for record in prior or ():
            if 0 <= record.index < self.start_index:
                records[record.index] = replace(record)
        return records

    # ----------------------------------------------------------------------------- reading

    @property
    def index(self) -> int:
        """The step the runner is on (or about to start, or ended on)."""
        return self._visit.index if self._visit else self.start_index

    @property
    def paused(self) -> bool:
        """True while the clock is held for the runner."""
        return self.state is WorkoutState.PAUSED

    def subscribe(self, listener: Listener) -> None:
        """Add a listener; the screen, the sounds and the history all hear the same events.

        A STEP_ENDED event carries no durations itself: `records[event.step_index]` holds
        them, already final when the event is delivered.
        """
        self._listeners.append(listener)

    def snapshot(self) -> Snapshot:
        """The picture to draw now. Read-only: call `update()` first to process what is due."""
        now = self._read_clock()
        visit, step = self._visit, self._current_step()
        if visit is None:
            return self._ready_snapshot(now, step)
        moment = self._effective(now)
        elapsed, remaining = self._step_times(visit, moment)
        current = remaining if remaining is not None else max(step.estimate - elapsed, 0.0)
        finished = self.state is WorkoutState.FINISHED
        left = 0.0 if finished else current + self._estimate_after(visit.index)
        return Snapshot(
            state=self.state,
            index=visit.index,
            total=len(self.plan),
            step=step,
            next_step=None if self.state not in _ACTIVE else self._step_at(visit.index + 1),
            step_elapsed=elapsed,
            step_remaining=remaining,
            reps_counted=visit.next_rep - 1 if is_paced(step) else None,
            paused=self.paused,
            workout_elapsed=self._workout_elapsed(moment),
            workout_remaining=left,
            fraction=1.0 if finished else self._fraction(left),
            now=now,
        )

    def _ready_snapshot(self, now: float, step: Step) -> Snapshot:
        left = self._estimate_after(self.start_index - 1)
        return Snapshot(
            state=self.state,
            index=self.start_index,
            total=len(self.plan),
            step=step,
            next_step=self._step_at(self.start_index + 1),
            step_elapsed=0.0,
            step_remaining=step.seconds,
            reps_counted=0 if is_paced(step) else None,
            paused=False,
            workout_elapsed=0.0,
            workout_remaining=left,
            fraction=self._fraction(left),
            now=now,
        )

    def next_change(self, *, workout_seconds: bool = True) -> float | None:
        """When the UI should next wake: the earliest reading at which anything it shows or
        plays changes. None when nothing will change until the runner presses a key.

        `workout_seconds=False` leaves out the whole seconds of `workout_elapsed`, which fall
        between the step's seconds once a step has ended early: a UI that can let its
        workout clock move with the step's digits then wakes once a second, not twice.
        """
        visit = self._visit
        if self.state is not WorkoutState.RUNNING or visit is None:
            return None
        now = self._read_clock()
        moments = [self._display_change(visit, now)]
        if workout_seconds:
            moments.append(self._whole_second_after(self._origin(), now))
        due = self._next_due()
        if due is not None:
            moments.append(due[0])
        return min(moments)

    def _display_change(self, visit: _Visit, now: float) -> float:
        """The next reading at which the step's shown whole seconds change.

        A countdown shows ceil(remaining), which changes at deadline - k; a count-up shows
        floor(elapsed), which changes at origin + k.
        """
        if visit.deadline is None:
            return self._whole_second_after(visit.origin, now)
        return visit.deadline - max(math.ceil(visit.deadline - now) - 1, 0)

    @staticmethod
    def _whole_second_after(origin: float, now: float) -> float:
        """origin + k for the next whole k; one more when origin + k rounded onto `now`."""
        moment = origin + math.floor(now - origin) + 1
        return moment if moment > now else moment + 1

    def _origin(self) -> float:
        """The reading at which `workout_elapsed` would be zero with pauses taken out."""
        assert self.started_at is not None
        return self.started_at + self._paused_total

    def _step_times(self, visit: _Visit, moment: float) -> tuple[float, float | None]:
        if visit.deadline is None:
            return max(moment - visit.origin, 0.0), None
        moment = min(moment, visit.deadline)
        return max(moment - visit.origin, 0.0), visit.deadline - moment

    def _workout_elapsed(self, moment: float) -> float:
        if self.started_at is None:
            return 0.0
        return max(moment - self._origin(), 0.0)

    def _estimate_after(self, index: int) -> float:
        return math.fsum(step.estimate for step in self.plan.steps[index + 1 :])

    def _fraction(self, left: float) -> float:
        total = self.plan.estimated_seconds
        return 0.0 if total <= 0 else min(max(1.0 - left / total, 0.0), 1.0)

    def _step_at(self, index: int) -> Step | None:
        return self.plan.steps[index] if 0 <= index < len(self.plan) else None

    def _current_step(self) -> Step:
        return self.plan.steps[self.index]

    def _read_clock(self) -> float:
        """The clock, never earlier than what was already processed (clocks may be odd)."""
        now = self.clock.now()
        return now if self.updated_at is None else max(now, self.updated_at)

    def _effective(self, now: float) -> float:
        """The reading the step's times are frozen at: the pause's start, or the end."""
        if self._pause_began is not None:
            return self._pause_began
        if self.ended_at is not None:
            return self.ended_at
        return now

    # ---------------------------------------------------------------------------- commands

    def update(self) -> None:
        """Process everything due up to now, each at its own due time, and tell listeners."""
        self._command(None, ())

    def start(self) -> None:
        """Begin the workout with the start step; only a READY workout starts."""
        self._command(self._do_start, (WorkoutState.READY,))

    def pause(self) -> None:
        """Hold the clock: deadlines wait, nothing sounds."""
        self._command(self._do_pause, (WorkoutState.RUNNING,))

    def resume(self) -> None:
        """Carry on; the step's deadline moves on by the time spent paused."""
        self._command(self._do_resume, (WorkoutState.PAUSED,))

    def toggle_pause(self) -> None:
        """One key for pause and resume."""
        if self.state is WorkoutState.PAUSED:
            self.resume()
        else:
            self.pause()

    def skip(self) -> None:
        """Leave the current step as SKIPPED; on the last step this finishes the workout."""
        self._command(lambda now: self._leave(StepStatus.SKIPPED, now, self.index + 1), _ACTIVE)

    def back(self) -> None:
        """The media-player habit: restart this step, or go to the previous one if it has
        only just begun."""
        self._command(self._do_back, _ACTIVE)

    def restart_step(self) -> None:
        """Start the current step again from the beginning."""
        self._command(lambda now: self._leave(StepStatus.SKIPPED, now, self.index), _ACTIVE)

    def done(self) -> None:
        """The runner says this step is finished (reps done, hold over, ready to go)."""
        self._command(self._do_done, _ACTIVE)

    def adjust(self, seconds: float | None = None) -> None:
        """Add time to (or, negative, remove time from) a rest or timed step."""
        delta = self.adjust_seconds if seconds is None else seconds
        self._command(lambda now: self._do_adjust(now, delta), _ACTIVE)

    def abandon(self) -> None:
        """Finish early: the step in progress and the workout are recorded as ABANDONED."""
        self._command(self._do_abandon, _ACTIVE)

    def replace_plan(self, plan: Plan) -> None:
        """Swap in a plan with the same structure and other words (challenge mode on/off).

        Raises ValueError if the steps differ in kind or timing: that is a programming error,
        since the records and deadlines belong to the old structure.
        """
        if _structure(plan) != _structure(self.plan):
            raise ValueError("replace_plan needs a plan with the same steps; only texts may differ")
        self.plan = plan

    def _command(self, action: Callable[[float], None] | None, states: Sequence[object]) -> None:
        """Every command acts on the true present: catch up first, act, catch up, deliver."""
        now = self._read_clock()
        self._advance(now)
        if action is not None and self.state in states:
            action(now)
            self._advance(now)
        self._sync(now)
        self.updated_at = now
        self._flush()

    def _do_start(self, now: float) -> None:
        self.started_at = now
        self.state = WorkoutState.RUNNING
        self._enter(self.start_index, now)

    def _do_pause(self, now: float) -> None:
        self.state = WorkoutState.PAUSED
        self._pause_began = now
        self._emit(EventKind.PAUSED, now)

    def _do_resume(self, now: float) -> None:
        assert self._visit is not None and self._pause_began is not None
        self._shift(self._visit, now - self._pause_began)
        self._pause_began = None
        self.state = WorkoutState.RUNNING
        self._emit(EventKind.RESUMED, now)

    def _shift(self, visit: _Visit, held: float) -> None:
        """Take `held` paused seconds out of the visit: its origin and deadline move on."""
        visit.paused += held
        visit.origin += held
        if visit.deadline is not None:
            visit.deadline += held
        self._paused_total += held

    def _do_back(self, now: float) -> None:
        assert self._visit is not None
        elapsed, _ = self._step_times(self._visit, self._effective(now))
        index = self.index
        target = index if elapsed > self.back_grace or index == 0 else index - 1
        self._leave(StepStatus.SKIPPED, now, target)

    def _do_done(self, now: float) -> None:
        assert self._visit is not None
        if now - self._visit.start >= self.done_guard:
            self._leave(StepStatus.DONE, now, self.index + 1)

    def _do_adjust(self, now: float, delta: float) -> None:
        visit, step = self._visit, self._current_step()
        if visit is None or visit.deadline is None or is_paced(step) or not math.isfinite(delta):
            return
        moment = self._effective(now)
        deadline = visit.deadline + delta
        if deadline <= moment:
            self._leave(StepStatus.TIMED_OUT, now, visit.index + 1)
            return
        visit.deadline = deadline
        visit.next_count = _armed_count(deadline, moment, inclusive=False)

    def _do_abandon(self, now: float) -> None:
        self._close_visit(StepStatus.ABANDONED, now)
        self._stop(WorkoutState.ABANDONED, EventKind.ABANDONED, now)

    # ------------------------------------------------------------------------ the machine

    def _advance(self, now: float) -> None:
        """Fire everything due up to `now`, in due order, while the workout runs."""
        while self.state is WorkoutState.RUNNING:
            due = self._next_due()
            if due is None or due[0] > now:
                return
            self._fire(*due)

    def _next_due(self) -> tuple[float, _Due] | None:
        visit, step = self._visit, self._current_step()
        if visit is None:
            return None
        options: list[tuple[float, _Due]] = []
        if visit.start_cue:
            options.append((visit.origin, _Due.START_CUE))
        if is_paced(step) and step.reps is not None and visit.next_rep <= step.reps:
            assert step.tempo is not None
            options.append((visit.origin + (visit.next_rep - 1) * step.tempo, _Due.REP))
        if visit.deadline is not None:
            if visit.next_count:
                options.append((visit.deadline - visit.next_count, _Due.COUNTDOWN))
            options.append((visit.deadline, _Due.DEADLINE))
        return min(options, default=None)

    def _fire(self, due: float, what: _Due) -> None:
        visit, step = self._visit, self._current_step()
        assert visit is not None
        if what is _Due.START_CUE:
            visit.start_cue = False
            kind = EventKind.GO if step.kind is StepKind.WORK else EventKind.SWITCH_SIDES
            self._emit(kind, due)
        elif what is _Due.REP:
            self._emit(EventKind.REP, due, count=visit.next_rep)
            visit.next_rep += 1
        elif what is _Due.COUNTDOWN:
            self._emit(EventKind.COUNTDOWN, due, count=visit.next_count)
            visit.next_count -= 1
        else:
            status = StepStatus.DONE if is_paced(step) else StepStatus.TIMED_OUT
            self._leave(status, due, visit.index + 1)

    def _leave(self, status: StepStatus, at: float, target: int) -> None:
        """End the current visit at `at` and begin `target` at the same reading (or finish)."""
        self._close_visit(status, at)
        if target < len(self.plan):
            self._enter(target, at)
        else:
            self._stop(WorkoutState.FINISHED, EventKind.FINISHED, at)

    def _enter(self, index: int, at: float) -> None:
        record, step = self.records[index], self.plan.steps[index]
        if record.status is StepStatus.NOT_REACHED:
            record.started, record.active_seconds, record.paused_seconds = at, 0.0, 0.0
        record.status, record.ended = StepStatus.ABANDONED, None
        deadline = None if step.seconds is None else at + step.seconds
        self._visit = _Visit(
            index=index,
            start=at,
            origin=at,
            deadline=deadline,
            base_active=record.active_seconds,
            base_paused=record.paused_seconds,
            start_cue=step.kind in (StepKind.WORK, StepKind.SWITCH_SIDES),
            next_count=(
                _armed_count(deadline, at, inclusive=True)
                if deadline is not None and _has_countdown(step)
                else 0
            ),
        )
        self._emit(EventKind.STEP_STARTED, at)

    def _close_visit(self, status: StepStatus, at: float) -> None:
        visit, step = self._visit, self._current_step()
        assert visit is not None
        self._sync(at)
        elapsed, _ = self._step_times(visit, self._effective(at))
        record = self.records[visit.index]
        record.status, record.ended = status, at
        record.held_seconds = (
            elapsed if status is StepStatus.DONE and step.mode is WorkMode.OPEN else None
        )
        record.reps_counted = visit.next_rep - 1 if is_paced(step) else None
        if self._pause_began is not None:  # the pause goes on into the next step, if any
            self._shift(visit, at - self._pause_began)
            self._pause_began = at
        self._emit(EventKind.STEP_ENDED, at, status=status)

    def _stop(self, state: WorkoutState, kind: EventKind, at: float) -> None:
        self._pause_began = None
        self.state = state
        self.ended_at = at
        self._emit(kind, at)

    def _sync(self, now: float) -> None:
        """Bring the live record of the step in progress up to `now`."""
        visit = self._visit
        if visit is None or self.state not in _ACTIVE:
            return
        record = self.records[visit.index]
        moment = self._effective(now)
        pausing = 0.0 if self._pause_began is None else now - self._pause_began
        record.active_seconds = visit.base_active + max(moment - visit.origin, 0.0)
        record.paused_seconds = visit.base_paused + visit.paused + pausing

    # ------------------------------------------------------------------------------ events

    def _emit(
        self,
        kind: EventKind,
        due: float,
        *,
        count: int | None = None,
        status: StepStatus | None = None,
    ) -> None:
        self._pending.append(Event(kind, due, self.index, count=count, status=status))

    def _flush(self) -> None:
        """Deliver queued events in order; a listener's own commands queue behind them."""
        if self._dispatching:
            return
        self._dispatching = True
        try:
            while self._pending:
                event = self._pending.popleft()
                for listener in tuple(self._listeners):
                    try:
                        listener(event)
                    except Exception:
                        self.listener_errors += 1
        finally:
            self._dispatching = False
