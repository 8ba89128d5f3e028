"""The `hamtimer` command: run a circuit, or list, show, check and describe circuits, or
read the history.

Every failure the user can cause ends here as a short message and a non-zero exit,
never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from hamtimer import __version__
from hamtimer.circuit import CircuitError, open_circuit
from hamtimer.cli import circuits, history
from hamtimer.cli.output import EXIT_USAGE, error

COMMANDS = ("run", "list", "show", "check", "schema", "history")


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

    history.add_arguments(commands.add_parser("history", help="past workouts and hold times"))
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
    parser.add_argument(
        "--voice",
        choices=["on", "off"],
        default="on",
        help="speak every step (default: on; `v` toggles it during a workout)",
    )
    parser.add_argument(
        "--voice-volume",
        type=float,
        default=100.0,
        metavar="PERCENT",
        help="the voice's loudness against the tones, 5–100 (default: 100, as loud)",
    )
    parser.add_argument(
        "--hands-free",
        action="store_true",
        help="pace every set of reps and count them aloud: only holds wait for a key",
    )
    parser.add_argument("--data-dir", type=Path, help="where history and the checkpoint are kept")


def _run(args: argparse.Namespace, err: Console) -> int:
    if args.speed <= 0:
        error(err, "--speed must be above zero, e.g. --speed 20")
        return EXIT_USAGE
    if not 5 <= args.voice_volume <= 100:
        error(err, "--voice-volume must be between 5 and 100 (percent of the tones' level)")
        return EXIT_USAGE
    found, circuit = open_circuit(args.circuit)
    from hamtimer.tui.app import run_app  # Textual loads only when a workout runs

    return run_app(
        found,
        circuit,
        challenge=args.challenge,
        speed=args.speed,
        sound=args.sound,
        data_dir=args.data_dir,
        voice=args.voice,
        voice_volume=args.voice_volume / 100,
        hands_free=args.hands_free,
    )


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
            return circuits.list_circuits(out)
        if command == "show":
            return circuits.show(args, out, err)
        if command == "check":
            return circuits.check(args, out, err)
        if command == "schema":
            return circuits.schema()
        return history.run(args, out, err)
    except CircuitError as problem:
        error(err, str(problem))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
