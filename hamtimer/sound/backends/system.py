"""The platform's own command-line players: one process per cue.

`aplay`, `paplay`, `pw-play` on Linux, `afplay` on macOS (`WinsoundBackend` on Windows).
`Popen` returns in about a millisecond; the player is tried once at start with a silent WAV,
its stderr goes to DEVNULL, and a player that exits with an error or runs far past its
sound's length counts as failed (and is killed).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from hamtimer.sound.backends.base import (
    Backend,
    BackendFailedError,
    BackendUnavailableError,
    Played,
    exit_text,
)
from hamtimer.sound.backends.winsound import WinsoundBackend
from hamtimer.sound.tones import DESIGNS, PROBE_FILE, Cue

PLAYER_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "aplay": ("-q",),
    "paplay": (),
    "pw-play": (),
    "afplay": (),
}
"""Arguments before the WAV file's path, for each known player."""


@dataclass(slots=True)
class _Running:
    process: subprocess.Popen[bytes]
    cue: Cue | None  # None for a phrase
    requested: float
    deadline: float


class SystemPlayer(Backend):
    """A command-line player, one process per cue; overlapping cues are separate processes."""

    speaks = True

    def __init__(self, command: str, folder: Path, *, answer_timeout: float = 2.0) -> None:
        super().__init__()
        self.name = command
        self.folder = folder
        self.answer_timeout = answer_timeout
        self.arguments = PLAYER_ARGUMENTS.get(command, ())
        self.path: str | None = None
        self._running: list[_Running] = []

    @property
    def label(self) -> str:
        """'aplay (system player)'."""
        return f"{self.name} (system player)"

    def _start(self, file: Path) -> subprocess.Popen[bytes]:
        assert self.path is not None
        return subprocess.Popen(
            [self.path, *self.arguments, str(file)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            **self._spawn_options(),
        )

    def open(self, timeout: float) -> None:
        """Find the command and have it play the silent probe WAV, within `timeout`."""
        self.path = shutil.which(self.name)
        if self.path is None:
            raise BackendUnavailableError("not found")
        probe = self.folder / PROBE_FILE
        if not probe.is_file():
            raise BackendUnavailableError(f"no cue sounds in {self.folder}")
        try:
            process = self._start(probe)
        except OSError as error:
            raise BackendUnavailableError(f"cannot start ({error.strerror or error})") from None
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise BackendUnavailableError(
                f"did not finish a silent sound within {timeout:g} s (a hung sound server?)"
            ) from None
        if code != 0:
            raise BackendUnavailableError(f"could not play ({exit_text(code)}; no sound device?)")

    def play(self, cue: Cue, requested: float) -> None:
        """Start the player on the cue's WAV and return; `check` watches how it ends."""
        try:
            process = self._start(self.folder / cue.filename)
        except OSError as error:
            raise BackendFailedError(
                f"cannot start {self.name} ({error.strerror or error})"
            ) from None
        started = time.monotonic()
        deadline = started + DESIGNS[cue].seconds + self.answer_timeout
        self._running.append(_Running(process, cue, requested, deadline))
        self.on_played(Played(cue, self.name, requested, started))

    def play_file(self, path: Path, seconds: float, requested: float) -> None:
        """Start the player on a phrase's WAV; `check` watches it as it does a cue's."""
        try:
            process = self._start(path)
        except OSError as error:
            raise BackendFailedError(
                f"cannot start {self.name} ({error.strerror or error})"
            ) from None
        started = time.monotonic()
        deadline = started + seconds + self.answer_timeout
        self._running.append(_Running(process, None, requested, deadline))
        self.on_played(Played(None, self.name, requested, started, phrase=path))

    def hush(self) -> None:
        """End the players of phrases still sounding."""
        for item in self._running:
            if item.cue is None and item.process.poll() is None:
                item.process.terminate()

    def busy(self) -> bool:
        """True while a player process is running."""
        return bool(self._running)

    def check(self) -> None:
        """Reap finished players; an error exit or a player long past its sound is a failure."""
        now = time.monotonic()
        still: list[_Running] = []
        failure: tuple[str, _Running] | None = None
        for item in self._running:
            code = item.process.poll()
            if code is None and now > item.deadline:
                item.process.kill()
                item.process.wait()
                failure = failure or (
                    f"{self.name} did not finish within {self.answer_timeout:g} s of its sound "
                    "(a hung sound server?)",
                    item,
                )
            elif code is None:
                still.append(item)
            elif code != 0 and not (item.cue is None and code == -15):  # a hushed phrase
                failure = failure or (f"{self.name} failed ({exit_text(code)})", item)
        self._running = still
        if failure is not None:
            reason, item = failure
            self.on_failure(self, reason, item.cue, item.requested)

    def close(self, timeout: float = 2.0) -> None:
        """Wait up to `timeout` for players still sounding, then kill the rest."""
        deadline = time.monotonic() + timeout
        for item in self._running:
            try:
                item.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                item.process.kill()
                item.process.wait()
        self._running = []


def system_players(folder: Path, platform: str, answer_timeout: float) -> list[Backend]:
    """The platform's own players, in the order they are tried."""
    if platform.startswith("win"):
        return [WinsoundBackend(folder)]
    if platform == "darwin":
        return [SystemPlayer("afplay", folder, answer_timeout=answer_timeout)]
    return [
        SystemPlayer(command, folder, answer_timeout=answer_timeout)
        for command in ("aplay", "paplay", "pw-play")
    ]
