"""`RenderedOnce`: the same lines as the renderable it wraps, drawn once for each width."""

from __future__ import annotations

import io

import pytest
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from hamtimer.report import RenderedOnce


class Counted:
    """A renderable that counts how often it is drawn."""

    def __init__(self) -> None:
        self.drawn: list[int] = []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.drawn.append(options.max_width)
        yield Text("x" * options.max_width)
        yield Text("second line")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(11, options.max_width)


def console(width: int) -> Console:
    return Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)


def table() -> Table:
    table = Table(title="Recent workouts", expand=True)
    for column in ("date", "circuit", "time"):
        table.add_column(column)
    for day in range(1, 11):
        table.add_row(f"{day:02d} Oct", "Hamstring circuit for runners", "18:58")
    return table


@pytest.mark.parametrize("width", [20, 44, 80])
def test_it_draws_what_the_renderable_draws(width: int) -> None:
    plain, kept = console(width), console(width)
    plain.print(table())
    kept.print(RenderedOnce(table()))
    assert kept.file.getvalue() == plain.file.getvalue()  # type: ignore[attr-defined]


def test_it_draws_once_for_each_width_and_keeps_the_lines() -> None:
    inner = Counted()
    kept = RenderedOnce(inner)
    for width in (30, 30, 28, 30, 28):
        lines = console(width).render_lines(kept, pad=False)
        assert [segment.text for segment in lines[0]] == ["x" * width]
    assert inner.drawn == [30, 28]


def test_it_measures_as_the_renderable_does() -> None:
    kept, out = RenderedOnce(Counted()), console(40)
    assert Measurement.get(out, out.options, kept) == Measurement(11, 40)
