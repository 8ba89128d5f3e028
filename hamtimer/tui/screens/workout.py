"""`WorkoutScreen`: what a runner sees from the mat, driven by the engine's snapshots."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from hamtimer.plan import WorkMode
from hamtimer.tui.screens.adaptive import AdaptiveScreen
from hamtimer.tui.view import View, view_of
from hamtimer.tui.widgets import BigTime, TooSmall
from hamtimer.workout import Workout, WorkoutState

PHASES = ("work", "rest-sides", "rest-sets", "get-ready", "switch", "paused", "finished")

# Wake a hair after a boundary, never before it: a wake-up that comes early would show
# the old second for another whole second.
WAKE_MARGIN = 0.001

HOLD_KEYS = frozenset({"pagedown", "pageup", "down", "up", "tab"})
"""Keys without a character that end a hold too: what presentation clickers send."""


class WorkoutScreen(AdaptiveScreen):
    """The timer. Keys map to engine commands; the engine says when to wake next.

    `speed` is how fast the workout's clock runs against real time (20 for a rehearsal);
    None means the screen never wakes itself (tests move the clock and call `wake`).
    """

    DEFAULT_CSS = """
    WorkoutScreen #workout { height: 1fr; }
    WorkoutScreen #phase { height: 1; text-style: bold; padding: 0 1; background: #000000 25%; }
    WorkoutScreen #title { height: 1; text-style: bold; padding: 0 1; }
    WorkoutScreen #side { height: 1; padding: 0 1; }
    WorkoutScreen #prompt { height: auto; max-height: 2; text-style: bold; padding: 0 1; }
    WorkoutScreen #cue { height: auto; max-height: 2; text-style: italic; padding: 0 1; }
    WorkoutScreen #extra { height: auto; max-height: 2; padding: 0 1; }
    WorkoutScreen #next { height: 1; padding: 0 1; }
    WorkoutScreen #progress { height: 1; padding: 0 1; }
    WorkoutScreen #progress Bar { width: 1fr; }
    WorkoutScreen #times { height: 1; padding: 0 1; }
    WorkoutScreen #status { height: 1; padding: 0 1; color: auto 70%; }
    WorkoutScreen.-compact #cue, WorkoutScreen.-compact #extra,
    WorkoutScreen.-compact #progress, WorkoutScreen.-compact #times,
    WorkoutScreen.-compact #status { display: none; }
    WorkoutScreen.-too-small #workout { display: none; }

    /* Solid colours per phase with their own text colour: they read the same in dark and
       light themes and from across a room. */
    WorkoutScreen.phase-work { background: #1b7a34; color: #ffffff; }
    WorkoutScreen.phase-rest-sides { background: #1456b8; color: #ffffff; }
    WorkoutScreen.phase-rest-sets { background: #5b2a9e; color: #ffffff; }
    WorkoutScreen.phase-switch { background: #00838f; color: #ffffff; }
    WorkoutScreen.phase-get-ready { background: #f5b400; color: #000000; }
    WorkoutScreen.phase-paused { background: #c62828; color: #ffffff; }
    WorkoutScreen.phase-finished { background: #37474f; color: #ffffff; }
    WorkoutScreen.phase-paused #phase { text-style: bold reverse blink; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause", id="pause", priority=True, key_display="␣"),
        Binding("enter", "done", "Done", id="done", priority=True),
        Binding("n,right", "skip", "Skip", id="skip", priority=True, key_display="n"),
        Binding("p,left", "back", "Back", id="back", priority=True, key_display="p"),
        Binding("plus,equals_sign", "adjust(1)", "10s", id="more", priority=True, key_display="+"),
        Binding("minus", "adjust(-1)", "10s", id="less", priority=True, key_display="-"),
        Binding("m", "mute", "Mute", id="mute", priority=True),
        Binding("v", "voice", "Voice", id="voice", show=False, priority=True),
        Binding("c", "challenge", "Hard", id="challenge", priority=True),
        Binding("question_mark", "app.help", "Help", id="help", priority=True),
        Binding("q", "app.request_quit", "Quit", id="quit", priority=True),
        Binding("ctrl+z", "suspend", "Suspend", id="suspend", show=False, priority=True),
    ]

    class Over(Message):
        """The engine says the workout ended (finished or abandoned); posted once."""

    class ChallengeToggled(Message):
        """The runner switched challenge mode for the steps to come."""

    class MuteToggled(Message):
        """The runner muted or unmuted the cues."""

    class VoiceToggled(Message):
        """The runner turned the voice off or on."""

    class Suspended(Message):
        """The runner pressed Ctrl+Z: the workout is paused, the process should stop."""

    status: reactive[str] = reactive("", init=False)
    """The status line: sound backend, mute, rehearsal; the app keeps it current."""

    def __init__(self, workout: Workout, *, speed: float | None = 1.0, status: str = "") -> None:
        super().__init__()
        self.workout = workout
        self.speed = speed
        self.set_reactive(WorkoutScreen.status, status)
        self._timer: Timer | None = None
        self._shown: View | None = None
        self._lines: dict[str, str] = {}
        self._over_posted = False

    def compose(self) -> ComposeResult:
        """The layout, from the phase line down to the status line."""
        yield TooSmall()
        with Vertical(id="workout"):
            yield Static(id="phase", markup=False)
            yield Static(id="title", markup=False)
            yield Static(id="side", markup=False)
            yield BigTime(id="big")
            yield Static(id="prompt", markup=False)
            yield Static(id="cue", markup=False)
            yield Static(id="extra", markup=False)
            yield Static(id="next", markup=False)
            yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="progress")
            yield Static(id="times", markup=False)
            yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Start the clock as soon as the screen is up."""
        super().on_mount()
        if self.workout.state is WorkoutState.READY:
            self.workout.start()
        self.wake()

    def on_unmount(self) -> None:
        """No wake-ups for a screen that is gone."""
        if self._timer is not None:
            self._timer.stop()

    def watch_status(self, status: str) -> None:
        """Show a new status line."""
        self._set_line("status", status)

    def wake(self) -> None:
        """Catch the engine up with the clock, redraw, and sleep until the next change."""
        self.workout.update()
        self.show(view_of(self.workout.snapshot()))
        if self.workout.state.over:
            if not self._over_posted:
                self._over_posted = True
                self.post_message(self.Over())
            return
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        due = self.workout.next_change(workout_seconds=False)
        if due is None or self.speed is None:
            return
        delay = max(0.0, due - self.workout.clock.now()) / self.speed
        self._timer = self.set_timer(delay + WAKE_MARGIN, self.wake, name="engine-wake")

    def show(self, view: View) -> None:
        """Put a view on screen, touching only what changed since the last one.

        Most wake-ups change one or two strings (the digits, the elapsed time); redrawing
        and re-laying out every widget each second would cost the laptop's battery.
        """
        last, self._shown = self._shown, view
        if last is None or last.phase != view.phase:
            for phase in PHASES:
                self.set_class(view.phase == phase, f"phase-{phase}")
        lines = {
            "phase": f"{view.label}   {view.set_text}".rstrip(),
            "title": view.title,
            "next": view.next,
            "times": view.times,
            "status": self.status,
        }
        for widget_id, text in lines.items():
            self._set_line(widget_id, text)
        if last is None or last.side != view.side:
            side = self.query_one("#side", Static)
            side.update(Text(f" {view.side} ", style="bold reverse"), layout=False)
            side.display = bool(view.side)
        for widget_id in ("prompt", "cue", "extra"):  # these may wrap: their height can change
            if last is None or getattr(last, widget_id) != getattr(view, widget_id):
                self.query_one(f"#{widget_id}", Static).update(getattr(view, widget_id))
        self.query_one(BigTime).text = view.big
        if last is None or last.progress != view.progress:
            self.query_one(ProgressBar).update(progress=view.progress)

    def _set_line(self, widget_id: str, text: str) -> None:
        """Update a one-line widget if its text changed; its size cannot, so no re-layout."""
        if self._lines.get(widget_id) != text:
            self._lines[widget_id] = text
            self.query_one(f"#{widget_id}", Static).update(text, layout=False)

    def _command(self, name: str, *args: float) -> None:
        getattr(self.workout, name)(*args)
        self.wake()

    def action_toggle_pause(self) -> None:
        """Space: pause or go on."""
        self._command("toggle_pause")

    def action_done(self) -> None:
        """Enter: this set of reps or this hold is done."""
        self._command("done")

    def action_skip(self) -> None:
        """Skip to the next step."""
        self._command("skip")

    def action_back(self) -> None:
        """Restart this step, or go to the previous one if this one just began."""
        self._command("back")

    def action_adjust(self, sign: int) -> None:
        """Add or remove time on a rest or timed step."""
        self._command("adjust", sign * self.workout.adjust_seconds)

    def action_mute(self) -> None:
        """Silence the cues, or bring them back."""
        self.post_message(self.MuteToggled())

    def action_voice(self) -> None:
        """Voice off or on (the tones play on)."""
        self.post_message(self.VoiceToggled())

    def on_key(self, event: events.Key) -> None:
        """A hold to fatigue also ends on any key not bound to something else, so that a
        foot pedal or a clicker that types a key can end it."""
        pedal = event.is_printable or event.key in HOLD_KEYS
        step = self.workout.snapshot().step
        if pedal and step is not None and step.mode is WorkMode.OPEN and not self.workout.paused:
            event.stop()
            self.action_done()

    def action_challenge(self) -> None:
        """Challenge mode on or off for the steps to come."""
        self.post_message(self.ChallengeToggled())

    def action_suspend(self) -> None:
        """Ctrl+Z: pause, save, and hand the terminal back; it stays paused after `fg`."""
        self.workout.pause()
        self.wake()
        self.post_message(self.Suspended())
