"""The ways hamtimer can make a sound, best first, and how each one fails.

A backend either opens (and then plays without blocking) or says why it cannot; one that fails
later reports it, and `hamtimer.sound.player.SoundPlayer` moves down the chain:

1. `SimpleaudioBackend` — simpleaudio's quality (overlapping cues mix, about 1 ms from
   request to `play_buffer` returning) but in a player process of its own
   (`hamtimer/sound/worker.py`), started once and fed cue names over a pipe.
   Why not in this process: simpleaudio opens the device inside `play_buffer` on the calling
   thread while holding the GIL, and it opens it anew for every sound. On a sound server that
   accepts a connection but never answers, that open blocks for ~30 s and would freeze every
   thread of the timer — at start or at any cue mid-workout, so probing once in a subprocess
   would not be enough. In the child the hang costs nothing here: the answer to a request does
   not come within `answer_timeout`, the child is killed and the next backend takes over. The
   child plays a short silence before it says it is ready (within `probe_timeout`), which
   proves the device opens and plays. A crash of the C extension (the upstream GIL bug) also
   kills only the child. The child silences libasound's own error printing
   (`worker.silence_alsa_errors`) and its stderr goes to DEVNULL, so no `ALSA lib …` line can
   reach the terminal. Under `python -X dev` the child runs in dev mode too.
2. `SystemPlayer` — one process per cue: `aplay`, `paplay`, `pw-play` on Linux, `afplay` on
   macOS (`WinsoundBackend` on Windows). `Popen` returns in about a millisecond; the player is
   tried once at start with a silent WAV, its stderr goes to DEVNULL, and a player that exits
   with an error or runs far past its sound's length counts as failed (and is killed).
3. `BellBackend` — the terminal bell: the same ring for every cue, better than nothing. Under a
   full-screen UI the app passes its own `bell` (Textual's `app.bell`) so the byte does not
   land in the middle of a screen update; it is called on the thread that calls `play`.
4. `OffBackend` — silence. Always opens; the workout never depends on sound.

Every backend reports playback to `on_played` with a `Played` record, and failures found after
`play` returned (a player's exit code, a missing answer) to `on_failure`; both may be called from
a background thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
import importlib.util
import itertools
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from abc import ABC, abstractmethod
from base64 import urlsafe_b64encode
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from hamtimer.sound.tones import DESIGNS, PROBE_FILE, Cue

WORKER = Path(__file__).with_name("worker.py")
"""The player process's script, run by path so it does not depend on how hamtimer is found."""

PATCHED = "simpleaudio-patched"
UPSTREAM = "simpleaudio"
INSTALL_HINT = "pip install 'hamtimer[sound]' (needs libasound2-dev to build)"


class BackendUnavailableError(Exception):
    """A backend cannot play on this machine; the message says why, for the one-line report."""


class BackendFailedError(Exception):
    """A backend that opened has stopped working; the player drops it for the next one."""


@dataclass(frozen=True, slots=True)
class Played:
    """One cue that reached a device: which, through what, and when (`time.monotonic()`).

    `requested` is when `play` was called; `started` is when playback began as far as this
    process can know: `play_buffer` returned in the player process, or the system player's
    process existed, or the bell was rung.
    """

    cue: Cue
    backend: str
    requested: float
    started: float


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


def _exit_text(code: int) -> str:
    if code < 0:
        return f"killed by signal {-code}"
    return f"exit code {code}"


# --- simpleaudio ---------------------------------------------------------------------------


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _record_hash(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).digest()
    return urlsafe_b64encode(digest).rstrip(b"=").decode()


def simpleaudio_distribution() -> str | None:
    """Which distribution provides the importable `simpleaudio` module, or None if none does.

    'simpleaudio-patched' and the upstream 'simpleaudio' install the same module. When both
    are installed, the one whose recorded hash matches the compiled extension on disk wins.
    """
    spec = importlib.util.find_spec("simpleaudio")
    if spec is None or not spec.submodule_search_locations:
        return None
    names = importlib.metadata.packages_distributions().get("simpleaudio", [])
    found = sorted({_normal(name) for name in names})
    if len(found) <= 1:
        return found[0] if found else "unknown"
    folder = Path(next(iter(spec.submodule_search_locations)))
    for name in found:
        for file in importlib.metadata.distribution(name).files or ():
            if file.name.startswith("_simpleaudio") and file.hash is not None:
                on_disk = folder / file.name
                if on_disk.is_file() and _record_hash(on_disk) == file.hash.value:
                    return name
    return "unknown"


def simpleaudio_problem() -> str | None:
    """Why simpleaudio must not be used here, or None when it may."""
    return simpleaudio_verdict(
        simpleaudio_distribution(), sys.version_info[:2], dev_mode=sys.flags.dev_mode
    )


def simpleaudio_verdict(
    distribution: str | None, python: tuple[int, int], *, dev_mode: bool
) -> str | None:
    """The rule behind `simpleaudio_problem`, for a given distribution and Python.

    The upstream 1.0.4 release frees Python memory without holding the GIL in its playback
    thread: it segfaults on Python 3.12+ and aborts under `python -X dev` on 3.11. The
    'simpleaudio-patched' distribution installs the same module with the fix. An unknown
    provider (a vendored or self-built copy) gets the benefit of the doubt: it runs in the
    player process, so a crash costs only a fallback.
    """
    if distribution is None:
        return f"not installed ({INSTALL_HINT})"
    if distribution == _normal(UPSTREAM) and (python >= (3, 12) or dev_mode):
        where = "on Python 3.12+" if python >= (3, 12) else "under python -X dev"
        return (
            f"the upstream simpleaudio 1.0.4 crashes {where}; "
            f"pip uninstall simpleaudio && pip install {PATCHED}"
        )
    return None


class SimpleaudioBackend(Backend):
    """simpleaudio, driven in a player process of its own (see the module docstring)."""

    name = "simpleaudio"

    def __init__(self, folder: Path, *, answer_timeout: float = 2.0) -> None:
        super().__init__()
        self.folder = folder
        self.answer_timeout = answer_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.dev_mode: bool | None = None
        """Whether the player process runs under `-X dev` (it does when this one does)."""
        self._ready = threading.Event()
        self._startup_error: str | None = None
        self._dead: str | None = None
        self._closing = False
        self._reported = False
        self._lock = threading.Lock()
        self._pending: dict[int, tuple[Cue, float, float]] = {}
        self._numbers = itertools.count(1)
        self._reader: threading.Thread | None = None

    def command(self) -> list[str]:
        """The player process's command line: this Python, in dev mode if this one is."""
        flags = ["-X", "dev"] if sys.flags.dev_mode else []
        return [sys.executable, *flags, "-P", str(WORKER), str(self.folder)]

    def open(self, timeout: float) -> None:
        """Start the player process; it opens the device once with silence and says so."""
        problem = simpleaudio_problem()
        if problem:
            raise BackendUnavailableError(problem)
        if not sys.executable:
            raise BackendUnavailableError("no Python executable to run the player process")
        try:
            self.process = subprocess.Popen(
                self.command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                close_fds=True,
                **self._spawn_options(),
            )
        except OSError as error:
            raise BackendUnavailableError(f"cannot start the player process ({error})") from None
        self._reader = threading.Thread(
            target=self._read, name="hamtimer-simpleaudio-reader", daemon=True
        )
        self._reader.start()
        if not self._ready.wait(timeout):
            self._abandon()
            raise BackendUnavailableError(
                f"the device did not open within {timeout:g} s (a hung sound server?)"
            )
        if self._startup_error is not None:
            self._abandon()
            raise BackendUnavailableError(self._startup_error)

    def _abandon(self) -> None:
        with self._lock:
            self._closing = True  # a failure to open is reported by `open`, not `on_failure`
        self._kill()
        if self._reader is not None:
            self._reader.join(timeout=2.0)
        if self.process is not None:
            _close_quietly(self.process.stdin)
            _close_quietly(self.process.stdout)

    def _read(self) -> None:
        process = self.process
        assert process is not None and process.stdout is not None
        for raw in process.stdout:
            words = raw.decode("utf-8", "replace").split(maxsplit=2)
            if not words:
                continue
            if words[0] == "ready":
                self.dev_mode = len(words) > 2 and words[2].split()[0] == "1"
                self._ready.set()
            elif len(words) > 1 and not words[1].isdigit():
                continue  # not this protocol: ignore it (the answer will time out)
            elif words[0] == "ok" and len(words) == 3:
                self._answered(int(words[1]), words[2])
            elif words[0] == "fail" and len(words) >= 2:
                reason = words[2].strip() if len(words) > 2 else "unknown error"
                if not self._ready.is_set():
                    self._startup_error = reason
                    self._ready.set()
                else:
                    self._answered(int(words[1]), None, reason)
        code = process.wait()
        reason = f"the player process ended ({_exit_text(code)})"
        if not self._ready.is_set():
            self._startup_error = reason
            self._ready.set()
        elif not self._closing:
            self._dead = self._dead or reason  # a kill of ours keeps the reason we killed for
            self._fail(self._dead)

    def _answered(self, number: int, times: str | None, error: str | None = None) -> None:
        with self._lock:
            entry = self._pending.pop(number, None)
        if entry is None:
            return
        cue, requested, _sent = entry
        if error is not None:
            self._dead = self._dead or error
            self._fail(self._dead, cue, requested)
            return
        assert times is not None
        started = float(times.split()[-1])
        self.on_played(Played(cue, self.name, requested, started))

    def _fail(self, reason: str, cue: Cue | None = None, requested: float | None = None) -> None:
        with self._lock:
            if self._reported or self._closing:
                return
            self._reported = True
            if cue is None and self._pending:
                cue, requested, _sent = self._pending[min(self._pending)]
        self.on_failure(self, reason, cue, requested)

    def play(self, cue: Cue, requested: float) -> None:
        """Ask the player process to play `cue`; its answer arrives on the reader thread."""
        process = self.process
        if self._dead is not None or process is None or process.stdin is None:
            raise BackendFailedError(self._dead or "not open")
        number = next(self._numbers)
        with self._lock:
            self._pending[number] = (cue, requested, time.monotonic())
        try:
            process.stdin.write(f"play {number} {cue.value}\n".encode())
            process.stdin.flush()
        except (OSError, ValueError) as error:
            with self._lock:
                self._pending.pop(number, None)
            self._dead = f"the player process is gone ({type(error).__name__})"
            raise BackendFailedError(self._dead) from None

    def busy(self) -> bool:
        """True while a request has not been answered."""
        with self._lock:
            return bool(self._pending)

    def check(self) -> None:
        """A request unanswered for `answer_timeout` means the process hangs: kill it."""
        with self._lock:
            oldest = min(self._pending.values(), key=lambda entry: entry[2], default=None)
        if oldest is None or time.monotonic() - oldest[2] < self.answer_timeout:
            return
        reason = f"no answer within {self.answer_timeout:g} s (a hung sound server?)"
        self._dead = reason
        self._fail(reason, oldest[0], oldest[1])
        self._kill()

    def _kill(self) -> None:
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=2.0)

    def close(self, timeout: float = 2.0) -> None:
        """Let the last cue finish (up to `timeout`), then end the player process."""
        with self._lock:
            self._closing = True
        process = self.process
        if process is None:
            return
        if process.poll() is None and process.stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                process.stdin.write(b"quit\n")
                process.stdin.flush()
        _close_quietly(process.stdin)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._kill()
        self._kill()
        if self._reader is not None:
            self._reader.join(timeout=2.0)
        _close_quietly(process.stdout)


def _close_quietly(stream: IO[bytes] | None) -> None:
    if stream is None:
        return
    with contextlib.suppress(OSError):
        stream.close()


# --- system players ------------------------------------------------------------------------

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
    cue: Cue
    requested: float
    deadline: float


class SystemPlayer(Backend):
    """A command-line player, one process per cue; overlapping cues are separate processes."""

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
            raise BackendUnavailableError(f"could not play ({_exit_text(code)}; no sound device?)")

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
            elif code != 0:
                failure = failure or (f"{self.name} failed ({_exit_text(code)})", item)
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


class WinsoundBackend(Backend):
    """Windows' own `winsound`: asynchronous, in-process, no device to hang on.

    A new cue cuts off one still playing (winsound plays one sound at a time); cues are short
    and rarely overlap.
    """

    name = "winsound"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.module: Any = None

    def open(self, timeout: float) -> None:
        """Import winsound and play the silent probe synchronously."""
        try:
            self.module = importlib.import_module("winsound")
        except ImportError:
            raise BackendUnavailableError("only on Windows") from None
        flags = self.module.SND_FILENAME | self.module.SND_NODEFAULT
        try:
            self.module.PlaySound(str(self.folder / PROBE_FILE), flags)
        except RuntimeError as error:
            raise BackendUnavailableError(f"could not play ({error})") from None

    def play(self, cue: Cue, requested: float) -> None:
        """Start the cue asynchronously."""
        module = self.module
        flags = module.SND_FILENAME | module.SND_ASYNC | module.SND_NODEFAULT
        try:
            module.PlaySound(str(self.folder / cue.filename), flags)
        except RuntimeError as error:
            raise BackendFailedError(f"winsound failed ({error})") from None
        self.on_played(Played(cue, self.name, requested, time.monotonic()))


# --- the terminal bell and silence ---------------------------------------------------------


class BellBackend(Backend):
    """The terminal bell, one ring per cue.

    `bell` rings it without garbling a full-screen UI (Textual: `app.bell`); without one,
    "\\a" goes to stdout, which is only done when stdout is a terminal unless forced.
    """

    name = "terminal bell"
    inline = True

    def __init__(self, bell: Callable[[], None] | None = None, *, forced: bool = False) -> None:
        super().__init__()
        self.bell = bell
        self.forced = forced

    def open(self, timeout: float) -> None:
        """Usable with a `bell` callable, or when stdout is a terminal (or when forced)."""
        if self.bell is None and not self.forced:
            try:
                tty = sys.stdout is not None and sys.stdout.isatty()
            except (AttributeError, ValueError):
                tty = False
            if not tty:
                raise BackendUnavailableError("stdout is not a terminal")

    def play(self, cue: Cue, requested: float) -> None:
        """Ring once, on the caller's thread."""
        try:
            if self.bell is not None:
                self.bell()
            else:
                sys.stdout.write("\a")
                sys.stdout.flush()
        except Exception as error:  # whatever the UI's bell raises, the workout goes on
            raise BackendFailedError(f"the bell failed ({type(error).__name__}: {error})") from None
        self.on_played(Played(cue, self.name, requested, time.monotonic()))


class OffBackend(Backend):
    """Silence: always opens, plays nothing."""

    name = "off"

    def open(self, timeout: float) -> None:
        """Nothing to open."""

    def play(self, cue: Cue, requested: float) -> None:
        """Nothing to play."""


# --- the chain -----------------------------------------------------------------------------

MODES = ("auto", "simpleaudio", "system", "bell", "off")
"""The values of `--sound`."""


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
    simpleaudio: list[Backend] = [SimpleaudioBackend(folder, answer_timeout=answer_timeout)]
    system = system_players(folder, platform, answer_timeout)
    options: dict[str, list[Backend]] = {
        "auto": [*simpleaudio, *system, BellBackend(bell)],
        "simpleaudio": simpleaudio,
        "system": system,
        "bell": [BellBackend(bell, forced=True)],
        "off": [],
    }
    return [*options[mode], OffBackend()]
