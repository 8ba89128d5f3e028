"""How the commands print: two consoles, and one-line errors and warnings."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from hamtimer.circuit import Circuit

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def error(console: Console, message: str) -> None:
    """'hamtimer: <message>' in red; the message is never read as markup."""
    console.print(Text("hamtimer: ", style="bold red") + Text(message))


def warn_about(console: Console, origin: str, circuit: Circuit) -> None:
    """The circuit's domain warnings (jumps after heavy work), a line each."""
    for warning in circuit.warnings():
        console.print(Text(f"{origin}: warning: ", style="bold yellow") + Text(warning))
