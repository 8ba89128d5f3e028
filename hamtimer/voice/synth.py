"""Phrases made ahead of time, in a synthesis process of their own, kept on disk.

`Synthesizer.open` starts the best engine that works (`hamtimer.voice.engines`) in a process
running `hamtimer/voice/worker.py`; a background thread then takes the phrases asked for, in
order of need (`want`; `urgent` puts one first), and for each either finds it in the cache
(`phrase_path`: one file per voice, level and text) or has the process synthesise it. Nothing
here blocks the caller but `open` (call it off the UI thread) and `close`. `ready(text)` says
whether a phrase can be played now; a phrase that is not ready is simply not said.

If the process dies, the next engine down the chain takes over, with a one-line notice.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import wave
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from hamtimer.voice.engines import VOICE_HINT, Engine, phrase_path

Notice = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Made:
    """One phrase made by the synthesis process: its text, length and synthesis time."""

    text: str
    seconds: float
    took: float


def wav_seconds(path: Path) -> float | None:
    """The length of a WAV file, or None when it cannot be read."""
    try:
        with wave.open(str(path), "rb") as source:
            return source.getnframes() / source.getframerate()
    except (OSError, EOFError, wave.Error):
        return None


class Synthesizer:
    """Phrases synthesised ahead of use by the best engine that works here."""

    def __init__(
        self,
        engines: Sequence[Engine],
        *,
        root: Path,
        peak: float = 0.8,
        missing: Sequence[str] = (),
        start_timeout: float = 30.0,
        notice: Notice | None = None,
        on_ready: Callable[[str], None] | None = None,
    ) -> None:
        self.engines = list(engines)
        self.root = root
        self.peak = peak
        self.start_timeout = start_timeout
        self.skipped: list[str] = list(missing)
        """Why better engines are not used, for the start screen."""
        self.made: list[Made] = []
        """Every phrase synthesised by this process, in order (the bench reads it)."""
        self.engine: Engine | None = None
        self._notice = notice
        self.on_ready = on_ready
        """Told of each phrase made (on the synthesis thread)."""
        self._process: subprocess.Popen[bytes] | None = None
        self._ready: dict[str, tuple[Path, float]] = {}
        self._wanted: deque[str] = deque()
        self._queued: set[str] = set()
        self._failed: set[str] = set()
        self._lock = threading.Condition()
        self._closed = False
        self._thread: threading.Thread | None = None
        self._silent = False
        """Opened with no engine that works: every phrase fails at once, no thread waits."""

    # --- what the coach reads --------------------------------------------------------------

    def line(self) -> str:
        """The start screen's one line: which voice, or why tones only."""
        if self.engine is None:
            why = "; ".join(self.skipped) or "no speech engine"
            return f"voice: none, tones only ({why})"
        hint = "" if self.engine.natural else f" — {VOICE_HINT} for a natural one"
        return f"voice: {self.engine.label}{hint}"

    def ready(self, text: str) -> tuple[Path, float] | None:
        """The phrase's file and length, if it has been made; never waits."""
        with self._lock:
            return self._ready.get(text)

    def pending(self) -> int:
        """How many phrases are still to be made."""
        with self._lock:
            return len(self._wanted)

    # --- asking -----------------------------------------------------------------------------

    def want(self, texts: Iterable[str]) -> None:
        """Make these phrases, after those already asked for, in the order given."""
        with self._lock:
            for text in texts:
                if self._silent:  # no engine: none can be made
                    self._failed.add(text)
                elif text not in self._ready and text not in self._queued:
                    self._wanted.append(text)
                    self._queued.add(text)
            self._lock.notify_all()

    def urgent(self, text: str) -> None:
        """Make this phrase next."""
        with self._lock:
            if text in self._ready or text in self._failed:
                return
            if self._silent:
                self._failed.add(text)
                return
            with contextlib.suppress(ValueError):
                self._wanted.remove(text)
            self._wanted.appendleft(text)
            self._queued.add(text)
            self._lock.notify_all()

    # --- running ----------------------------------------------------------------------------

    def open(self) -> None:
        """Start the best engine that works (blocks up to `start_timeout` per engine), then
        the thread that makes phrases. With none, every phrase stays unready (tones only),
        and no thread waits for phrases that cannot be made."""
        while self.engines and self.engine is None:
            self._start(self.engines.pop(0))
        if self.engine is None:
            with self._lock:
                self._silent = True
                self._failed.update(self._wanted)
                self._wanted.clear()
                self._queued.clear()
            return
        self._thread = threading.Thread(target=self._run, name="hamtimer-voice", daemon=True)
        self._thread.start()

    def _start(self, engine: Engine) -> None:
        try:
            process = subprocess.Popen(
                engine.command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                close_fds=True,
                start_new_session=True,
            )
        except OSError as error:
            self.skipped.append(f"{engine.label}: cannot start ({error})")
            return
        answer = _first_line(process.stdout, self.start_timeout)
        if answer is None or not answer.get("ready"):
            why = "did not start in time" if answer is None else answer.get("error", "failed")
            self.skipped.append(f"{engine.label}: {why}")
            _end(process)
            return
        self._process, self.engine = process, engine

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._wanted and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                text = self._wanted[0]
            done = self._make(text)
            with self._lock:
                if self._wanted and self._wanted[0] == text:
                    self._wanted.popleft()
                self._queued.discard(text)
                if done is None:
                    self._failed.add(text)
                else:
                    self._ready[text] = done
            if done is not None and self.on_ready is not None:
                with contextlib.suppress(Exception):
                    self.on_ready(text)

    def _make(self, text: str) -> tuple[Path, float] | None:
        """The phrase from the cache, or made now; None if no engine could make it."""
        while self.engine is not None:
            path = phrase_path(self.root, self.engine, text, self.peak)
            seconds = wav_seconds(path) if path.is_file() else None
            if seconds is not None:
                return path, seconds
            answer = self._ask({"text": text, "path": str(path), "peak": self.peak})
            if answer is not None and "seconds" in answer:
                self.made.append(Made(text, float(answer["seconds"]), float(answer["took"])))
                return path, float(answer["seconds"])
            if answer is not None:  # the engine could not say this one; it still works
                return None
            self._fall_back()
        return None

    def _ask(self, request: dict[str, Any]) -> dict[str, Any] | None:
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            return None
        try:
            process.stdin.write((json.dumps({"seq": 1, **request}) + "\n").encode())
            process.stdin.flush()
            line = process.stdout.readline()
            answer = json.loads(line) if line else None
        except (OSError, ValueError):
            return None
        return answer if isinstance(answer, dict) else None

    def _fall_back(self) -> None:
        failed, process = self.engine, self._process
        self.engine, self._process = None, None
        if process is not None:
            _end(process)
        while self.engines and self.engine is None and not self._closed:
            self._start(self.engines.pop(0))
        if failed is not None and self._notice is not None:
            with contextlib.suppress(Exception):
                self._notice(f"voice: {failed.label} stopped; {self.line()}")

    def close(self) -> None:
        """Stop making phrases and end the synthesis process. Safe to call twice."""
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        process = self._process
        if process is not None:
            _end(process)


def _first_line(stream: IO[bytes] | None, timeout: float) -> dict[str, Any] | None:
    """The first JSON line of `stream` within `timeout`, read on a helper thread."""
    if stream is None:
        return None
    found: list[dict[str, Any]] = []

    def read() -> None:
        with contextlib.suppress(OSError, ValueError):
            value = json.loads(stream.readline() or "null")
            if isinstance(value, dict):
                found.append(value)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    return found[0] if found else None


def _end(process: subprocess.Popen[bytes]) -> None:
    """Close the process's input (it ends at end of input), wait, kill if it will not end,
    and close its output."""
    with contextlib.suppress(OSError):
        if process.stdin is not None:
            process.stdin.close()
    try:
        process.wait(timeout=2.0)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(OSError):
        if process.stdout is not None:
            process.stdout.close()
