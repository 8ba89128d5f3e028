"""The programme commands: `follow`, `today` and `programme`, and today's session for `run`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group

from hamtimer.cli.output import EXIT_OK, EXIT_USAGE, error, plain, print_json
from hamtimer.clock import Calendar, SystemCalendar
from hamtimer.folders import data_dir

if TYPE_CHECKING:
    from hamtimer.following import Place, SessionCircuit
    from hamtimer.history import HistoryStore

calendar: Calendar = SystemCalendar()
"""Where today comes from (a test sets a `FakeCalendar` here)."""

PLOT_HEIGHT = 12


def add_arguments(commands: argparse._SubParsersAction[Any]) -> None:
    """The parsers of `follow`, `today` and `programme`."""
    follow = commands.add_parser("follow", help="follow a programme: weeks of sessions")
    follow.add_argument("programme", nargs="?", help="a programme name or a .toml path")
    follow.add_argument(
        "--level", type=int, metavar="N", help="the level, for a programme with levels"
    )
    follow.add_argument("--stop", action="store_true", help="stop following the programme")
    follow.add_argument("--data-dir", type=Path, help="where history is kept")
    today = commands.add_parser("today", help="the programme's next session: which, what, when")
    today.add_argument("--json", action="store_true", help="print it as JSON")
    today.add_argument("--data-dir", type=Path, help="where history is kept")
    programme = commands.add_parser(
        "programme", help="the programme followed: the weeks, what was done, the progress"
    )
    programme.add_argument("--json", action="store_true", help="print it as JSON")
    programme.add_argument("--data-dir", type=Path, help="where history is kept")


def _store(folder: Path | None) -> HistoryStore:
    from hamtimer.history import HistoryStore

    return HistoryStore(data_dir(folder))


def _place(store: HistoryStore) -> Place | None:
    from hamtimer.following import place
    from hamtimer.programme import ProgrammeError

    try:
        return place(store, calendar)
    except ProgrammeError as problem:
        raise ProgrammeError(
            f"{problem}\n(this is the programme you follow: fix the file, or stop following it "
            "with `hamtimer follow --stop`)"
        ) from None


def follow(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer follow NAME [--level N]` and `hamtimer follow --stop`."""
    from hamtimer.following import follow as start
    from hamtimer.programme import available

    store = _store(args.data_dir)
    try:
        if args.stop:
            stopped = store.stop_following()
            out.print(
                plain(
                    "Stopped following the programme." if stopped else "No programme is followed."
                )
            )
            return EXIT_OK
        if not args.programme:
            names = ", ".join(item.name for item in available()) or "(none)"
            error(err, f"follow which programme? Programmes: {names} (e.g. hamtimer follow nordic)")
            return EXIT_USAGE
        before = store.following()
        place = start(store, args.programme, args.level, calendar)
        if before is not None:
            out.print(plain(f"Stopped following {before.name}."))
        out.print(plain(f"Following {place.name} from today.", "bold"))
        _print_today(out, place)
        return EXIT_OK
    finally:
        store.close()


def _print_today(out: Console, place: Place) -> None:
    from hamtimer.report.programme import today_lines

    for line in today_lines(place):
        out.print(plain(line))


def _none_followed(out: Console, *, as_json: bool) -> int:
    """What `today` and `programme` say when no programme is followed."""
    if as_json:
        print_json(out, None)
    else:
        out.print(plain("No programme is followed: start one with `hamtimer follow nordic`."))
    return EXIT_OK


def today(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer today [--json]`: which week and session is next, and what it holds."""
    from hamtimer.report.programme import today_document

    store = _store(args.data_dir)
    try:
        place = _place(store)
        if place is None:
            return _none_followed(out, as_json=args.json)
        if args.json:
            print_json(out, today_document(place))
        else:
            _print_today(out, place)
        return EXIT_OK
    finally:
        store.close()


def programme(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer programme [--json]`: the weeks as a grid, each session done against its
    prescription, the holds per side and the plots."""
    from hamtimer.report.plots import holds_plot, volume_plot
    from hamtimer.report.programme import (
        LEGEND,
        done_table,
        grid,
        programme_document,
        sides_table,
        targets_table,
        weekly,
    )

    store = _store(args.data_dir)
    try:
        place = _place(store)
        if place is None:
            return _none_followed(out, as_json=args.json)
        if args.json:
            print_json(out, programme_document(place))
            return EXIT_OK
        _print_today(out, place)
        out.print()
        out.print(grid(place.standing, compact=out.width < 60))
        out.print(plain(LEGEND, "dim"))
        if place.runs:
            out.print()
            out.print(done_table(place))
        targets = targets_table(place)
        if targets is not None:
            out.print(targets)
        weeks = weekly(place)
        if any(f.right or f.left for f in weeks):
            out.print(sides_table(weeks))
        width = min(out.width, 100)
        plots = [
            plot
            for plot in (
                holds_plot(weeks, width, PLOT_HEIGHT),
                volume_plot(weeks, width, PLOT_HEIGHT),
            )
            if plot
        ]
        if plots:
            out.print(Group(*plots))
        return EXIT_OK
    finally:
        store.close()


def todays_session(
    folder: Path | None, *, hands_free: bool
) -> tuple[SessionCircuit | None, list[str]]:
    """The followed programme's next session, for a plain `hamtimer` (None when no
    programme is followed or it is done), and what the history had to say once (a damaged
    file set aside). Without a programme followed, the file is only looked at: no store, no
    pydantic (the history opens after the start screen's first frame)."""
    from hamtimer.history.database import may_follow

    if not may_follow(data_dir(folder)):
        return None, []
    store = _store(folder)
    try:
        if store.following() is None:
            return None, store.take_notices()
        place = _place(store)
        notices = store.take_notices()
    finally:
        store.close()
    if place is None or place.next is None:
        return None, notices
    return place.session_circuit(hands_free=hands_free), notices
