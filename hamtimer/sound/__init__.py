"""Audio cues: hear every transition of the workout without looking at the screen.

`open_sound(mode)` gives a `SoundPlayer` on the best backend that works here (simpleaudio in a
player process, a system player, the terminal bell, or silence); subscribe
`player.listener(plan, clock)` to the workout and every event with a cue (`cue_for`) is heard.
Nothing here imports a UI toolkit, and nothing here can stop a workout: with no device, no
simpleaudio, or a sound system that fails halfway, the timer runs on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.lazy import lazy_names

if TYPE_CHECKING:
    from hamtimer.sound.backends import (
        MODES,
        Backend,
        BackendFailedError,
        BackendUnavailableError,
        Played,
        simpleaudio_distribution,
        simpleaudio_problem,
        simpleaudio_verdict,
    )
    from hamtimer.sound.cues import cue_for, flips_direction
    from hamtimer.sound.opening import open_sound, sounds_dir
    from hamtimer.sound.player import SoundPlayer
    from hamtimer.sound.tones import DESIGNS, Cue
    from hamtimer.sound.worker import silence_alsa_errors

# Each name loads with its module when first asked for: `--sound off` needs only the player.
__getattr__ = lazy_names(
    __name__,
    {
        **dict.fromkeys(
            (
                "MODES",
                "Backend",
                "BackendFailedError",
                "BackendUnavailableError",
                "Played",
                "simpleaudio_distribution",
                "simpleaudio_problem",
                "simpleaudio_verdict",
            ),
            "hamtimer.sound.backends",
        ),
        **dict.fromkeys(("cue_for", "flips_direction"), "hamtimer.sound.cues"),
        **dict.fromkeys(("open_sound", "sounds_dir"), "hamtimer.sound.opening"),
        "SoundPlayer": "hamtimer.sound.player",
        **dict.fromkeys(("DESIGNS", "Cue"), "hamtimer.sound.tones"),
        "silence_alsa_errors": "hamtimer.sound.worker",
    },
)

__all__ = [
    "DESIGNS",
    "MODES",
    "Backend",
    "BackendFailedError",
    "BackendUnavailableError",
    "Cue",
    "Played",
    "SoundPlayer",
    "cue_for",
    "flips_direction",
    "open_sound",
    "silence_alsa_errors",
    "simpleaudio_distribution",
    "simpleaudio_problem",
    "simpleaudio_verdict",
    "sounds_dir",
]
