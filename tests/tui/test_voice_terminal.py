"""The real command, hands-free with its voice, in tmux at rehearsal speed: from Enter on
the start screen to the summary with one key per hold and none otherwise, the sound played
into ALSA's capture plugin and every phrase heard one of the workout's synthesised phrases.

Needs tmux, simpleaudio and the Piper voice: skipped without them, failed without them when
HAMTIMER_REQUIRE_AUDIO or CI is set. About a minute.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from audio_helpers.alsa import CAPTURE_VAR, capture_config, need, need_simpleaudio
from audio_helpers.analysis import read_wav
from audio_helpers.hearing import need_piper

pytestmark = pytest.mark.audio

SPEED = 20

SOCKET = f"hamtimer-test-voice-{uuid.uuid4().hex[:8]}"
"""A private tmux server, so nothing else on the machine can end this session."""


def tmux(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *arguments], capture_output=True, text=True)


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session).stdout


def wait_for(session: str, text: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared; screen:\n{screen(session)}")


def test_the_bundled_circuit_hands_free_with_a_voice(tmp_path: Path) -> None:
    need(shutil.which("tmux") is not None or not os.environ.get("CI"), "tmux")
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    need_simpleaudio()
    need_piper()
    config = tmp_path / "asound.conf"
    config.write_text(capture_config())
    captured = tmp_path / "captured" / "sound.wav"
    captured.parent.mkdir()
    cache = tmp_path / "cache"
    session = f"hamtimer-voice-{uuid.uuid4().hex[:8]}"
    command = (
        f"env TERM=xterm-256color ALSA_CONFIG_PATH={config} {CAPTURE_VAR}={captured} "
        f"HAMTIMER_CACHE_DIR={cache} HAMTIMER_DATA_DIR={tmp_path / 'data'} "
        f"HAMTIMER_CONFIG_DIR={tmp_path / 'config'} "
        f"{sys.executable} -m hamtimer --hands-free --speed {SPEED}; sleep 60"
    )
    assert tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command).returncode == 0
    keys: list[str] = []
    try:
        start = wait_for(session, "voice: Joe (Piper, natural)", 60)
        assert "sound: simpleaudio" in start
        assert "hands-free: reps are paced and counted" in start
        tmux("send-keys", "-t", session, "Enter")
        keys.append("Enter")
        ended = time.monotonic() + 150
        pressed: set[str] = set()
        while time.monotonic() < ended:
            shown = screen(session)
            if "Workout finished!" in shown:
                break
            step = re.search(r"step (\d+) of 48", shown)
            holding = "HOLD · " in shown  # the headline of a hold, not "next: … HOLD"
            if step and holding and step.group(1) not in pressed:
                time.sleep(2 / SPEED)  # two seconds of workout time held
                again = screen(session)  # a capture mid-paint can mix two frames
                if f"step {step.group(1)} of 48" not in again or "HOLD · " not in again:
                    continue
                tmux("send-keys", "-t", session, "x")
                keys.append(f"x at step {step.group(1)}")
                pressed.add(step.group(1))
            time.sleep(0.05)
        summary = wait_for(session, "Workout finished!", 5)
    finally:
        tmux("kill-server")
    assert "Steps done 48 of 48 · skipped 0" in " ".join(summary.split())
    assert keys == ["Enter"] + [f"x at step {n}" for n in (14, 16, 26, 28, 38, 40)]
    made = {read_wav(path).samples[:2000].tobytes() for path in cache.rglob("*.wav")}
    streams = sorted(captured.parent.iterdir())
    phrases = [read_wav(path) for path in streams if read_wav(path).rate == 22_050]
    assert len(phrases) >= 2  # at ×20 only the long rests leave room for a phrase
    assert all(phrase.samples[:2000].tobytes() in made for phrase in phrases)
