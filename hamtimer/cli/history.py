"""`hamtimer history`: past workouts as a table, as JSON, or exported for other tools."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from hamtimer.cli.output import EXIT_OK, plain
from hamtimer.folders import data_dir

if TYPE_CHECKING:
    from hamtimer.history import HistoryStore, WorkoutRecord

FORMATS = ("jsonl", "csv")
"""The export formats (`hamtimer.report.FORMATS`, named here so that building the parser
loads neither the history nor the report)."""

SHOWN = 20
"""Workouts in the table unless --all or --limit: the recent ones are what a runner reads."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `hamtimer history`."""
    parser.add_argument("--json", action="store_true", help="print every workout as JSON")
    parser.add_argument("--circuit", help="only workouts of this circuit (name, file or title)")
    parser.add_argument("--data-dir", type=Path, help="where history is kept")
    parser.add_argument(
        "--export",
        choices=FORMATS,
        help="write every workout for other tools: jsonl (a workout a line) or csv (a step a row)",
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--all", action="store_true", help="show every workout in the table")
    shown.add_argument(
        "--limit", type=int, default=SHOWN, metavar="N", help=f"show the last N (default {SHOWN})"
    )


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Print the history as asked; notices (data set aside, imports) go to stderr."""
    from hamtimer.history import HistoryStore  # the store and the report: only for this command
    from hamtimer.report import history_table, waiting_text, write_export, write_json

    store = HistoryStore(data_dir(args.data_dir))
    try:
        if args.export or args.json:
            records = store.workouts(circuit=args.circuit)
            if args.export:
                write_export(args.export, records, out.file)
            else:
                write_json(records, out.file)
            _tell(err, store)
            return EXIT_OK
        limit = None if args.all else max(0, args.limit)
        records = store.workouts(circuit=args.circuit, limit=limit)
        total = store.count(circuit=args.circuit) if limit is not None else len(records)
        unfinished = _unfinished(store, args.circuit)
        _tell(err, store)
        if records:
            out.print(history_table(records, older=total - len(records)))
        elif not unfinished:
            which = f" of '{args.circuit}'" if args.circuit else ""
            out.print(plain(f"No workouts{which} yet."))
        for record, running in unfinished:
            out.print(plain(waiting_text(record, running=running), "bold"))
        return EXIT_OK
    finally:
        store.close()


def _unfinished(store: HistoryStore, circuit: str | None) -> list[tuple[WorkoutRecord, bool]]:
    """Workouts not ended (of `circuit`), oldest first; True for one running right now."""
    from hamtimer.history import circuit_matches

    waiting = {record.id for record in store.interrupted()}
    return [
        (record, record.id not in waiting)
        for record in reversed(store.in_progress())
        if not circuit or circuit_matches(circuit, record.circuit, record.circuit_ref)
    ]


def _tell(err: Console, store: HistoryStore) -> None:
    for notice in store.take_notices():
        err.print(plain(notice, "yellow"))
