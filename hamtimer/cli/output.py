"""How the commands print: two consoles, one-line errors, and output that cannot break.

* Names, paths and messages are shown through `printable` (control characters escaped)
  and as `Text`, never as markup.
* In an ASCII or Latin-1 locale the glyphs hamtimer prints have plain stand-ins ('—' is
  '-', '↻' is 'CW'); anything else the encoding lacks is shown escaped (`plain_errors`).
* Writing to a closed pipe stops quietly (`ReaderGoneError`); any other failure to write, such
  as a full disk, becomes one line and exit code 1 (`OutputError`).
* An unexpected error writes its traceback to a file in the data folder and says where
  (`report_crash`).
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from hamtimer.files import reason_of
from hamtimer.folders import data_dir
from hamtimer.printable import printable

if TYPE_CHECKING:
    from hamtimer.circuit import Checked

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a program stopped by Ctrl+C

PLAIN = {
    "—": "-", "–": "-", "−": "-", "·": "|", "…": "...", "↻": "CW", "↺": "CCW", "⚠": "!",
    "×": "x", "•": "*", "→": "->", "←": "<-", "␣": "space", "⏎": "enter", "✓": "ok",
}  # fmt: skip
"""Plain stand-ins for the glyphs hamtimer prints, for an output that cannot encode them."""

PLAIN_ERRORS = "hamtimer.plain"


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(PLAIN.get(char, char.encode("unicode_escape").decode()) for char in text), (
        error.end
    )


codecs.register_error(PLAIN_ERRORS, _plain)


class ReaderGoneError(Exception):
    """The pipe the output went into was closed (`hamtimer history | head`)."""


class OutputError(Exception):
    """The output could not be written (a full disk, a gone device); says why in words."""


class _Guarded:
    """A text stream whose write failures become `ReaderGoneError` or `OutputError`.

    Not an `OSError`, so that Rich (which catches `BrokenPipeError` and exits) lets them
    through to `hamtimer.cli.main`, which knows what to say.
    """

    def __init__(self, stream: IO[str], *, quiet: bool = False) -> None:
        self._stream = stream
        self._quiet = quiet  # stderr: if even it fails, there is no one left to tell

    def write(self, text: str) -> int:
        """Write, or raise what went wrong in our terms."""
        return self._guard(self._stream.write, text) or 0

    def flush(self) -> None:
        """Flush, or raise what went wrong in our terms."""
        self._guard(self._stream.flush)

    def _guard(self, action: Any, *args: Any) -> Any:
        try:
            return action(*args)
        except BrokenPipeError:
            if not self._quiet:
                raise ReaderGoneError from None
        except OSError as error:
            if not self._quiet:
                raise OutputError(reason_of(error)) from None
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _prepare(stream: IO[str] | None) -> IO[str]:
    if stream is None:  # started with the descriptor closed
        return Path(os.devnull).open("w", encoding="utf-8")
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors=PLAIN_ERRORS)
    return stream


def consoles() -> tuple[Console, Console]:
    """The console for results (stdout) and for messages (stderr)."""
    out = _Guarded(_prepare(sys.stdout))
    err = _Guarded(_prepare(sys.stderr), quiet=True)
    return (
        Console(file=out, soft_wrap=True),  # type: ignore[arg-type]
        Console(file=err, stderr=True, soft_wrap=True),  # type: ignore[arg-type]
    )


def plain(text: str, style: str = "") -> Text:
    """Text from a file or the system, as it is written: escaped, never markup."""
    return Text(printable(text), style=style)


def error(console: Console, message: str) -> None:
    """'hamtimer: <message>' in red; the message is never read as markup."""
    console.print(Text("hamtimer: ", style="bold red") + plain(message))


def notice(console: Console, message: str) -> None:
    """'hamtimer: <message>' in yellow: something skipped or set aside, the command goes on."""
    console.print(Text("hamtimer: ", style="bold yellow") + plain(message))


def warn_about(console: Console, origin: str, checked: Checked) -> None:
    """A checked circuit's warnings (keys with no effect, jumps after heavy work), a line
    each, with the line of the file where there is one; for a warning its `[checks]` turn
    off, the reason they give."""
    for warning in checked.warnings:
        place = plain(f"{warning.place(origin)}warning: ", "bold yellow")
        console.print(place + plain(warning.message()))
    for note in checked.circuit.notes():
        console.print(plain(f"{origin}: note: ", "bold") + plain(note))


def report_crash(console: Console, problem: BaseException, folder: Path | None) -> None:
    """An unexpected error: its traceback to a file (the data folder, else the temporary
    folder), and one line saying what happened and where the details are."""
    details = "".join(traceback.format_exception(problem))
    name = f"crash-{datetime.now():%Y%m%dT%H%M%S}-{os.getpid()}.txt"
    kept: Path | None = None
    for place in (data_dir(folder), Path(tempfile.gettempdir())):
        try:
            place.mkdir(parents=True, exist_ok=True)
            (place / name).write_text(details, encoding="utf-8")
        except (OSError, ValueError):
            continue
        kept = place / name
        break
    what = f"{type(problem).__name__}: {problem}".splitlines()[0][:200]
    where = f"the details are in {kept}" if kept else "the details could not be written anywhere"
    error(console, f"unexpected error ({what}); {where}. Please report it.")


def print_json(out: Console, document: Any) -> None:
    """JSON on stdout: every character escaped that the output or a terminal cannot take."""
    from hamtimer.report import json_text  # the report loads only for a command that prints it

    out.file.write(json_text(document, out.file, indent=2) + "\n")
