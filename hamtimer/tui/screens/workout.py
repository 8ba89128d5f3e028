"""`WorkoutScreen`: what a runner sees from the mat, driven by the engine's snapshots."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive

from hamtimer.history import HoldTarget
from hamtimer.plan import Step, WorkMode
from hamtimer.tui.memory import collect_garbage
from hamtimer.tui.palette import PALETTE, phase_css
from hamtimer.tui.screens.adaptive import AdaptiveScreen
from hamtimer.tui.view import View, only_ticked, view_of
from hamtimer.tui.widgets import (
    BigTime,
    DirectionMark,
    FitLine,
    KeyFooter,
    LargeLine,
    StatusLine,
    TooSmall,
)
from hamtimer.workout import Workout, WorkoutState, adjustable

KINDS = ("work", "pause", "over")
LOOKS = frozenset(
    {f"phase-{phase}" for phase in PALETTE}
    | {f"-kind-{kind}" for kind in KINDS}
    | {"-has-target", "-has-tempo"}
)
"""The screen's classes that follow what it shows (`-compact` and such follow its size)."""

# Wake a hair after a boundary, never before it: a wake-up that comes early would show
# the old second for another whole second.
WAKE_MARGIN = 0.001

LARGE_HEIGHT = 34
"""From this many rows, the words above the number grow to five rows."""

ESSENTIAL = (
    "toggle_pause",
    "go_on",
    "done",
    "summary",
    "count_round(1)",
    "app.help",
    "app.request_quit",
)
"""The keys a small terminal's footer keeps: Space, Enter (+ in an AMRAP), ? and q."""

Targets = Callable[[Step | None], HoldTarget | None]

HOLD_KEYS = frozenset({"pagedown", "pageup", "down", "up", "tab"})
"""Keys without a character that end a hold too: what presentation clickers send."""


class WorkoutScreen(AdaptiveScreen):
    """The timer. Keys map to engine commands; the engine says when to wake next.

    `speed` is how fast the workout's clock runs against real time (20 for a rehearsal);
    None means the screen never wakes itself (tests move the clock and call `wake`).
    `targets` gives the hold to beat on a step (none in a rehearsal).
    """

    DEFAULT_CSS = (
        """
    WorkoutScreen #workout { height: 1fr; }
    WorkoutScreen #headline { text-style: bold; background: #000000 25%; }
    WorkoutScreen #number { height: 1fr; min-height: 4; }
    WorkoutScreen #mark { dock: right; width: 50%; }
    WorkoutScreen #number.-counter-clockwise #mark { dock: left; }
    WorkoutScreen #prompt { text-style: bold; }
    WorkoutScreen #tempo { display: none; text-style: bold; }
    WorkoutScreen.-has-tempo #tempo { display: block; }
    WorkoutScreen.-compact.-has-tempo #tempo { display: none; }
    WorkoutScreen #target { text-style: bold; }
    WorkoutScreen #target.-passed { text-style: bold reverse; }
    WorkoutScreen #cue { text-style: italic; }
    WorkoutScreen.-kind-pause #next { display: none; }
    WorkoutScreen.-compact #headline, WorkoutScreen.-compact #name,
    WorkoutScreen.-compact #prompt, WorkoutScreen.-compact #cue,
    WorkoutScreen.-compact #extra, WorkoutScreen.-compact #status { display: none; }
    WorkoutScreen.-compact.-kind-pause #next { display: block; }
    WorkoutScreen.-compact.-has-target #next { display: none; }
    WorkoutScreen.-compact.phase-paused #headline { display: block; }
    WorkoutScreen.-compact.phase-paused #next { display: none; }
    WorkoutScreen.-compact #mark { border: none; padding: 0; }
    WorkoutScreen.-too-small #workout { display: none; }
    WorkoutScreen.phase-paused #headline { text-style: bold reverse blink; }
    WorkoutScreen.phase-paused BigTime { text-style: bold blink; }

    /* Solid colours per phase with their own text colour (hamtimer.tui.palette): they
       read the same in dark and light themes and from across a room. */
    """
        + phase_css("WorkoutScreen")
        + "\n"
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause", id="pause", priority=True, key_display="␣"),
        Binding("space", "go_on", "Go on", id="go-on", priority=True, key_display="␣"),
        Binding("enter", "summary", "Summary", id="summary", priority=True),
        Binding("enter", "done", "Done", id="done", priority=True),
        Binding("n,right", "skip", "Skip", id="skip", priority=True, key_display="n"),
        Binding("p,left", "back", "Back", id="back", priority=True, key_display="p"),
        Binding("plus,equals_sign", "adjust(1)", "10s", id="more", priority=True, key_display="+"),
        Binding("minus", "adjust(-1)", "10s", id="less", priority=True, key_display="-"),
        Binding(
            "plus,equals_sign,enter",
            "count_round(1)",
            "Round",
            id="round",
            priority=True,
            key_display="+",
            tooltip="An AMRAP round done (Enter counts too)",
        ),
        Binding(
            "minus",
            "count_round(-1)",
            "Undo",
            id="round-back",
            priority=True,
            key_display="-",
            tooltip="Take back a round counted by mistake",
        ),
        Binding("m", "mute", "Mute", id="mute", priority=True),
        Binding("v", "voice", "Voice", id="voice", show=False, priority=True),
        Binding("c", "challenge", "Hard", id="challenge", priority=True),
        Binding("question_mark", "app.help", "Help", id="help", priority=True),
        Binding("q", "app.request_quit", "Quit", id="quit", priority=True),
        Binding("ctrl+z", "suspend", "Suspend", id="suspend", show=False, priority=True),
    ]

    class Over(Message):
        """The engine says the workout ended (finished or abandoned); posted once."""

        def __init__(self, finished: bool) -> None:
            super().__init__()
            self.finished = finished

    class SummaryWanted(Message):
        """The runner pressed Enter on the finished workout's DONE."""

    class ChallengeToggled(Message):
        """The runner switched challenge mode for the steps to come."""

    class MuteToggled(Message):
        """The runner muted or unmuted the cues."""

    class VoiceToggled(Message):
        """The runner turned the voice off or on."""

    class Suspended(Message):
        """The runner pressed Ctrl+Z: the workout is paused, the process should stop."""

    status: reactive[str] = reactive("", init=False)
    """Sound backend, mute, rehearsal: the app keeps it current; shown after the times."""

    def __init__(
        self,
        workout: Workout,
        *,
        speed: float | None = 1.0,
        status: str = "",
        targets: Targets | None = None,
    ) -> None:
        super().__init__()
        self.workout = workout
        self.speed = speed
        self.targets: Targets = targets or (lambda step: None)
        self.set_reactive(WorkoutScreen.status, status)
        self._timer: asyncio.TimerHandle | None = None  # a loop call: no Textual Timer a second
        self.next_wake: float | None = None
        """The clock reading the screen will wake at next (None: at the next key)."""
        self._shown: View | None = None
        self._moment: tuple[int, WorkoutState] | None = None
        self._over_posted = False

    def compose(self) -> ComposeResult:
        """From the number outwards: words above it, the direction beside it, lines below."""
        yield TooSmall()
        with Vertical(id="workout"):
            yield FitLine(id="headline")
            yield LargeLine(id="name")
            yield LargeLine(id="detail")
            with Horizontal(id="number"):
                yield BigTime(id="big")
                yield DirectionMark(id="mark")
            yield FitLine(id="prompt")
            yield FitLine(id="tempo")
            yield FitLine(id="target")
            yield FitLine(id="cue")
            yield FitLine(id="extra")
            yield FitLine(id="next")
            yield StatusLine(id="status")
        yield KeyFooter(ESSENTIAL)

    def on_mount(self) -> None:
        """Start the clock as soon as the screen is up."""
        super().on_mount()
        for line_id in ("headline", "extra", "next", "target", "tempo"):
            self.query_one(f"#{line_id}", FitLine).max_lines = 1
        if self.workout.state is WorkoutState.READY:
            self.workout.start()
        self.wake()

    def on_resize(self, event: events.Resize) -> None:
        """Lay out again; on a tall terminal the words above the number grow too."""
        super().on_resize(event)
        rows = 5 if event.size.height >= LARGE_HEIGHT else LargeLine.MAX_ROWS
        for line in self.query(LargeLine):
            line.max_rows = rows

    def on_unmount(self) -> None:
        """No wake-ups for a screen that is gone."""
        if self._timer is not None:
            self._timer.cancel()

    def watch_status(self) -> None:
        """Show a new status."""
        if self._shown is not None:
            self._show_status(self._shown)

    # ----------------------------------------------------------------- time

    def wake(self) -> None:
        """Catch the engine up with the clock, redraw, and sleep until the next change."""
        self.workout.update()
        snapshot = self.workout.snapshot()
        view = view_of(snapshot, self.targets(snapshot.step))
        self.show(view)
        if self.workout.state.over:
            self.next_wake = None
            if not self._over_posted:
                self._over_posted = True
                self.post_message(self.Over(self.workout.state is WorkoutState.FINISHED))
            return
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        due = self.workout.next_change(workout_seconds=False)  # a hold's targets included
        self.next_wake = due
        if due is None or self.speed is None:
            return
        delay = max(0.0, due - self.workout.clock.now()) / self.speed
        self._timer = asyncio.get_running_loop().call_later(delay + WAKE_MARGIN, self._due)

    def _due(self) -> None:
        """Wake on time; an error is the app's, as in any of Textual's handlers."""
        self._timer = None
        try:
            self.wake()
        except Exception as error:  # the app saves, gives the terminal back and exits
            self.app._handle_exception(error)

    # ----------------------------------------------------------------- drawing

    def show(self, view: View) -> None:
        """Put a view on screen. Widgets redraw only what changed: most wake-ups change
        the digits alone, and re-laying out every widget each second would cost battery."""
        shown, self._shown = self._shown, view
        if shown is not None and only_ticked(shown, view):
            self.query_one(BigTime).text = view.big  # a second went by: nothing else moved
            self._show_status(view)
        else:
            self._show_all(view)
        moment = (self.workout.index, self.workout.state)
        if moment != self._moment:
            self._moment = moment
            self.refresh_bindings()
            self.call_after_refresh(collect_garbage)  # the last step's styles (`memory`)

    def _show_all(self, view: View) -> None:
        self.swap_classes(
            LOOKS,
            {f"phase-{view.phase}", f"-kind-{view.kind}"}
            | ({"-has-target"} if view.target else set())
            | ({"-has-tempo"} if view.tempo else set()),
        )
        lines = {
            "headline": view.headline,
            "prompt": view.prompt,
            "tempo": view.tempo,
            "target": view.target,
            "cue": (view.cue,) if view.cue else (),
            "extra": view.extra,
            "next": view.next,
        }
        for line_id, variants in lines.items():
            self.query_one(f"#{line_id}", FitLine).variants = variants
        self.query_one("#target").set_class(view.passed > 0, "-passed")
        self.query_one("#name", LargeLine).variants = view.name
        self.query_one("#detail", LargeLine).variants = view.detail
        big = self.query_one(BigTime)
        big.text, big.look = view.big, "hollow" if view.hollow else "solid"
        self.query_one(DirectionMark).direction = view.direction
        self.query_one("#number").set_class(
            view.direction == "counter-clockwise", "-counter-clockwise"
        )
        self._show_status(view)

    def _show_status(self, view: View) -> None:
        line = self.query_one(StatusLine)
        line.text = f"{view.times} · {self.status}" if self.status else view.times
        line.fraction = view.progress

    # ----------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that do something now (the footer shows these)."""
        state = self.workout.state
        if state.over or action == "summary":
            return state.over and action == "summary"
        if action in ("toggle_pause", "go_on"):
            return (state is WorkoutState.PAUSED) is (action == "go_on")
        step = self.workout.plan.steps[self.workout.index]
        if action == "adjust":
            return adjustable(step)
        if action in ("count_round", "done"):
            return (step.mode is WorkMode.AMRAP) is (action == "count_round")
        return True

    def _command(self, name: str, *args: float) -> None:
        getattr(self.workout, name)(*args)
        self.wake()

    def action_toggle_pause(self) -> None:
        """Space: pause or go on."""
        self._command("toggle_pause")

    def action_go_on(self) -> None:
        """Space while paused: carry on."""
        self._command("resume")

    def action_done(self) -> None:
        """Enter: this set of reps or this hold is done (or the rest ends early)."""
        self._command("done")

    def action_summary(self) -> None:
        """Enter on DONE: on to the summary (not a second tap of the Enter that ended the
        last step, which would hide DONE at once)."""
        ended = self.workout.ended_at
        if ended is not None and self.workout.clock.now() - ended >= self.workout.done_guard:
            self.post_message(self.SummaryWanted())

    def action_skip(self) -> None:
        """Skip to the next step."""
        self._command("skip")

    def action_back(self) -> None:
        """Restart this step, or go to the previous one if this one just began."""
        self._command("back")

    def action_count_round(self, delta: int) -> None:
        """+ or Enter in an AMRAP: a round done; -: one taken back."""
        self._command("count_round", delta)

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
