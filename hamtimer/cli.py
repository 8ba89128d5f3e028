"""The `hamtimer` command: run a circuit, or list, show, check and describe circuits.

Every failure the user can cause ends here as a short message and a non-zero exit,
never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hamtimer import __version__, library
from hamtimer.circuit import Circuit, CircuitError, json_schema, load_circuit
from hamtimer.plan import Plan, StepKind, build_plan, format_duration

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
COMMANDS = ("run", "list", "show", "check", "schema", "history")

PHASE_STYLES = {
    StepKind.WORK: "bold green",
    StepKind.REST: "cyan",
    StepKind.SWITCH_SIDES: "magenta",
    StepKind.GET_READY: "yellow",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hamtimer",
        description="A terminal interval timer for strength circuits. With no command "
        "(or just run's options, e.g. `hamtimer --speed 20`), runs the hamstring circuit.",
    )
    parser.add_argument("--version", action="version", version=f"hamtimer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="run a circuit on the timer screen (the default)")
    _add_run_options(run)

    commands.add_parser("list", help="the bundled circuits and your own")

    show = commands.add_parser("show", help="the expanded plan of a circuit, step by step")
    show.add_argument("circuit", nargs="?", help="a circuit name or a .toml path")
    show.add_argument("--challenge", action="store_true", help="with the challenge variants")
    show.add_argument("--json", action="store_true", help="print the plan as JSON")

    check = commands.add_parser("check", help="validate circuit files (exit 1 if any is invalid)")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")

    commands.add_parser("schema", help="print the JSON Schema of the circuit format")

    history = commands.add_parser("history", help="past workouts and hold times")
    history.add_argument("--json", action="store_true", help="print the history as JSON")
    history.add_argument("--circuit", help="only workouts of this circuit (name)")
    history.add_argument("--data-dir", type=Path, help="where history is kept")
    return parser


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("circuit", nargs="?", help="a circuit name or a .toml path")
    parser.add_argument("--challenge", action="store_true", help="start in challenge mode")
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="FACTOR",
        help="rehearse: run the clock FACTOR times faster (e.g. 20)",
    )
    parser.add_argument(
        "--sound",
        choices=["auto", "simpleaudio", "system", "bell", "off"],
        default="auto",
        help="how to play cues (default: the best that works here)",
    )
    parser.add_argument("--data-dir", type=Path, help="where history and the checkpoint are kept")


def _error(console: Console, message: str) -> None:
    console.print(Text("hamtimer: ", style="bold red") + Text(message))


def _warn(console: Console, origin: str, circuit: Circuit) -> None:
    for warning in circuit.warnings():
        console.print(Text(f"{origin}: warning: ", style="bold yellow") + Text(warning))


def plan_table(plan: Plan, started: datetime) -> Table:
    """The plan as a table: when each step starts, what it is, and how long it lasts."""
    table = Table(title=f"{plan.circuit}" + (" — challenge" if plan.challenge else ""))
    table.add_column("#", justify="right", style="dim")
    table.add_column("start", justify="right")
    table.add_column("at", justify="right", style="dim")
    table.add_column("step")
    table.add_column("set")
    table.add_column("time", justify="right")
    for step, offset in zip(plan.steps, plan.starts(), strict=True):
        at = started + timedelta(seconds=offset)
        length = format_duration(step.estimate)
        if not step.ends_itself:
            length = f"~{length}"
        text = Text(step.summary, style=PHASE_STYLES[step.kind])
        if step.challenge:
            text.append(f"\n  challenge: {step.challenge}", style="italic")
        table.add_row(
            str(step.index + 1),
            format_duration(offset),
            at.strftime("%H:%M:%S"),
            text,
            step.set_text or "",
            length,
        )
    table.caption = (
        f"{len(plan)} steps · estimated {format_duration(plan.estimated_seconds)} "
        "(~ marks reps and holds that last as long as you take)"
    )
    return table


def _show(args: argparse.Namespace, out: Console, err: Console) -> int:
    found, circuit = library.open_circuit(args.circuit)
    _warn(err, str(found.path), circuit)
    plan = build_plan(circuit, challenge=args.challenge)
    if args.json:
        document = plan.model_dump(mode="json")
        document["starts"] = plan.starts()
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        out.print(plan_table(plan, datetime.now()))
    return EXIT_OK


def _list(out: Console) -> int:
    table = Table(title="Circuits")
    for column in ("name", "title", "exercises", "estimated", "from"):
        table.add_column(column)
    for item in library.available():
        try:
            circuit = load_circuit(item.path)
        except CircuitError as error:
            table.add_row(item.name, Text(f"invalid: {error}".splitlines()[0], style="red"), "", "")
            continue
        plan = build_plan(circuit)
        table.add_row(
            item.name,
            circuit.name,
            str(len(circuit.exercises())),
            format_duration(plan.estimated_seconds),
            f"{item.origin} ({item.path})",
        )
    out.print(table)
    out.print(f"Your own circuits go in {library.user_circuits_dir()}", style="dim")
    return EXIT_OK


def _check(args: argparse.Namespace, out: Console, err: Console) -> int:
    status = EXIT_OK
    for path in args.files:
        try:
            circuit = load_circuit(path)
        except CircuitError as error:
            err.print(Text(str(error), style="red"))
            status = EXIT_INVALID
            continue
        plan = build_plan(circuit)
        out.print(
            f"{path}: ok — {circuit.name}, {len(plan)} steps, "
            f"estimated {format_duration(plan.estimated_seconds)}"
        )
        _warn(err, str(path), circuit)
    return status


def _run(args: argparse.Namespace, err: Console) -> int:
    if args.speed <= 0:
        _error(err, "--speed must be above zero, e.g. --speed 20")
        return EXIT_USAGE
    found, circuit = library.open_circuit(args.circuit)
    from hamtimer.tui.app import run_app  # Textual loads only when a workout runs

    return run_app(
        found,
        circuit,
        challenge=args.challenge,
        speed=args.speed,
        sound=args.sound,
        data_dir=args.data_dir,
    )


def _history(args: argparse.Namespace, out: Console, err: Console) -> int:
    from hamtimer.history import HistoryError, HistoryStore, render_history, resolve_data_dir

    try:
        store = HistoryStore(resolve_data_dir(args.data_dir))
        result = store.load()
    except HistoryError as error:
        _error(err, str(error))
        return EXIT_USAGE
    for notice in result.notices:
        err.print(Text(notice, style="yellow"))
    render_history(out, result.entries, circuit=args.circuit, as_json=args.json)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and `python -m hamtimer`."""
    out, err = Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or words[0] not in {*COMMANDS, "-h", "--help", "--version"}:
        words.insert(0, "run")  # `hamtimer`, `hamtimer --speed 20`, `hamtimer mine.toml`
    args = _parser().parse_args(words)
    command = args.command
    try:
        if command == "run":
            return _run(args, err)
        if command == "list":
            return _list(out)
        if command == "show":
            return _show(args, out, err)
        if command == "check":
            return _check(args, out, err)
        if command == "schema":
            print(json.dumps(json_schema(), indent=2))
            return EXIT_OK
        return _history(args, out, err)
    except CircuitError as error:
        _error(err, str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
