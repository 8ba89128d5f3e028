"""The sound layer the app talks to: pick a backend, play cues, survive its failure.

`open_sound` (`hamtimer.sound.opening`) walks the backend chain (`hamtimer.sound.backends`)
once at start and `SoundPlayer` keeps the first that opens; `SoundPlayer.backend_name` is the
one line to show on screen. After that:

- `play` never blocks and never raises. It puts the cue on a queue that a background thread
  (the dispatcher) hands to the backend, so neither the UI nor the engine ever waits on a
  device, a pipe or a process start. The bell is the exception: it is rung on the caller's
  thread, because a UI's bell must not be touched from another thread.
- A backend that fails (a play raises, a player exits with an error, the simpleaudio player
  process stops answering) is closed and the next one down the chain is opened, on the
  dispatcher thread. The cue that failed is played again on the new backend if it is still
  fresh (`replay_within`); cues asked for while the switch happens and that are then older
  than `max_delay` are dropped rather than played late. When the switch lands on the bell,
  the cues in flight are not rung from the background thread: the next cue rings it.
- `notice` gets one line per switch ("sound: simpleaudio failed (…); using aplay (system
  player)"). It is always called on the thread that calls `play`/`handle`/`flush_notices`,
  never from a background thread, so a UI can show it directly; a switch found in the
  background is told at the next event the listener gets (or the next `flush_notices`).
- Muting (`toggle_mute`) silences every cue until unmuted; nothing is queued meanwhile.
- `speak` plays a voice's phrase through the same backend, placed after the tones in flight
  and only if it ends before the boundary it announces (`hamtimer.sound.timeline`); the
  dispatcher starts it when it is due. Tones are never delayed by speech. `hush` drops the
  phrases waiting and stops the one sounding.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hamtimer.clock import Clock
from hamtimer.events import Event
from hamtimer.plan import Plan
from hamtimer.sound.backends import (
    Backend,
    BackendFailedError,
    BackendUnavailableError,
    BellBackend,
    OffBackend,
    Played,
    PlayedHook,
)
from hamtimer.sound.cues import cue_for
from hamtimer.sound.timeline import Phrase, Placed, SpeechLine
from hamtimer.sound.tones import DESIGNS, Cue

Notice = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class _Request:
    cue: Cue
    requested: float


@dataclass(frozen=True, slots=True)
class _Failure:
    backend: Backend
    reason: str
    cue: Cue | None
    requested: float | None


_STOP = object()
_WAKE = object()  # look at the waiting phrases again
_HUSH = object()


class SoundPlayer:
    """Plays cues through the best backend that works, and falls back when it stops working.

    Build it with `open_sound`. Thread-safe: `play` may be called from any thread.
    """

    def __init__(
        self,
        backends: Sequence[Backend],
        *,
        notice: Notice | None = None,
        on_played: PlayedHook | None = None,
        probe_timeout: float = 3.0,
        max_delay: float = 1.0,
        replay_within: float = 0.5,
        check_interval: float = 0.1,
    ) -> None:
        self._chain = list(backends)
        if not self._chain or not isinstance(self._chain[-1], OffBackend):
            self._chain.append(OffBackend())
        self._notice = notice
        self._on_played = on_played
        self.probe_timeout = probe_timeout
        self.max_delay = max_delay
        self.replay_within = replay_within
        self.check_interval = check_interval
        self.muted = False
        """True while cues are silenced (`toggle_mute`)."""
        self.skipped: list[tuple[str, str]] = []
        """Backends passed over at start, with why: shown by `describe()`."""
        self._lock = threading.Lock()
        self._switching = threading.Lock()
        self._notices: list[str] = []
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._line = SpeechLine()
        self._closed = False
        self._current = self._open_from(0, self.skipped)
        self.backend_name = f"sound: {self._current.label}"
        """The one line for the screen: 'sound: simpleaudio', 'sound: aplay (system player)',
        'sound: terminal bell', 'sound: off'. Follows mid-workout fallbacks."""
        self._dispatcher = threading.Thread(
            target=self._dispatch, name="hamtimer-sound", daemon=True
        )
        self._dispatcher.start()

    # --- what the app reads ---------------------------------------------------------------

    @property
    def backend(self) -> Backend:
        """The backend cues go to now."""
        return self._current

    @property
    def speaks(self) -> bool:
        """True when the backend in use can play a voice's phrases."""
        return self._current.speaks

    def describe(self) -> str:
        """`backend_name`, plus why better backends were passed over at start."""
        if not self.skipped:
            return self.backend_name
        why = "; ".join(f"{label}: {reason}" for label, reason in self.skipped)
        return f"{self.backend_name} ({why})"

    def toggle_mute(self) -> None:
        """Mute or unmute (the `m` key); `muted` tells which."""
        with self._lock:
            self.muted = not self.muted
        if self.muted:
            self.hush()

    def set_bell(self, bell: Callable[[], None] | None) -> None:
        """Ring the terminal bell with `bell` from now on (Textual: `app.bell`, known only
        once the app exists), so the bell byte never lands inside a screen update."""
        for backend in self._chain:
            if isinstance(backend, BellBackend):
                backend.bell = bell

    # --- playing --------------------------------------------------------------------------

    def play(self, cue: Cue) -> None:
        """Start `cue` now, without waiting for it; never raises."""
        self.flush_notices()
        if self.muted or self._closed:
            return
        requested = time.monotonic()
        backend = self._current
        if isinstance(backend, OffBackend):
            return
        with self._lock:
            self._line.tone(requested, DESIGNS[cue].seconds)
        if backend.inline:
            try:
                backend.play(cue, requested)
            except BackendFailedError as error:
                self._switch(backend, str(error), None, None)
                self.flush_notices()
            return
        self._queue.put(_Request(cue, requested))

    def speak(
        self, candidates: Sequence[tuple[Path, float]], latest: float | None = None
    ) -> Path | None:
        """Say the first of `candidates` (WAV file, seconds; longest first) that ends by
        `latest` (a `time.monotonic()` reading; None: no limit) when started after the tones
        in flight.

        Never blocks, never raises. Returns the file placed, or None when nothing will be
        said (muted, a backend that cannot speak, or no candidate fits).
        """
        if self.muted or self._closed or not self._current.speaks or not candidates:
            return None
        phrases = [Phrase(path, seconds) for path, seconds in candidates]
        with self._lock:
            placed = self._line.place(time.monotonic(), phrases, latest)
        if placed is None:
            return None
        self._queue.put(_WAKE)
        return placed.phrase.path

    def hush(self) -> None:
        """Drop the phrases waiting and stop the one sounding; tones play on."""
        with self._lock:
            self._line.clear(time.monotonic())
        self._queue.put(_HUSH)

    def handle(self, event: Event, plan: Plan) -> None:
        """Play the cue for an engine event, if it has one (`cue_for`)."""
        cue = cue_for(event, plan)
        if cue is None:
            self.flush_notices()
        else:
            self.play(cue)

    def listener(
        self,
        plan: Plan | Callable[[], Plan],
        clock: Clock | None = None,
        max_late: float = 1.0,
    ) -> Callable[[Event], None]:
        """A function to `Workout.subscribe` that plays each event's cue.

        `plan` may be a function returning the plan in use (the workout swaps plans when
        challenge mode is toggled). With the workout's `clock`, an event more than `max_late`
        seconds past its due time (the engine caught up after the machine slept, say) stays
        silent instead of piling its sound onto the present.
        """
        current = plan if callable(plan) else (lambda: plan)

        def listen(event: Event) -> None:
            if clock is not None and clock.now() - event.due > max_late:
                self.flush_notices()
                return
            self.handle(event, current())

        return listen

    def flush_notices(self) -> None:
        """Deliver pending notices on this thread (called by `play`, or by a UI's timer)."""
        if not self._notices:
            return
        with self._lock:
            pending, self._notices = self._notices, []
        if self._notice is not None:
            for line in pending:
                with contextlib.suppress(Exception):  # a broken notice must not stop the workout
                    self._notice(line)

    def close(self, timeout: float = 3.0) -> None:
        """Stop the dispatcher and release the backend, letting a last cue play up to
        `timeout` seconds. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._dispatcher.join(timeout=timeout + 1.0)
        self._current.close(timeout)
        self.flush_notices()

    def __enter__(self) -> SoundPlayer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- inside ---------------------------------------------------------------------------

    def _attach(self, backend: Backend) -> None:
        backend.on_failure = self._failed
        backend.on_played = self._played

    def _played(self, record: Played) -> None:
        if self._on_played is not None:
            with contextlib.suppress(Exception):
                self._on_played(record)

    def _failed(
        self, backend: Backend, reason: str, cue: Cue | None, requested: float | None
    ) -> None:
        self._queue.put(_Failure(backend, reason, cue, requested))

    def _open_from(self, start: int, skipped: list[tuple[str, str]]) -> Backend:
        for backend in self._chain[start:]:
            self._attach(backend)
            try:
                backend.open(self.probe_timeout)
            except BackendUnavailableError as error:
                skipped.append((backend.label, str(error)))
                continue
            except Exception as error:  # a bug in a backend must not stop the workout
                skipped.append((backend.label, f"{type(error).__name__}: {error}"))
                continue
            return backend
        raise AssertionError("OffBackend always opens")  # pragma: no cover

    def _switch(
        self, failed: Backend, reason: str, cue: Cue | None, requested: float | None
    ) -> None:
        """Drop `failed` for the next backend that opens; replay a fresh failed cue on it."""
        if not self._switching.acquire(blocking=False):
            return  # another thread is already moving down the chain
        try:
            self._switch_down(failed, reason, cue, requested)
        finally:
            self._switching.release()

    def _switch_down(
        self, failed: Backend, reason: str, cue: Cue | None, requested: float | None
    ) -> None:
        while True:
            with self._lock:
                if failed is not self._current or self._closed:
                    return
            with contextlib.suppress(Exception):
                failed.close(0.2)
            skipped: list[tuple[str, str]] = []
            successor = self._open_from(self._chain.index(failed) + 1, skipped)
            with self._lock:
                self._current = successor
                self.backend_name = f"sound: {successor.label}"
                passed = "".join(f"; {label}: {why}" for label, why in skipped)
                self._notices.append(
                    f"sound: {failed.label} failed ({reason}){passed}; using {successor.label}"
                )
            if cue is None or requested is None or successor.inline:
                return
            if time.monotonic() - requested > self.replay_within:
                return
            try:
                successor.play(cue, requested)
            except BackendFailedError as error:
                failed, reason = successor, str(error)
                continue
            return

    def _timeout(self, backend: Backend) -> float | None:
        """How long the dispatcher may sleep: until a check is due or a phrase starts."""
        waits = [self.check_interval] if backend.busy() else []
        with self._lock:
            start = self._line.next_start()
        if start is not None:
            waits.append(max(0.0, start - time.monotonic()))
        return min(waits, default=None)

    def _dispatch(self) -> None:
        while True:
            backend = self._current
            try:
                item = self._queue.get(timeout=self._timeout(backend))
            except queue.Empty:
                item = None
            try:
                if item is _STOP:
                    return
                if isinstance(item, _Request):
                    self._deliver(item)
                elif isinstance(item, _Failure):
                    self._switch(item.backend, item.reason, item.cue, item.requested)
                elif item is _HUSH:
                    self._current.hush()
                self._say_due()
                self._current.check()
            except Exception as error:  # never let the sound thread die
                current = self._current
                if not isinstance(current, OffBackend):
                    self._switch(current, f"{type(error).__name__}: {error}", None, None)

    def _say_due(self) -> None:
        with self._lock:
            due = self._line.due(time.monotonic())
        for placed in due:
            self._say(placed)

    def _say(self, placed: Placed) -> None:
        backend = self._current
        if self.muted or not backend.speaks:
            return
        phrase = placed.phrase
        try:  # "requested" is the moment it was placed at: its record tells how late it began
            backend.play_file(phrase.path, phrase.seconds, placed.start)
        except BackendFailedError as error:
            self._switch(backend, str(error), None, None)

    def _deliver(self, request: _Request) -> None:
        backend = self._current
        if backend.inline or isinstance(backend, OffBackend) or self.muted:
            return  # switched to the bell meanwhile: it rings on the caller's thread only
        if time.monotonic() - request.requested > self.max_delay:
            return  # stale: held up by a switch of backend
        try:
            backend.play(request.cue, request.requested)
        except BackendFailedError as error:
            self._switch(backend, str(error), request.cue, request.requested)
