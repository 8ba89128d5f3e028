"""Reading a file that someone else wrote, without hanging and without running out of memory.

Every file hamtimer reads whole (circuits, 0.1.0 history files, workouts kept aside) is read
through `read_bytes`, and the history database's first bytes through `opened`:

* it must be a regular file: a FIFO would block the read for ever, a device such as
  `/dev/zero` never ends, a folder is not a file. The type is checked with `stat` before
  the file is opened (opening some devices does something), and again on the open file,
  which is opened without blocking (`O_NONBLOCK`), so a file swapped for a FIFO in between
  cannot hang us either;
* it must be under the caller's size limit, checked before reading and while reading (a
  file may grow);
* a symlink loop, an over-long path or a missing folder is a one-line reason, not an
  exception from deep inside.

Every problem is an `FileReadError` whose message names the file and says why in words.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

KIB = 1024
MIB = 1024 * KIB

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)

_REASONS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "a symlink loop (a link that leads back to itself)",
    errno.ENAMETOOLONG: "the path or a name in it is too long for this system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


class FileReadError(Exception):
    """A file that cannot be read as asked. `str()` is one line: '<path>: <reason>'."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def reason_of(error: OSError) -> str:
    """An `OSError` in words a runner can act on: 'no such file', 'permission denied', …"""
    known = _REASONS.get(error.errno or 0)
    if known:
        return known
    return (error.strerror or str(error)).lower()


def not_regular(mode: int) -> str | None:
    """Why a file of this `st_mode` is not read (a folder, a FIFO, a device…), or None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def size_text(size: int) -> str:
    """A file size as a runner reads it: '512 bytes', '300 KiB', '1.5 MiB'."""
    if size < KIB:
        return f"{size} bytes"
    if size < MIB:
        return f"{size / KIB:.0f} KiB"
    return f"{size / MIB:.1f} MiB".replace(".0 MiB", " MiB")


def check_regular(path: Path) -> os.stat_result:
    """`stat` of a regular file (symlinks followed); raise `FileReadError` for anything else."""
    try:
        status = path.stat()
    except OSError as error:
        raise FileReadError(path, reason_of(error)) from None
    except ValueError:  # a NUL in the path
        raise FileReadError(path, "the path holds a NUL character") from None
    problem = not_regular(status.st_mode)
    if problem:
        raise FileReadError(path, problem)
    return status


@contextlib.contextmanager
def opened(path: Path) -> Iterator[int]:
    """A read-only file descriptor of the regular file `path`, never blocking on opening."""
    check_regular(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise FileReadError(path, reason_of(error)) from None
    try:
        problem = not_regular(os.fstat(fd).st_mode)  # swapped for another kind since `stat`
        if problem:
            raise FileReadError(path, problem)
        yield fd
    finally:
        os.close(fd)


def _too_big(path: Path, size: int | None, limit: int, what: str) -> FileReadError:
    found = "larger" if size is None else size_text(size)
    return FileReadError(
        path, f"is {found}, over the {size_text(limit)} limit for {what}; is it the right file?"
    )


def read_bytes(path: Path, *, limit: int, what: str = "this kind of file") -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises `FileReadError` for a missing, special or oversized file (`what` names the
    kind of file in the message: 'a circuit').
    """
    with opened(path) as fd:
        size = os.fstat(fd).st_size
        if size > limit:
            raise _too_big(path, size, limit, what)
        chunks, total = [], 0
        try:
            while total <= limit:
                chunk = os.read(fd, min(limit + 1 - total, MIB))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        except OSError as error:
            raise FileReadError(path, f"cannot be read: {reason_of(error)}") from None
        if total > limit:
            raise _too_big(path, None, limit, what)
    return b"".join(chunks)
