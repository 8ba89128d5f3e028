"""What the workout screen shows, worked out from an engine snapshot. Pure: no Textual.

Keeping the words and the phase colour out of the widgets means every moment of a
workout can be checked with plain tests, and the widgets only place text. Most lines come
as a few wordings, longest first: the widget shows the first that fits its width.

The screen is laid out from the number outwards. During work: the side in large capitals
above the number, the halo's direction beside it. In an EMOM the number is the time left in
the interval (the reps in capitals above it); in an AMRAP it is the rounds counted, with the
time left of the cap in capitals above it. During a rest, a switch or get-ready:
what comes next, large, at the top (exercise, then side and amount) with its cue and
equipment below the number, so the runner can set up while the clock runs.
Every string of a `View` is `printable`: names from the circuit file never reach the
terminal raw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from hamtimer.history import HoldTarget
from hamtimer.plan import SYMBOLS, RestReason, Step, StepKind, WorkMode, format_duration
from hamtimer.plan.speech import PHASE_WORDS, ROLE_WORDS
from hamtimer.printable import printable
from hamtimer.workout import Snapshot, WorkoutState

# Floating-point slack: a reading taken exactly at a second boundary must show the new second.
EPSILON = 1e-6

Lines = tuple[str, ...]


@dataclass(frozen=True)
class View:
    """Every string and the phase of the workout screen at one moment."""

    phase: str  # colour: work, easy, rest-sides, rest-sets, get-ready, switch, paused, finished
    kind: str  # layout: work, pause (rests, switch, get-ready) or over
    headline: Lines
    name: Lines  # large: the next exercise (pauses)
    detail: Lines  # large: the side (work); the next side and amount (pauses)
    big: str
    hollow: bool  # paused: the number changes look, not only colour
    direction: str  # '', 'clockwise' or 'counter-clockwise'
    prompt: Lines
    target: Lines
    passed: int  # how many of the hold's targets are passed: 0, 1 or 2
    cue: str
    extra: Lines
    next: Lines
    progress: float
    times: str
    tempo: Lines = ()  # paced reps with tempo phases: the phases of the rep, ticking


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
    if step.kind is StepKind.WORK and step.role in ROLE_WORDS:
        return "easy"
    return {
        StepKind.WORK: "work",
        StepKind.GET_READY: "get-ready",
        StepKind.SWITCH_SIDES: "switch",
    }[step.kind]


def shortened(text: str) -> Lines:
    """`text`, then shorter by whole words with '…', down to its first word."""
    words = text.split()
    return (text, *(" ".join(words[:count]) + "…" for count in range(len(words) - 1, 0, -1)))


def _headline(step: Step, following: Step | None, paused: bool) -> Lines:
    if paused:
        return ("PAUSED — Space to go on", "PAUSED")
    if step.mode is WorkMode.AMRAP:
        lines = (f"{step.headline} · {step.title}", step.headline, "AMRAP")
        if step.role in ROLE_WORDS:  # a warm-up or cool-down AMRAP says so first
            return (f"{ROLE_WORDS[step.role].upper()} · {lines[0]}", *lines)
        return lines
    if step.kind is StepKind.WORK:
        label = "HOLD" if step.mode is WorkMode.OPEN else "WORK"
        if step.role in ROLE_WORDS:
            label = ROLE_WORDS[step.role].upper()
        exercise = step.exercise or step.title
        return (f"{label} · {step.set_text} · {exercise}", f"{label} · {exercise}", exercise)
    headline = step.headline.upper()
    if following is not None and following.set_text:
        return (f"{headline} · next: {following.set_text}", headline, step.title.upper())
    return (headline, step.title.upper())


def _side(step: Step) -> Lines:
    if step.side is None:
        return ()
    side = step.side.upper()
    return (step.side_text.upper(), side) if step.side_text else (side,)


def _next_up(step: Step | None) -> tuple[Lines, Lines]:
    """The large lines of a pause: the next exercise, then its side and amount."""
    if step is None:
        return ("THE END",), ()
    if step.kind is not StepKind.WORK:
        return (step.title.upper(),), (step.brief.upper(),)
    amount = step.brief.upper()
    sides = _side(step)
    detail = (*(f"{side} · {amount}" for side in sides), sides[-1]) if sides else (amount,)
    return shortened((step.exercise or step.title).upper()), detail


def _emom_reps(snapshot: Snapshot, step: Step) -> bool:
    """Reps the runner counts in an EMOM interval: its time left is the number."""
    unpaced = step.mode is WorkMode.REPS and not step.tempo
    return unpaced and snapshot.interval_remaining is not None


def _big(snapshot: Snapshot, step: Step) -> str:
    if step.mode is WorkMode.AMRAP:
        return str(snapshot.rounds or 0)
    if _emom_reps(snapshot, step):
        return countdown(snapshot.interval_remaining or 0.0)
    if step.mode is WorkMode.OPEN:
        return count_up(snapshot.step_elapsed)
    if step.mode is WorkMode.REPS:
        if step.tempo:
            return f"{max(1, snapshot.reps_counted or 0)}/{step.reps}"
        return str(step.reps) if step.reps_low is None else f"{step.reps_low}-{step.reps}"
    return countdown(snapshot.step_remaining or 0.0)


def _detail(snapshot: Snapshot, step: Step) -> Lines:
    """The large line above the number during work: the side; in an EMOM the reps too; in an
    AMRAP the time left of its cap."""
    if step.mode is WorkMode.AMRAP:
        left = countdown(snapshot.step_remaining or 0.0)
        return (f"{left} LEFT", left)
    if not _emom_reps(snapshot, step):
        return _side(step)
    amount = step.brief.upper()
    return (*(f"{side} · {amount}" for side in _side(step)), amount)


def _prompt(snapshot: Snapshot, step: Step) -> Lines:
    if step.kind is not StepKind.WORK:
        return ()
    if step.mode is WorkMode.AMRAP:
        return (
            "Rounds done — + or Enter at the end of each round, - takes one back",
            "Rounds done — + or Enter for each",
            "Rounds done",
        )
    lines = _plain_prompt(snapshot, step)
    left = snapshot.interval_remaining
    if left is None:
        return lines
    rest = f"rest till the {step.interval_word} is up"
    if _emom_reps(snapshot, step):
        return (f"{lines[0]}, then {rest}", *lines)
    return (f"{lines[0]} · {countdown(left)} left in the {step.interval_word}", *lines)


def _plain_prompt(snapshot: Snapshot, step: Step) -> Lines:
    if step.mode is WorkMode.OPEN:
        return ("Hold to fatigue — Enter when you let go", "Enter when you let go")
    if step.mode is WorkMode.TIMED:
        if step.seconds_low is None:
            return (f"{step.seconds:g} seconds of work",)
        left = step.seconds_low - snapshot.step_elapsed
        if left > EPSILON:
            more = f"at least {countdown(left)} more"
            return (f"{step.amount} — {more}, then Enter when you stop", f"{more}")
        return (f"{step.amount} — Enter when you stop", "Enter when you stop")
    count = f"{step.reps}" if step.reps_low is None else f"{step.reps_low}–{step.reps}"
    reps = f"{count} reps"
    if step.direction is not None:
        reps = f"{count} × {step.direction.upper()} {SYMBOLS[step.direction]}"
    if step.tempo:
        rep = max(1, snapshot.reps_counted or 0)
        pace = f"one every {step.tempo:g} s"
        if step.tempo_phases:
            pace = "at " + "-".join(f"{length:g}" for length in step.tempo_phases)
        if step.reps_low is not None:
            return (
                f"{reps} — rep {rep}, {pace} — Enter to stop from rep {step.reps_low} on",
                f"rep {rep} of {count}",
            )
        return (f"{reps} — rep {rep}, {pace}", f"rep {rep} of {step.reps}")
    return (f"{reps} — Enter when done", "Enter when done")


def tempo_ticks(step: Step, elapsed: float) -> Lines:
    """The phases of the rep in progress, each with a dot a second: those done filled, the
    phase in progress in capitals ('DOWN ●●○ · hold ○ · up ○'), longest wording first."""
    if not step.tempo_phases or not step.tempo or step.reps is None:
        return ()
    if elapsed + EPSILON >= step.tempo * step.reps:
        position = step.tempo - EPSILON  # the last rep, at its end
    else:
        position = (elapsed + EPSILON) % step.tempo
    parts, current = [], ""
    start = 0.0
    for word, length in zip(PHASE_WORDS, step.tempo_phases, strict=True):
        if length <= 0:
            continue
        seconds = max(1, math.ceil(length - EPSILON))
        if position >= start + length:
            text = f"{word} {'●' * seconds}"
        elif position >= start:
            done = min(seconds, math.floor(position - start) + 1)
            text = current = f"{word.upper()} {'●' * done}{'○' * (seconds - done)}"
        else:
            text = f"{word} {'○' * seconds}"
        parts.append(text)
        start += length
    return tuple(dict.fromkeys((" · ".join(parts), current, current.split()[0])))


def passed_marks(target: HoldTarget | None, held: float) -> int:
    """How many of the target's marks (last time, then a longer best) `held` has reached."""
    if target is None:
        return 0
    return sum(held + EPSILON >= mark for mark in target.marks())


def _target(target: HoldTarget | None, passed: int, held: float = 0.0) -> Lines:
    if target is None:
        return ()
    if target.goal is not None:
        return _goal(target, held)
    assert target.last is not None and target.best is not None
    last, best = count_up(target.last), count_up(target.best)
    if passed >= len(target.marks()):
        return (f"★ NEW BEST — longer than {best}", "★ NEW BEST")
    if passed:
        return (f"✓ Passed last time ({last}) · best {best}", f"✓ Passed {last} · best {best}")
    if target.best <= target.last:
        return (f"Last time {last} — your best", f"Last time {last}", f"Last {last}")
    return (f"Last time {last} · best {best}", f"Last {last} · best {best}", f"Last {last}")


def _goal(target: HoldTarget, held: float) -> Lines:
    """A programme's hold target first, then last time's hold when there is one."""
    assert target.goal is not None
    goal = count_up(target.goal)
    head = f"✓ Target {goal} reached" if held + EPSILON >= target.goal else f"Target {goal}"
    if target.last is None:
        return (head,)
    return (f"{head} · last time {count_up(target.last)}", head)


def _cue(step: Step | None) -> str:
    """The coaching cue of the work (being done, or next); an AMRAP's round."""
    if step is not None and step.round_items:
        return "Each round: " + " · ".join(step.round_items)
    return (step.cue if step is not None else None) or ""


def _extra(step: Step | None) -> Lines:
    if step is None:
        return ()
    challenge = f"Challenge: {step.challenge}" if step.challenge else ""
    equipment = "Use: " + " / ".join(step.equipment) if step.equipment else ""
    both = "   ".join(part for part in (challenge, equipment) if part)
    return tuple(dict.fromkeys(text for text in (both, challenge, equipment) if text))


def _following(step: Step | None) -> Lines:
    if step is None:
        return ("Next: the end — last step!", "Next: the end")
    return (f"Next: {step.summary}", f"Next: {step.short}", step.short)


def _set_up(step: Step | None) -> Lines:
    """The small next line of a pause (shown on small terminals, without the large ones)."""
    if step is None:
        return ("Next: the end — last step!", "Next: the end")
    name = step.exercise or step.title
    return (f"Next: {name} · {step.amount}", f"Next: {name}", name)


def only_ticked(before: View, after: View) -> bool:
    """Whether `after` differs from `before` only in what the seconds move: the number, the
    times and the progress (the timer then redraws those alone)."""
    return replace(before, big=after.big, times=after.times, progress=after.progress) == after


def view_of(snapshot: Snapshot, target: HoldTarget | None = None) -> View:
    """The screen's content for one snapshot; `target` is the hold to beat on this step."""
    step = snapshot.step
    times = (
        f"{format_duration(snapshot.workout_elapsed)} done · "
        f"about {format_duration(snapshot.workout_remaining)} left"
    )
    if step is None or snapshot.state.over:
        finished = snapshot.state is WorkoutState.FINISHED
        return View(
            phase="finished",
            kind="over",
            headline=("FINISHED — well done", "FINISHED") if finished else ("ENDED",),
            name=(),
            detail=(),
            big="DONE" if finished else "",
            hollow=False,
            direction="",
            prompt=("Enter: see the summary", "Enter: summary") if finished else (),
            target=(),
            passed=0,
            cue="",
            extra=(),
            next=(),
            progress=1.0 if finished else snapshot.fraction,
            times=times,
        )
    paused = snapshot.state is WorkoutState.PAUSED
    following = snapshot.next_step
    working = step.kind is StepKind.WORK
    if not working:
        target = None
    passed = passed_marks(target, snapshot.step_elapsed)
    name, detail = ((), _detail(snapshot, step)) if working else _next_up(following)
    view = View(
        phase=phase_of(step, snapshot.state),
        kind="work" if working else "pause",
        headline=_headline(step, following, paused),
        name=name,
        detail=detail,
        big=_big(snapshot, step),
        hollow=paused,
        direction=step.direction.value if working and step.direction else "",
        prompt=_prompt(snapshot, step),
        target=_target(target, passed, snapshot.step_elapsed),
        passed=passed,
        cue=_cue(step if working else following),
        extra=_extra(step if working else following),
        next=_following(following) if working else _set_up(following),
        progress=snapshot.fraction,
        times=f"step {snapshot.index + 1} of {snapshot.total} · {times}",
        tempo=tempo_ticks(step, snapshot.step_elapsed) if working else (),
    )
    return _printable(view)


def _printable(view: View) -> View:
    """The view with every string, and every wording of its `Lines`, shown as written
    (`printable`)."""
    texts: dict[str, Any] = {}
    for field in fields(view):
        value = getattr(view, field.name)
        if isinstance(value, str):
            texts[field.name] = printable(value)
        elif isinstance(value, tuple):
            texts[field.name] = tuple(printable(line) for line in value)
    return replace(view, **texts)
