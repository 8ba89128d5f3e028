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
from textual.binding import Binding, BindingType

from hamtimer.printable import printable
from hamtimer.session import WorkoutSession
from hamtimer.tui.leaving import on_leaving_signals, save_then_exit
from hamtimer.tui.opening import ServicesApp, SoundFactory, VoiceFactory
from hamtimer.tui.screens.help import HelpScreen
from hamtimer.tui.screens.leave import ConfirmLeave, LeaveChoice
from hamtimer.tui.screens.start import StartScreen
from hamtimer.tui.screens.workout import WorkoutScreen
from hamtimer.tui.services import Coach, CuePlayer

DONE_SECONDS = 8.0
"""How long a finished workout's big DONE stays before the summary (Enter: at once)."""


class HamtimerApp(ServicesApp):
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
        sound_factory: SoundFactory | None = None,
        voice: Coach | None = None,
        voice_factory: VoiceFactory | None = None,
        store_problem: str | None = None,
        prepare: Callable[[], str | None] | None = None,
        place: str | None = None,
    ) -> None:
        super().__init__(
            session,
            challenge=challenge,
            sound=sound,
            sound_factory=sound_factory,
            voice=voice,
            voice_factory=voice_factory,
            store_problem=store_problem,
            prepare=prepare,
            place=place,
        )
        session.on_error = self.show_error
        self.realtime = realtime
        self.crashed: Exception | None = None
        """The unexpected error that ended the app, if one did (`run_app` raises it)."""

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
