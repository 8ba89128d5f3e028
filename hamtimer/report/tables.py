"""A workout's result as Rich renderables: the summary, the history table, the hold trends.

Names come from circuit files, so they are always `Text`, never parsed as markup, and
shown through `printable` (control characters escaped).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from hamtimer.history import (
    Outcome,
    SideHolds,
    TrendPoint,
    WorkoutRecord,
    holds_by_side,
    interval_results,
)
from hamtimer.plan import format_duration
from hamtimer.printable import printable
from hamtimer.report.text import (
    UNEVEN_PERCENT,
    circuit_text,
    completion_text,
    duration_text,
    emom_text,
    holds_text,
    intervals_text,
    local_time,
    ranges_text,
    rehearsal_text,
    rounds_text,
    sets_text,
    weaker_side,
)


def summary_text(record: WorkoutRecord) -> Text:
    """The workout's headline: how it ended, the circuit, its length and its steps; the
    workout's own sets when it had a warm-up or cool-down; every set prescribed as a range,
    with what was done; each AMRAP's rounds and the EMOM intervals done on time."""
    finished = record.outcome is Outcome.FINISHED
    text = Text("Workout finished!\n" if finished else "Workout ended\n")
    text.stylize("bold")
    text.append(f"{circuit_text(record)}\n")
    text.append(f"Total time (without pauses): {duration_text(record)}\n")
    text.append(f"Steps done {record.completed} of {len(record.steps)} · skipped {record.skipped}")
    if record.has_warm_up_or_cool_down:
        text.append(f"\n{sets_text(record)}")
    ranges = ranges_text(record)
    if ranges:
        text.append("\nRanges: what was prescribed → what you did\n", style="bold")
        text.append(ranges)
    results = interval_results(record)
    if results.rounds:
        text.append(f"\nAMRAP: {rounds_text(results)}", style="bold")
    if results.emom_intervals:
        text.append(f"\n{emom_text(results)}", style="bold")
    if record.rehearsal:
        text.append(f"\n{rehearsal_text(record).capitalize()}: not counted in hold trends.")
    return text


def holds_table(record: WorkoutRecord) -> Table | None:
    """The best hold per side, and which side is weaker by how much; None without holds."""
    holds = holds_by_side(record)
    if not holds:
        return None
    table = Table(title="Best hold per side", expand=False)
    for column in ("exercise", "right", "left", "weaker side"):
        table.add_column(column, justify="right" if column in ("right", "left") else "left")
    for hold in holds:
        right = format_duration(hold.right) if hold.right is not None else "—"
        left = format_duration(hold.left) if hold.left is not None else "—"
        table.add_row(Text(printable(hold.exercise)), right, left, weaker_side(hold) or "—")
    return table


def history_table(records: Sequence[WorkoutRecord], *, older: int = 0) -> Table:
    """Past workouts, oldest first, for `hamtimer history`; `older` are left out above."""
    table = Table(title="Workouts")
    for column in ("date", "circuit", "duration", "completion", "holds (right · left)"):
        table.add_column(column, justify="right" if column == "duration" else "left")
    for record in records:
        style = "yellow" if record.outcome is Outcome.ABANDONED else None
        if record.rehearsal:
            style = "dim"
        cells = (
            local_time(record.started_at),
            circuit_text(record),
            duration_text(record),
            "\n".join(filter(None, (completion_text(record), intervals_text(record, "\n")))),
            holds_text(record),
        )
        table.add_row(*(Text(cell) for cell in cells), style=style)
    caption = (
        f"Holds: best to-fatigue hold per side; ⚠ marks sides more than {UNEVEN_PERCENT}% apart. "
        "Rehearsals (dim) are not counted in trends."
    )
    if older:
        caption = f"{older} older workout(s) not shown: --all shows every one. " + caption
    table.caption = caption
    return table


def recent_table(records: Sequence[WorkoutRecord], *, count: int = 10) -> Table:
    """The last `count` workouts, newest first, for the history screen."""
    table = Table(title="Recent workouts", expand=True)
    for column in ("date", "circuit", "time", "steps"):
        table.add_column(column)
    newest = sorted(records, key=lambda item: item.started_at, reverse=True)[:count]
    for record in newest:
        table.add_row(
            local_time(record.started_at, "%a %d %b %H:%M"),
            Text(circuit_text(record)),
            duration_text(record),
            completion_text(record),
        )
    return table


def trend_caption(
    exercise: str, points: Sequence[TrendPoint], *, workouts: int | None = None
) -> Text:
    """The exercise, how many workouts held it (`workouts`, else one a point), its latest
    holds per side, which side is weaker, and a flag when the sides differ by over 15%: two
    short lines, so the caption never wraps at 80 columns."""
    last = points[-1]
    count = len(points) if workouts is None else workouts
    text = Text(f"{printable(exercise)} — {count} workout(s)", style="bold")
    right = format_duration(last.right) if last.right is not None else "—"
    left = format_duration(last.left) if last.left is not None else "—"
    text.append(f"\nlatest: R {right} · L {left}")
    if last.right is not None and last.left is not None:
        weaker = weaker_side(SideHolds(exercise, right=last.right, left=last.left))
        text.append(f" · {weaker.removesuffix(' ⚠')}")
    if last.uneven:
        text.append(f"  ⚠ sides uneven (over {UNEVEN_PERCENT}%)", style="bold red")
    return text
