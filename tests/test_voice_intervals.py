"""What the sounds and the voice do in EMOM, AMRAP and intervals blocks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from hamtimer.circuit import parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind
from hamtimer.plan import Plan, build_plan
from hamtimer.plan import speech as words
from hamtimer.sound import Cue, cue_for
from hamtimer.voice import HEADS_UP, Synthesizer, VoiceCoach, lines_for, plan_lines
from hamtimer.voice.coach import MARGIN
from hamtimer.workout import Workout
from tests.interval_circuits import AMRAP, EMOM


def plan_of(text: str) -> Plan:
    return build_plan(parse_circuit(text))


@pytest.mark.parametrize(
    ("kind", "index", "cue"),
    [
        (EventKind.ROUND, 1, Cue.REP),
        (EventKind.ROUND_TAKEN_BACK, 1, None),
        (EventKind.STEP_STARTED, 2, Cue.SET_DONE),  # the rest of the minute: set done
        (EventKind.GO, 3, Cue.GO),
        (EventKind.COUNTDOWN, 2, Cue.COUNTDOWN),
    ],
)
def test_the_cues_of_an_interval_block(kind: EventKind, index: int, cue: Cue | None) -> None:
    plan = plan_of(AMRAP if kind in (EventKind.ROUND, EventKind.ROUND_TAKEN_BACK) else EMOM)
    assert cue_for(Event(kind, 10.0, index, count=1), plan) is cue


def test_a_counted_round_is_said_and_a_taken_back_one_is_not() -> None:
    plan = plan_of(AMRAP)
    said = lines_for(Event(EventKind.ROUND, 10.0, 1, count=4), plan)
    assert said is not None and said.candidates == ("Round four done.",)
    assert lines_for(Event(EventKind.ROUND_TAKEN_BACK, 10.0, 1, count=3), plan) is None


def test_the_phrases_of_an_amrap_and_an_emom_are_made_ahead() -> None:
    amrap = plan_lines(plan_of(AMRAP))
    assert "Five minutes. As many rounds as you can in five minutes." in amrap
    assert [text for text in amrap if text.startswith("Round ")] == [
        words.round_done(n) for n in range(1, words.ROUNDS_AHEAD + 1)
    ]
    emom = plan_lines(plan_of(EMOM))
    assert "Minute ten of ten. Ten burpees." in emom
    assert words.time_left(HEADS_UP) in emom, "a minute's rest may run long enough for it"


class Recorder:
    """A speaker that keeps what it is asked to say, and by when (no sound device here)."""

    speaks = True

    def __init__(self) -> None:
        self.asked: list[tuple[list[Path], float | None]] = []

    def speak(self, candidates: Sequence[tuple[Path, float]], latest: float | None = None) -> Path:
        self.asked.append(([path for path, _ in candidates], latest))
        return candidates[0][0]

    def hush(self) -> None:
        """Nothing is sounding."""


@pytest.mark.parametrize(("enter", "room"), [(25.0, 25.0), (45.0, 12.0)])
def test_an_emom_rest_phrase_fits_the_rest_the_work_left(
    tmp_path: Path, enter: float, room: float
) -> None:
    """Enter at 25 s leaves 35 s of rest: the phrase ends by the heads-up, 10 s before the
    boundary (the plan's 30 s would have allowed 20); at 45 s, 15 s: by the countdown."""
    plan = plan_of(EMOM)
    synthesizer = Synthesizer([], root=tmp_path)
    rest = words.announce(plan, 2)
    assert rest == "Rest. Next: minute two, burpee."
    synthesizer._ready[rest] = (tmp_path / "rest.wav", 1.5)  # as if made earlier
    speaker = Recorder()
    coach = VoiceCoach(synthesizer, speaker, monotonic=lambda: 500.0)
    clock = FakeClock(100.0)
    workout = Workout(plan, clock, heads_up=HEADS_UP)
    workout.subscribe(coach.listener(workout))
    workout.start()
    clock.advance(5 + enter)
    workout.done()
    assert coach.said == [rest]
    assert speaker.asked == [([tmp_path / "rest.wav"], pytest.approx(500.0 + room - MARGIN))]
