"""The cue sounds: what each one is made of, and pure-Python synthesis into 16-bit WAV bytes.

The runner hears these mid-plank, across a room, without looking, so each cue differs from
the others in at least two ways a tired ear can tell apart: pitch, length, and the number of
beeps (and whether a run of beeps climbs or falls). Each beep is a sine with a quieter second
harmonic (small laptop speakers reproduce 1–3 kHz better than a pure low tone) and short
raised-cosine fades so it starts and stops without a click.

`DESIGNS` is the single source of truth: `sounds/generate.py` writes the shipped WAVs from it,
and the tests check the captured audio against the same numbers. Nothing here reads or
writes files except `write_wavs`; synthesis is deterministic, so regenerating gives
byte-identical files.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

SAMPLE_RATE = 44_100
"""Samples per second of every cue; 44.1 kHz opens on every sound card and server."""

PEAK = 0.8
"""Peak level as a fraction of full scale: loud (about −2 dBFS) with headroom for mixing."""

FADE_SECONDS = 0.005
"""Raised-cosine fade at each end of a beep: long enough to remove the click, short enough
not to blur the start of the beep."""

HARMONIC = 0.3
"""Level of the second harmonic relative to the fundamental."""

PROBE_FILE = "probe.wav"
"""A short silent WAV that the system players are tried with at start: it proves the device
opens without making a sound."""

PROBE_SECONDS = 0.02


class Cue(StrEnum):
    """A sound the runner hears. The value is the file's stem in `sounds/`."""

    COUNTDOWN = "countdown"  # 3, 2, 1 before a rest, switch or timed work ends
    GO = "go"  # work starts
    REST = "rest"  # a pause that is neither a change of leg nor the end of a set: get ready
    SWITCH_SIDES = "switch_sides"  # change of leg/side: a switch step or a rest between sides
    SET_DONE = "set_done"  # a set, round or exercise is over and a rest begins
    REP = "rep"  # a paced rep is due
    REVERSE = "reverse"  # work starts the other way round (a halo turns counter-clockwise)
    TARGET = "target"  # a hold to fatigue passes last time's hold (or the best)
    DONE = "done"  # the workout is finished

    @property
    def filename(self) -> str:
        """The WAV file of this cue, e.g. 'countdown.wav'."""
        return f"{self.value}.wav"


@dataclass(frozen=True, slots=True)
class Beep:
    """One tone: its fundamental in Hz, its length, and the silence after it."""

    frequency: float
    seconds: float
    gap_after: float = 0.0


@dataclass(frozen=True, slots=True)
class Design:
    """A cue's sound as a run of beeps, and why it sounds the way it does."""

    beeps: tuple[Beep, ...]
    why: str

    @property
    def seconds(self) -> float:
        """The whole sound's length, gaps included."""
        return sum(beep.seconds + beep.gap_after for beep in self.beeps)


_GAP = 0.09  # between the beeps of a double or triple: clearly separate, still one cue

DESIGNS: dict[Cue, Design] = {
    Cue.COUNTDOWN: Design(
        (Beep(880.0, 0.15),),
        "one short A5 beep, the same for 3, 2 and 1: a steady pulse to count along with",
    ),
    Cue.GO: Design(
        (Beep(1318.5, 0.5),),
        "one long E6, higher and three times longer than the countdown: the count resolves",
    ),
    Cue.REST: Design(
        (Beep(587.3, 0.35),),
        "one calm low D5: the timer has started, get into position",
    ),
    Cue.SWITCH_SIDES: Design(
        (Beep(1046.5, 0.15, _GAP), Beep(1046.5, 0.15)),
        "two quick C6 beeps: same exercise, other side",
    ),
    Cue.SET_DONE: Design(
        (Beep(987.8, 0.15, _GAP), Beep(784.0, 0.15, _GAP), Beep(659.3, 0.2)),
        "three falling beeps (B5, G5, E5): this set is over, rest",
    ),
    Cue.REP: Design(
        (Beep(1760.0, 0.08),),
        "a very short high A6 tick: keeps the tempo without covering the count",
    ),
    Cue.REVERSE: Design(
        (Beep(1568.0, 0.15, _GAP), Beep(1174.7, 0.3)),
        "a high G6 then a long lower D6, in place of go: the same work, the other way round",
    ),
    Cue.TARGET: Design(
        (
            Beep(1046.5, 0.15, _GAP),
            Beep(1318.5, 0.15, _GAP),
            Beep(1568.0, 0.15, _GAP),
            Beep(2093.0, 0.3),
        ),
        "four quick rising beeps (C6, E6, G6, C7), the only cue of four: you held longer than "
        "last time",
    ),
    Cue.DONE: Design(
        (Beep(784.0, 0.15, _GAP), Beep(987.8, 0.15, _GAP), Beep(1318.5, 0.6)),
        "three rising beeps ending long (G5, B5, E6): the workout is done",
    ),
}


def _shape_peak() -> float:
    """The largest value of sin x + HARMONIC·sin 2x over a period, to scale beeps to `PEAK`."""
    points = 20_000
    return max(
        abs(math.sin(x) + HARMONIC * math.sin(2.0 * x))
        for x in (2.0 * math.pi * i / points for i in range(points))
    )


_SCALE = PEAK / _shape_peak()


def _beep_samples(beep: Beep, rate: int) -> list[float]:
    count = round(beep.seconds * rate)
    fade = max(1, round(FADE_SECONDS * rate))
    scale = _SCALE
    step = 2.0 * math.pi * beep.frequency / rate
    out: list[float] = []
    for n in range(count):
        value = math.sin(step * n) + HARMONIC * math.sin(2.0 * step * n)
        if n < fade:
            value *= 0.5 - 0.5 * math.cos(math.pi * n / fade)
        elif n >= count - fade:
            value *= 0.5 - 0.5 * math.cos(math.pi * (count - 1 - n) / fade)
        out.append(value * scale)
    out.extend([0.0] * round(beep.gap_after * rate))
    return out


def render(design: Design, rate: int = SAMPLE_RATE) -> array[int]:
    """The design as signed 16-bit mono samples."""
    samples: array[int] = array("h")
    for beep in design.beeps:
        samples.extend(round(value * 32767) for value in _beep_samples(beep, rate))
    return samples


def wav_bytes(samples: array[int], rate: int = SAMPLE_RATE) -> bytes:
    """A complete mono 16-bit WAV file holding `samples` (little-endian, as WAV requires)."""
    data = array("h", samples)
    if data.itemsize != 2:  # pragma: no cover - every supported platform has 16-bit shorts
        raise RuntimeError("array('h') is not 16-bit here")
    if sys.byteorder == "big":  # pragma: no cover - no big-endian CI
        data.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data.tobytes())
    return buffer.getvalue()


def cue_wav(cue: Cue) -> bytes:
    """The WAV file contents of one cue, rendered from its design."""
    return wav_bytes(render(DESIGNS[cue]))


def probe_wav() -> bytes:
    """A short silent WAV for trying a player without making a sound."""
    return wav_bytes(array("h", bytes(2 * round(PROBE_SECONDS * SAMPLE_RATE))))


def all_files() -> dict[str, bytes]:
    """Every file `sounds/` ships, by name: one WAV per cue and the silent probe."""
    files = {cue.filename: cue_wav(cue) for cue in Cue}
    files[PROBE_FILE] = probe_wav()
    return files


def write_wavs(folder: Path) -> list[Path]:
    """Write every sound file into `folder` (created if needed); return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in all_files().items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written
