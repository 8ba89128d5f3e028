"""simpleaudio, in a player process of its own: the best backend, first in the chain.

It has simpleaudio's quality (overlapping cues mix, about 1 ms from request to `play_buffer`
returning) but plays in a player process of its own (`hamtimer/sound/worker.py`), started
once and fed cue names over a pipe.

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

Whether simpleaudio may be used at all (`simpleaudio_problem`) depends on which distribution
installed it: see `simpleaudio_verdict`.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import itertools
import re
import subprocess
import sys
import threading
import time
from base64 import urlsafe_b64encode
from pathlib import Path
from typing import IO

from hamtimer.digest import sha256_bytes
from hamtimer.sound.backends.base import (
    Backend,
    BackendFailedError,
    BackendUnavailableError,
    Played,
    exit_text,
)
from hamtimer.sound.tones import Cue

WORKER = Path(__file__).parent.with_name("worker.py")
"""`hamtimer/sound/worker.py`, the player process's script, run by path so it does not depend
on how hamtimer is found."""

PATCHED = "simpleaudio-patched"
UPSTREAM = "simpleaudio"
INSTALL_HINT = "pip install 'hamtimer[sound]' (needs libasound2-dev to build)"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _record_hash(path: Path) -> str:
    digest = sha256_bytes(path.read_bytes())
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
    speaks = True

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
        self._pending: dict[int, tuple[Cue | Path, float, float]] = {}
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
        reason = f"the player process ended ({exit_text(code)})"
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
        sound, requested, _sent = entry
        cue = sound if isinstance(sound, Cue) else None
        if error is not None:
            self._dead = self._dead or error
            self._fail(self._dead, cue, requested)
            return
        assert times is not None
        started = float(times.split()[-1])
        phrase = None if isinstance(sound, Cue) else sound
        self.on_played(Played(cue, self.name, requested, started, phrase=phrase))

    def _fail(self, reason: str, cue: Cue | None = None, requested: float | None = None) -> None:
        with self._lock:
            if self._reported or self._closing:
                return
            self._reported = True
            if cue is None and self._pending:
                oldest, requested, _sent = self._pending[min(self._pending)]
                cue = oldest if isinstance(oldest, Cue) else None
        self.on_failure(self, reason, cue, requested)

    def play(self, cue: Cue, requested: float) -> None:
        """Ask the player process to play `cue`; its answer arrives on the reader thread."""
        self._request(cue, "play", cue.value, requested)

    def play_file(self, path: Path, seconds: float, requested: float) -> None:
        """Ask the player process to play a phrase's WAV file."""
        self._request(path, "file", str(path), requested)

    def hush(self) -> None:
        """Stop the phrases still sounding in the player process."""
        process = self.process
        if self._dead is None and process is not None and process.stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                process.stdin.write(b"hush\n")
                process.stdin.flush()

    def _request(self, sound: Cue | Path, verb: str, argument: str, requested: float) -> None:
        process = self.process
        if self._dead is not None or process is None or process.stdin is None:
            raise BackendFailedError(self._dead or "not open")
        number = next(self._numbers)
        with self._lock:
            self._pending[number] = (sound, requested, time.monotonic())
        try:
            process.stdin.write(f"{verb} {number} {argument}\n".encode())
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
        self._fail(reason, oldest[0] if isinstance(oldest[0], Cue) else None, oldest[1])
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
        """Let the last cue finish (up to `timeout`), then end the player process.

        The process is told how long it may wait and given two seconds more than that to exit,
        so a slow machine ends it by its own grace rather than by our kill mid-cue."""
        with self._lock:
            self._closing = True
        process = self.process
        if process is None:
            return
        if process.poll() is None and process.stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                process.stdin.write(f"quit {timeout:g}\n".encode())
                process.stdin.flush()
        _close_quietly(process.stdin)
        try:
            process.wait(timeout=timeout + 2.0)
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
