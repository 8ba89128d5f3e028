"""When the coach speaks and by when it must have finished: `lines_for` on the bundled
circuit's events (pure), what is made ahead of time, and the coach with a recording speaker
and real phrase files (the speaker stands in for a sound device only)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from audio_helpers.drive import run_workout

from hamtimer.circuit import Circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind
from hamtimer.history import HistoryStore
from hamtimer.plan import Plan, build_plan
from hamtimer.plan import speech as words
from hamtimer.session import WorkoutSession
from hamtimer.voice import HEADS_UP, Synthesizer, VoiceCoach, lines_for, plan_lines
from hamtimer.workout import Workout

GET_READY, JUMPS, REST, HOLD, SWITCH, HALO_CW, HALO_CCW = 0, 1, 2, 13, 14, 17, 18


@pytest.fixture(scope="module")
def plan(hamstring: Circuit) -> Plan:
    return build_plan(hamstring, hands_free=True)


def event(kind: EventKind, index: int, due: float = 100.0, count: int | None = None) -> Event:
    return Event(kind, due, index, count=count)


def test_a_rest_speaks_as_it_starts_and_ends_before_the_heads_up(plan: Plan) -> None:
    lines = lines_for(event(EventKind.STEP_STARTED, REST), plan)
    assert lines is not None
    assert lines.candidates == (
        "Rest thirty seconds. Next: left leg forward.",
        "Rest thirty seconds.",
    )
    assert lines.latest == 100.0 + 30 - HEADS_UP


def test_a_short_pause_ends_before_its_countdown(plan: Plan) -> None:
    lines = lines_for(event(EventKind.SWITCH_SIDES, SWITCH), plan)
    assert lines is not None and lines.latest == 100.0 + 10 - 3
    assert lines_for(event(EventKind.STEP_STARTED, SWITCH), plan) is None  # said at its tone
    ready = lines_for(event(EventKind.STEP_STARTED, GET_READY), plan)
    assert ready is not None and ready.latest == 107.0


def test_paced_work_speaks_at_go_and_ends_before_the_second_rep(plan: Plan) -> None:
    assert lines_for(event(EventKind.STEP_STARTED, JUMPS), plan) is None  # GO's tone first
    lines = lines_for(event(EventKind.GO, JUMPS), plan)
    assert lines is not None
    assert lines.candidates == ("Right leg forward. Five split stance jumps.", "Right leg forward.")
    assert lines.latest == 103.0  # the second rep, 3 s (seconds_per_rep) in
    flip = lines_for(event(EventKind.GO, HALO_CCW), plan)
    assert flip is not None and flip.candidates == ("Now counter-clockwise.", "Counter-clockwise.")


@pytest.mark.parametrize(("count", "said"), [(2, "Two."), (5, "Five.")])
def test_reps_are_counted_before_the_next(plan: Plan, count: int, said: str) -> None:
    lines = lines_for(event(EventKind.REP, JUMPS, count=count), plan)
    assert lines is not None and lines.candidates == (said,) and lines.latest == 103.0


def test_the_first_rep_is_not_counted_go_marks_it(plan: Plan) -> None:
    assert lines_for(event(EventKind.REP, JUMPS, count=1), plan) is None


def test_time_left_ends_before_the_countdown(plan: Plan) -> None:
    lines = lines_for(event(EventKind.TIME_LEFT, REST, count=10), plan)
    assert lines is not None and lines.candidates == ("Ten seconds.",) and lines.latest == 107.0


def test_a_hold_says_last_time_and_when_it_is_beaten(plan: Plan) -> None:
    lines = lines_for(event(EventKind.GO, HOLD), plan, targets={HOLD: 41.0})
    assert lines is not None and lines.latest is None
    assert lines.candidates[0] == (
        "Bird dog with wall push. Right leg pushing. Hold until it fades. "
        "Last time: forty-one seconds."
    )
    beaten = lines_for(event(EventKind.TARGET, HOLD, count=41), plan)
    assert beaten is not None and beaten.candidates == ("That beats last time.",)


def test_the_end_says_how_long(plan: Plan) -> None:
    lines = lines_for(event(EventKind.FINISHED, 47), plan, elapsed=1330.0)
    assert lines is not None and lines.candidates == ("Workout done. Twenty-two minutes.",)


def test_phrases_are_made_in_the_order_they_are_needed(plan: Plan) -> None:
    texts = plan_lines(plan, {HOLD: 41.0})
    assert texts[0] == words.announce(plan, GET_READY)
    assert texts.index(words.announce(plan, JUMPS)) < texts.index("Two.")
    assert texts.index("Two.") < texts.index(words.announce(plan, REST))
    assert texts.index("Ten seconds.") < texts.index(words.announce(plan, HOLD))
    assert "That beats last time." in texts
    assert texts[-1] == "Workout done. Twenty-two minutes."
    assert len(texts) == len(set(texts))


class Recorder:
    """A speaker that keeps what it is asked to say (no sound device here)."""

    speaks = True

    def __init__(self) -> None:
        self.asked: list[tuple[list[Path], float | None]] = []
        self.hushed = 0

    def speak(self, candidates: Sequence[tuple[Path, float]], latest: float | None = None) -> Path:
        self.asked.append(([path for path, _ in candidates], latest))
        return candidates[0][0]

    def hush(self) -> None:
        self.hushed += 1


def test_the_coach_says_only_what_is_ready_and_converts_time(plan: Plan, tmp_path: Path) -> None:
    synthesizer = Synthesizer([], root=tmp_path)
    ready_text = words.announce(plan, REST)
    synthesizer._ready[ready_text] = (tmp_path / "rest.wav", 2.5)  # as if made earlier
    speaker = Recorder()
    now = [500.0]
    coach = VoiceCoach(synthesizer, speaker, speed=2.0, monotonic=lambda: now[0])
    clock = FakeClock(100.0)
    workout = Workout(plan, clock)
    coach.hear(event(EventKind.GO, JUMPS), workout)  # not ready: silence
    assert speaker.asked == []
    coach.hear(event(EventKind.STEP_STARTED, REST), workout)
    # the boundary is 20 s of workout clock away, at speed 2: 10 s of real time, less margin
    assert speaker.asked == [([tmp_path / "rest.wav"], pytest.approx(500.0 + (20 - 0.25) / 2))]
    assert coach.said == [ready_text]
    coach.toggle()
    assert speaker.hushed == 2  # the rest's start and the toggle
    coach.hear(event(EventKind.STEP_STARTED, REST), workout)
    assert len(speaker.asked) == 1  # off: nothing more


def test_the_bundled_circuit_speaks_every_step_once(plan: Plan, tmp_path: Path) -> None:
    synthesizer = Synthesizer([], root=tmp_path)
    for text in plan_lines(plan):
        synthesizer._ready[text] = (tmp_path / f"{len(synthesizer._ready)}.wav", 0.5)
    coach = VoiceCoach(synthesizer, Recorder())
    clock = FakeClock()
    workout = Workout(plan, clock, heads_up=HEADS_UP)
    workout.subscribe(coach.listener(workout))
    run_workout(plan, coach.listener(workout), clock=clock, tick=0.5)
    starts = [words.announce(plan, i) for i in range(len(plan))]
    assert [text for text in coach.said if text in starts] == starts


def test_last_holds_come_from_the_newest_real_workout(tmp_path: Path) -> None:
    from hamtimer.circuit import open_circuit

    found, circuit = open_circuit(None)
    store = HistoryStore(tmp_path / "data")

    def workout_with(hold: float, speed: float) -> None:
        clock = FakeClock()
        session = WorkoutSession(
            found, circuit, store=store, clock=clock, speed=speed, background=False
        )
        workout = session.start(resume=False, challenge=False)
        workout.start()
        while not workout.state.over:
            clock.advance(0.5)
            workout.update()
            began = workout.records[workout.index].started
            if not workout.plan.steps[workout.index].ends_itself and clock.now() - began >= hold:
                workout.done()

    session = WorkoutSession(found, circuit, store=store, clock=FakeClock(), background=False)
    assert session.last_holds(session.plan_for(False)) == {}
    workout_with(12.0, 1.0)
    workout_with(3.0, 20.0)  # a rehearsal: not last time
    session = WorkoutSession(found, circuit, store=store, clock=FakeClock(), background=False)
    plan = session.plan_for(False)
    holds = session.last_holds(plan)
    assert sorted(holds) == [step.index for step in plan.steps if step.mode == "open"]
    assert set(holds.values()) == {12.0}


@pytest.mark.parametrize(
    ("kind", "hushed"),
    [
        (EventKind.PAUSED, 1),
        (EventKind.ABANDONED, 1),
        (EventKind.STEP_STARTED, 1),
        (EventKind.RESUMED, 0),
        (EventKind.TIME_LEFT, 0),
        (EventKind.REP, 0),
    ],
)
def test_a_pause_a_new_step_or_the_end_hushes_the_voice(
    plan: Plan, tmp_path: Path, kind: EventKind, hushed: int
) -> None:
    speaker = Recorder()
    coach = VoiceCoach(Synthesizer([], root=tmp_path), speaker)
    coach.hear(event(kind, REST, count=2), Workout(plan, FakeClock()))
    assert speaker.hushed == hushed


def test_with_no_engine_no_thread_waits_and_no_phrase_is_ever_ready(tmp_path: Path) -> None:
    """`--sound off` (or no speech engine): the coach still answers `v` and says why it is
    silent, but no synthesis thread runs for phrases that cannot be made."""
    synthesizer = Synthesizer([], root=tmp_path, missing=["no engine here"])
    synthesizer.want(["asked before opening"])
    before = {thread.name for thread in threading.enumerate()}
    synthesizer.open()
    synthesizer.want(["Rest", "Go"])
    synthesizer.urgent("Three")
    assert "hamtimer-voice" not in {thread.name for thread in threading.enumerate()} - before
    assert synthesizer.pending() == 0
    for text in ("asked before opening", "Rest", "Go", "Three"):
        assert synthesizer.ready(text) is None
    assert "no engine here" in synthesizer.line()
    synthesizer.close()
