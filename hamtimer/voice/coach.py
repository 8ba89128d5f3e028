"""The voice coach: one more listener of the workout, saying what each moment asks for.

`lines_for(event, plan, ...)` decides, purely, what is said at an engine event and by when it
must have been said (the boundary it announces): the words come from `hamtimer.plan.speech`,
so any circuit speaks correctly. `VoiceCoach.listener` turns that into playback: it takes the
longest candidate that is ready (synthesised ahead of time by `hamtimer.voice.synth`) and
hands it to the speaker (the sound player), which places it after the tones in flight and
drops it if it would run over. A phrase that is not ready is skipped: the workout and its
tones never wait for the voice.

When things are said:
- a rest, switch or get-ready: as it starts (after its tone), with what comes next; a work
  step: at its GO (or SWITCH_SIDES), after the tone. Before the first countdown beep, the
  heads-up or (paced reps) the second rep, or else the brief form, or nothing.
- TIME_LEFT (a heads-up before a long rest ends): "Ten seconds.", before the countdown.
- REP from 2 on: the count, before the next rep.
- TEMPO (a phase of a paced rep with a tempo such as "3-1-1-0"): the phase's word ("Hold.",
  "Up."), before the next phase starts; not the first phase, which the count already marks.
- a hold: its start phrase with last time's hold, if there is one; TARGET: "That beats last
  time." when it passes last time's, "A new best." when it passes the best ever.
- ROUND (an AMRAP round counted): "Round four done."
- FINISHED: the length of the workout (made then, and said when ready).
- PAUSED, ABANDONED, a new step: what is still waiting or sounding is hushed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Protocol

from hamtimer.events import Event, EventKind
from hamtimer.plan import Plan, Step, StepKind, WorkMode
from hamtimer.plan import speech as words
from hamtimer.voice.synth import Synthesizer
from hamtimer.workout import COUNTDOWN_FROM, Workout, is_paced

HEADS_UP = 10.0
"""Seconds before the end of a long rest at which "ten seconds" is said."""

MARGIN = 0.25
"""Seconds of quiet kept before the boundary a phrase announces."""

FINISH_WAIT = 20.0
"""Seconds after the end within which the end phrase, made then, is still said."""


class Speaker(Protocol):
    """What the coach needs of the sound layer (`hamtimer.sound.SoundPlayer`)."""

    @property
    def speaks(self) -> bool:
        """True when phrases can be played."""
        ...

    def speak(
        self, candidates: Sequence[tuple[Path, float]], latest: float | None = None
    ) -> Path | None:
        """Say the first candidate that ends by `latest` (monotonic), after the tones; the
        file placed, or None."""
        ...

    def hush(self) -> None:
        """Drop waiting phrases and stop the one sounding."""


@dataclass(frozen=True, slots=True)
class Lines:
    """What to say at an event: candidates longest first, and the clock reading by which
    the phrase must have ended (None: no limit)."""

    candidates: tuple[str, ...]
    latest: float | None = None


def _boundary(
    step: Step, start: float, heads_up: float | None, length: float | None = None
) -> float | None:
    """The first cue after a step's start that its start phrase must not run over; `length`
    is the step's own length when the engine knows it better than the plan (an EMOM
    interval's rest lasts what the work left of it)."""
    seconds = step.seconds if length is None else length
    if seconds is None:
        return None
    if is_paced(step):
        if step.tempo_phases or (step.reps or 0) > 1:
            return start + _first_beat(step)  # the next phase, or the next rep
        return start + seconds
    end = start + seconds - COUNTDOWN_FROM
    if heads_up is not None and seconds > 2 * heads_up:
        end = min(end, start + seconds - heads_up)
    return end


def _first_beat(step: Step) -> float:
    """Seconds from a paced rep's start to its next cue: the end of its first phase (with
    tempo phases), else the next rep."""
    return next((end for end in accumulate(step.tempo_phases) if end > 0), step.tempo or 0.0)


def start_lines(plan: Plan, index: int, *, last: float | None = None) -> tuple[str, ...]:
    """The start phrase of step `index`, longest first (with last time's hold, if any)."""
    full, short = words.announce(plan, index), words.brief(plan, index)
    if last is not None and plan.steps[index].mode is WorkMode.OPEN:
        return tuple(dict.fromkeys((f"{full} {words.last_time(last)}", full, short)))
    return tuple(dict.fromkeys((full, short)))


def lines_for(
    event: Event,
    plan: Plan,
    *,
    targets: Mapping[int, float] | None = None,
    heads_up: float | None = HEADS_UP,
    elapsed: float = 0.0,
    length: float | None = None,
) -> Lines | None:
    """What the coach says at `event`, and by when; None for silence. Pure. `length` is the
    step's length from its start as the engine has it (else the plan's)."""
    if not 0 <= event.step_index < len(plan.steps):
        return None
    step = plan.steps[event.step_index]
    kind = event.kind
    speaks_at_start = (
        (kind is EventKind.STEP_STARTED and step.kind in (StepKind.REST, StepKind.GET_READY))
        or (kind is EventKind.GO and step.kind is StepKind.WORK)
        or (kind is EventKind.SWITCH_SIDES and step.kind is StepKind.SWITCH_SIDES)
    )
    latest: float | None
    if speaks_at_start:
        last = (targets or {}).get(event.step_index)
        latest = _boundary(step, event.due, heads_up, length)
        return Lines(start_lines(plan, event.step_index, last=last), latest)
    if kind is EventKind.REP and (event.count or 0) > 1 and step.tempo:
        return Lines((words.count(event.count or 0),), event.due + _first_beat(step))
    if kind is EventKind.TEMPO and (event.count or 0) > 1 and step.tempo_phases:
        phase_seconds = step.tempo_phases[(event.count or 1) - 1]
        return Lines((words.phase(event.count or 1),), event.due + phase_seconds)
    if kind is EventKind.TIME_LEFT and event.count:
        return Lines((words.time_left(event.count),), event.due + event.count - COUNTDOWN_FROM)
    if kind is EventKind.TARGET:
        last = (targets or {}).get(event.step_index)
        beyond = last is not None and (event.count or 0) > round(last)
        return Lines((words.new_best() if beyond else words.beat_last_time(),))
    if kind is EventKind.ROUND and event.count:
        return Lines((words.round_done(event.count),))
    if kind is EventKind.FINISHED:
        return Lines((words.finished(elapsed),))
    return None


def plan_lines(plan: Plan, targets: Mapping[int, float] | None = None) -> list[str]:
    """Every phrase the workout of `plan` may say, in the order it first needs them."""
    texts: list[str] = []
    targets = targets or {}
    for index, step in enumerate(plan.steps):
        texts.extend(start_lines(plan, index, last=targets.get(index)))
        longest = step.every if step.every is not None else step.seconds
        if longest is not None and longest > 2 * HEADS_UP and not is_paced(step):
            texts.append(words.time_left(HEADS_UP))
        if step.mode is WorkMode.AMRAP:
            texts.extend(words.round_done(n) for n in range(1, words.ROUNDS_AHEAD + 1))
        if is_paced(step):
            texts.extend(words.count(n) for n in range(2, (step.reps or 0) + 1))
            texts.extend(
                words.phase(number)
                for number, length in enumerate(step.tempo_phases, start=1)
                if number > 1 and length > 0
            )
        if index in targets:
            texts.extend((words.beat_last_time(), words.new_best()))
    texts.append(words.finished(plan.estimated_seconds))
    return list(dict.fromkeys(texts))


class VoiceCoach:
    """Speaks the workout through a `Speaker`, with phrases from a `Synthesizer`.

    `speed` is how fast the workout's clock runs against real time (a rehearsal runs 20
    times faster), so that a boundary on the workout's clock becomes a real moment.
    """

    def __init__(
        self,
        synthesizer: Synthesizer,
        speaker: Speaker,
        *,
        speed: float = 1.0,
        enabled: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.synthesizer = synthesizer
        self.speaker = speaker
        self.speed = speed
        self.enabled = enabled
        """False while the runner has the voice off (`v`)."""
        self.said: list[str] = []
        """Every phrase handed to the speaker, in order."""
        self.targets: dict[int, float] = {}
        self._monotonic = monotonic
        self._finish: tuple[str, float] | None = None

    def line(self) -> str:
        """The start screen's line: the voice in use, off, or why tones only."""
        if self.speaker.speaks:
            text = self.synthesizer.line()
        else:
            text = "voice: none (the sound in use cannot play speech)"
        return text if self.enabled else f"{text} · off (v)"

    def toggle(self) -> None:
        """The `v` key: voice off or on; turning it off hushes it at once."""
        self.enabled = not self.enabled
        if not self.enabled:
            self.speaker.hush()

    def prepare(self, plan: Plan, targets: Mapping[int, float] | None = None) -> None:
        """Make every phrase of `plan` ahead of time, in order of need."""
        self.targets = dict(targets or {})
        self.synthesizer.want(plan_lines(plan, self.targets))

    def listener(self, workout: Workout) -> Callable[[Event], None]:
        """A function to `Workout.subscribe` (after the sound's own listener)."""

        def listen(event: Event) -> None:
            self.hear(event, workout)

        return listen

    def hear(self, event: Event, workout: Workout) -> None:
        """Say what `event` asks for, if the voice is on and the phrase is ready."""
        if event.kind in (EventKind.PAUSED, EventKind.ABANDONED, EventKind.STEP_STARTED):
            self.speaker.hush()
        if not self.enabled:
            return
        snapshot = workout.snapshot()
        elapsed = snapshot.workout_elapsed if event.kind is EventKind.FINISHED else 0
        length = None
        if snapshot.index == event.step_index and snapshot.step_remaining is not None:
            length = snapshot.step_remaining + max(snapshot.now - event.due, 0.0)
        lines = lines_for(event, workout.plan, targets=self.targets, elapsed=elapsed, length=length)
        if lines is None:
            return
        clock_now = workout.clock.now()
        latest = None
        if lines.latest is not None:
            latest = self._monotonic() + (lines.latest - MARGIN - clock_now) / self.speed
        ready = {
            found[0]: (text, found)
            for text in lines.candidates
            if (found := self.synthesizer.ready(text)) is not None
        }
        if not ready:
            if event.kind is EventKind.FINISHED:  # made now, said when ready
                self._finish = (lines.candidates[0], self._monotonic() + FINISH_WAIT)
                self.synthesizer.urgent(lines.candidates[0])
            return
        chosen = self.speaker.speak([found for _, found in ready.values()], latest)
        if chosen is not None:
            self.said.append(ready[chosen][0])

    def close(self) -> None:
        """End the synthesis process."""
        self.synthesizer.close()

    def phrase_ready(self, text: str) -> None:
        """The synthesizer made `text` (any thread): say the end phrase if it was waiting."""
        waiting = self._finish
        if waiting is None or waiting[0] != text or self._monotonic() > waiting[1]:
            return
        self._finish = None
        found = self.synthesizer.ready(text)
        if found is not None and self.enabled and self.speaker.speak([found]) is not None:
            self.said.append(text)
