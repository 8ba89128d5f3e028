"""The workout's listeners, and the events queued for them until the engine is consistent."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from hamtimer.events import Event

Listener = Callable[[Event], None]
"""Receives every event the workout emits, synchronously."""


class Listeners:
    """Who hears the engine's events, and what they have still to hear.

    The engine queues events while it works and calls `deliver()` when its state is
    consistent. Events go out in the order they were queued; events queued by a listener's
    own commands go out after them (a nested `deliver()` returns at once). A listener that
    raises is counted in `errors` and the others still hear the event.
    """

    def __init__(self) -> None:
        self.errors = 0
        self._listeners: list[Listener] = []
        self._pending: deque[Event] = deque()
        self._delivering = False

    def add(self, listener: Listener) -> None:
        """Add a listener; it hears every event delivered from now on."""
        self._listeners.append(listener)

    def queue(self, event: Event) -> None:
        """Hold an event back until the next `deliver()`."""
        self._pending.append(event)

    def deliver(self) -> None:
        """Deliver queued events in order, each to every listener."""
        if self._delivering:
            return
        self._delivering = True
        try:
            while self._pending:
                event = self._pending.popleft()
                for listener in tuple(self._listeners):
                    try:
                        listener(event)
                    except Exception:
                        self.errors += 1
        finally:
            self._delivering = False
