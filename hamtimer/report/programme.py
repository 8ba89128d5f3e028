"""The programme followed, in words and tables: today's session, the weeks as a grid, and
each session's prescription against what was done. `hamtimer today`, `hamtimer programme`
and the programme screen all use it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rich import box
from rich.table import Table
from rich.text import Text

from hamtimer.circuit import BlockRole, Side
from hamtimer.history import HoldTarget, WorkoutRecord
from hamtimer.history.following import Following, SessionRun
from hamtimer.history.holds import TargetKey
from hamtimer.plan import StepKind, WorkMode, format_duration
from hamtimer.printable import printable
from hamtimer.programme.schedule import Mark, Session, Standing
from hamtimer.programme.words import Prescribed

MARKS = {Mark.DONE: "✓", Mark.NEXT: "▶", Mark.MISSED: "↷", Mark.LATER: "○"}
STYLES = {
    Mark.DONE: "bold green",
    Mark.NEXT: "bold reverse",
    Mark.MISSED: "yellow",
    Mark.LATER: "dim",
}
LEGEND = "✓ done  ▶ next  ↷ moved on, nothing lost  ○ to come"


class Followed(Protocol):
    """What the programme's views need to know (`hamtimer.following.Place` is one)."""

    @property
    def name(self) -> str: ...

    @property
    def level_name(self) -> str | None: ...

    @property
    def following(self) -> Following: ...

    @property
    def standing(self) -> Standing: ...

    @property
    def runs(self) -> tuple[SessionRun, ...]: ...

    @property
    def history_targets(self) -> Mapping[TargetKey, HoldTarget]: ...

    def prescribed(self, session: Session) -> list[Prescribed]: ...


def day_text(day: date, today: date) -> str:
    """'today', 'tomorrow', or 'Thu 05 Mar'."""
    if day == today:
        return "today"
    if (day - today).days == 1:
        return "tomorrow"
    return day.strftime("%a %d %b")


def session_lines(session: Session, prescribed: Sequence[Prescribed]) -> list[str]:
    """'Week 3 · session 2 of 3 · Nordic hamstring exercise 3 × 6–8'; with more exercises, the
    place, then an exercise a line."""
    if len(prescribed) == 1:
        (item,) = prescribed
        return [printable(f"{session.place} · {item.exercise} {item.text}")]
    return [f"{session.place}:", *(printable(f"  {i.exercise} {i.text}") for i in prescribed)]


def short_lines(place: Followed) -> list[str]:
    """The programme and its next session in two short lines (a small screen's)."""
    now = place.standing
    session = now.next
    if session is None:
        return [printable(place.name), f"Done: all {len(now.sessions)} sessions"]
    when = day_text(now.dates[session.number], now.today)
    return [printable(place.name), f"{session.place} · {when}"]


def today_lines(place: Followed) -> list[str]:
    """What `hamtimer today` says: the programme, the next session and what it holds, when."""
    now = place.standing
    head = place.name + (f" ({place.level_name})" if place.level_name else "")
    lines = [printable(head)]
    session = now.next
    total = len(now.sessions)
    if session is None:
        last = max(now.done.values(), default=now.today)
        lines.append(f"Done: all {total} sessions, the last on {day_text(last, now.today)}.")
        lines.append("Follow another with `hamtimer follow NAME`, or this one again.")
        return lines
    lines.extend(session_lines(session, place.prescribed(session)))
    due = now.dates[session.number]
    if due > now.today:
        lines.append(f"Today is a rest day: next on {day_text(due, now.today)}.")
    else:
        lines.append("Today: `hamtimer` opens it on the start screen.")
    moved = (now.today - now.first_plan[session.number]).days
    if moved > 0 and due <= now.today:
        lines.append(f"The plan moved on {moved} day(s) with you; nothing is lost.")
    lines.append(
        f"Sessions done: {len(now.done)} of {total} · started {day_text(now.started_on, now.today)}"
    )
    return lines


def _exercise_documents(prescribed: Sequence[Prescribed]) -> list[dict[str, Any]]:
    return [
        {
            "name": item.exercise,
            "sets": item.sets,
            "prescription": item.text,
            "hold_target": item.hold,
        }
        for item in prescribed
    ]


def _session_document(session: Session, standing: Standing) -> dict[str, Any]:
    return {
        "session": session.number,
        "week": session.week,
        "of_week": session.of_week,
        "week_sessions": session.week_sessions,
        "circuit": session.circuit,
        "date": standing.dates[session.number].isoformat(),
        "mark": str(standing.marks[session.number]),
    }


def today_document(place: Followed) -> dict[str, Any]:
    """`hamtimer today --json`: the programme, where the runner stands, the next session."""
    now = place.standing
    session = now.next
    document: dict[str, Any] = {
        "programme": place.name,
        "ref": place.following.ref,
        "level": place.following.level,
        "started_on": now.started_on.isoformat(),
        "today": now.today.isoformat(),
        "sessions": len(now.sessions),
        "sessions_done": len(now.done),
        "complete": session is None,
        "rest_day": now.rest_day,
        "next": None,
    }
    if session is not None:
        document["next"] = {
            **_session_document(session, now),
            "place": session.place,
            "exercises": _exercise_documents(place.prescribed(session)),
        }
    return document


def grid(standing: Standing, *, compact: bool = False) -> Table:
    """The weeks as a grid: a row a week, a cell a session (its mark and its date)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    width = max((session.week_sessions for session in standing.sessions), default=1)
    for _ in range(width):
        table.add_column(no_wrap=True)
    weeks: dict[int, list[Session]] = {}
    for session in standing.sessions:
        weeks.setdefault(session.week, []).append(session)
    for week, members in weeks.items():
        cells: list[Text | str] = [Text(f"W{week}" if compact else f"Week {week}", style="bold")]
        for session in members:
            mark = standing.marks[session.number]
            words = MARKS[mark]
            if not compact:
                words += " " + day_text(standing.dates[session.number], standing.today)
            cells.append(Text(words, style=STYLES[mark]))
        table.add_row(*cells)
    return table


def done_text(record: WorkoutRecord, exercise: str) -> str:
    """What was done of `exercise` in a workout: sets done, reps counted, holds per side."""
    steps = [
        step
        for step in record.steps
        if step.kind is StepKind.WORK and step.exercise == exercise and step.role is BlockRole.MAIN
    ]
    if not steps:
        return "—"
    holds = [step for step in steps if step.mode is WorkMode.OPEN]
    if holds:
        best: dict[Side | None, float] = {}
        for step in holds:
            if step.held_seconds is not None:
                best[step.side] = max(best.get(step.side, 0.0), step.held_seconds)
        if not best:
            return "no hold done"
        names = {Side.RIGHT: "R", Side.LEFT: "L", None: "both"}
        return " · ".join(
            f"{names[side]} {format_duration(best[side])}"
            for side in (Side.RIGHT, Side.LEFT, None)
            if side in best
        )
    sets = sorted({step.set_number or 0 for step in steps})
    complete = [n for n in sets if all(s.completed for s in steps if (s.set_number or 0) == n)]
    text = f"{len(complete)}/{len(sets)} sets"
    counted = [str(step.reps_counted) for step in steps if step.reps_counted is not None]
    return text + (f" · reps {', '.join(counted)}" if counted else "")


def done_table(place: Followed) -> Table:
    """Each session done: every exercise's prescription against what was done."""
    table = Table(title="Done", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    for column in ("session", "exercise", "prescribed", "done"):
        table.add_column(column)
    for run in place.runs:
        session = (
            place.standing.sessions[run.session - 1]
            if run.session <= len(place.standing.sessions)
            else None
        )
        if session is None:
            continue
        label = f"W{session.week}·{session.of_week} {day_text(run.day, place.standing.today)}"
        if not run.counts:
            label += " (rehearsal)" if run.record.rehearsal else " (stopped)"
        for position, item in enumerate(place.prescribed(session)):
            table.add_row(
                label if position == 0 else "",
                printable(item.exercise),
                item.text,
                done_text(run.record, item.exercise),
            )
    return table


@dataclass(frozen=True)
class WeekFigures:
    """One week's figures: the best hold per side (of any hold to fatigue), sets done."""

    week: int
    right: float | None
    left: float | None
    sets: int

    @property
    def difference(self) -> float | None:
        """How far apart the sides are, as a fraction of the longer hold."""
        if not self.right or not self.left:
            return None
        return abs(self.right - self.left) / max(self.right, self.left)


def weekly(place: Followed) -> list[WeekFigures]:
    """Every week with a session done: its best holds per side and its sets done."""
    found: dict[int, dict[str, float]] = {}
    sessions = place.standing.sessions
    for run in place.runs:
        if not run.counts or run.session > len(sessions):
            continue
        week = sessions[run.session - 1].week
        figures = found.setdefault(week, {"sets": 0.0})
        figures["sets"] += sum(run.record.sets_done())
        for step in run.record.steps:
            if step.mode is WorkMode.OPEN and step.held_seconds is not None and step.side:
                side = str(step.side)
                figures[side] = max(figures.get(side, 0.0), step.held_seconds)
    return [
        WeekFigures(week, figures.get("right"), figures.get("left"), int(figures["sets"]))
        for week, figures in sorted(found.items())
    ]


def sides_table(weeks: Sequence[WeekFigures]) -> Table:
    """The best hold per side, week by week, and how far apart the sides are."""
    table = Table(title="Holds per side", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("week", "right", "left", "difference"):
        table.add_column(column, justify="right")
    for figures in weeks:
        if figures.right is None and figures.left is None:
            continue
        difference = figures.difference
        table.add_row(
            f"{figures.week}",
            "—" if figures.right is None else format_duration(figures.right),
            "—" if figures.left is None else format_duration(figures.left),
            "—"
            if difference is None
            else f"{difference:.0%}" + (" ⚠" if difference > 0.15 else ""),
        )
    return table


def programme_document(place: Followed) -> dict[str, Any]:
    """`hamtimer programme --json`: every session with its mark, date and prescription,
    and what was done."""
    now = place.standing
    runs: dict[int, list[SessionRun]] = {}
    for run in place.runs:
        runs.setdefault(run.session, []).append(run)
    return {
        **today_document(place),
        "sessions_list": [
            {
                **_session_document(session, now),
                "exercises": _exercise_documents(place.prescribed(session)),
                "done": [
                    {
                        "day": run.day.isoformat(),
                        "counts": run.counts,
                        "workout": str(run.record.id),
                        "exercises": {
                            item.exercise: done_text(run.record, item.exercise)
                            for item in place.prescribed(session)
                        },
                    }
                    for run in runs.get(session.number, [])
                ],
            }
            for session in now.sessions
        ],
        "weeks": [
            {"week": f.week, "right": f.right, "left": f.left, "sets": f.sets}
            for f in weekly(place)
        ],
    }


def targets_table(place: Followed) -> Table | None:
    """Each hold of the next session: the programme's target, and last time's hold and the
    best per side from the runner's own history; None when the session has no hold."""
    session = place.standing.next
    if session is None:
        return None
    holds = [item for item in place.prescribed(session) if item.to_fatigue]
    rows = []
    for item in holds:
        for side in (Side.RIGHT, Side.LEFT, None):
            known = place.history_targets.get((item.exercise, side))
            if known is None and (side is not None or item.hold is None):
                continue
            rows.append(
                (
                    printable(item.exercise),
                    {Side.RIGHT: "right", Side.LEFT: "left", None: ""}[side],
                    "—" if item.hold is None else format_duration(item.hold),
                    "—" if known is None or known.last is None else format_duration(known.last),
                    "—" if known is None or known.best is None else format_duration(known.best),
                )
            )
    if not rows:
        return None
    table = Table(title="Hold targets", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("exercise", "side", "programme", "last time", "best"):
        table.add_column(column, justify="left" if column in {"exercise", "side"} else "right")
    for row in rows:
        table.add_row(*row)
    return table
