"""The terminal bell: the same ring for every cue, better than nothing.

Under a full-screen UI the app passes its own `bell` (Textual's `app.bell`) so the byte does not
land in the middle of a screen update; it is called on the thread that calls `play`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from hamtimer.sound.backends.base import (
    Backend,
    BackendFailedError,
    BackendUnavailableError,
    Played,
)
from hamtimer.sound.tones import Cue


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
