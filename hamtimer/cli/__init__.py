"""The `hamtimer` command: run a circuit, or list, show, check and describe circuits, or
read the history.

Every failure the user can cause ends here as a short message and a non-zero exit,
never as a traceback. Exit codes: 0 done; 1 an invalid file (`check`), output that could
not be written, or an unexpected error (its traceback kept in a file); 2 a usage problem
(a bad option, an unknown or invalid circuit, no terminal for the timer); 130 interrupted.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from hamtimer import __version__
from hamtimer.circuit import CircuitError, circuit_hash, find, read_bytes_of
from hamtimer.cli import history, programmes
from hamtimer.cli.output import (
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_USAGE,
    OutputError,
    ReaderGoneError,
    consoles,
    error,
    report_crash,
)
from hamtimer.plan.compiled import compiled
from hamtimer.printable import encodes_everything, printable

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

COMMANDS = (
    "run",
    "list",
    "show",
    "check",
    "schema",
    "history",
    "import",
    "follow",
    "today",
    "programme",
)

SPEEDS = (0.1, 1000.0)
"""The range of `--speed`: from ten times slower to a thousand times faster."""


class _Parser(argparse.ArgumentParser):
    """argparse, printing its help and usage errors through the guarded consoles."""

    out: Console | None = None
    err: Console | None = None

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        console = self.err if file is sys.stderr else self.out
        if message and console is not None:
            console.file.write(printable(message))
            console.file.flush()


def _parser(out: Console, err: Console) -> argparse.ArgumentParser:
    _Parser.out, _Parser.err = out, err
    parser = _Parser(
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

    schema = commands.add_parser("schema", help="print the JSON Schema of the circuit format")
    schema.add_argument("--programme", action="store_true", help="the programme format's instead")

    history.add_arguments(commands.add_parser("history", help="past workouts and hold times"))
    programmes.add_arguments(commands)

    imports = commands.add_parser("import", help="a workout of another timer app, as your circuit")
    imports.add_argument(
        "file", type=Path, metavar="FILE", help="a qintervals (YAML) or JAWT (JSON) workout file"
    )
    imports.add_argument("--name", help="the circuit's name (its file name), not the title's")
    imports.add_argument("--workout", metavar="TITLE", help="of a backup of several, only this")
    imports.add_argument("--force", action="store_true", help="replace your circuit of that name")
    imports.add_argument("--json", action="store_true", help="say what was written, as JSON")
    return parser


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "circuit",
        nargs="?",
        help="a circuit name or a .toml path (default: the next session of the programme "
        "you follow, else the hamstring circuit)",
    )
    parser.add_argument("--challenge", action="store_true", help="start in challenge mode")
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="FACTOR",
        help=f"rehearse: run the clock FACTOR times faster (e.g. 20; "
        f"{SPEEDS[0]:g} to {SPEEDS[1]:g})",
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


def terminal_problem() -> str | None:
    """Why the timer screen cannot run here (no terminal, a dumb one, a non-UTF-8 locale)."""
    where = "Run hamtimer in a terminal window; `hamtimer show` prints the plan instead"
    for name in ("stdin", "stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or not stream.isatty():
            return f"the timer needs a terminal, and {name} is not one (a pipe or a file). {where}"
    if os.environ.get("TERM") == "dumb":
        return f"TERM=dumb: this terminal cannot draw the timer screen. {where}"
    encoding = getattr(sys.stderr, "encoding", None)
    if not encodes_everything(encoding):
        return (
            f"the terminal's character set is {encoding} (from the locale), and the timer "
            "screen needs UTF-8: run it as LC_ALL=C.UTF-8 hamtimer, or set LANG to a "
            "UTF-8 locale"
        )
    return None


def _run(args: argparse.Namespace, err: Console) -> int:
    low, high = SPEEDS
    if not (math.isfinite(args.speed) and low <= args.speed <= high):
        error(err, f"--speed must be from {low:g} to {high:g} (e.g. --speed 20), not {args.speed}")
        return EXIT_USAGE
    if not 5 <= args.voice_volume <= 100:
        error(err, "--voice-volume must be between 5 and 100 (percent of the tones' level)")
        return EXIT_USAGE
    session, notices = None, list[str]()
    if args.circuit is None:  # the programme's next session, when one is followed
        session, notices = programmes.todays_session(args.data_dir, hands_free=args.hands_free)
    if session is not None:
        found, circuit = session.circuit_file, session.compiled
    else:
        found = find(args.circuit)
        raw = read_bytes_of(found.path)
        # valid, and not too long to run: checked here, or when the cache of this file was made
        circuit = compiled(found.path, raw, hands_free=args.hands_free)
        found = replace(found, sha256=circuit_hash(raw))
    problem = terminal_problem()
    if problem:
        error(err, problem)
        return EXIT_USAGE
    from hamtimer.tui.launch import run_app  # Textual loads only when a workout runs

    status, unsaved = run_app(
        found,
        circuit,
        challenge=args.challenge,
        speed=args.speed,
        sound=args.sound,
        data_dir=args.data_dir,
        voice=args.voice,
        voice_volume=args.voice_volume / 100,
        hands_free=args.hands_free,
        programme=session,
        calendar=programmes.calendar,
        notices=notices,
    )
    for line in unsaved:
        error(err, line)
    return status


def _command(args: argparse.Namespace, out: Console, err: Console) -> int:
    command = args.command
    if command == "run":
        return _run(args, err)
    from hamtimer.cli import circuits  # validating, plans and tables: not on the timer's path

    if command == "list":
        return circuits.list_circuits(out, err)
    if command == "show":
        return circuits.show(args, out, err)
    if command == "check":
        return circuits.check(args, out, err)
    if command == "schema":
        return circuits.schema(out, programme=args.programme)
    if command == "follow":
        return programmes.follow(args, out, err)
    if command == "today":
        return programmes.today(args, out, err)
    if command == "programme":
        return programmes.programme(args, out, err)
    if command == "import":
        from hamtimer.cli import importing

        return importing.run(args, out, err)
    return history.run(args, out, err)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and `python -m hamtimer`."""
    out, err = consoles()
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or words[0] not in {*COMMANDS, "-h", "--help", "--version"}:
        words.insert(0, "run")  # `hamtimer`, `hamtimer --speed 20`, `hamtimer mine.toml`
    args: argparse.Namespace | None = None
    try:
        args = _parser(out, err).parse_args(words)
        status = _command(args, out, err)
        out.file.flush()
        return status
    except CircuitError as problem:
        error(err, str(problem))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except ReaderGoneError:  # the reader went away: stop, quietly
        return EXIT_INVALID
    except OutputError as problem:
        error(err, f"cannot write the output: {problem}")
        return EXIT_INVALID
    except Exception as problem:  # the last resort: never a traceback on the screen
        report_crash(err, problem, getattr(args, "data_dir", None))
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
