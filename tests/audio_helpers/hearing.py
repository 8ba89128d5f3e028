"""Listening to the voice in tests: the engines it needs, and an offline recogniser.

`recognise` runs pocketsphinx (its US English model ships in its wheel) with a JSGF grammar
of only the words that may be said, on captured audio resampled to 16 kHz mono: restricted
to the circuit's vocabulary, it hears a natural voice word for word. Missing parts skip the
test, or fail it where real audio is required (`need`, as for the tone tests).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path

import pytest

from audio_helpers.alsa import need
from audio_helpers.analysis import Audio
from hamtimer.voice import Engine, find_engines

RATE = 16_000
"""What the recogniser's model was trained on."""

SPOKEN = {"counter-clockwise": "counterclockwise"}
"""Words the recogniser's dictionary writes otherwise."""


def need_voice_part(available: bool, what: str) -> None:
    """`need`, and a failure in CI too (env CI set) even without HAMTIMER_REQUIRE_AUDIO."""
    if not available and os.environ.get("CI"):
        pytest.fail(f"{what} is missing, and CI must run the voice tests")
    need(available, what)


def need_piper() -> Engine:
    """The natural voice (the `voice` extra); the engine to synthesise with."""
    engines, missing = find_engines("piper")
    need_voice_part(bool(engines), f"the Piper voice ({'; '.join(missing)})")
    return engines[0]


def need_espeak() -> Engine:
    """The system voice on Linux (apt install espeak-ng)."""
    engines, _missing = find_engines("system", platform=sys.platform)
    need_voice_part(bool(engines) and shutil.which("espeak-ng") is not None, "espeak-ng")
    return engines[0]


def need_recogniser() -> None:
    """pocketsphinx (in the `test` extra)."""
    need_voice_part(importlib.util.find_spec("pocketsphinx") is not None, "pocketsphinx")


def resample(audio: Audio, rate: int = RATE) -> array[int]:
    """`audio` at `rate`, by linear interpolation (enough for speech recognition)."""
    source, step = audio.samples, audio.rate / rate
    count = int(len(source) / step)
    out: array[int] = array("h", bytes(2 * count))
    last = len(source) - 1
    for i in range(count):
        position = i * step
        left = int(position)
        right = min(left + 1, last)
        fraction = position - left
        out[i] = round(source[left] * (1 - fraction) + source[right] * fraction)
    return out


def words_of(text: str) -> list[str]:
    """The words of a phrase as the recogniser writes them."""
    found = re.findall(r"[a-z']+(?:-[a-z']+)*", text.lower())
    return [SPOKEN.get(word, word) for word in found]


def recognise(clips: Iterable[Audio], vocabulary: Iterable[str], folder: Path) -> list[str]:
    """The words pocketsphinx hears in `clips` played one after another (with a short
    silence between), allowed only `vocabulary`."""
    from pocketsphinx import Decoder

    allowed = sorted({SPOKEN.get(word, word) for word in vocabulary})
    decoder = Decoder(samprate=RATE)
    known = [word for word in allowed if decoder.lookup_word(word) is not None]
    grammar = folder / "circuit.gram"
    grammar.write_text(
        "#JSGF V1.0;\ngrammar circuit;\npublic <s> = ( " + " | ".join(known) + " )+ ;\n"
    )
    decoder = Decoder(samprate=RATE, jsgf=str(grammar))
    pause: array[int] = array("h", bytes(2 * RATE // 3))
    heard: list[str] = []
    for clip in clips:
        samples = resample(clip)
        if sys.byteorder == "big":
            samples.byteswap()
        decoder.start_utt()
        decoder.process_raw((pause + samples + pause).tobytes(), full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        if hypothesis is not None:
            heard.extend(hypothesis.hypstr.split())
    return heard
