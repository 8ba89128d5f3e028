"""The voice coach: hear every step in words, offline, without looking at the screen.

`open_voice(mode, speaker)` gives a `VoiceCoach` on the best speech engine that works here
(Piper with the shipped neural voice, the system's voice, or none: tones only), with its
phrases synthesised ahead of time in a process of its own and cached on disk. Subscribe
`coach.listener(workout)` to the workout after the sound's listener. What is said is decided
by `hamtimer.plan.speech`; when, by `lines_for`. Nothing here imports a UI toolkit or the
sound layer: the app hands the sound player in as the `Speaker`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hamtimer.folders import cache_dir
from hamtimer.voice.coach import HEADS_UP, Lines, Speaker, VoiceCoach, lines_for, plan_lines
from hamtimer.voice.engines import VOICE_HINT, Engine, find_engines, phrase_path
from hamtimer.voice.synth import Made, Synthesizer, wav_seconds

__all__ = [
    "HEADS_UP",
    "MODES",
    "VOICE_HINT",
    "Engine",
    "Lines",
    "Made",
    "Speaker",
    "Synthesizer",
    "VoiceCoach",
    "find_engines",
    "lines_for",
    "open_voice",
    "phrase_path",
    "plan_lines",
    "wav_seconds",
]

MODES = ("auto", "piper", "system", "off")
"""The engines `open_voice` may be asked for."""


def open_voice(
    speaker: Speaker,
    *,
    mode: str = "auto",
    enabled: bool = True,
    volume: float = 1.0,
    speed: float = 1.0,
    root: Path | None = None,
    notice: Callable[[str], None] | None = None,
) -> VoiceCoach:
    """A coach on the best engine for `mode`, its synthesis process started (this blocks
    while the engine loads, about a second for Piper: call it off the UI thread).

    `volume` (0–1) sets the voice's peak against the tones'; `enabled=False` starts with the
    voice off (`--voice off`), still ready for `v`.
    """
    engines, missing = find_engines(mode)
    synthesizer = Synthesizer(
        engines,
        root=root or cache_dir(),
        peak=0.8 * max(0.05, min(volume, 1.0)),
        missing=missing,
        notice=notice,
    )
    coach = VoiceCoach(synthesizer, speaker, speed=speed, enabled=enabled)
    synthesizer.on_ready = coach.phrase_ready
    synthesizer.open()
    return coach
