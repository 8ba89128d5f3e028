"""The hamtimer app: one circuit, from the start screen through the workout to the summary.

The app composes: the session (`hamtimer.session`) owns the workout's life and its saving,
the sound layer plays the cues, the screens draw and post Messages, and the app answers
them. It never keeps time itself: the engine does.

Leaving, however it happens, gives the terminal back and keeps the workout: SIGTERM, SIGHUP
and SIGQUIT save it for resuming and exit 0, SIGINT the same with exit code 130
(`hamtimer.tui.leaving`); an unexpected error saves it too, and `run_app` raises it once the
terminal is restored, for the command to report in one line (the traceback in a file).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType

from hamtimer.printable import printable
from hamtimer.session import WorkoutSession
from hamtimer.tui.leaving import on_leaving_signals, save_then_exit
from hamtimer.tui.screens.help import HelpScreen
from hamtimer.tui.screens.leave import ConfirmLeave, LeaveChoice
from hamtimer.tui.screens.start import StartInfo, StartScreen
from hamtimer.tui.screens.workout import WorkoutScreen
from hamtimer.tui.services import Coach, CuePlayer

DONE_SECONDS = 8.0
"""How long a finished workout's big DONE stays before the summary (Enter: at once)."""


class HamtimerApp(App[int]):
    """Runs one circuit's workouts. `realtime=False` lets tests own time (no self-waking)."""

    TITLE = "hamtimer"
    ENABLE_COMMAND_PALETTE = False  # every action has its own key; the footer needs the room
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q,ctrl+c", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        session: WorkoutSession,
        *,
        challenge: bool = False,
        realtime: bool = True,
        sound: CuePlayer | None = None,
        sound_factory: Callable[[HamtimerApp], CuePlayer] | None = None,
        voice: Coach | None = None,
        voice_factory: Callable[[HamtimerApp, CuePlayer], Coach] | None = None,
        store_problem: str | None = None,
        prepare: Callable[[], str | None] | None = None,
        place: str | None = None,
    ) -> None:
        super().__init__()
        self.place = place
        """The programme's place when this circuit is its session ('Nordic … · Week 3 · …')."""
        self.session = session
        session.on_error = self.show_error
        self.challenge = challenge
        self.realtime = realtime
        self.sound = sound
        self._sound_factory = sound_factory
        self.voice = voice
        self._voice_factory = voice_factory
        self.store_problem = store_problem
        self.notices = [*session.circuit.warnings, *session.take_notices()]
        self._prepare = prepare
        """Opens the history after the first frame, on a thread; returns a problem to show."""
        self.crashed: Exception | None = None
        """The unexpected error that ended the app, if one did (`run_app` raises it)."""

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
        screen = self.screen
        if isinstance(screen, StartScreen):
            screen.info = self.start_info()
        elif isinstance(screen, WorkoutScreen):
            screen.status = self.status_line()

    # ----------------------------------------------------------------- services

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

    def show_error(self, message: str) -> None:
        """A problem saving the history (or resuming); any thread. The workout runs on."""
        try:
            self.call_from_thread(self._error, message)
        except RuntimeError:
            self._error(message)

    def _error(self, message: str) -> None:
        self.notify(printable(message), severity="error", timeout=10, markup=False)
        from hamtimer.tui.screens.summary import SummaryScreen

        if isinstance(self.screen, SummaryScreen):
            self.screen.show_unsaved(self.session.unsaved_text())

    def ring_bell(self) -> None:
        """The terminal bell, drawn by Textual so it never garbles the screen; any thread."""
        try:
            self.call_from_thread(self.bell)
        except RuntimeError:
            self.bell()

    # ----------------------------------------------------------------- messages

    @on(StartScreen.Begin)
    def _begin(self, message: StartScreen.Begin) -> None:
        """Leave the start screen for the timer: fresh, or at the interrupted step."""
        from hamtimer.voice.coach import HEADS_UP  # off the first frame's path

        self.session.looked_up.wait()  # the history's answer first: resume, or store as abandoned
        voiced = self.voice is not None or self._voice_factory is not None
        workout = self.session.start(
            resume=message.resume, challenge=self.challenge, heads_up=HEADS_UP if voiced else None
        )
        if self.sound is not None:
            workout.subscribe(self.sound.listener(lambda: workout.plan, self.session.clock))
        if self.voice is not None:
            workout.subscribe(self.voice.listener(workout))
        speed = self.session.speed if self.realtime else None
        screen = WorkoutScreen(
            workout, speed=speed, status=self.status_line(), targets=self.session.target_for
        )
        self.switch_screen(screen)

    @on(StartScreen.ChallengeToggled)
    def _challenge_before(self) -> None:
        self.challenge = not self.challenge
        self._refresh_status()

    @on(WorkoutScreen.ChallengeToggled)
    def _challenge_during(self) -> None:
        workout = self.session.workout
        if workout is not None:
            workout.replace_plan(self.session.plan_for(not workout.plan.challenge))
            self.notify(f"Challenge mode {'on' if workout.plan.challenge else 'off'}")
            if isinstance(self.screen, WorkoutScreen):
                self.screen.wake()

    @on(WorkoutScreen.MuteToggled)
    def _mute(self) -> None:
        if self.sound is not None:
            self.sound.toggle_mute()
        self._refresh_status()

    @on(WorkoutScreen.Suspended)
    def _suspend(self) -> None:
        """Ctrl+Z: save, then stop like any terminal program; `fg` brings it back paused."""
        self.session.checkpoint()
        self.action_suspend_process()

    @on(WorkoutScreen.VoiceToggled)
    @on(StartScreen.VoiceToggled)
    def _voice(self) -> None:
        if self.voice is not None:
            self.voice.toggle()
        self._refresh_status()

    @on(WorkoutScreen.Over)
    def _over(self, message: WorkoutScreen.Over) -> None:
        """The workout ended and the session stored it. Abandoned: the summary at once
        (the runner is at the keys); finished: the big DONE first, for a while or until
        Enter."""
        self.session.finish()
        if not message.finished:
            self._show_summary()
        elif self.realtime:
            self.set_timer(DONE_SECONDS, self._show_summary, name="done")

    @on(WorkoutScreen.SummaryWanted)
    def _show_summary(self) -> None:
        from hamtimer.tui.screens.summary import SummaryScreen  # only needed at the end

        record = self.session.finish()
        if record is not None and isinstance(self.screen, WorkoutScreen):
            self.switch_screen(SummaryScreen(record, self.session.unsaved_text()))

    # ----------------------------------------------------------------- leaving

    def action_request_quit(self) -> None:
        """q, Ctrl+C, Ctrl+Q: ask first during a workout, else leave."""
        if isinstance(self.screen, ConfirmLeave):
            self.screen.dismiss("abandon")
            return
        workout = self.session.workout
        if (
            not isinstance(self.screen, WorkoutScreen)
            or workout is None
            or not workout.state.active
        ):
            self.exit(0)
            return
        was_paused = workout.paused
        workout.pause()
        self.screen.wake()

        def answer(choice: LeaveChoice | None) -> None:
            self._leave(choice or "stay", resume=not was_paused)

        self.push_screen(ConfirmLeave(), answer)

    def _leave(self, choice: LeaveChoice, *, resume: bool) -> None:
        workout = self.session.workout
        if workout is None:
            return
        if choice == "stay":
            if resume:
                workout.resume()
        elif choice == "save":
            self.session.checkpoint(release=True)
            self.exit(0)
            return
        else:
            workout.abandon()  # the engine reports ABANDONED: stored, then the summary
        if isinstance(self.screen, WorkoutScreen):
            self.screen.wake()

    def action_help(self) -> None:
        """The key help over the current screen; a running workout waits while it is open
        (help costs no time) and goes on when it closes."""
        screen, workout = self.screen, self.session.workout
        if not isinstance(screen, WorkoutScreen) or workout is None or not workout.state.active:
            if not isinstance(screen, HelpScreen):
                self.push_screen(HelpScreen())
            return
        if workout.paused:
            self.push_screen(HelpScreen())
            return
        workout.pause()
        screen.wake()

        def closed(_: None) -> None:
            if workout.paused:
                workout.resume()
            screen.wake()

        self.push_screen(HelpScreen(paused=True), closed)

    def action_show_programme(self) -> None:
        """The programme followed: its weeks as a grid, what was done, the progress."""
        from hamtimer.following import place  # loads only when asked
        from hamtimer.programme import ProgrammeError
        from hamtimer.tui.screens.programme import ProgrammeScreen

        store = self.session.store
        if store is None:
            self.push_screen(
                ProgrammeScreen(None, ["History is not available: the data folder cannot be used."])
            )
            return
        try:
            found = place(store, self.session.calendar)
        except ProgrammeError as problem:
            self.push_screen(ProgrammeScreen(None, [str(problem)]))
            return
        self.push_screen(ProgrammeScreen(found, store.take_notices()))

    def action_show_history(self) -> None:
        """Past workouts and the trend of the holds per side."""
        from hamtimer.tui.screens.history import HistoryScreen  # loads only when asked

        store = self.session.store
        if store is None:
            notices = ["History is not available: the data folder cannot be used."]
            self.push_screen(HistoryScreen([], notices))
            return
        records = store.workouts()
        self.push_screen(HistoryScreen(records, store.take_notices()))

    def _save_and_exit(self, code: int = 0) -> None:
        """SIGTERM, SIGHUP (a closed terminal window), SIGQUIT or SIGINT: keep the workout
        for resuming, give the terminal back, and exit with `code` (`leaving`)."""
        save_then_exit(self.session, self.exit, code)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: keep the workout for resuming, and leave without printing
        the traceback over the terminal (`run_app` raises the error for the command to
        report, the details in a file)."""
        if self.crashed is None:
            self.crashed = error
            with contextlib.suppress(Exception):
                self.session.checkpoint(release=True)
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def on_mount(self) -> None:
        """Show the start screen; save and leave cleanly when the terminal goes away."""
        self.push_screen(StartScreen(self.start_info()))
        if self._prepare is not None:
            threading.Thread(
                target=self._open_history, name="hamtimer-history", daemon=True
            ).start()
        if self._sound_factory is not None:
            threading.Thread(target=self._services, name="hamtimer-sound", daemon=True).start()
        on_leaving_signals(self._save_and_exit)

    def on_unmount(self) -> None:
        """Finish every pending save before the process ends."""
        self.session.close()
        if self.voice is not None:
            self.voice.close()
        if self.sound is not None:
            self.sound.close()
