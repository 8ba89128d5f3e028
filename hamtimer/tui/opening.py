"""The app's services, opened after the first frame: the history, then the sound and the
voice, on one thread; and the lines of the start and timer screens that say how they stand.

`ServicesApp` is `HamtimerApp`'s base: what the start screen shows while they open, and how
each arrives on the app's loop (`call_from_thread`) and is told to the screen showing. A
service thread never prints: an app that ended meanwhile just drops what arrives.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

from hamtimer.printable import printable
from hamtimer.tui.memory import settle_memory
from hamtimer.tui.screens.start import StartInfo, StartScreen

if TYPE_CHECKING:
    from hamtimer.session import WorkoutSession
    from hamtimer.tui.screens.workout import WorkoutScreen
    from hamtimer.tui.services import Coach, CuePlayer

FIRST_FRAME_WAIT = 1.0
"""Seconds the services' thread waits for the first frame before it starts its work anyway."""

SoundFactory = Callable[["ServicesApp"], "CuePlayer"]
"""Opens the sound for the app (off its loop)."""

VoiceFactory = Callable[["ServicesApp", "CuePlayer"], "Coach"]
"""Opens the voice for the app, speaking through the sound player (off its loop)."""


class ServicesApp(App[int]):
    """The session's app with its services: the history (`prepare`), the sound and the
    voice (their factories), each opened off the loop once the first frame is drawn."""

    def __init__(
        self,
        session: WorkoutSession,
        *,
        challenge: bool,
        sound: CuePlayer | None,
        sound_factory: SoundFactory | None,
        voice: Coach | None,
        voice_factory: VoiceFactory | None,
        store_problem: str | None,
        prepare: Callable[[], str | None] | None,
        place: str | None,
    ) -> None:
        super().__init__()
        self.place = place
        """The programme's place when this circuit is its session ('Nordic … · Week 3 · …')."""
        self.session = session
        self.challenge = challenge
        self.sound = sound
        self._sound_factory = sound_factory
        self.voice = voice
        self._voice_factory = voice_factory
        self.store_problem = store_problem
        self.notices = [*session.circuit.warnings, *session.take_notices()]
        self._prepare = prepare
        """Opens the history after the first frame, on a thread; returns a problem to show."""
        self._timer_screen: WorkoutScreen | None = None
        """The timer screen, once a workout began."""

    # ----------------------------------------------------------------- status

    def start_info(self) -> StartInfo:
        """What the start screen shows now."""
        session = self.session
        lines = [self.sound.describe() if self.sound else self._sound_name()]
        if self.voice is not None:
            lines.append(self.voice.line())
        elif self._voice_factory is not None:
            lines.append("voice: starting…")
        if session.hands_free:
            lines.append("hands-free: reps are paced and counted; a hold ends on any key")
        if self.store_problem:
            lines.append(f"⚠ {self.store_problem}")
        lines.extend(f"⚠ {notice}" for notice in self.notices)
        resumable = session.resumable
        return StartInfo(
            circuit=session.circuit,
            plan=session.plan_for(self.challenge),
            challenge=self.challenge,
            speed=session.speed,
            resume_at=None if resumable is None else resumable.current_index,
            notices=tuple(lines),
            place=self.place,
        )

    def status_line(self) -> str:
        """One line of how things stand: sound backend, mute, rehearsal speed."""
        parts = [self._sound_name()]
        if self.sound and self.sound.muted:
            parts.append("MUTED (m)")
        if self.voice is not None and not self.voice.enabled:
            parts.append("voice off (v)")
        if self.session.speed != 1:
            parts.append(f"REHEARSAL ×{self.session.speed:g}")
        if self.session.store is None:
            parts.append("history not saved")
        return " · ".join(parts)

    def _sound_name(self) -> str:
        if self.sound is not None:
            return self.sound.backend_name
        return "sound: starting…" if self._sound_factory is not None else "sound: off"

    def _refresh_status(self) -> None:
        screen, timer = self.screen, self._timer
        if isinstance(screen, StartScreen):
            screen.info = self.start_info()
        elif timer is not None:
            timer.status = self.status_line()

    @property
    def _timer(self) -> WorkoutScreen | None:
        """The timer screen, when it is the one showing."""
        screen = self._timer_screen
        return screen if screen is not None and self.screen is screen else None

    # ----------------------------------------------------------------- services

    def open_services(self) -> None:
        """Open the history, then the sound and the voice, on a thread that begins once the
        first frame is drawn."""
        drawn = threading.Event()
        self.call_after_refresh(drawn.set)
        if self._prepare is not None or self._sound_factory is not None:
            threading.Thread(
                target=self._open_services, args=(drawn,), name="hamtimer-services", daemon=True
            ).start()

    def _open_services(self, drawn: threading.Event) -> None:
        """The history first (Enter waits for it), then the sound and the voice: one thread,
        whose imports and reads never compete with the first frame for the interpreter (it
        waits for the frame, `FIRST_FRAME_WAIT` at most)."""
        drawn.wait(FIRST_FRAME_WAIT)
        if self._prepare is not None:
            self._open_history()
        if self._sound_factory is not None:
            self._services()

    def _open_sound(self) -> None:
        """Find a working sound backend, then the voice, off the loop: probing takes ~0.1 s,
        seconds on a hung sound server, and the first frame must not wait."""
        assert self._sound_factory is not None
        player = self._sound_factory(self)
        if not self._from_thread(self._attach_sound, player):
            player.close()
            return
        if self._voice_factory is not None:  # after the tones: they never wait for a voice
            coach = self._voice_factory(self, player)
            self.session.looked_up.wait()  # the coach prepares last time's holds too
            if not self._from_thread(self._attach_voice, coach):
                coach.close()

    def _from_thread(self, callback: Callable[..., object], *args: object) -> bool:
        """Run `callback` on the app's loop from a service thread; False if the app ended."""
        try:
            self.call_from_thread(callback, *args)
        except Exception:  # closed, crashed or cancelled: a thread must never print
            return False
        return True

    def _services(self) -> None:
        """The sound and voice thread: an error in it is told, never printed."""
        try:
            self._open_sound()
        except Exception as error:
            self._from_thread(self.notice, f"sound could not start ({error})")

    def _open_history(self) -> None:
        """Open the history and find the workout to resume off the first frame's path; the
        start screen offers to resume once known, and Enter or r wait (`session.looked_up`)."""
        assert self._prepare is not None
        try:
            problem = self._prepare()
        finally:
            self.session.looked_up.set()  # never leave Enter waiting
        self._from_thread(self._history_opened, problem)

    def _history_opened(self, problem: str | None) -> None:
        if problem:
            self.store_problem = problem
        self.notices.extend(self.session.take_notices())
        self._refresh_status()
        if isinstance(self.screen, StartScreen):  # idle until a key: the time to collect
            self.call_after_refresh(settle_memory)

    def _attach_sound(self, player: CuePlayer) -> None:
        self.sound = player
        workout = self.session.workout
        if workout is not None:
            workout.subscribe(player.listener(lambda: workout.plan, self.session.clock))
        self._refresh_status()

    def _attach_voice(self, coach: Coach) -> None:
        self.voice = coach
        workout = self.session.workout
        plan = workout.plan if workout is not None else self.session.plan_for(self.challenge)
        coach.prepare(plan, self.session.last_holds(plan))
        if workout is not None:
            workout.subscribe(coach.listener(workout))
        self._refresh_status()

    def notice(self, message: str) -> None:
        """A one-line notice from a service (e.g. the sound backend changed); any thread."""
        message = printable(message)
        try:
            self.call_from_thread(self._sound_changed, message)
        except RuntimeError:  # already on the app's thread
            self._sound_changed(message)

    def _sound_changed(self, message: str) -> None:
        self.notify(message, timeout=8, markup=False)
        self._refresh_status()

    def ring_bell(self) -> None:
        """The terminal bell, drawn by Textual so it never garbles the screen; any thread."""
        try:
            self.call_from_thread(self.bell)
        except RuntimeError:
            self.bell()
