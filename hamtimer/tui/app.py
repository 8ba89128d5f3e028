"""The hamtimer app: one circuit, from the start screen through the workout to the summary.

The app owns the services a workout needs (the clock, the sound, the history store) and
the screens only talk to it. It never keeps time itself: the engine does, and the app
saves what the engine records at every step change and pause.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar, Protocol

from textual.app import App
from textual.binding import Binding, BindingType

from hamtimer.circuit import Circuit
from hamtimer.clock import Clock, MonotonicClock, ScaledClock
from hamtimer.events import Event, EventKind
from hamtimer.history import (
    Checkpoint,
    HistoryError,
    HistoryStore,
    Outcome,
    Session,
    checkpoint_from_records,
    circuit_hash,
    entry_from_records,
    prior_records,
    resolve_data_dir,
)
from hamtimer.library import CircuitFile
from hamtimer.plan import Plan, build_plan
from hamtimer.tui.dialogs import ConfirmLeave, HelpScreen, LeaveChoice
from hamtimer.tui.start import StartScreen
from hamtimer.tui.summary import SummaryScreen
from hamtimer.tui.timer import WorkoutScreen
from hamtimer.workout import Workout, WorkoutState


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

    def listener(self, plan: Plan, clock: Clock | None = None) -> Callable[[Event], None]:
        """An engine listener that plays the cue of each event."""
        ...

    def flush_notices(self) -> None:
        """Deliver pending one-line notices (a backend dropped mid-workout)."""

    def close(self) -> None:
        """Stop and release the device."""


# Events after which the workout in progress is saved for resuming.
CHECKPOINT_EVENTS = frozenset({EventKind.STEP_STARTED, EventKind.PAUSED, EventKind.RESUMED})


class HamtimerApp(App[int]):
    """Runs one circuit. `clock` and `realtime=False` let tests own time."""

    CSS_PATH = "app.tcss"
    TITLE = "hamtimer"
    ENABLE_COMMAND_PALETTE = False  # every action has its own key; the footer needs the room
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q,ctrl+c", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        circuit_file: CircuitFile,
        circuit: Circuit,
        *,
        challenge: bool = False,
        clock: Clock | None = None,
        speed: float = 1.0,
        realtime: bool = True,
        sound: CuePlayer | None = None,
        sound_factory: Callable[[HamtimerApp], CuePlayer] | None = None,
        store: HistoryStore | None = None,
        store_problem: str | None = None,
    ) -> None:
        super().__init__()
        self.circuit_file = circuit_file
        self.circuit = circuit
        self.challenge = challenge
        self.speed = speed
        self.clock = clock or (ScaledClock(speed) if speed != 1 else MonotonicClock())
        self.realtime = realtime
        self.sound = sound
        self._sound_factory = sound_factory
        self.store = store
        self.store_problem = store_problem
        self.circuit_hash = circuit_hash(circuit_file.path)
        self.workout: Workout | None = None
        self.session: Session | None = None
        self.notices: list[str] = []
        self._plans: dict[bool, Plan] = {}
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hamtimer-save")
        self.resumable: Checkpoint | None = self._find_checkpoint()

    # ----------------------------------------------------------------- services

    def plan_for(self, challenge: bool) -> Plan:
        """The plan with or without the challenge variants (made once each)."""
        if challenge not in self._plans:
            self._plans[challenge] = build_plan(self.circuit, challenge=challenge)
        return self._plans[challenge]

    def real_delay(self, due: float | None, now: float) -> float | None:
        """Real seconds until the clock reads `due`; None when nothing is due or in tests."""
        if due is None or not self.realtime:
            return None
        return max(0.0, due - now) / self.speed

    def start_notices(self) -> list[str]:
        """Lines for the start screen: sound, storage problems, anything set aside."""
        lines = [self.sound.describe() if self.sound else self._sound_name()]
        if self.store_problem:
            lines.append(f"⚠ {self.store_problem}")
        lines.extend(f"⚠ {notice}" for notice in self.notices)
        return lines

    def status_line(self) -> str:
        """One line of how things stand: sound backend, mute, rehearsal speed."""
        parts = [self._sound_name()]
        if self.sound and self.sound.muted:
            parts.append("MUTED (m)")
        if self.speed != 1:
            parts.append(f"REHEARSAL ×{self.speed:g}")
        if self.store is None:
            parts.append("history not saved")
        return " · ".join(parts)

    def _sound_name(self) -> str:
        if self.sound is not None:
            return self.sound.backend_name
        return "sound: starting…" if self._sound_factory is not None else "sound: off"

    def _open_sound(self) -> None:
        """Find a working sound backend off the event loop.

        Probing takes ~0.1 s, seconds on a hung sound server: the first frame must not wait.
        """
        assert self._sound_factory is not None
        player = self._sound_factory(self)
        try:
            self.call_from_thread(self._attach_sound, player)
        except RuntimeError:  # the app ended before the sound was ready
            player.close()

    def _attach_sound(self, player: CuePlayer) -> None:
        self.sound = player
        if self.workout is not None:
            self.workout.subscribe(player.listener(self.workout.plan, self.clock))
        if isinstance(self.screen, StartScreen):
            self.screen.refresh_content()

    def flush_notices(self) -> None:
        """Show notices the sound layer queued from its own thread."""
        if self.sound is not None:
            self.sound.flush_notices()

    def toggle_mute(self) -> None:
        """Mute or unmute the cues."""
        if self.sound is not None:
            self.sound.toggle_mute()

    def notice(self, message: str) -> None:
        """A one-line notice from a service (e.g. the sound backend changed); any thread."""
        try:
            self.call_from_thread(self.notify, message, timeout=8, markup=False)
        except RuntimeError:  # already on the app's thread
            self.notify(message, timeout=8, markup=False)

    def ring_bell(self) -> None:
        """The terminal bell, drawn by Textual so it never garbles the screen; any thread."""
        try:
            self.call_from_thread(self.bell)
        except RuntimeError:
            self.bell()

    # ------------------------------------------------------------ the workout

    def _find_checkpoint(self) -> Checkpoint | None:
        if self.store is None:
            return None
        with contextlib.suppress(HistoryError):  # an edited circuit's old checkpoint → history
            self.store.abandon_other_versions(self.circuit_file.name, self.circuit_hash)
        checkpoint = self.store.load_checkpoint(self.circuit_hash)
        self.notices.extend(self.store.take_notices())
        return checkpoint

    def start_workout(self, *, resume: bool) -> None:
        """Leave the start screen for the timer: fresh, or at the interrupted step."""
        checkpoint = self.resumable if resume else None
        if checkpoint is not None and not checkpoint.fits(self.plan_for(checkpoint.challenge)):
            self.notify("The circuit file changed since; starting fresh.", severity="warning")
            checkpoint = None
        if checkpoint is None:
            self._abandon_old_checkpoint()
            plan = self.plan_for(self.challenge)
            self.session = Session.begin(
                plan, circuit_ref=self.circuit_file.name, circuit_hash=self.circuit_hash
            )
            workout = Workout(plan, self.clock)
        else:
            plan = self.plan_for(checkpoint.challenge)
            self.session = checkpoint.session()
            workout = Workout(
                plan,
                self.clock,
                start_index=checkpoint.current_index,
                prior=prior_records(checkpoint),
            )
        self.resumable = None
        self.workout = workout
        if self.sound is not None:
            workout.subscribe(self.sound.listener(plan, self.clock))
        workout.subscribe(self._on_event)
        self.switch_screen(WorkoutScreen(workout))

    def _abandon_old_checkpoint(self) -> None:
        if self.store is None or self.resumable is None:
            return
        with contextlib.suppress(HistoryError):
            self.store.abandon_checkpoint(self.circuit_hash)

    def _on_event(self, event: Event) -> None:
        if event.kind in CHECKPOINT_EVENTS:
            self.save_checkpoint()

    def save_checkpoint(self) -> Future[None] | None:
        """Save the workout in progress, off the event loop, in order; None if nothing to save."""
        workout, session, store = self.workout, self.session, self.store
        if workout is None or session is None or store is None:
            return None
        if workout.state not in (WorkoutState.RUNNING, WorkoutState.PAUSED):
            return None
        checkpoint = checkpoint_from_records(
            workout.plan,
            workout.records,
            session,
            current_index=workout.snapshot().index,
            paused=workout.state is WorkoutState.PAUSED,
        )
        return self._writer.submit(self._guarded, store.save_checkpoint, checkpoint)

    def _guarded(self, write: Callable[..., object], *args: object) -> None:
        try:
            write(*args)
        except HistoryError as error:
            self.call_from_thread(
                self.notify, str(error), severity="error", timeout=10, markup=False
            )

    def workout_over(self, workout: Workout) -> None:
        """The engine says the workout ended: store it (then drop its checkpoint), summarise."""
        if self.session is None:
            return
        outcome = Outcome.FINISHED if workout.state is WorkoutState.FINISHED else Outcome.ABANDONED
        entry = entry_from_records(workout.plan, workout.records, self.session, outcome=outcome)
        if self.store is not None:
            self._writer.submit(self._guarded, self.store.record, entry)
        self.session = None
        self.switch_screen(SummaryScreen(entry))

    # ------------------------------------------------------------------ leaving

    def action_request_quit(self) -> None:
        """q, Ctrl+C, Ctrl+Q: ask first during a workout, else leave."""
        if isinstance(self.screen, ConfirmLeave):
            self.screen.dismiss("abandon")
            return
        workout = self.workout
        if (
            not isinstance(self.screen, WorkoutScreen)
            or workout is None
            or workout.state not in (WorkoutState.RUNNING, WorkoutState.PAUSED)
        ):
            self.exit(0)
            return
        was_running = workout.state is WorkoutState.RUNNING
        workout.pause()
        self.screen.wake()

        def answer(choice: LeaveChoice | None) -> None:
            self._leave(choice or "stay", was_running)

        self.push_screen(ConfirmLeave(), answer)

    def _leave(self, choice: LeaveChoice, was_running: bool) -> None:
        workout = self.workout
        if workout is None:
            return
        if choice == "stay":
            if was_running:
                workout.resume()
            if isinstance(self.screen, WorkoutScreen):
                self.screen.wake()
            return
        if choice == "save":
            self.save_checkpoint()
            self.exit(0)
            return
        workout.abandon()
        if isinstance(self.screen, WorkoutScreen):
            self.screen.wake()  # the engine reports ABANDONED: stored, then the summary

    def action_help(self) -> None:
        """The key help over the current screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_show_history(self) -> None:
        """The history screen."""
        self.show_history()

    def show_history(self) -> None:
        """Past workouts and the trend of the holds per side."""
        from hamtimer.tui.history_screen import HistoryScreen

        self.push_screen(HistoryScreen(self.store))

    def suspend_process(self) -> None:
        """Ctrl+Z: save, then stop like any terminal program; `fg` brings it back paused."""
        self.save_checkpoint()
        self.action_suspend_process()

    def _save_and_exit(self) -> None:
        """SIGTERM or SIGHUP (a closed terminal window): keep the workout for resuming.

        The checkpoint is on disk before anything else. A terminal that is already gone can
        leave Textual blocked writing its last frame for ever, so a watchdog ends the process
        if the clean exit has not happened within a few seconds.
        """
        saving = self.save_checkpoint()
        if saving is not None:
            with contextlib.suppress(Exception):
                saving.result(timeout=5)
        threading.Thread(target=_exit_after, args=(EXIT_GRACE,), daemon=True).start()
        self.exit(0)

    def on_mount(self) -> None:
        """Show the start screen; save and leave cleanly when the terminal goes away."""
        self.push_screen(StartScreen())
        if self._sound_factory is not None:
            threading.Thread(target=self._open_sound, name="hamtimer-sound", daemon=True).start()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, self._save_and_exit)

    def on_unmount(self) -> None:
        """Finish every pending save before the process ends."""
        self._writer.shutdown(wait=True)
        if self.sound is not None:
            self.sound.close()


EXIT_GRACE = 3.0


def _exit_after(seconds: float) -> None:
    time.sleep(seconds)
    os._exit(0)


def open_store(data_dir: Path | None) -> tuple[HistoryStore | None, str | None]:
    """The history store, or None and the reason when the data folder cannot be written."""
    try:
        store = HistoryStore(resolve_data_dir(data_dir))
        store.check_writable()
    except HistoryError as error:
        return None, f"{error} — this workout will not be saved"
    return store, None


def run_app(
    circuit_file: CircuitFile,
    circuit: Circuit,
    *,
    challenge: bool,
    speed: float,
    sound: str,
    data_dir: Path | None,
) -> int:
    """Run the timer for a circuit until the runner leaves; the process exit code."""
    store, problem = open_store(data_dir)

    def open_sound(app: HamtimerApp) -> CuePlayer:
        from hamtimer.sound import open_sound  # imported off the first frame's path, too

        return open_sound(sound, notice=app.notice, bell=app.ring_bell)

    app = HamtimerApp(
        circuit_file,
        circuit,
        challenge=challenge,
        speed=speed,
        sound_factory=open_sound,
        store=store,
        store_problem=problem,
    )
    result = app.run()
    return result if isinstance(result, int) else 0
