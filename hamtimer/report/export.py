"""Workouts in plain formats for scripts and other tools: JSON, JSON Lines and CSV.

`hamtimer history --json` prints one JSON array; `--export jsonl` writes one workout a line
and `--export csv` one step a row. Each is written a workout at a time, never built up as
one string. Control characters in names are escaped (JSON's own escapes, so the data reads
back exact; `printable` in CSV), so that an export printed on a terminal cannot drive it;
an output that cannot encode every character gets ASCII JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from hamtimer.history import StepEntry, WorkoutRecord, holds_by_side, interval_results
from hamtimer.printable import encodes_everything, json_printable, printable

FORMATS = ("jsonl", "csv")

CSV_COLUMNS = (
    "date",
    "workout",
    "circuit",
    "challenge",
    "speed",
    "workout_outcome",
    "step",
    "kind",
    "exercise",
    "side",
    "set",
    "planned_seconds",
    "actual_seconds",
    "paused_seconds",
    "held_seconds",
    "outcome",
    "role",
    "range",
    "reps_counted",
    "rounds",
)


def _step_json(step: StepEntry) -> dict[str, Any]:
    return {
        "index": step.index,
        "summary": step.summary,
        "kind": str(step.kind),
        "mode": None if step.mode is None else str(step.mode),
        "exercise": step.exercise,
        "side": None if step.side is None else str(step.side),
        "set_number": step.set_number,
        "planned": step.planned,
        "status": str(step.status),
        "active_seconds": step.active_seconds,
        "paused_seconds": step.paused_seconds,
        "held_seconds": step.held_seconds,
        "role": str(step.role),
        "range": None if step.low is None else [step.low, step.high],
        "reps_counted": step.reps_counted,
        "interval": None if step.interval is None else str(step.interval),
        "interval_number": step.interval_number,
        "rounds": step.rounds,
    }


def record_json(record: WorkoutRecord) -> dict[str, Any]:
    """One workout as a JSON object: who, when, how it ended, its holds, its AMRAP rounds and
    EMOM intervals done on time, and every step."""
    results = interval_results(record)
    return {
        "id": str(record.id),
        "circuit": record.circuit,
        "circuit_ref": record.circuit_ref,
        "circuit_hash": record.circuit_hash,
        "challenge": record.challenge,
        "speed": record.speed,
        "rehearsal": record.rehearsal,
        "started_at": record.started_at.isoformat().replace("+00:00", "Z"),
        "ended_at": None
        if record.ended_at is None
        else record.ended_at.isoformat().replace("+00:00", "Z"),
        "outcome": str(record.outcome),
        "completed": record.completed,
        "skipped": record.skipped,
        "active_seconds": round(record.active_seconds, 3),
        "holds": [
            {
                "exercise": hold.exercise,
                "right": hold.right,
                "left": hold.left,
                "both": hold.both,
                "difference": hold.difference,
                "uneven": hold.uneven,
            }
            for hold in holds_by_side(record)
        ],
        "amrap_rounds": list(results.rounds),
        "emom_intervals": results.emom_intervals,
        "emom_on_time": results.emom_on_time,
        "steps": [_step_json(step) for step in record.steps],
    }


def json_text(document: Any, out: IO[str], *, indent: int | None = None) -> str:
    """`document` as JSON for `out`: control characters escaped, ASCII if `out` needs it."""
    ascii_only = not encodes_everything(getattr(out, "encoding", None))
    return json_printable(json.dumps(document, indent=indent, ensure_ascii=ascii_only))


def write_json(records: Iterable[WorkoutRecord], out: IO[str]) -> None:
    """A JSON array of `record_json` objects, written a workout at a time."""
    out.write("[")
    for position, record in enumerate(records):
        out.write(",\n" if position else "\n")
        out.write(json_text(record_json(record), out, indent=2))
    out.write("\n]\n")


def write_jsonl(records: Iterable[WorkoutRecord], out: IO[str]) -> None:
    """One `record_json` object a line."""
    for record in records:
        out.write(json_text(record_json(record), out) + "\n")


def csv_rows(record: WorkoutRecord) -> list[dict[str, object]]:
    """One row per step the workout reached (steps never reached have nothing to say)."""
    return [
        {
            "date": record.started_at.isoformat().replace("+00:00", "Z"),
            "workout": str(record.id),
            "circuit": record.circuit,
            "challenge": int(record.challenge),
            "speed": f"{record.speed:g}",
            "workout_outcome": str(record.outcome),
            "step": step.summary,
            "kind": str(step.kind),
            "exercise": step.exercise or "",
            "side": "" if step.side is None else str(step.side),
            "set": "" if step.set_number is None else step.set_number,
            "planned_seconds": "" if step.planned is None else f"{step.planned:g}",
            "actual_seconds": f"{step.active_seconds:g}",
            "paused_seconds": f"{step.paused_seconds:g}",
            "held_seconds": "" if step.held_seconds is None else f"{step.held_seconds:g}",
            "outcome": str(step.status),
            "role": str(step.role),
            "range": "" if step.low is None else f"{step.low:g}-{step.high:g}",
            "reps_counted": "" if step.reps_counted is None else step.reps_counted,
            "rounds": "" if step.rounds is None else step.rounds,
        }
        for step in record.steps
        if step.reached
    ]


def write_csv(records: Iterable[WorkoutRecord], out: IO[str]) -> None:
    """A header, then one row a step of every workout (`csv_rows`)."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerows(
            {
                key: printable(value) if isinstance(value, str) else value
                for key, value in row.items()
            }
            for row in csv_rows(record)
        )


def write_export(kind: str, records: Iterable[WorkoutRecord], out: IO[str]) -> None:
    """Write `records` in format `kind` ('jsonl' or 'csv')."""
    if kind == "csv":
        write_csv(records, out)
    elif kind == "jsonl":
        write_jsonl(records, out)
    else:
        raise ValueError(f"unknown export format {kind!r}; choose from {', '.join(FORMATS)}")
