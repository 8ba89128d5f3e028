"""What the app needs of the sound and the voice, as protocols: the app composes them, and
tests hand in their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from hamtimer.clock import Clock
from hamtimer.events import Event
from hamtimer.plan import Plan

if TYPE_CHECKING:
    from hamtimer.workout import Workout


class CuePlayer(Protocol):
    """What the app needs of the sound layer (`hamtimer.sound.SoundPlayer`)."""

    muted: bool

    @property
    def backend_name(self) -> str:
        """'sound: simpleaudio', 'sound: off', …"""
        ...

    def describe(self) -> str:
        """The backend, and why better ones were passed over."""
        ...

    def toggle_mute(self) -> None:
        """Mute or unmute."""

    def listener(
        self, plan: Plan | Callable[[], Plan], clock: Clock | None = None
    ) -> Callable[[Event], None]:
        """An engine listener that plays the cue of each event."""
        ...

    def close(self) -> None:
        """Stop and release the device."""


class Coach(Protocol):
    """What the app needs of the voice (`hamtimer.voice.VoiceCoach`)."""

    enabled: bool

    def line(self) -> str:
        """The voice in use, for the start screen."""
        ...

    def toggle(self) -> None:
        """Voice off or on."""

    def prepare(self, plan: Plan, targets: dict[int, float] | None = None) -> None:
        """Synthesise the plan's phrases ahead of time."""

    def listener(self, workout: Workout) -> Callable[[Event], None]:
        """An engine listener that speaks."""
        ...

    def close(self) -> None:
        """End the synthesis process."""
