"""The workout engine: the one place that knows "now" while a plan is being run.

A `Workout` walks a `Plan` in real time through an injected `Clock`. Screens, sounds and the
history log only read its `snapshot()`, listen to its events and keep its `records`; none of
them measures time on its own, so they can never disagree about where the runner is.

Exactness comes from one rule: every moment is computed from a deadline or an origin (clock
readings), never by adding up ticks. A step's deadline is set when the step starts and moves
only when the runner pauses (by the paused time, on resume) or adds or removes time. When a
deadline passes, the step ends *at* that deadline and the next step starts *at* it, however
late the engine is woken, so lateness never accumulates over a long workout.

Where things are: `engine` holds `Workout` (what happens when); `visit` the arithmetic of one
pass through a step; `keeping` a step's record; `intervals` EMOM boundaries; `snapshot` what a
renderer reads; `state` `WorkoutState`; `listeners` the delivery of events. Import them from
`hamtimer.workout`.

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
  nothing on steps that wait for done, on paced reps, whose length is their reps, and in EMOM
  and AMRAP blocks, whose clock is the workout. Removing more than remains ends the step there
  and then as TIMED_OUT.
- An EMOM interval starts when its first step is entered and ends `every` active seconds later,
  on its boundary: its rest lasts until then (an early `done()` gives a longer rest), and work
  still going at the boundary ends as MISSED, the rest of the interval is passed over (recorded,
  no events) and the next interval starts exactly on the boundary. Entering the interval's
  first step again (`back()`, `restart_step()`) starts the interval again; a later step entered
  from outside the interval (a resumed workout) runs as planned.
- In an AMRAP, `done()` and `count_round()` count a round (ROUND), `count_round(-1)` takes one
  back (ROUND_TAKEN_BACK, never below zero); a round within `done_guard` of the last, or of the
  start, is a double tap and ignored. The step ends at its cap as TIMED_OUT with its rounds.
- While a step is in progress its record says ABANDONED with `ended=None`: if the app dies, a
  saved record is already right. Steps never entered say NOT_REACHED with `started=0.0`.
- Listeners are called after the engine's state is consistent (events are queued, then
  delivered in due order at the end of each command or update), so a listener may read
  `records` or call commands; a listener that raises is counted in `listener_errors` and the
  engine carries on.
"""

from hamtimer.workout.engine import DONE_GUARD, Workout
from hamtimer.workout.intervals import adjustable
from hamtimer.workout.listeners import Listener
from hamtimer.workout.snapshot import Snapshot
from hamtimer.workout.state import WorkoutState
from hamtimer.workout.visit import COUNTDOWN_FROM, is_paced

__all__ = [
    "COUNTDOWN_FROM",
    "DONE_GUARD",
    "Listener",
    "Snapshot",
    "Workout",
    "WorkoutState",
    "adjustable",
    "is_paced",
]
