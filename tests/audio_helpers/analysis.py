"""Finding beeps in captured audio: where the loud parts are, how long, at what pitch.

Pure Python on purpose (no numpy in the test dependencies). Captures are a few seconds
at 44.1 kHz, so a plain loop is fast enough.
"""

from __future__ import annotations

import math
import struct
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Audio:
    """Mono 16-bit samples and their rate."""

    samples: array[int]
    rate: int

    @property
    def seconds(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.rate


@dataclass(frozen=True)
class Segment:
    """One loud stretch: where it starts and ends (seconds) and its pitch (Hz)."""

    start: float
    end: float
    frequency: float
    peak: int

    @property
    def seconds(self) -> float:
        """Its length."""
        return self.end - self.start


def read_wav(path: Path) -> Audio:
    """Read a 16-bit PCM WAV, mixing channels to mono.

    Tolerates the headers ALSA's `file` plugin leaves when a stream is cut short (chunk sizes
    of 0 or larger than the file): the data chunk then runs to the end of the file.
    """
    raw = path.read_bytes()
    if len(raw) < 12 or raw[:4] != b"RIFF" or raw[8:12] != b"WAVE":
        raise ValueError(f"{path}: not a WAV file")
    position, channels, rate, bits = 12, 1, 44_100, 16
    data = b""
    while position + 8 <= len(raw):
        chunk, size = raw[position : position + 4], struct.unpack_from("<I", raw, position + 4)[0]
        body = position + 8
        if chunk == b"fmt ":
            _, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", raw, body)
        elif chunk == b"data":
            end = body + size if 0 < size <= len(raw) - body else len(raw)
            data = raw[body:end]
            break
        position = body + size + (size & 1)
    if bits != 16:
        raise ValueError(f"{path}: {bits}-bit samples, expected 16")
    frames: array[int] = array("h")
    frames.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        frames.byteswap()
    if channels > 1:
        frames = array(
            "h",
            (
                sum(frames[i : i + channels]) // channels
                for i in range(0, len(frames) - channels + 1, channels)
            ),
        )
    return Audio(frames, rate)


def zero_crossing_frequency(samples: array[int], rate: int) -> float:
    """The pitch of a steady tone from its rising zero crossings, interpolated between samples.

    Counting only rising crossings of the fundamental is exact for a sine with a weak second
    harmonic (the cue sounds), and needs no FFT.
    """
    crossings: list[float] = []
    for i in range(1, len(samples)):
        before, after = samples[i - 1], samples[i]
        if before < 0 <= after:
            crossings.append(i - 1 + before / (before - after))
    if len(crossings) < 2:
        return 0.0
    return (len(crossings) - 1) * rate / (crossings[-1] - crossings[0])


def goertzel_power(samples: array[int], rate: int, frequency: float) -> float:
    """The power of one frequency in `samples` (a single DFT bin), normalised by length."""
    coefficient = 2.0 * math.cos(2.0 * math.pi * frequency / rate)
    s1 = s2 = 0.0
    for value in samples:
        s1, s2 = value + coefficient * s1 - s2, s1
    return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / max(1, len(samples)) ** 2


def segments(audio: Audio, threshold: float = 0.1, min_gap: float = 0.03) -> list[Segment]:
    """The loud stretches: samples above `threshold` of full scale, split at silences of at
    least `min_gap` seconds. Each one's pitch comes from its middle 80 %, away from the fades.
    """
    level = threshold * 32767
    gap = round(min_gap * audio.rate)
    samples = audio.samples
    found: list[tuple[int, int]] = []
    start = last = -1
    for i, value in enumerate(samples):
        if value > level or -value > level:
            if start < 0:
                start = i
            elif i - last > gap:
                found.append((start, last))
                start = i
            last = i
    if start >= 0:
        found.append((start, last))
    result = []
    for first, final in found:
        margin = (final - first) // 10
        middle = samples[first + margin : final - margin + 1]
        result.append(
            Segment(
                start=first / audio.rate,
                end=(final + 1) / audio.rate,
                frequency=zero_crossing_frequency(middle, audio.rate),
                peak=max(abs(v) for v in samples[first : final + 1]),
            )
        )
    return result
