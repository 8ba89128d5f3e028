"""What the workout screen shows, worked out from an engine snapshot. Pure: no Textual.

Keeping the words and the phase colour out of the widgets means every moment of a
workout can be checked with plain tests, and the widgets only place text. Every string of
a `View` is `printable`: names from the circuit file never reach the terminal raw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from hamtimer.plan import SYMBOLS, RestReason, Step, StepKind, WorkMode, format_duration
from hamtimer.printable import printable
from hamtimer.workout import Snapshot, WorkoutState

# Floating-point slack: a reading taken exactly at a second boundary must show the new second.
EPSILON = 1e-6


@dataclass(frozen=True)
class View:
    """Every string and the phase of the workout screen at one moment."""

    phase: str  # CSS class: work, rest-sides, rest-sets, get-ready, switch, paused, finished
    label: str
    title: str
    set_text: str
    side: str
    big: str
    prompt: str
    cue: str
    extra: str
    next: str
    progress: float
    times: str


def countdown(remaining: float) -> str:
    """The countdown as a runner reads it: 29.2 s left shows 0:30, exactly 29 s shows 0:29."""
    return format_duration(math.ceil(max(0.0, remaining) - EPSILON))


def count_up(elapsed: float) -> str:
    """A hold's time: whole seconds held so far."""
    return format_duration(math.floor(elapsed + EPSILON))


def phase_of(step: Step | None, state: WorkoutState) -> str:
    """The colour class of the moment; paused wins over everything."""
    if state is WorkoutState.PAUSED:
        return "paused"
    if step is None or state.over:
        return "finished"
    if step.kind is StepKind.REST:
        return "rest-sides" if step.rest_reason is RestReason.BETWEEN_SIDES else "rest-sets"
    return {
        StepKind.WORK: "work",
        StepKind.GET_READY: "get-ready",
        StepKind.SWITCH_SIDES: "switch",
    }[step.kind]


def _label(step: Step, paused: bool) -> str:
    if paused:
        return "PAUSED — Space to go on"
    if step.kind is StepKind.WORK:
        return "HOLD" if step.mode is WorkMode.OPEN else "WORK"
    return step.headline.upper()


def _big(snapshot: Snapshot, step: Step) -> str:
    if step.mode is WorkMode.OPEN:
        return count_up(snapshot.step_elapsed)
    if step.mode is WorkMode.REPS:
        count = (
            f"{max(1, snapshot.reps_counted or 0)}/{step.reps}" if step.tempo else str(step.reps)
        )
        return f"{count} {SYMBOLS[step.direction]}" if step.direction else count
    return countdown(snapshot.step_remaining or 0.0)


def _prompt(snapshot: Snapshot, step: Step) -> str:
    if step.kind is not StepKind.WORK:
        return ""
    if step.mode is WorkMode.OPEN:
        return "Hold to fatigue — Enter when you let go"
    if step.mode is WorkMode.TIMED:
        return f"{step.seconds:g} seconds of work"
    reps = f"{step.reps} reps"
    if step.direction is not None:
        reps = f"{step.reps} × {step.direction.upper()} {SYMBOLS[step.direction]}"
    if step.tempo:
        return f"{reps} — rep {max(1, snapshot.reps_counted or 0)}, one every {step.tempo:g} s"
    return f"{reps} — Enter when done"


def _extra(step: Step) -> str:
    parts = []
    if step.challenge:
        parts.append(f"Challenge: {step.challenge}")
    if step.equipment:
        parts.append("Use: " + " / ".join(step.equipment))
    return "   ".join(parts)


def view_of(snapshot: Snapshot) -> View:
    """The screen's content for one snapshot."""
    step = snapshot.step
    times = (
        f"{format_duration(snapshot.workout_elapsed)} done · "
        f"about {format_duration(snapshot.workout_remaining)} left"
    )
    if step is None or snapshot.state.over:
        return View("finished", "FINISHED", "Well done", "", "", "", "", "", "", "", 1.0, times)
    paused = snapshot.state is WorkoutState.PAUSED
    following = snapshot.next_step
    return _printable(
        View(
            phase=phase_of(step, snapshot.state),
            label=_label(step, paused),
            title=step.exercise or step.title,
            set_text=step.set_text or "",
            side=step.side_text or "",
            big=_big(snapshot, step),
            prompt=_prompt(snapshot, step),
            cue=step.cue or "",
            extra=_extra(step),
            next=f"Next: {following.summary}" if following else "Next: the end — last step!",
            progress=snapshot.fraction,
            times=f"step {snapshot.index + 1} of {snapshot.total} · {times}",
        )
    )


def _printable(view: View) -> View:
    """The view with every string shown as written (`printable`)."""
    texts: dict[str, Any] = {
        field.name: printable(value)
        for field in fields(view)
        if isinstance(value := getattr(view, field.name), str)
    }
    return replace(view, **texts)
