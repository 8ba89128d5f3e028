"""Which sound each engine event makes: the cue map, pure and testable without a device.

The runner cannot look at the screen mid-exercise, so every moment that asks them to do
something has a sound, and moments that ask for different things sound different:

- COUNTDOWN (3, 2, 1 before a rest, switch, get-ready or timed work ends) → the countdown
  beep, at the same deadlines as the digits on screen.
- GO (work starts) → go. The work step's own STEP_STARTED stays silent: GO already says it.
  Work that turns the other way on the same side (a halo's counter-clockwise run after its
  clockwise one) → reverse instead of go, so the runner hears the change of direction.
- A rest between the two sides of an exercise, or a switch-sides step (its SWITCH_SIDES
  event) → switch sides: same exercise, other leg.
- A rest after a set, round, exercise or block → set done: tells the end of a set apart
  from a change of leg.
- The get-ready step at the start → rest: the timer is running, get into position.
- REP (a paced rep is due) → the rep tick, from rep 2 on: rep 1 is due at the very moment
  work starts, and GO already marks that beat. FINISHED → done.
- TARGET (a hold passed last time's, or the best) → target, the four rising beeps.
- TEMPO (a phase of a paced rep starts: down, hold, up, hold) → silent: the rep tick
  already marks each rep, and the voice says the phases ("Hold.", "Up.").
- ROUND (an AMRAP round counted) → the rep tick: the runner hears the count taken without
  looking. An EMOM interval needs nothing of its own: its rest's STEP_STARTED is set done,
  the countdown runs to its boundary and the next interval starts with GO.
- Everything else is silent: STEP_ENDED (the next step's start speaks for it), PAUSED,
  RESUMED, ROUND_TAKEN_BACK and ABANDONED (the runner just pressed a key, so they are
  looking).
"""

from __future__ import annotations

from hamtimer.events import Event, EventKind
from hamtimer.plan import Plan, RestReason, StepKind
from hamtimer.sound.tones import Cue

_BY_EVENT = {
    EventKind.COUNTDOWN: Cue.COUNTDOWN,
    EventKind.GO: Cue.GO,
    EventKind.SWITCH_SIDES: Cue.SWITCH_SIDES,
    EventKind.REP: Cue.REP,
    EventKind.FINISHED: Cue.DONE,
    EventKind.TARGET: Cue.TARGET,
    EventKind.ROUND: Cue.REP,
}


def flips_direction(plan: Plan, index: int) -> bool:
    """True when step `index` is work that turns the other way from the work just before it,
    on the same exercise and side (a halo's counter-clockwise run after its clockwise one)."""
    if not 0 < index < len(plan.steps):
        return False
    step, before = plan.steps[index], plan.steps[index - 1]
    return (
        step.direction is not None
        and before.direction is not None
        and step.direction is not before.direction
        and before.kind is StepKind.WORK
        and (before.exercise, before.side) == (step.exercise, step.side)
    )


def cue_for(event: Event, plan: Plan) -> Cue | None:
    """The cue `event` should make in `plan`, or None for silence."""
    if event.kind is EventKind.REP and event.count == 1:
        return None  # due with GO, which marks the first beat
    if event.kind is EventKind.GO and flips_direction(plan, event.step_index):
        return Cue.REVERSE
    direct = _BY_EVENT.get(event.kind)
    if direct is not None:
        return direct
    if event.kind is not EventKind.STEP_STARTED or not 0 <= event.step_index < len(plan.steps):
        return None
    step = plan.steps[event.step_index]
    if step.kind is StepKind.REST:
        if step.rest_reason is RestReason.BETWEEN_SIDES:
            return Cue.SWITCH_SIDES
        return Cue.SET_DONE
    if step.kind is StepKind.GET_READY:
        return Cue.REST
    return None  # WORK and SWITCH_SIDES steps have their own events (GO, SWITCH_SIDES)
