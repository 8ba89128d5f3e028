"""`Workout`: a plan being run against a clock, one command or update at a time.

The rules it keeps, and the decisions a runner would notice, are listed in the docstring of
the `hamtimer.workout` package. The arithmetic of one pass through a step is `Visit`'s;
delivering events is `Listeners`'; this module decides what happens when.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter

from hamtimer.clock import Clock
from hamtimer.events import Event, EventKind, StepRecord, StepStatus
from hamtimer.plan import Plan, Step
from hamtimer.workout.intervals import adjustable, boundary_for, pass_over
from hamtimer.workout.keeping import close_record, keep_record, open_record
from hamtimer.workout.listeners import Listener, Listeners
from hamtimer.workout.resume import initial_records
from hamtimer.workout.snapshot import Snapshot
from hamtimer.workout.state import WorkoutState
from hamtimer.workout.visit import Due, Visit, next_whole_second

DONE_GUARD = 0.3
"""Seconds after a step change during which `done()` is ignored (double taps, late taps)."""


_TIMING = attrgetter("kind", "mode", "seconds", "reps", "tempo")  # a step's structure


class Workout:
    """A plan being run against a clock: commands in, snapshots and events out.

    Pure domain code, tested exactly with a `FakeClock`. Public attributes, for reading only:

    - `records`: one `StepRecord` per plan step, index-aligned, kept up to date as time
      passes (the history saves them; a checkpoint can be written at any moment).
    - `state`, `plan`, `clock`; `started_at` and `ended_at` (clock readings, None until then);
      `updated_at`, the reading the live record is exact as of (the last command or update).
    - `listener_errors`: how many times a listener raised; the engine went on regardless.

    `start_index` and `prior` resume an interrupted workout: steps before `start_index` keep
    their `prior` records (copied) or are NOT_REACHED; the step at `start_index` starts afresh,
    and `workout_elapsed` goes on from the prior steps' active time.

    `heads_up` (seconds, for a voice) adds a TIME_LEFT event that many seconds before the end
    of every rest, switch, get-ready or timed step more than twice as long. `targets` (step
    index → the holds to beat, e.g. last time's and the best) adds a TARGET event each time
    an open hold has lasted one of them (`count`: those seconds). Both follow pauses and
    added time, as the countdown does. Without them no such event is emitted.
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
        heads_up: float | None = None,
        targets: Mapping[int, Sequence[float]] | None = None,
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
        self.heads_up = heads_up
        self.targets = dict(targets or {})
        self.state = WorkoutState.READY
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.updated_at: float | None = None
        self.records = initial_records(len(plan), start_index, prior)
        self._prior_active = math.fsum(record.active_seconds for record in self.records)
        self._visit: Visit | None = None
        self._pause_began: float | None = None
        self._paused_total = 0.0
        self._listeners = Listeners()

    # ----------------------------------------------------------------------------- reading

    @property
    def index(self) -> int:
        """The step the runner is on (or about to start, or ended on)."""
        return self._visit.index if self._visit else self.start_index

    @property
    def paused(self) -> bool:
        """True while the clock is held for the runner."""
        return self.state is WorkoutState.PAUSED

    @property
    def listener_errors(self) -> int:
        """How many times a listener raised; the engine went on regardless."""
        return self._listeners.errors

    def subscribe(self, listener: Listener) -> None:
        """Add a listener; the screen, the sounds and the history all hear the same events.

        A STEP_ENDED event carries no durations itself: `records[event.step_index]` holds
        them, already final when the event is delivered.
        """
        self._listeners.add(listener)

    def snapshot(self) -> Snapshot:
        """The picture to draw now. Read-only: call `update()` first to process what is due."""
        now = self._read_clock()
        if self._visit is None:
            return Snapshot.before_start(
                self.plan, self.start_index, now, workout_elapsed=self._prior_active
            )
        moment = self._effective(now)
        return Snapshot.during(
            self.plan,
            self.state,
            self._visit,
            moment=moment,
            workout_elapsed=max(moment - self._origin(), 0.0),
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
        moments = [visit.next_display_change(now)]
        if workout_seconds:
            moments.append(next_whole_second(self._origin(), now))
        due = visit.next_due()
        if due is not None:
            moments.append(due[0])
        return min(moments)

    def _origin(self) -> float:
        """The reading at which `workout_elapsed` would be zero with pauses taken out (before
        the start when resuming: the prior steps' active time counts)."""
        assert self.started_at is not None
        return self.started_at + self._paused_total - self._prior_active

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
        self._command(None)

    def start(self) -> None:
        """Begin the workout with the start step; only a READY workout starts."""
        self._command(self._do_start, only=WorkoutState.READY)

    def pause(self) -> None:
        """Hold the clock: deadlines wait, nothing sounds."""
        self._command(self._do_pause, only=WorkoutState.RUNNING)

    def resume(self) -> None:
        """Carry on; the step's deadline moves on by the time spent paused."""
        self._command(self._do_resume, only=WorkoutState.PAUSED)

    def toggle_pause(self) -> None:
        """One key for pause and resume."""
        if self.state is WorkoutState.PAUSED:
            self.resume()
        else:
            self.pause()

    def skip(self) -> None:
        """Leave the current step as SKIPPED; on the last step this finishes the workout."""
        self._command(lambda now: self._leave(StepStatus.SKIPPED, now, self.index + 1))

    def back(self) -> None:
        """The media-player habit: restart this step, or go to the previous one if it has
        only just begun."""
        self._command(self._do_back)

    def restart_step(self) -> None:
        """Start the current step again from the beginning."""
        self._command(lambda now: self._leave(StepStatus.SKIPPED, now, self.index))

    def done(self) -> None:
        """The runner says this step is finished (reps done, hold over, ready to go); in an
        AMRAP, that a round is (`count_round`)."""
        self._command(self._do_done)

    def count_round(self, delta: int = 1) -> None:
        """An AMRAP round done (`delta` 1), or one taken back (-1); nothing on other steps.
        A round within `done_guard` seconds of the last (or of the start) is a double tap."""
        self._command(lambda now: self._do_round(now, delta))

    def adjust(self, seconds: float | None = None) -> None:
        """Add time to (or, negative, remove time from) a rest or timed step."""
        delta = self.adjust_seconds if seconds is None else seconds
        self._command(lambda now: self._do_adjust(now, delta))

    def abandon(self) -> None:
        """Finish early: the step in progress and the workout are recorded as ABANDONED."""
        self._command(self._do_abandon)

    def replace_plan(self, plan: Plan) -> None:
        """Swap in a plan with the same structure and other words (challenge mode on/off).

        Raises ValueError if the steps differ in kind or timing: that is a programming error,
        since the records and deadlines belong to the old structure.
        """
        if list(map(_TIMING, plan.steps)) != list(map(_TIMING, self.plan.steps)):
            raise ValueError("replace_plan needs a plan with the same steps; only texts may differ")
        self.plan = plan

    def _command(
        self, action: Callable[[float], None] | None, *, only: WorkoutState | None = None
    ) -> None:
        """Every command acts on the true present: catch up first, act, catch up, deliver.

        `action` runs only in the state `only` or, without one, while the workout is active.
        """
        now = self._read_clock()
        self._advance(now)
        allowed = self.state is only if only is not None else self.state.active
        if action is not None and allowed:
            action(now)
            self._advance(now)
        self._sync(now)
        self.updated_at = now
        self._listeners.deliver()

    def _do_start(self, now: float) -> None:
        self.started_at = now
        self.state = WorkoutState.RUNNING
        self._enter(self.start_index, now, boundary_for(self.plan, self.start_index, now, None))

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

    def _shift(self, visit: Visit, held: float) -> None:
        """Take `held` paused seconds out of the visit and out of the workout's clock."""
        visit.shift(held)
        self._paused_total += held

    def _do_back(self, now: float) -> None:
        assert self._visit is not None
        elapsed = self._visit.elapsed(self._effective(now))
        index = self.index
        target = index if elapsed > self.back_grace or index == 0 else index - 1
        self._leave(StepStatus.SKIPPED, now, target)

    def _do_done(self, now: float) -> None:
        assert self._visit is not None
        if self._visit.rounds is not None:  # an AMRAP: Enter counts a round
            self._do_round(now, 1)
        elif now - self._visit.start >= self.done_guard:
            self._leave(StepStatus.DONE, now, self.index + 1)

    def _do_round(self, now: float, delta: int) -> None:
        visit = self._visit
        if visit is None or visit.rounds is None:
            return
        if delta > 0 and now - visit.last_round >= self.done_guard:
            visit.rounds, visit.last_round = visit.rounds + 1, now
            self._emit(EventKind.ROUND, now, count=visit.rounds)
        elif delta < 0 and visit.rounds > 0:
            visit.rounds -= 1
            self._emit(EventKind.ROUND_TAKEN_BACK, now, count=visit.rounds)

    def _do_adjust(self, now: float, delta: float) -> None:
        visit = self._visit
        if visit is None or visit.deadline is None or not adjustable(self._current_step()):
            return  # waits for done, paced (its length is its reps), or set by the clock
        if not math.isfinite(delta):
            return
        moment = self._effective(now)
        deadline = visit.deadline + delta
        if deadline <= moment:
            self._leave(StepStatus.TIMED_OUT, now, visit.index + 1)
        else:
            visit.move_deadline(deadline, moment)

    def _do_abandon(self, now: float) -> None:
        self._close_visit(StepStatus.ABANDONED, now)
        self._stop(WorkoutState.ABANDONED, EventKind.ABANDONED, now)

    # ------------------------------------------------------------------------ the machine

    def _advance(self, now: float) -> None:
        """Fire everything due up to `now`, in due order, while the workout runs."""
        while self.state is WorkoutState.RUNNING and self._visit is not None:
            due = self._visit.next_due()
            if due is None or due[0] > now:
                return
            self._fire(*due)

    def _fire(self, due: float, what: Due) -> None:
        visit, step = self._visit, self._current_step()
        assert visit is not None
        if what is Due.DEADLINE:
            self._leave(visit.ending(step), due, visit.index + 1)
        else:
            kind, count = visit.take(what, step)
            self._emit(kind, due, count=count)

    def _leave(self, status: StepStatus, at: float, target: int) -> None:
        """End the current visit at `at` and begin `target` at the same reading (or finish);
        what is left of an EMOM interval whose boundary is `at` is passed over."""
        self._close_visit(status, at)
        while target < len(self.plan):
            boundary = boundary_for(self.plan, target, at, self._visit)
            if boundary is None or boundary > at:
                self._enter(target, at, boundary)
                return
            target = pass_over(self.plan, self.records, target, at)
        self._stop(WorkoutState.FINISHED, EventKind.FINISHED, at)

    def _enter(self, index: int, at: float, boundary: float | None) -> None:
        record = self.records[index]
        open_record(record, at)
        self._visit = Visit.begin(
            index,
            self.plan.steps[index],
            at,
            base_active=record.active_seconds,
            base_paused=record.paused_seconds,
            heads_up=self.heads_up,
            targets=self.targets.get(index, ()),
            boundary=boundary,
        )
        self._emit(EventKind.STEP_STARTED, at)

    def _close_visit(self, status: StepStatus, at: float) -> None:
        visit, step = self._visit, self._current_step()
        assert visit is not None
        self._sync(at)
        close_record(self.records[visit.index], visit, step, status, at, self._effective(at))
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
        if visit is None or not self.state.active:
            return
        pausing = 0.0 if self._pause_began is None else now - self._pause_began
        keep_record(self.records[visit.index], visit, self._effective(now), pausing)

    def _emit(
        self,
        kind: EventKind,
        due: float,
        *,
        count: int | None = None,
        status: StepStatus | None = None,
    ) -> None:
        self._listeners.queue(Event(kind, due, self.index, count=count, status=status))
