"""`StartScreen`: what today's workout is, and Enter to begin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from hamtimer.plan import Plan, format_duration
from hamtimer.plan.compiled import BlockOutline, CompiledCircuit
from hamtimer.plan.speech import ROLE_WORDS
from hamtimer.printable import printable
from hamtimer.tui.screens.adaptive import AdaptiveScreen
from hamtimer.tui.widgets.key_footer import KeyFooter
from hamtimer.tui.widgets.too_small import TooSmall


@dataclass(frozen=True)
class StartInfo:
    """Everything the start screen shows; the app makes a new one when anything changes."""

    circuit: CompiledCircuit
    plan: Plan
    challenge: bool
    speed: float = 1.0
    resume_at: int | None = None  # the interrupted workout's step (0-based), if any
    notices: tuple[str, ...] = ()
    place: str | None = None  # the programme's session this is: 'Nordic … · Week 3 · …'


def block_way(block: BlockOutline) -> str:
    """How a block goes, in a few words: '3 sets each', '3 rounds', 'EMOM: every 60 s, 10
    intervals', 'AMRAP: as many rounds as you can in 10:00', '8 rounds of intervals'."""
    sets = block.sets or 0
    if block.mode == "emom":
        return f"EMOM: every {block.every or 0:g} s, {sets * len(block.exercises)} intervals"
    if block.mode == "amrap":
        return f"AMRAP: as many rounds as you can in {format_duration(block.time_cap or 0)}"
    if block.mode == "intervals":
        return f"{sets} rounds of intervals"
    return f"{sets} rounds" if block.mode == "circuit" else f"{sets} sets each"


SCROLLS: dict[str, Callable[[VerticalScroll], object]] = {
    "up": VerticalScroll.scroll_up,
    "down": VerticalScroll.scroll_down,
    "pageup": VerticalScroll.scroll_page_up,
    "pagedown": VerticalScroll.scroll_page_down,
    "home": VerticalScroll.scroll_home,
    "end": VerticalScroll.scroll_end,
}
"""The keys that scroll the start screen's outline, as they would a focused scroll box."""


class StartScreen(AdaptiveScreen):
    """The circuit at a glance: blocks, exercises, length, challenge mode, resume offer."""

    DEFAULT_CSS = """
    StartScreen #start { padding: 1 2; }
    StartScreen #start-title { text-style: bold; margin-bottom: 1; }
    StartScreen #start-place { color: $accent; text-style: bold; }
    StartScreen #start-notices { margin-top: 1; color: $warning; }
    StartScreen #start-prompt { margin-top: 1; }
    StartScreen.-compact #start-outline { display: none; }
    StartScreen.-too-small #start { display: none; }
    """

    AUTO_FOCUS = ""
    """Nothing takes the focus: the screen scrolls the outline for the keys itself. (A focused
    scroll box would make Textual look each of the screen's keys up by name in the Unicode
    database, which maps 0.4 MB of it into memory.)"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin(False)", "Start", id="start", priority=True),
        Binding("r", "begin(True)", "Resume", id="resume", priority=True),
        Binding("c", "challenge", "Challenge", id="challenge", priority=True),
        Binding("v", "voice", "Voice", id="voice", show=False, priority=True),
        Binding("h", "app.show_history", "History", id="history", priority=True),
        Binding("p", "app.show_programme", "Programme", id="programme", show=False, priority=True),
        Binding("question_mark", "app.help", "Help", id="help", priority=True),
        Binding("q", "app.quit", "Quit", id="quit", priority=True),
        *(Binding(key, f"scroll('{key}')", show=False) for key in SCROLLS),
    ]

    class Begin(Message):
        """The runner asked to start: fresh, or resuming the interrupted workout."""

        def __init__(self, resume: bool) -> None:
            super().__init__()
            self.resume = resume

    class ChallengeToggled(Message):
        """The runner switched challenge mode before starting."""

    class VoiceToggled(Message):
        """The runner turned the voice off or on before starting."""

    info: reactive[StartInfo | None] = reactive(None, init=False)
    """What to show; setting it redraws."""

    def __init__(self, info: StartInfo) -> None:
        super().__init__()
        self.set_reactive(StartScreen.info, info)
        self._shown: dict[str, tuple[object, ...]] = {}
        """What each part shows: a part is drawn again only when it changes."""
        self._resumable: bool | None = None

    def compose(self) -> ComposeResult:
        """Header, the circuit's outline, the notices, the prompt."""
        yield TooSmall()
        with VerticalScroll(id="start"):
            yield Static(id="start-place")
            yield Static(id="start-title")
            yield Static(id="start-outline")
            yield Static(id="start-notices")
            yield Static(id="start-prompt")
        yield KeyFooter(("begin(False)", "begin(True)", "app.help", "app.quit"))

    def on_mount(self) -> None:
        """Fill in the circuit."""
        super().on_mount()
        self.watch_info()

    def on_unmount(self) -> None:
        """Let go of the widgets: Textual keeps its first screen (this one) to the end, and
        its cache of the children on display with it; asked again, the cache empties."""
        _ = self.displayed_children

    def watch_info(self) -> None:
        """Draw the circuit with the current challenge setting, resume offer and notices:
        only the parts that changed (the services arrive one by one after the first frame)."""
        info = self.info
        if info is None:
            return
        circuit, plan = info.circuit, info.plan
        place = self.query_one("#start-place", Static)
        place.display = info.place is not None
        place.update(Text(printable(f"{info.place} (p: the weeks)" if info.place else "")))
        title = Text(printable(circuit.name), style="bold")
        title.append(f"\n{len(plan)} steps · about {format_duration(plan.estimated_seconds)}")
        title.append(f" · challenge mode {'ON' if info.challenge else 'off'} (c)")
        if info.speed != 1:
            title.append(f" · REHEARSAL ×{info.speed:g}", style="bold reverse")
        outline = Text()
        for block in circuit.blocks:
            outline.append(f"\n{printable(block.name)}", style="bold underline")
            if block.role in ROLE_WORDS:
                outline.append(f"  {ROLE_WORDS[block.role].lower()}", style="italic")
            outline.append(f"  {block_way(block)}\n")
            for exercise in block.exercises:
                outline.append(f"  • {printable(exercise.name)}", style="bold")
                own = f", {exercise.sets} sets" if exercise.sets else ""
                outline.append(f"  ({exercise.kind}{own})\n", style="dim")
                if info.challenge and exercise.challenge:
                    challenge = printable(exercise.challenge)
                    outline.append(f"      challenge: {challenge}\n", style="italic")
        notices = Text(printable("\n".join(info.notices)))
        prompt = "Press Enter to start"
        if info.resume_at is not None:
            prompt = (
                f"Press r to resume your unfinished workout at step {info.resume_at + 1}"
                " · Enter to start fresh"
            )
        parts = {
            "start-title": title,
            "start-outline": outline,
            "start-notices": notices,
            "start-prompt": Text(prompt, style="bold reverse"),
        }
        for part, text in parts.items():
            drawn = (text.plain, tuple(text.spans), str(text.style))
            if self._shown.get(part) != drawn:
                self._shown[part] = drawn
                self.query_one(f"#{part}", Static).update(text)
        resumable = info.resume_at is not None
        if resumable != self._resumable:  # the footer offers r or not
            self._resumable = resumable
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """r (resume) only when there is an interrupted workout to resume."""
        if action == "begin" and parameters == (True,):
            return self.info is not None and self.info.resume_at is not None
        return True

    def action_begin(self, resume: bool) -> None:
        """Enter: a fresh workout (an unfinished one is stored as abandoned); r: resume it."""
        if resume and (self.info is None or self.info.resume_at is None):
            return
        self.post_message(self.Begin(resume))

    def action_scroll(self, key: str) -> None:
        """Scroll the outline of a circuit longer than the screen, as the focused box would."""
        SCROLLS[key](self.query_one("#start", VerticalScroll))

    def action_challenge(self) -> None:
        """Toggle challenge mode before starting."""
        self.post_message(self.ChallengeToggled())

    def action_voice(self) -> None:
        """Voice off or on before starting."""
        self.post_message(self.VoiceToggled())
