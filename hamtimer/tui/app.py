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
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding, BindingType

from hamtimer.printable import printable
from hamtimer.tui.leaving import on_leaving_signals, save_then_exit
from hamtimer.tui.memory import release_memory, settle_memory
from hamtimer.tui.opening import ServicesApp, SoundFactory, VoiceFactory
from hamtimer.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from hamtimer.session import WorkoutSession
    from hamtimer.tui.screens.leave import LeaveChoice
    from hamtimer.tui.screens.workout import WorkoutScreen
    from hamtimer.tui.services import Coach, CuePlayer

# The screens after the start screen load when first shown, so the start screen's first
# frame never waits for them (their messages are answered by name: on_workout_screen_…).

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
        from hamtimer.tui.screens.workout import WorkoutScreen

        self.session.looked_up.wait()  # the history's answer first: resume, or store as abandoned
        heads_up = None
        if self.voice is not None or self._voice_factory is not None:
            from hamtimer.voice.coach import HEADS_UP  # the voice's, loaded only for a voice

            heads_up = HEADS_UP
        workout = self.session.start(
            resume=message.resume, challenge=self.challenge, heads_up=heads_up
        )
        if self.sound is not None:
            workout.subscribe(self.sound.listener(lambda: workout.plan, self.session.clock))
        if self.voice is not None:
            workout.subscribe(self.voice.listener(workout))
        speed = self.session.speed if self.realtime else None
        self._timer_screen = WorkoutScreen(
            workout, speed=speed, status=self.status_line(), targets=self.session.target_for
        )
        self.switch_screen(self._timer_screen)
        self.call_after_refresh(settle_memory)

    @on(StartScreen.ChallengeToggled)
    def _challenge_before(self) -> None:
        self.challenge = not self.challenge
        self._refresh_status()

    def on_workout_screen_challenge_toggled(self) -> None:
        """c during the workout: the plan with or without the challenge variants."""
        workout, timer = self.session.workout, self._timer
        if workout is not None:
            workout.replace_plan(self.session.plan_for(not workout.plan.challenge))
            self.notify(f"Challenge mode {'on' if workout.plan.challenge else 'off'}")
            if timer is not None:
                timer.wake()

    def on_workout_screen_mute_toggled(self) -> None:
        """m: the cues muted or not."""
        if self.sound is not None:
            self.sound.toggle_mute()
        self._refresh_status()

    def on_workout_screen_suspended(self) -> None:
        """Ctrl+Z: save, then stop like any terminal program; `fg` brings it back paused."""
        self.session.checkpoint()
        self.action_suspend_process()

    def on_workout_screen_voice_toggled(self) -> None:
        """v during the workout: the voice off or on."""
        self._voice()

    @on(StartScreen.VoiceToggled)
    def _voice(self) -> None:
        if self.voice is not None:
            self.voice.toggle()
        elif self._voice_factory is None:
            self.notify("No voice with the sound off: start without --sound off")
        self._refresh_status()

    def on_workout_screen_over(self, message: WorkoutScreen.Over) -> None:
        """The workout ended and the session stored it. Abandoned: the summary at once
        (the runner is at the keys); finished: the big DONE first, for a while or until
        Enter."""
        self.session.finish()
        if not message.finished:
            self._show_summary()
        elif self.realtime:
            self.set_timer(DONE_SECONDS, self._show_summary, name="done")

    def on_workout_screen_summary_wanted(self) -> None:
        """Enter on the big DONE: the summary at once."""
        self._show_summary()

    def _show_summary(self) -> None:
        from hamtimer.tui.screens.summary import SummaryScreen  # only needed at the end

        record = self.session.finish()
        if record is not None and self._timer is not None:
            self.switch_screen(SummaryScreen(record, self.session.unsaved_text()))

    # ----------------------------------------------------------------- leaving

    def action_request_quit(self) -> None:
        """q, Ctrl+C, Ctrl+Q: ask first during a workout, else leave."""
        from hamtimer.tui.screens.leave import ConfirmLeave

        if isinstance(self.screen, ConfirmLeave):
            self.screen.dismiss("abandon")
            return
        workout, timer = self.session.workout, self._timer
        if timer is None or workout is None or not workout.state.active:
            self.exit(0)
            return
        was_paused = workout.paused
        workout.pause()
        timer.wake()

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
        timer = self._timer
        if timer is not None:
            timer.wake()

    def action_help(self) -> None:
        """The key help over the current screen; a running workout waits while it is open
        (help costs no time) and goes on when it closes."""
        from hamtimer.tui.screens.help import HelpScreen

        screen, workout = self._timer, self.session.workout
        if screen is None or workout is None or not workout.state.active:
            if not isinstance(self.screen, HelpScreen):
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

        self.session.looked_up.wait()  # the history is opened on a thread after the first frame
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
        from hamtimer.report import LATEST
        from hamtimer.tui.screens.history import RECENT, HistoryScreen  # loads only when asked

        self.session.looked_up.wait()  # the history is opened on a thread after the first frame
        store = self.session.store
        if store is None:
            notices = ["History is not available: the data folder cannot be used."]
            self.push_screen(HistoryScreen([], notices=notices))
            return
        recent = store.workouts(limit=RECENT)  # what the screen shows, not every workout
        trends = store.hold_trends(LATEST)
        self.push_screen(HistoryScreen(recent, trends, store.take_notices()))

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

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer shows it: a one-character key as itself and ? as "?", without
        Textual's look-up of the key's name in the Unicode database (0.3 MB of memory)."""
        if not binding.key_display:
            if len(binding.key) == 1:
                return binding.key
            if binding.key == "question_mark":
                return "?"
        return super().get_key_display(binding)

    def get_default_screen(self) -> StartScreen:
        """The start screen is the first screen: no blank screen is drawn and restyled
        before it. Enter replaces it with the timer (`switch_screen`, which expects the
        result callback that `push_screen` gives every other screen)."""
        screen = StartScreen(self.start_info())
        screen._push_result_callback(self, None)
        return screen

    def on_mount(self) -> None:
        """Open the history, then the sound and the voice, on a thread that begins once the
        first frame is drawn; save and leave cleanly when the terminal goes away."""
        self.open_services()
        on_leaving_signals(self._save_and_exit)

    def on_unmount(self) -> None:
        """Finish every pending save before the process ends."""
        release_memory()
        self.session.close()
        if self.voice is not None:
            self.voice.close()
        if self.sound is not None:
            self.sound.close()
