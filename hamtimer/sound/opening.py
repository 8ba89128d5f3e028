"""Opening the sound: the bundled cue sounds, and the player for a mode with its chain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hamtimer.folders import bundled_dir
from hamtimer.sound.backends import PlayedHook, chain
from hamtimer.sound.player import Notice, SoundPlayer


def sounds_dir() -> Path:
    """The folder of cue WAVs: `hamtimer/sounds` when installed, the repo's `sounds/` in a
    checkout (editable installs included), where the wheel build copies it from."""
    return bundled_dir("sounds")


def open_sound(
    mode: str = "auto",
    *,
    notice: Notice | None = None,
    bell: Callable[[], None] | None = None,
    on_played: PlayedHook | None = None,
    folder: Path | None = None,
    probe_timeout: float = 3.0,
    answer_timeout: float = 2.0,
) -> SoundPlayer:
    """Open the best sound backend for `mode` ('auto', 'simpleaudio', 'system', 'bell', 'off').

    Blocks only while backends are tried: normally ~0.1 s (starting the simpleaudio player
    process), at most `probe_timeout` per backend when a sound server hangs. `bell` rings the
    terminal bell without garbling a full-screen UI (Textual: `app.bell`); `notice` receives the
    one-line reports of mid-workout fallbacks; `on_played` sees every cue that reached a
    device (from a background thread). Raises ValueError for an unknown mode, nothing else.
    """
    backends = chain(mode, folder or sounds_dir(), bell=bell, answer_timeout=answer_timeout)
    return SoundPlayer(backends, notice=notice, on_played=on_played, probe_timeout=probe_timeout)
