"""Leaving on a signal: the workout saved for resuming first, then a clean exit, with a
watchdog in case the terminal is already gone."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamtimer.session import WorkoutSession

EXIT_GRACE = 3.0
"""Seconds a clean exit may take after a signal before the watchdog ends the process."""

SIGNALS = {"SIGTERM": 0, "SIGHUP": 0, "SIGQUIT": 0, "SIGINT": 130}
"""Signals that save the workout for resuming and leave, and the exit code of each (130 is
what shells report for a program stopped by SIGINT)."""


def on_leaving_signals(handler: Callable[[int], None]) -> None:
    """Call `handler(exit code)` on each of `SIGNALS` this platform has (Windows has neither
    SIGHUP nor SIGQUIT), from the running event loop; nothing where it has no loop."""
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        loop = asyncio.get_running_loop()
        for name, code in SIGNALS.items():
            signum = getattr(signal, name, None)
            if signum is not None:
                loop.add_signal_handler(signum, handler, code)


def save_then_exit(session: WorkoutSession, leave: Callable[[int], object], code: int) -> None:
    """Put the checkpoint on disk before anything else, then `leave(code)`.

    A terminal that is already gone can leave Textual blocked writing its last frame for
    ever, so a watchdog ends the process if the clean exit has not happened within
    `EXIT_GRACE` seconds.
    """
    saving = session.checkpoint(release=True)
    if saving is not None:
        with contextlib.suppress(Exception):
            saving.result(timeout=5)
    threading.Thread(target=_exit_after, args=(EXIT_GRACE, code), daemon=True).start()
    leave(code)


def _exit_after(seconds: float, code: int) -> None:
    time.sleep(seconds)
    os._exit(code)
