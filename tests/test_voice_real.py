"""The voice for real: Piper synthesising into the cache, phrases played through ALSA into
captured files, and an offline recogniser hearing the sides, directions and rests in order.

Phrases are synthesised once per test session into a shared cache (a few seconds of Piper).
These run in CI with HAMTIMER_REQUIRE_AUDIO=1: a missing Piper, espeak-ng, pocketsphinx,
simpleaudio or aplay fails them there instead of skipping.
"""

from __future__ import annotations

import os
import time
import wave
from collections.abc import Callable
from pathlib import Path

import pytest
from audio_helpers.alsa import (
    Capture,
    capture_fixture,  # noqa: F401 - the `capture` fixture
    need_aplay,
    need_simpleaudio,
)
from audio_helpers.analysis import read_wav, segments
from audio_helpers.drive import plan_of
from audio_helpers.hearing import need_espeak, need_piper, need_recogniser, recognise, words_of

from hamtimer.clock import FakeClock
from hamtimer.events import EventKind
from hamtimer.plan import Plan
from hamtimer.plan import speech as words
from hamtimer.sound import Played, open_sound
from hamtimer.voice import Synthesizer, VoiceCoach, phrase_path, plan_lines, wav_seconds
from hamtimer.workout import Workout, WorkoutState

pytestmark = pytest.mark.audio

HALOS = """
name = "halos heard"
[timing]
get_ready = 0
[[blocks]]
name = "Halos"
sets = 1
[[blocks.exercises]]
name = "Runner's lunge halo"
kind = "stability"
sides = ["right", "left"]
side_label = "leg forward"
rest_between_sides = 14
[[blocks.exercises.prompts]]
reps = 2
direction = "clockwise"
tempo = 6
[[blocks.exercises.prompts]]
reps = 2
direction = "counter-clockwise"
tempo = 6
"""
"""Both sides, each clockwise then counter-clockwise, paced and counted, a rest between."""

KEY_WORDS = {"right", "left", "clockwise", "counterclockwise", "rest"}


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One phrase cache for the whole session: each phrase is synthesised once."""
    return tmp_path_factory.mktemp("phrase-cache")


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def made(synthesizer: Synthesizer, texts: list[str]) -> None:
    synthesizer.want(texts)
    assert wait_for(lambda: all(synthesizer.ready(text) for text in texts)), synthesizer.line()


def test_piper_synthesises_each_phrase_once_into_the_cache(shared_cache: Path) -> None:
    engine = need_piper()
    texts = ["Rest thirty seconds. Next: left leg forward.", "Two."]
    synthesizer = Synthesizer([engine], root=shared_cache)
    synthesizer.open()
    try:
        assert synthesizer.line() == "voice: Joe (Piper, natural)"
        made(synthesizer, texts)
        path, seconds = synthesizer.ready(texts[0]) or (Path(), 0.0)
    finally:
        synthesizer.close()
    assert path == phrase_path(shared_cache, engine, texts[0], 0.8)
    with wave.open(str(path), "rb") as phrase:
        assert (phrase.getnchannels(), phrase.getsampwidth()) == (1, 2)
        assert phrase.getframerate() == 22_050
    assert 1.5 < seconds < 5.0  # a natural pace for nine words, silence trimmed
    assert wav_seconds(path) == pytest.approx(seconds)
    audio = read_wav(path)
    assert max(abs(value) for value in audio.samples) == pytest.approx(0.8 * 32767, abs=2)
    again = Synthesizer([engine], root=shared_cache)
    again.open()
    try:
        made(again, texts)
        assert again.made == []  # both from the cache: nothing synthesised the second time
    finally:
        again.close()


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux's")
def test_the_synthesis_process_and_its_threads_run_only_when_the_cpu_is_idle(
    tmp_path: Path,
) -> None:
    # The neural voice's runtime keeps every core busy while it synthesises; at normal
    # priority it held the timer's wake-ups (and its cues) back by tens of milliseconds.
    synthesizer = Synthesizer([need_piper()], root=tmp_path)
    synthesizer.open()
    try:
        made(synthesizer, ["Rest thirty seconds."])  # the runtime's threads are started
        process = synthesizer._process
        assert process is not None
        threads = [int(task.name) for task in Path(f"/proc/{process.pid}/task").iterdir()]
        policies = {os.sched_getscheduler(thread) for thread in threads}
    finally:
        synthesizer.close()
    assert len(threads) > 1
    assert policies == {os.SCHED_IDLE}
    assert os.sched_getscheduler(0) != os.SCHED_IDLE  # the timer itself is untouched


def test_the_system_voice_takes_over_when_piper_cannot_start(tmp_path: Path) -> None:
    piper, espeak = need_piper(), need_espeak()
    broken = type(piper)(piper.kind, str(tmp_path / "no-such-model.onnx"), piper.label, "x")
    synthesizer = Synthesizer([broken, espeak], root=tmp_path)
    synthesizer.open()
    try:
        assert synthesizer.engine == espeak
        assert "espeak-ng (system voice)" in synthesizer.line()
        assert "pip install 'hamtimer[voice]'" in synthesizer.line()
        assert any("Joe (Piper, natural)" in why for why in synthesizer.skipped)
        made(synthesizer, ["Ten seconds."])
    finally:
        synthesizer.close()


def test_with_no_engine_the_workout_has_tones_only(tmp_path: Path) -> None:
    synthesizer = Synthesizer([], root=tmp_path, missing=["espeak-ng not found"])
    synthesizer.open()
    synthesizer.want(["Two."])
    assert wait_for(lambda: synthesizer.pending() == 0, 5)
    assert synthesizer.ready("Two.") is None
    assert synthesizer.line() == "voice: none, tones only (espeak-ng not found)"
    synthesizer.close()


def run_spoken(plan: Plan, mode: str, cache: Path) -> tuple[VoiceCoach, list[Played]]:
    """Run `plan` on a fake clock with the real sound player and Piper; after each event,
    wait (for real) until every phrase the coach placed has reached the device."""
    played: list[Played] = []
    player = open_sound(mode, on_played=played.append)
    synthesizer = Synthesizer([need_piper()], root=cache)
    synthesizer.open()
    coach = VoiceCoach(synthesizer, player)
    coach.prepare(plan)
    made(synthesizer, plan_lines(plan))
    clock = FakeClock()
    workout = Workout(plan, clock, heads_up=10.0)
    workout.subscribe(player.listener(plan, clock))
    workout.subscribe(coach.listener(workout))

    def spoken() -> int:
        return sum(1 for record in played if record.phrase is not None)

    def all_said() -> bool:
        """Every phrase placed has started and has played out: a fake clock jumps to the
        next step at once, whose start hushes a phrase still sounding (a busy machine may
        not have written its end to the device yet)."""
        if spoken() != len(coach.said) or player.backend.busy():
            return False
        ends = [
            record.started + wav_seconds(record.phrase)
            for record in played
            if record.phrase is not None
        ]
        return time.monotonic() >= max(ends, default=0.0)

    try:
        workout.start()
        while workout.state is not WorkoutState.FINISHED:
            assert wait_for(all_said, 10), coach.said
            due = workout.next_change()
            assert due is not None
            clock.set(due)
            workout.update()
        assert wait_for(all_said, 10)
    finally:
        player.close()
        synthesizer.close()
    return coach, played


@pytest.mark.parametrize("mode", ["simpleaudio", "system"])
def test_the_recogniser_hears_sides_directions_and_rests_in_order(
    mode: str, capture: Capture, shared_cache: Path, tmp_path: Path
) -> None:
    need_recogniser()
    need_simpleaudio() if mode == "simpleaudio" else need_aplay()
    plan = plan_of(HALOS)
    coach, _played = run_spoken(plan, mode, shared_cache)
    expected = [
        "Runner's lunge halo. Right leg forward. Two clockwise.",
        "Two.",
        "Now counter-clockwise.",
        "Two.",
        "Rest fourteen seconds. Next: left leg forward.",
        "Left leg forward. Two clockwise.",
        "Two.",
        "Now counter-clockwise.",
        "Two.",
        words.finished(4 * 12 + 14),
    ]
    assert coach.said == expected[: len(coach.said)]
    assert len(coach.said) >= 9  # the end phrase may be made too late for a fake clock
    phrases = [audio for audio in capture.audio() if audio.rate == 22_050]
    assert len(phrases) == len(coach.said)
    heard = recognise(phrases, words.vocabulary(plan), tmp_path)
    said = [word for text in coach.said for word in words_of(text)]
    assert [w for w in heard if w in KEY_WORDS] == [w for w in said if w in KEY_WORDS]
    assert [w for w in said if w in KEY_WORDS] == [
        "right", "clockwise", "counterclockwise", "rest", "left", "left", "clockwise",
        "counterclockwise",
    ]  # fmt: skip
    tones = [audio for audio in capture.audio() if audio.rate == 44_100]
    assert tones and all(segments(audio) for audio in tones)


def test_a_phrase_never_starts_before_the_tone_it_follows_has_ended(
    capture: Capture, shared_cache: Path
) -> None:
    need_simpleaudio()
    from hamtimer.sound import DESIGNS

    _coach, played = run_spoken(plan_of(HALOS), "simpleaudio", shared_cache)
    for position, record in enumerate(played):
        if record.phrase is None:
            continue
        before = [item for item in played[:position] if item.cue is not None]
        last_tone = before[-1]
        assert last_tone.cue is not None
        assert record.requested >= last_tone.requested  # placed after the tone was asked for
        assert record.started >= last_tone.started + DESIGNS[last_tone.cue].seconds


def test_muted_the_voice_is_silent_too(capture: Capture, shared_cache: Path) -> None:
    need_simpleaudio()
    engine = need_piper()
    synthesizer = Synthesizer([engine], root=shared_cache)
    synthesizer.open()
    with open_sound("simpleaudio") as player:
        made(synthesizer, ["Two."])
        found = synthesizer.ready("Two.")
        assert found is not None
        player.toggle_mute()
        assert player.speak([found]) is None
        player.toggle_mute()
        assert player.speak([found]) == found[0]
    synthesizer.close()
    assert [audio.rate for audio in capture.audio()] == [22_050]


def test_events_without_words_say_nothing() -> None:
    from hamtimer.events import Event
    from hamtimer.voice import lines_for

    plan = plan_of(HALOS)
    for kind in (EventKind.PAUSED, EventKind.RESUMED, EventKind.STEP_ENDED, EventKind.ABANDONED):
        assert lines_for(Event(kind, 0.0, 0), plan) is None


def test_a_synthesis_process_that_dies_gives_way_to_the_next_voice(
    tmp_path: Path, shared_cache: Path
) -> None:
    piper, espeak = need_piper(), need_espeak()
    notices: list[str] = []
    synthesizer = Synthesizer([piper, espeak], root=tmp_path, notice=notices.append)
    synthesizer.open()
    try:
        made(synthesizer, ["Two."])
        assert synthesizer.engine == piper
        process = synthesizer._process
        assert process is not None
        process.kill()  # Piper's process dies mid-workout
        process.wait()
        made(synthesizer, ["Three."])
        assert synthesizer.engine == espeak
        assert notices == [
            "voice: Joe (Piper, natural) stopped; voice: espeak-ng (system voice)"
            " — pip install 'hamtimer[voice]' for a natural one"
        ]
        assert synthesizer.ready("Two.") is not None  # what Piper made is still said
    finally:
        synthesizer.close()
