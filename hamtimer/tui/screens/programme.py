"""`ProgrammeScreen`: the programme followed — the weeks as a grid, each session's
prescription against what was done, the holds per side and the plots of the weeks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from hamtimer.printable import printable
from hamtimer.report.plots import holds_plot, volume_plot
from hamtimer.report.programme import (
    LEGEND,
    WeekFigures,
    done_table,
    grid,
    short_lines,
    sides_table,
    targets_table,
    today_lines,
    weekly,
)
from hamtimer.tui.screens.adaptive import AdaptiveScreen
from hamtimer.tui.widgets import KeyFooter, TooSmall

if TYPE_CHECKING:
    from hamtimer.following import Place

PLOT_HEIGHT = 12
PLOT_WIDTH = 96
"""The widest a plot is drawn: wider says no more."""


class WeeksPlot(Widget):
    """A plot of the weeks (`holds` or `volume`), drawn by plotext at the width it has."""

    DEFAULT_CSS = f"""
    WeeksPlot {{ height: {PLOT_HEIGHT}; margin-top: 1; }}
    """

    def __init__(self, weeks: Sequence[WeekFigures], which: str, *, id: str) -> None:
        super().__init__(id=id)
        self.weeks = list(weeks)
        self.which = which

    def render(self) -> Text:
        """The plot at this widget's size (plotext draws it fresh)."""
        draw = holds_plot if self.which == "holds" else volume_plot
        width = min(self.size.width, PLOT_WIDTH)
        return draw(self.weeks, width, self.size.height) or Text("")


class ProgrammeScreen(AdaptiveScreen):
    """The programme followed, from today's session down to the plots; it scrolls."""

    DEFAULT_CSS = """
    ProgrammeScreen #programme { padding: 0 1; }
    ProgrammeScreen #programme-head { text-style: bold; margin-bottom: 1; }
    ProgrammeScreen #programme-short { display: none; text-style: bold; }
    ProgrammeScreen.-compact #programme-short { display: block; }
    ProgrammeScreen.-compact #programme-head { display: none; }
    ProgrammeScreen #programme-notices { color: $warning; }
    ProgrammeScreen #grid-compact { display: none; }
    ProgrammeScreen.-compact #grid-full { display: none; }
    ProgrammeScreen.-compact #grid-compact { display: block; }
    ProgrammeScreen #legend { color: $text-muted; }
    ProgrammeScreen.-compact #legend { display: none; }
    ProgrammeScreen #done, ProgrammeScreen #sides, ProgrammeScreen #targets {
        margin-top: 1; height: auto;
    }
    ProgrammeScreen.-too-small #programme { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,p", "app.pop_screen", "Back", id="back", priority=True),
    ]

    def __init__(self, place: Place | None, notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.place = place
        self.notices = list(notices)

    def compose(self) -> ComposeResult:
        """Today's session, the grid, what was done, the holds per side, the plots."""
        yield TooSmall()
        with VerticalScroll(id="programme"):
            if self.notices:
                yield Static(
                    Text(printable("\n".join(f"⚠ {n}" for n in self.notices))),
                    id="programme-notices",
                )
            place = self.place
            if place is None:
                if not self.notices:
                    yield Static(
                        "No programme is followed. Start one from the command line: "
                        "hamtimer follow nordic",
                        id="programme-head",
                    )
                return
            yield Static(Text("\n".join(short_lines(place))), id="programme-short")
            yield Static(Text("\n".join(today_lines(place))), id="programme-head")
            yield Static(grid(place.standing), id="grid-full")
            yield Static(grid(place.standing, compact=True), id="grid-compact")
            yield Static(LEGEND, id="legend")
            if place.runs:
                yield Static(done_table(place), id="done")
            targets = targets_table(place)
            if targets is not None:
                yield Static(targets, id="targets")
            weeks = weekly(place)
            if any(f.right or f.left for f in weeks):
                yield Static(sides_table(weeks), id="sides")
                yield WeeksPlot(weeks, "holds", id="holds-plot")
            if weeks:
                yield WeeksPlot(weeks, "volume", id="volume-plot")
        yield KeyFooter(("app.pop_screen",))  # kept on a small terminal
