"""The synthesis process: turns phrases into WAV files, in a process of its own.

Run as a script by `hamtimer.voice.synth.Synthesizer` (`python worker.py ENGINE [MODEL]`),
never imported by it. It imports only the standard library and, for Piper, `piper`: a
neural voice and its runtime take well over 100 MB and a second to load, which stay out
here, so the timer's own start-up and memory do not grow, and a crash costs only the voice.

Engines: `piper MODEL.onnx` (a neural voice, in this process), `espeak-ng PATH` and
`say PATH` (the system's voice, one process per phrase).

Protocol, one JSON object a line each way:
  start-up  → {"ready": true, "voice": "..."} or {"ready": false, "error": "..."}
  {"seq": N, "text": "...", "path": "...", "peak": 0.8}
            → {"seq": N, "seconds": LENGTH, "took": SECONDS} or {"seq": N, "error": "..."}
The file is written beside `path` and renamed onto it, so a reader never sees half a file.
Leading and trailing silence is trimmed (a phrase's length is what is heard) and the peak
set to `peak` of full scale. End of input ends the process.

The process runs at idle priority (`yield_cpu`): a neural voice keeps every core busy while
it synthesises, and the timer's own wake-ups (and the player process's) must never queue
behind it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import wave
from array import array
from pathlib import Path
from typing import Any

SILENCE = 0.01
"""Samples below this fraction of full scale count as silence when trimming."""

KEEP = 0.03
"""Seconds of silence kept at each end: the first consonant is not clipped."""


def yield_cpu() -> str:
    """Run this process (and the threads and programs it starts later) only when no other
    wants the CPU: `SCHED_IDLE` on Linux, else the lowest nice value. Which one was set."""
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except OSError:
            pass
        else:
            return "idle"
    try:
        os.nice(19)
    except (OSError, AttributeError):
        return "normal"
    return "nice"


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _one_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {' '.join(str(error).split()) or 'failed'}"


def finish(raw: bytes, path: Path, peak: float) -> float:
    """Trim, level and write the WAV bytes `raw` to `path` (atomically); its length."""
    with wave.open(io.BytesIO(raw), "rb") as source:
        channels, width, rate = source.getnchannels(), source.getsampwidth(), source.getframerate()
        data = source.readframes(source.getnframes())
    if width != 2:
        raise ValueError(f"{8 * width}-bit audio, expected 16")
    samples: array[int] = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    if channels > 1:
        samples = array("h", samples[::channels])
    level = SILENCE * 32767
    loud = [i for i in range(len(samples)) if abs(samples[i]) > level]
    if not loud:
        raise ValueError("the engine made only silence")
    keep = round(KEEP * rate)
    samples = samples[max(0, loud[0] - keep) : loud[-1] + keep]
    top = max(abs(value) for value in samples)
    scale = peak * 32767 / top
    samples = array("h", (round(value * scale) for value in samples))
    if sys.byteorder == "big":
        samples.byteswap()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as file, wave.open(file, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    Path(temporary).replace(path)
    return len(samples) / rate


class _Piper:
    def __init__(self, model: str) -> None:
        from piper import PiperVoice

        self.voice = PiperVoice.load(model)
        self.name = f"Piper {Path(model).stem}"

    def wav(self, text: str) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            self.voice.synthesize_wav(text, out)
        return buffer.getvalue()


class _Command:
    """espeak-ng or macOS `say`, writing a WAV file per phrase."""

    def __init__(self, engine: str, program: str) -> None:
        self.engine, self.program = engine, program
        self.name = engine
        self.wav("Ready.")  # proves it runs here

    def wav(self, text: str) -> bytes:
        with tempfile.TemporaryDirectory(prefix="hamtimer-voice-") as folder:
            out = Path(folder) / "phrase.wav"
            if self.engine == "say":
                command = [self.program, "-o", str(out), "--data-format=LEI16@22050", text]
            else:
                command = [self.program, "-v", "en-us", "-s", "165", "-w", str(out), text]
            subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=True,
                timeout=30,
            )
            return out.read_bytes()


def main(argv: list[str]) -> int:
    """Load the engine named in `argv`, say so, then synthesise what stdin asks for."""
    engine = argv[0] if argv else ""
    yield_cpu()  # before the runtime starts its threads: they inherit it
    try:
        if engine == "piper" and len(argv) > 1:
            voice: _Piper | _Command = _Piper(argv[1])
        elif engine in ("espeak-ng", "say") and len(argv) > 1:
            voice = _Command(engine, argv[1])
        else:
            raise ValueError(f"unknown engine {' '.join(argv)!r}")
    except Exception as error:  # ImportError, a missing model, a failing program
        _say({"ready": False, "error": _one_line(error)})
        return 1
    _say({"ready": True, "voice": voice.name})
    for line in sys.stdin:
        if not line.strip():
            continue
        seq = None
        try:
            request = json.loads(line)
            seq = request["seq"]
            began = time.perf_counter()
            raw = voice.wav(str(request["text"]))
            seconds = finish(raw, Path(request["path"]), float(request.get("peak", 0.8)))
            _say({"seq": seq, "seconds": seconds, "took": time.perf_counter() - began})
        except Exception as error:
            _say({"seq": seq, "error": _one_line(error)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
