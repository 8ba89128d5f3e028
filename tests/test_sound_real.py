"""Hearing for real: cues played through simpleaudio and aplay into ALSA's `file` plugin,
then found in the captured samples by pitch and length.

These run in CI with HAMTIMER_REQUIRE_AUDIO=1 (a missing simpleaudio or aplay fails them) and
again under `python -X dev`, where the simpleaudio player process also runs in dev mode, so a
C extension touching Python memory without the GIL aborts the test instead of passing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from audio_helpers.alsa import (
    Capture,
    capture_config,
    capture_fixture,  # noqa: F401 - the `capture` fixture
    need_aplay,
    need_simpleaudio,
    no_device_fixture,  # noqa: F401 - the `no_device` fixture
)
from audio_helpers.analysis import segments
from audio_helpers.drive import EVERY_CUE_CIRCUIT, REST_CIRCUIT, plan_of, run_workout

from hamtimer.clock import MonotonicClock
from hamtimer.events import Event
from hamtimer.plan import Plan
from hamtimer.sound import DESIGNS, Cue, Played, cue_for, open_sound, sounds_dir
from hamtimer.sound.backends import SimpleaudioBackend
from hamtimer.workout import Workout, WorkoutState

pytestmark = pytest.mark.audio

DEV = ["-X", "dev"] if sys.flags.dev_mode else []


def wait_for(condition: object, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.01)
    return False


def expected_cues(events: list[Event], plan: Plan) -> list[Cue]:
    return [cue for event in events if (cue := cue_for(event, plan)) is not None]


# --- simpleaudio ---------------------------------------------------------------------------


def test_the_countdown_beep_is_heard_at_its_pitch_and_length(capture: Capture) -> None:
    need_simpleaudio()
    with open_sound("simpleaudio") as player:
        assert player.backend_name == "sound: simpleaudio"
        player.play(Cue.COUNTDOWN)
    (audio,) = capture.audio()
    (beep,) = segments(audio)
    (designed,) = DESIGNS[Cue.COUNTDOWN].beeps
    assert beep.frequency == pytest.approx(designed.frequency, rel=0.03)
    assert beep.seconds == pytest.approx(designed.seconds, abs=0.010)
    assert beep.peak > 0.75 * 32767


def test_every_cue_is_heard_as_designed(capture: Capture) -> None:
    need_simpleaudio()
    with open_sound("simpleaudio") as player:
        for cue in Cue:
            player.play(cue)
    assert capture.cues() == list(Cue)


def test_a_rest_counts_down_3_2_1_then_go(capture: Capture) -> None:
    """A real Workout on a FakeClock: set 1 ends, a 5 s rest, set 2. Heard in order: the
    set-done cue, three countdown beeps, the go cue — told apart by their pitch."""
    need_simpleaudio()
    plan = plan_of(REST_CIRCUIT)
    notices: list[str] = []
    events: list[Event] = []
    with open_sound("auto", notice=notices.append) as player:
        assert player.backend_name == "sound: simpleaudio"

        def listen(event: Event) -> None:
            events.append(event)
            player.handle(event, plan)

        workout = run_workout(plan, listen)
    assert workout.state is WorkoutState.FINISHED
    heard = capture.cues()
    assert heard == [
        Cue.GO,
        Cue.SET_DONE,
        Cue.COUNTDOWN,
        Cue.COUNTDOWN,
        Cue.COUNTDOWN,
        Cue.GO,
        Cue.DONE,
    ]
    assert heard == expected_cues(events, plan)
    assert notices == []


def test_the_default_circuit_records_the_expected_cues(
    capture: Capture, hamstring_plan: Plan
) -> None:
    """The bundled hamstring circuit from start to finish with ALSA pointed at a capture:
    every cue the events call for is captured, in order, and nothing else."""
    need_simpleaudio()
    events: list[Event] = []
    with open_sound("auto") as player:
        listen = player.listener(hamstring_plan)

        def both(event: Event) -> None:
            events.append(event)
            listen(event)

        run_workout(hamstring_plan, both, tick=0.5)
    expected = expected_cues(events, hamstring_plan)
    assert capture.cues() == expected
    counts = Counter(expected)
    assert counts[Cue.SET_DONE] > 0 and counts[Cue.SWITCH_SIDES] > 0 and counts[Cue.DONE] == 1
    assert counts[Cue.COUNTDOWN] == 3 * (counts[Cue.SET_DONE] + counts[Cue.SWITCH_SIDES] + 1)


def test_cues_keep_time_with_the_deadlines(capture: Capture) -> None:
    """Real time: each cue starts within 50 ms of its due time, when the digits change —
    well inside the ~45 ms by which sound may lead and ~125 ms by which it may lag a picture
    before people notice (ITU-R BT.1359). The engine is updated every 5 ms; the app wakes
    exactly at `next_change()` instead (see bench/audio_latency.py for those figures)."""
    need_simpleaudio()
    plan = plan_of(REST_CIRCUIT.replace("get_ready = 0", "get_ready = 3.5"))
    played: list[Played] = []
    due: list[float] = []
    clock = MonotonicClock()
    with open_sound("simpleaudio", on_played=played.append) as player:
        workout = Workout(plan, clock)
        listen = player.listener(plan, clock)

        def record(event: Event) -> None:
            if cue_for(event, plan) is not None:
                due.append(event.due)
            listen(event)

        workout.subscribe(record)
        workout.start()
        give_up = time.monotonic() + 10
        while workout.index == 0 and time.monotonic() < give_up:
            time.sleep(0.005)
            workout.update()
        assert wait_for(lambda: len(played) == len(due))
    # the 3.5 s get-ready: REST at once, COUNTDOWN at 0.5, 1.5 and 2.5 s, then GO at 3.5 s
    assert [record.cue for record in played] == [
        Cue.REST,
        Cue.COUNTDOWN,
        Cue.COUNTDOWN,
        Cue.COUNTDOWN,
        Cue.GO,
    ]
    late = [record.started - moment for record, moment in zip(played, due, strict=True)]
    assert all(0 <= delay < 0.05 for delay in late), late


def test_overlapping_cues_mix_without_a_crash(capture: Capture) -> None:
    """Twelve cues at once: all sound (each its own stream), the player process survives."""
    need_simpleaudio()
    notices: list[str] = []
    burst = [Cue.REP, Cue.GO, Cue.COUNTDOWN, Cue.DONE] * 3
    with open_sound("simpleaudio", notice=notices.append) as player:
        for cue in burst:
            player.play(cue)
        player.play(Cue.SET_DONE)
        player.flush_notices()
        assert player.backend_name == "sound: simpleaudio"
    assert Counter(capture.cues()) == Counter([*burst, Cue.SET_DONE])
    assert notices == []


def test_the_player_process_runs_in_dev_mode_when_the_tests_do(capture: Capture) -> None:
    """So that `python -X dev -m pytest -m audio` checks the C extension, which runs there."""
    need_simpleaudio()
    with open_sound("simpleaudio") as player:
        backend = player.backend
        assert isinstance(backend, SimpleaudioBackend)
        assert backend.dev_mode is bool(sys.flags.dev_mode)


def test_simpleaudio_in_this_process(capture: Capture) -> None:
    """simpleaudio's own threads in the test process itself (under -X dev in CI): play four
    overlapping buffers and wait for them, then check all four were captured."""
    need_simpleaudio()
    import simpleaudio
    from audio_helpers.analysis import read_wav

    audio = read_wav(sounds_dir() / Cue.COUNTDOWN.filename)
    plays = [simpleaudio.play_buffer(audio.samples.tobytes(), 1, 2, audio.rate) for _ in range(4)]
    for play in plays:
        play.wait_done()
    assert capture.cues() == [Cue.COUNTDOWN] * 4


# --- aplay ---------------------------------------------------------------------------------


def test_aplay_plays_every_cue(capture: Capture) -> None:
    need_aplay()
    played: list[Played] = []
    with open_sound("system", on_played=played.append) as player:
        assert player.backend_name == "sound: aplay (system player)"
        for cue in Cue:
            player.play(cue)
    assert [record.cue for record in played] == list(Cue)
    assert Counter(capture.cues()) == Counter(Cue)  # separate processes: order may vary


# --- failure ------------------------------------------------------------------------------


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


def test_with_no_device_the_chain_falls_to_the_bell_and_the_workout_completes(
    no_device: Path,
) -> None:
    bell = Bell()
    notices: list[str] = []
    plan = plan_of(EVERY_CUE_CIRCUIT)
    events: list[Event] = []
    with open_sound("auto", bell=bell, notice=notices.append) as player:
        assert player.backend_name == "sound: terminal bell"
        described = player.describe()
        listen = player.listener(plan)

        def both(event: Event) -> None:
            events.append(event)
            listen(event)

        workout = run_workout(plan, both)
    assert workout.state is WorkoutState.FINISHED and workout.listener_errors == 0
    assert bell.rings == len(expected_cues(events, plan))
    assert notices == []
    assert "simpleaudio: " in described
    if shutil.which("aplay"):
        assert "aplay (system player): could not play (exit code 1; no sound device?)" in described


def test_with_no_device_and_no_bell_the_workout_runs_silent(no_device: Path) -> None:
    with open_sound("auto") as player:
        assert player.backend_name == "sound: off"
        workout = run_workout(plan_of(REST_CIRCUIT), player.listener(plan_of(REST_CIRCUIT)))
    assert workout.state is WorkoutState.FINISHED


def test_off_captures_nothing(capture: Capture) -> None:
    with open_sound("off") as player:
        for cue in Cue:
            player.play(cue)
        run_workout(plan_of(REST_CIRCUIT), player.listener(plan_of(REST_CIRCUIT)))
    assert capture.files() == []


def test_muted_captures_nothing_until_unmuted(capture: Capture) -> None:
    need_simpleaudio()
    with open_sound("simpleaudio") as player:
        player.toggle_mute()
        for cue in Cue:
            player.play(cue)
        run_workout(plan_of(REST_CIRCUIT), player.listener(plan_of(REST_CIRCUIT)))
        assert wait_for(lambda: not player.backend.busy())
        assert capture.audio() == []  # the device was opened once, with silence
        player.toggle_mute()
        player.play(Cue.DONE)
    assert capture.cues() == [Cue.DONE]


def test_alsa_error_messages_never_reach_the_terminal(no_device: Path) -> None:
    """libasound writes `ALSA lib …` straight to fd 2 when a device is missing. Opening the
    sound (auto: simpleaudio, then aplay) with no device prints nothing at all on stderr."""
    need_simpleaudio()
    code = (
        "from hamtimer.sound import open_sound\n"
        "p = open_sound('auto')\nprint(p.describe())\np.close()"
    )
    result = subprocess.run(
        [sys.executable, *DEV, "-c", code], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert "sound: off" in result.stdout and "simpleaudio: " in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("silenced", [False, True])
def test_silence_alsa_errors_stops_libasounds_own_printing(no_device: Path, silenced: bool) -> None:
    """The control shows this configuration does make libasound print; the handler stops it."""
    need_simpleaudio()
    code = (
        "from hamtimer.sound import silence_alsa_errors\n"
        + ("assert silence_alsa_errors()\n" if silenced else "")
        + "import simpleaudio\n"
        "try:\n    simpleaudio.play_buffer(bytes(200), 1, 2, 44100)\n"
        "except Exception as error:\n    print(type(error).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, *DEV, "-c", code], capture_output=True, text=True, timeout=30
    )
    assert result.stdout.strip() == "SimpleaudioError"
    assert ("ALSA lib" in result.stderr) is not silenced


def test_when_the_player_process_dies_aplay_takes_over_with_one_notice(capture: Capture) -> None:
    """simpleaudio's player process is killed mid-workout (as a crash would): one notice, on
    the workout's thread, and every later cue is still heard, through aplay."""
    need_simpleaudio()
    need_aplay()
    plan = plan_of(REST_CIRCUIT)
    notices: list[tuple[str, int]] = []
    played: list[Played] = []
    events: list[Event] = []
    killed: list[int] = []
    with open_sound(
        "auto",
        notice=lambda line: notices.append((line, threading.get_ident())),
        on_played=played.append,
    ) as player:
        listen = player.listener(plan)
        backend = player.backend
        assert isinstance(backend, SimpleaudioBackend) and backend.process is not None

        def both(event: Event) -> None:
            events.append(event)
            listen(event)

        def break_it(workout: Workout) -> None:
            if killed:
                time.sleep(0.02)  # separate aplay processes: keep their order on the capture
            elif workout.index == 1:  # the rest has started and its cue was played
                assert wait_for(lambda: len(played) == 2)
                assert backend.process is not None
                os.kill(backend.process.pid, signal.SIGKILL)
                killed.append(backend.process.pid)
                assert wait_for(lambda: player.backend_name == "sound: aplay (system player)")

        run_workout(plan, both, between=break_it)
        assert wait_for(lambda: len(played) == len(expected_cues(events, plan)))
    assert notices == [
        (
            "sound: simpleaudio failed (the player process ended (killed by signal 9)); "
            "using aplay (system player)",
            threading.get_ident(),
        )
    ]
    assert [record.backend for record in played] == ["simpleaudio"] * 2 + ["aplay"] * 5
    assert capture.cues() == expected_cues(events, plan)


def test_a_hung_sound_server_never_freezes_the_timer(
    tmp_path: Path, capture: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A device open that never returns, for real: the capture file becomes a FIFO nobody
    reads, so libasound blocks opening it — in simpleaudio, while holding the GIL. It blocks
    the player process only: this process keeps time, play() stays instant, the player is
    killed after `answer_timeout`, aplay (hanging the same way) is passed over, and the bell
    takes over with one notice."""
    need_simpleaudio()
    capture.use(capture_config(truncate=True))  # every stream opens the same path
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-pulse-server'}")
    monkeypatch.setenv("PIPEWIRE_REMOTE", str(tmp_path / "no-pipewire-server"))
    bell = Bell()
    notices: list[str] = []
    player = open_sound(
        "auto", bell=bell, notice=notices.append, probe_timeout=0.5, answer_timeout=0.5
    )
    try:
        assert player.backend_name == "sound: simpleaudio"
        capture.base.unlink()
        os.mkfifo(capture.base)
        gaps: list[float] = []
        stop = threading.Event()

        def tick() -> None:
            last = time.monotonic()
            while not stop.wait(0.005):
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        ticker = threading.Thread(target=tick)
        ticker.start()
        slowest = 0.0
        began = time.monotonic()
        while time.monotonic() - began < 2.5:
            moment = time.monotonic()
            player.play(Cue.COUNTDOWN)
            slowest = max(slowest, time.monotonic() - moment)
            time.sleep(0.1)
        stop.set()
        ticker.join()
        assert player.backend_name == "sound: terminal bell"
    finally:
        player.close(0.5)
    # in this process, simpleaudio would have frozen every thread until the FIFO was read
    assert max(gaps) < 0.25, max(gaps)
    assert slowest < 0.05, slowest
    assert bell.rings > 0
    (notice,) = notices
    assert notice.startswith("sound: simpleaudio failed (no answer within 0.5 s")
    assert "aplay (system player): did not finish a silent sound within 0.5 s" in notice or (
        "aplay (system player): not found" in notice
    )
    assert notice.endswith("; using terminal bell")


def test_a_failing_player_never_stops_the_workout(capture: Capture) -> None:
    """A player whose every later play fails: the workout finishes all the same."""
    need_simpleaudio()
    plan = plan_of(EVERY_CUE_CIRCUIT)
    notices: list[str] = []
    with open_sound("simpleaudio", notice=notices.append) as player:
        backend = player.backend
        assert isinstance(backend, SimpleaudioBackend) and backend.process is not None
        os.kill(backend.process.pid, signal.SIGKILL)
        workout = run_workout(plan, player.listener(plan))
        # forced simpleaudio: nothing below it but silence
        assert wait_for(lambda: player.backend_name == "sound: off")
        player.flush_notices()
    assert workout.state is WorkoutState.FINISHED and workout.listener_errors == 0
    assert len(notices) == 1 and notices[0].endswith("; using off")
