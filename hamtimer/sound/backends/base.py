"""What every backend is: the `Backend` base class, its two errors and the `Played` record.

A backend opens once (or raises `BackendUnavailableError` saying why it cannot), then plays
without blocking; a `play` that finds the backend broken raises `BackendFailedError`. Backends
that can play any WAV file (`speaks`) also play the voice's phrases (`play_file`).

Every backend reports playback to `on_played` with a `Played` record, and failures found after
`play` returned (a player's exit code, a missing answer) to `on_failure`; both may be called from
a background thread.
"""

from __future__ import annotations

import os
import subprocess
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hamtimer.sound.tones import Cue


class BackendUnavailableError(Exception):
    """A backend cannot play on this machine; the message says why, for the one-line report."""


class BackendFailedError(Exception):
    """A backend that opened has stopped working; the player drops it for the next one."""


@dataclass(frozen=True, slots=True)
class Played:
    """One cue (or phrase) that reached a device: which, through what, and when
    (`time.monotonic()`).

    `requested` is when `play` was called; `started` is when playback began as far as this
    process can know: `play_buffer` returned in the player process, or the system player's
    process existed, or the bell was rung. A spoken phrase has `cue` None and its file in
    `phrase`.
    """

    cue: Cue | None
    backend: str
    requested: float
    started: float
    phrase: Path | None = None


FailureHook = Callable[["Backend", str, Cue | None, float | None], None]
PlayedHook = Callable[[Played], None]


def _ignore_failure(
    backend: Backend, reason: str, cue: Cue | None, requested: float | None
) -> None:
    return None


def _ignore_played(record: Played) -> None:
    return None


class Backend(ABC):
    """One way of playing cues. `open` once, then `play` any number of times, then `close`."""

    name: str = ""
    """Short name, e.g. 'aplay'."""
    inline: bool = False
    """True when `play` must run on the caller's thread (the bell)."""
    speaks: bool = False
    """True when `play_file` plays a WAV file of any length (a voice's phrase)."""

    def __init__(self) -> None:
        self.on_failure: FailureHook = _ignore_failure
        self.on_played: PlayedHook = _ignore_played

    @property
    def label(self) -> str:
        """How the report names it: 'simpleaudio', 'aplay (system player)', 'terminal bell'."""
        return self.name

    @abstractmethod
    def open(self, timeout: float) -> None:
        """Get ready to play, within `timeout` seconds; raise `BackendUnavailableError` if not."""

    @abstractmethod
    def play(self, cue: Cue, requested: float) -> None:
        """Start `cue` and return at once; raise `BackendFailedError` if the backend is broken."""

    def play_file(self, path: Path, seconds: float, requested: float) -> None:
        """Start the WAV file `path` (`seconds` long) and return at once; only for backends
        that `speaks`. Raise `BackendFailedError` if the backend is broken."""
        raise BackendFailedError(f"{self.label} cannot play a phrase")

    def hush(self) -> None:
        """Stop any phrase still sounding (tones play on)."""
        return

    def busy(self) -> bool:
        """True while something is in flight that `check` has to watch."""
        return False

    def check(self) -> None:
        """Look for hangs and failures of earlier plays; report them to `on_failure`."""
        return

    def close(self, timeout: float = 2.0) -> None:
        """Release the device and any processes, waiting up to `timeout` for sounds to end."""
        return

    def _spawn_options(self) -> dict[str, Any]:
        if os.name == "posix":  # out of the terminal's process group: no Ctrl-C, no job control
            return {"start_new_session": True}
        return {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)}


def exit_text(code: int) -> str:
    """How a player process ended, for a report: 'exit code 1' or 'killed by signal 9'."""
    if code < 0:
        return f"killed by signal {-code}"
    return f"exit code {code}"
