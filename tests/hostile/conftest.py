"""Running the real `hamtimer` command as a hostile environment would, and watching it.

`hamtimer(...)` starts `python -m hamtimer` in a subprocess with the test's private folders
and returns its exit code and output. A run that does not end within its time is killed and
fails the test as a hang; each runs with at most `MEMORY` of address space, so a command
that would grow without limit fails with MemoryError instead of eating the machine.
"""

from __future__ import annotations

import os
import pty
import resource
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent.parent
HANG = 20.0
"""Seconds after which a command counts as hung (each one needs well under two)."""

MEMORY = 1024 * 1024 * 1024
"""The address space a command may use (it needs about 250 MB)."""


@dataclass(frozen=True)
class Ran:
    """How a command ended."""

    code: int
    out: str
    err: str

    @property
    def said(self) -> str:
        """stdout and stderr together."""
        return self.out + self.err


def environment(**changes: str | None) -> dict[str, str]:
    """This process's environment (with the test's private folders), changed."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def hamtimer(
    *argv: str,
    env: Mapping[str, str] | None = None,
    stdin: int | IO[bytes] | None = subprocess.DEVNULL,
    stdout: int | IO[bytes] | None = subprocess.PIPE,
    timeout: float = HANG,
    cwd: Path | None = None,
) -> Ran:
    """Run `python -m hamtimer ARGV` to its end (or fail the test as a hang)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "hamtimer", *argv],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=dict(env or environment()),
        cwd=cwd,
        preexec_fn=_limit_memory,
    )
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise AssertionError(f"hamtimer {' '.join(argv)} hung (killed after {timeout} s)") from None
    return Ran(
        child.returncode, (out or b"").decode("utf-8", "replace"), err.decode("utf-8", "replace")
    )


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def in_a_terminal(*argv: str, env: Mapping[str, str], timeout: float = HANG) -> tuple[int, str]:
    """Run hamtimer with stdin, stdout and stderr on a new pseudo-terminal: (code, screen)."""
    main, side = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "hamtimer", *argv],
        stdin=side,
        stdout=side,
        stderr=side,
        env=dict(env),
        start_new_session=True,
        preexec_fn=_limit_memory,
    )
    os.close(side)
    seen = b""
    deadline = time.monotonic() + timeout
    while child.poll() is None and time.monotonic() < deadline:
        seen += _read_some(main)
    if child.poll() is None:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        raise AssertionError(f"hamtimer {' '.join(argv)} hung in a terminal:\n{seen!r}")
    seen += _read_some(main)
    os.close(main)
    return child.returncode, seen.decode("utf-8", "replace")


def _read_some(fd: int) -> bytes:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal closed with the child
        return b""


@contextmanager
def no_hang(seconds: float = 5.0) -> Iterator[None]:
    """Fail (rather than hang for ever) if the block takes longer than `seconds`."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"blocked for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
