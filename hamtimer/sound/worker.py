"""The simpleaudio player process: plays cues on request, in a process of its own.

Run as a script by `hamtimer.sound.backends.simpleaudio.SimpleaudioBackend`
(`python worker.py SOUNDS_DIR`), never imported by it. It imports only the standard library
and simpleaudio, so it starts fast and does not depend on how hamtimer was installed.

Why a separate process: simpleaudio opens the ALSA device inside `play_buffer` on the calling
thread while holding the GIL. On a sound server that accepts a connection but never answers,
that open blocks for about 30 s and freezes every thread of the interpreter — the timer
included. Out here, a hang freezes only this process; the timer notices the missing answer,
kills it and moves on. A crash in the C extension (the upstream 1.0.4 GIL bug) likewise takes
down only this process.

Protocol, one line each way (UTF-8):
  start-up      → after playing a short silence: `ready <pid> <dev_mode 0|1> <module file>`,
                  or `fail 0 <reason>`
  `play <seq> <name>`  → `ok <seq> <monotonic before play_buffer> <monotonic after>`
                         or `fail <seq> <reason>`
  `file <seq> <path>`  → the same answers, for any 16-bit WAV file (a voice's phrase)
  `hush`               → stops the phrases still sounding; no answer
  `quit [SECONDS]` or end of input → waits (up to SECONDS, default 3) for sounds still
    playing, then exits.
Times are `time.monotonic()`, which is one system-wide clock on every supported platform, so
the parent can compare them with its own readings.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import os
import sys
import time
import wave
from pathlib import Path
from typing import Any

PROBE_WAIT = 1.0
"""Seconds the silent probe may take to play out before the device counts as not working."""

DEFAULT_GRACE = 3.0
"""Seconds a `quit` without a number lets the sounds still playing finish."""

_ERROR_HANDLER: Any = None  # keeps the ctypes callback alive as long as libasound may call it


def silence_alsa_errors() -> bool:
    """Stop libasound from printing `ALSA lib …` lines to fd 2 in this process.

    libasound reports a missing device or a bad configuration by writing straight to the
    process's stderr file descriptor, below Python, where no redirection of `sys.stderr`
    reaches; on a full-screen terminal UI that garbles the screen. Installing a handler that
    ignores the messages (`snd_lib_error_set_handler`) stops it; the errors still reach the
    caller as return codes. Returns False where there is no libasound (not Linux, or not
    installed) — then there is nothing to silence.
    """
    global _ERROR_HANDLER
    if _ERROR_HANDLER is not None:
        return True
    name = ctypes.util.find_library("asound") or "libasound.so.2"
    try:
        library = ctypes.CDLL(name)
        set_handler = library.snd_lib_error_set_handler
    except (OSError, AttributeError):
        return False
    # void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
    # The variadic tail is never read, so declaring only the fixed arguments is safe.
    prototype = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )

    def ignore(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
        return None

    handler = prototype(ignore)
    set_handler.argtypes = [prototype]
    set_handler.restype = ctypes.c_int
    set_handler(handler)
    _ERROR_HANDLER = handler
    return True


class _Sound:
    def __init__(self, path: Path) -> None:
        with wave.open(str(path), "rb") as source:
            self.channels = source.getnchannels()
            self.width = source.getsampwidth()
            self.rate = source.getframerate()
            self.frames = source.readframes(source.getnframes())


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _seconds(words: list[str], default: float) -> float:
    """The first of `words` as a number of seconds (0 to 60), or `default`."""
    try:
        value = float(words[0])
    except (IndexError, ValueError):
        return default
    return min(max(value, 0.0), 60.0) if math.isfinite(value) else default


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {text}"


def _play(seq: str, sound: _Sound, simpleaudio: Any) -> Any:
    """Start `sound` and answer request `seq`; the play object, or None when it failed."""
    before = time.monotonic()
    try:
        play = simpleaudio.play_buffer(sound.frames, sound.channels, sound.width, sound.rate)
    except Exception as error:  # SimpleaudioError is not exported at the top level
        _say(f"fail {seq} {_one_line(error)}")
        return None
    after = time.monotonic()
    _say(f"ok {seq} {before:.6f} {after:.6f}")
    return play


def main(argv: list[str]) -> int:
    """Load the WAVs in `argv[0]`, open the device once, then play what stdin asks for."""
    silence_alsa_errors()
    try:
        import simpleaudio
    except Exception as error:  # ImportError, or a broken build failing to load
        _say(f"fail 0 cannot import simpleaudio ({_one_line(error)})")
        return 1
    folder = Path(argv[0]) if argv else Path()
    try:
        sounds = {path.stem: _Sound(path) for path in sorted(folder.glob("*.wav"))}
        probe = sounds["probe"]
    except (OSError, EOFError, KeyError, wave.Error) as error:
        _say(f"fail 0 cannot read the cue sounds in {folder} ({_one_line(error)})")
        return 1
    playing: list[Any] = []
    speaking: list[Any] = []
    try:  # play silence once: proves the device opens and plays, without a sound
        first = simpleaudio.play_buffer(probe.frames, probe.channels, probe.width, probe.rate)
    except Exception as error:  # SimpleaudioError is not exported at the top level
        _say(f"fail 0 {_one_line(error)}")
        return 1
    deadline = time.monotonic() + PROBE_WAIT
    while first.is_playing():
        if time.monotonic() > deadline:
            _say(f"fail 0 the device opened but did not play a short silence in {PROBE_WAIT:g} s")
            first.stop()
            return 1
        time.sleep(0.005)
    _say(f"ready {os.getpid()} {int(sys.flags.dev_mode)} {simpleaudio.__file__}")
    grace = DEFAULT_GRACE
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            grace = _seconds(words[1:], DEFAULT_GRACE)
            break
        if words[0] == "hush":
            for item in speaking:
                item.stop()
            speaking = []
            continue
        if words[0] == "file" and len(words) >= 3:
            seq = words[1]
            try:
                phrase = _Sound(Path(line.split(maxsplit=2)[2].rstrip("\n")))
            except (OSError, EOFError, wave.Error) as error:
                _say(f"fail {seq} cannot read the phrase ({_one_line(error)})")
                continue
            spoken = _play(seq, phrase, simpleaudio)
            if spoken is not None:
                speaking = [item for item in speaking if item.is_playing()]
                speaking.append(spoken)
            continue
        if words[0] != "play" or len(words) != 3:
            _say(f"fail 0 unknown request {line.strip()!r}")
            continue
        seq, name = words[1], words[2]
        sound = sounds.get(name)
        if sound is None:
            _say(f"fail {seq} no sound named {name!r}")
            continue
        play = _play(seq, sound, simpleaudio)
        if play is not None:
            playing = [item for item in playing if item.is_playing()]
            playing.append(play)
    deadline = time.monotonic() + grace  # let the last cue (often 'done') finish
    while any(item.is_playing() for item in playing + speaking) and time.monotonic() < deadline:
        time.sleep(0.02)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
