"""The ways hamtimer can make a sound, best first, and how each one fails.

A backend either opens (and then plays without blocking) or says why it cannot; one that fails
later reports it, and `hamtimer.sound.player.SoundPlayer` moves down the chain that `chain`
builds:

1. `simpleaudio.SimpleaudioBackend` — simpleaudio's quality (overlapping cues mix, about 1 ms
   from request to `play_buffer` returning) but in a player process of its own
   (`hamtimer/sound/worker.py`), started once and fed cue names over a pipe, so that a hung
   sound server or a crash of the C extension costs only a fallback.
2. `system.SystemPlayer` — one process per cue: `aplay`, `paplay`, `pw-play` on Linux, `afplay`
   on macOS (`winsound.WinsoundBackend` on Windows). A player that exits with an error or runs
   far past its sound's length counts as failed.
3. `bell.BellBackend` — the terminal bell: the same ring for every cue, better than nothing.
4. `off.OffBackend` — silence. Always opens; the workout never depends on sound.

Each module's docstring tells how its backend opens and fails; `base` holds what they share:
the `Backend` base class, its two errors and the `Played` record every backend reports.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.lazy import lazy_names
from hamtimer.sound.backends.base import (
    Backend,
    BackendFailedError,
    BackendUnavailableError,
    FailureHook,
    Played,
    PlayedHook,
)
from hamtimer.sound.backends.bell import BellBackend
from hamtimer.sound.backends.off import OffBackend

if TYPE_CHECKING:
    from hamtimer.sound.backends.simpleaudio import (
        SimpleaudioBackend,
        simpleaudio_distribution,
        simpleaudio_problem,
        simpleaudio_verdict,
    )
    from hamtimer.sound.backends.system import SystemPlayer, system_players
    from hamtimer.sound.backends.winsound import WinsoundBackend

# The player backends load when a mode needs them: `--sound off` never imports them.
__getattr__ = lazy_names(
    __name__,
    {
        **dict.fromkeys(
            (
                "SimpleaudioBackend",
                "simpleaudio_distribution",
                "simpleaudio_problem",
                "simpleaudio_verdict",
            ),
            "hamtimer.sound.backends.simpleaudio",
        ),
        **dict.fromkeys(("SystemPlayer", "system_players"), "hamtimer.sound.backends.system"),
        "WinsoundBackend": "hamtimer.sound.backends.winsound",
    },
)

__all__ = [
    "MODES",
    "Backend",
    "BackendFailedError",
    "BackendUnavailableError",
    "BellBackend",
    "FailureHook",
    "OffBackend",
    "Played",
    "PlayedHook",
    "SimpleaudioBackend",
    "SystemPlayer",
    "WinsoundBackend",
    "chain",
    "simpleaudio_distribution",
    "simpleaudio_problem",
    "simpleaudio_verdict",
    "system_players",
]

MODES = ("auto", "simpleaudio", "system", "bell", "off")
"""The values of `--sound`."""


def chain(
    mode: str,
    folder: Path,
    *,
    bell: Callable[[], None] | None = None,
    platform: str = sys.platform,
    answer_timeout: float = 2.0,
) -> list[Backend]:
    """The backends to try for `mode`, best first, always ending with `OffBackend`.

    'auto' tries everything; a forced mode tries only its own kind, then silence.
    """
    if mode not in MODES:
        raise ValueError(f"unknown sound mode {mode!r}; choose one of {', '.join(MODES)}")
    chosen: list[Backend] = []
    if mode in ("auto", "simpleaudio"):
        from hamtimer.sound.backends.simpleaudio import SimpleaudioBackend

        chosen.append(SimpleaudioBackend(folder, answer_timeout=answer_timeout))
    if mode in ("auto", "system"):
        from hamtimer.sound.backends.system import system_players

        chosen.extend(system_players(folder, platform, answer_timeout))
    if mode in ("auto", "bell"):
        chosen.append(BellBackend(bell, forced=mode == "bell"))
    return [*chosen, OffBackend()]
