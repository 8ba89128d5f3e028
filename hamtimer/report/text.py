"""The words of a workout's result, as plain strings: one place for every screen and command.

Names come from circuit files and the history, so every function here returns them through
`printable`: safe to write to a terminal as they are.
"""

from __future__ import annotations

from datetime import datetime

from hamtimer.history import (
    IntervalResults,
    Outcome,
    SideHolds,
    StepEntry,
    WorkoutRecord,
    holds_by_side,
    interval_results,
)
from hamtimer.history.holds import UNEVEN, side_difference, signed_difference
from hamtimer.plan import WorkMode, format_duration
from hamtimer.printable import printable

UNEVEN_PERCENT = round(UNEVEN * 100)


def completion_text(record: WorkoutRecord) -> str:
    """'48/48', '46/48 · 2 skipped' or 'abandoned 20/48'."""
    text = f"{record.completed}/{len(record.steps)}"
    if record.skipped:
        text += f" · {record.skipped} skipped"
    return f"abandoned {text}" if record.outcome is Outcome.ABANDONED else text


def sets_text(record: WorkoutRecord) -> str:
    """'Sets done 9 of 10 (warm-up and cool-down not counted)': the workout's own sets."""
    sets = record.sets_done()
    text = f"Sets done {sum(sets)} of {len(sets)}"
    return (
        f"{text} (warm-up and cool-down not counted)" if record.has_warm_up_or_cool_down else text
    )


def range_text(step: StepEntry) -> str:
    """A set prescribed as a range, and what was done: 'Nordic curl · set 3: 6–8 reps → 7
    reps', 'Plank · RIGHT · set 1: 20–30 s → 0:18, under 20 s', in an interval block its
    interval: 'Burpee · interval 4: 8–12 reps → missed'; '' without a range."""
    if step.low is None or step.high is None:
        return ""
    which = f"set {step.set_number}" if step.set_number else ""
    if step.interval_number is not None:
        which = f"interval {step.interval_number}"
    where = " · ".join(
        part
        for part in (
            printable(step.exercise or step.summary),
            step.side.upper() if step.side else "",
            which,
        )
        if part
    )
    unit = "s" if step.mode is WorkMode.TIMED else "reps"
    prescribed = f"{step.low:g}–{step.high:g} {unit}"
    if not step.completed:
        done = str(step.status).replace("_", " ")
    elif step.mode is WorkMode.TIMED:
        done = format_duration(step.active_seconds)
        if step.active_seconds + 0.5 < step.low:
            done += f", under {step.low:g} s"
    elif step.reps_counted is not None:
        done = f"{step.reps_counted} reps"
        if step.reps_counted < step.low:
            done += f", under {step.low:g}"
    else:
        done = "done"
    return f"{where}: {prescribed} → {done}"


def ranges_text(record: WorkoutRecord) -> str:
    """Every set the workout reached that was prescribed as a range, a line each."""
    lines = (range_text(step) for step in record.steps if step.reached)
    return "\n".join(line for line in lines if line)


def rehearsal_text(record: WorkoutRecord) -> str:
    """'rehearsal ×20' for a workout run on a faster clock, else ''."""
    return f"rehearsal ×{record.speed:g}" if record.rehearsal else ""


def circuit_text(record: WorkoutRecord) -> str:
    """The circuit's title, with challenge mode and rehearsal marked."""
    marks = [
        mark for mark in ("challenge" if record.challenge else "", rehearsal_text(record)) if mark
    ]
    return printable(record.circuit) + (f" ({', '.join(marks)})" if marks else "")


def duration_text(record: WorkoutRecord) -> str:
    """The workout's length, pauses left out: '22:04'."""
    return format_duration(record.active_seconds)


def local_time(moment: datetime, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored (UTC) moment in the runner's own time zone."""
    return moment.astimezone().strftime(pattern)


def percent(fraction: float) -> str:
    """0.19 → '19%'."""
    return f"{fraction:.0%}"


def weaker_side(hold: SideHolds) -> str:
    """'left 19% shorter', 'right 5% shorter', 'even', or '' unless both sides were held;
    '⚠' after it when the sides are more than 15% apart (never in a rehearsal)."""
    if hold.right is None or hold.left is None:
        return ""
    if hold.right == hold.left:
        return "even"
    side = "left" if hold.left < hold.right else "right"
    text = f"{side} {percent(side_difference(hold.right, hold.left))} shorter"
    return f"{text} ⚠" if hold.uneven else text


def hold_line(hold: SideHolds, *, named: bool) -> str:
    """'R 0:52 · L 0:47 (−10%)', with ⚠ above a 15% difference; the exercise first if `named`."""
    parts = [
        f"{label} {format_duration(seconds)}"
        for label, seconds in (("R", hold.right), ("L", hold.left), ("", hold.both))
        if seconds is not None
    ]
    text = " · ".join(part.strip() for part in parts)
    if hold.right is not None and hold.left is not None:
        signed = round(signed_difference(hold.right, hold.left) * 100)
        text += f" ({signed:+d}%)".replace("-", "−")
        if hold.uneven:
            text += " ⚠"
    return f"{printable(hold.exercise)}: {text}" if named else text


def holds_text(record: WorkoutRecord) -> str:
    """Every to-fatigue exercise's holds per side, a line each (`hold_line`)."""
    holds = holds_by_side(record)
    return "\n".join(hold_line(hold, named=len(holds) > 1) for hold in holds)


def rounds_text(results: IntervalResults) -> str:
    """Each AMRAP's rounds: '7 rounds', '7 + 5 rounds', '1 round'; '' without an AMRAP."""
    if not results.rounds:
        return ""
    total = " + ".join(str(count) for count in results.rounds)
    return f"{total} round{'' if results.rounds == (1,) else 's'}"


def emom_text(results: IntervalResults, *, short: bool = False) -> str:
    """'8 of 10 EMOM intervals on time' (`short`: 'EMOM 8/10 on time'); '' without an EMOM."""
    if not results.emom_intervals:
        return ""
    if short:
        return f"EMOM {results.emom_on_time}/{results.emom_intervals} on time"
    return f"{results.emom_on_time} of {results.emom_intervals} EMOM intervals on time"


def intervals_text(record: WorkoutRecord, sep: str = " · ") -> str:
    """The AMRAP rounds and the EMOM intervals done on time, short, joined by `sep`:
    '7 rounds · EMOM 8/10 on time'; '' without them."""
    results = interval_results(record)
    parts = (rounds_text(results), emom_text(results, short=True))
    return sep.join(text for text in parts if text)


def waiting_text(record: WorkoutRecord, *, running: bool) -> str:
    """A workout not ended yet: where it stands, and how to go on with it."""
    where = f"step {record.current_index + 1} of {len(record.steps)}"
    began = local_time(record.started_at)
    if running:
        return f"{circuit_text(record)}: running now in another hamtimer ({where}, began {began})"
    ref = printable(record.circuit_ref)
    return (
        f"{circuit_text(record)}: waiting to be resumed at {where} (began {began}, "
        f"{completion_text(record)} done) — run `hamtimer {ref}` and press r"
    )
