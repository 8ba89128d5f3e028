"""The start screen: what today's workout is, and Enter to begin."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from hamtimer.plan import format_duration
from hamtimer.tui.base import AdaptiveScreen
from hamtimer.tui.widgets import TooSmall


class StartScreen(AdaptiveScreen):
    """The circuit at a glance: blocks, exercises, length, challenge mode, resume offer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", id="start", priority=True),
        Binding("r", "resume", "Resume", id="resume", priority=True),
        Binding("c", "challenge", "Challenge", id="challenge", priority=True),
        Binding("h", "history", "History", id="history", priority=True),
        Binding("question_mark", "app.help", "Help", id="help", priority=True),
        Binding("q", "app.quit", "Quit", id="quit", priority=True),
    ]

    def compose(self) -> ComposeResult:
        """Header, the circuit's outline, the notices, the prompt."""
        yield TooSmall()
        with VerticalScroll(id="start"):
            yield Static(id="start-title")
            yield Static(id="start-outline")
            yield Static(id="start-notices")
            yield Static(id="start-prompt")
        yield Footer()

    def on_mount(self) -> None:
        """Fill in the circuit."""
        super().on_mount()
        self.refresh_content()

    def refresh_content(self) -> None:
        """Draw the circuit with the current challenge setting and resume offer."""
        app = self.hamtimer
        circuit, plan = app.circuit, app.plan_for(app.challenge)
        title = Text(circuit.name, style="bold")
        title.append(f"\n{len(plan)} steps · about {format_duration(plan.estimated_seconds)}")
        title.append(f" · challenge mode {'ON' if app.challenge else 'off'} (c)")
        if app.speed != 1:
            title.append(f" · REHEARSAL ×{app.speed:g}", style="bold reverse")
        self.query_one("#start-title", Static).update(title)
        outline = Text()
        for block in circuit.blocks:
            outline.append(f"\n{block.name}", style="bold underline")
            way = "rounds" if block.mode == "circuit" else "sets each"
            outline.append(f"  {block.sets} {way}\n")
            for exercise in block.exercises:
                outline.append(f"  • {exercise.name}", style="bold")
                outline.append(f"  ({exercise.kind})\n", style="dim")
                if app.challenge and exercise.challenge:
                    outline.append(f"      challenge: {exercise.challenge}\n", style="italic")
        self.query_one("#start-outline", Static).update(outline)
        self.query_one("#start-notices", Static).update(Text("\n".join(app.start_notices())))
        prompt = "Press Enter to start"
        if app.resumable is not None:
            at = app.resumable.current_index + 1
            prompt = (
                f"Press r to resume your unfinished workout at step {at} · Enter to start fresh"
            )
        self.query_one("#start-prompt", Static).update(Text(prompt, style="bold reverse"))

    def action_start(self) -> None:
        """Begin a fresh workout (an unfinished one is stored as abandoned)."""
        self.hamtimer.start_workout(resume=False)

    def action_resume(self) -> None:
        """Pick up the interrupted workout where it stopped."""
        if self.hamtimer.resumable is not None:
            self.hamtimer.start_workout(resume=True)

    def action_challenge(self) -> None:
        """Toggle challenge mode before starting."""
        self.hamtimer.challenge = not self.hamtimer.challenge
        self.refresh_content()

    def action_history(self) -> None:
        """Past workouts and the trend of the holds."""
        self.hamtimer.show_history()
