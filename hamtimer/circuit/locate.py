"""Where each key, table and list item of a TOML text is written: its line and column.

`tomllib` gives values without positions, and a message about a circuit should point at
the line to change. `locate` reads a text that `tomllib` has already accepted and records,
for every path at which the parsed data holds something (`("blocks", 0, "exercises", 1,
"reps")`), where it is written: the key of a `key = value` (each part of a dotted key), the
header of a `[table]` or of an `[[array]]` entry, an item of a list, a key of an inline
table. Multi-line strings and lists, comments and quoted keys are read as TOML reads them.
Anything it does not expect ends the reading quietly: what was found so far is kept, and a
message without a line is still a message.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from hamtimer.circuit.safe_toml import skip_string

Path = tuple[str | int, ...]
"""A place in the parsed data: table keys and list indexes, from the top."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}#\n]")
_BLANK = " \t\r"


@dataclass(frozen=True)
class Position:
    """A line (from 1) and a column (from 1; None for the file as a whole)."""

    line: int
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.line}" if self.column is None else f"{self.line}:{self.column}"


def order_of(position: Position | None) -> tuple[int, int]:
    """Sorts positions in the order of the file, the file as a whole first."""
    return (0, 0) if position is None else (position.line, position.column or 0)


START = Position(1)
"""The file as a whole: a key missing at the top level is added at the top."""


class Locations:
    """The positions found in one text; `of` answers for any path."""

    def __init__(self, found: dict[Path, Position], *, from_text: bool = True) -> None:
        self._found = found
        self._from_text = from_text

    def of(self, path: Path) -> Position | None:
        """Where `path` is written, else where the nearest table holding it is; the file's
        start for a path at the top level that is not written at all; None when there was
        no text."""
        for end in range(len(path), 0, -1):
            found = self._found.get(path[:end])
            if found is not None:
                return found
        return START if self._from_text else None

    def has(self, path: Path) -> bool:
        """Whether `path` itself is written in the text."""
        return path in self._found


NOWHERE = Locations({}, from_text=False)
"""For data that came from no text: no path has a position."""


class _LostError(Exception):
    """The text is not what this reader expects; stop where it is."""


class _Reader:
    """One pass over a text, recording positions as it goes (a method a TOML rule)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self.found: dict[Path, Position] = {}
        self.arrays: dict[Path, int] = {}  # an [[array]] of tables: its entries so far

    def mark(self, path: Path, offset: int) -> None:
        if path not in self.found:
            line = bisect_right(self.line_starts, offset)
            self.found[path] = Position(line, offset - self.line_starts[line - 1] + 1)

    def char(self) -> str:
        if self.pos >= len(self.text):
            raise _LostError
        return self.text[self.pos]

    def skip(self, *, newlines: bool) -> None:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in _BLANK or (newlines and char == "\n"):
                self.pos += 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return

    def read(self) -> None:
        table: Path = ()
        while True:
            self.skip(newlines=True)
            if self.pos >= len(self.text):
                return
            start = self.pos
            if self.text.startswith("[[", start):
                self.pos += 2
                keys = self.key()
                parent = self.resolve(keys[:-1])
                name, offset = keys[-1]
                array = (*parent, name)
                self.mark(array, offset)
                index = self.arrays.get(array, 0)
                self.arrays[array] = index + 1
                table = (*array, index)
                self.mark(table, start)
                self.expect("]]")
            elif self.text[start] == "[":
                self.pos += 1
                keys = self.key()
                table = self.resolve(keys)
                self.found.pop(table, None)  # the header, not a dotted key, is where it is
                self.mark(table, start)
                self.expect("]")
            else:
                self.key_value(table)

    def resolve(self, keys: list[tuple[str, int]]) -> Path:
        """A header's path: each part that names an [[array]] means its latest entry."""
        path: Path = ()
        for name, offset in keys:
            path = (*path, name)
            self.mark(path, offset)
            if path in self.arrays:
                path = (*path, self.arrays[path] - 1)
        return path

    def expect(self, word: str) -> None:
        self.skip(newlines=False)
        if not self.text.startswith(word, self.pos):
            raise _LostError
        self.pos += len(word)

    def key(self) -> list[tuple[str, int]]:
        parts: list[tuple[str, int]] = []
        while True:
            self.skip(newlines=False)
            start, char = self.pos, self.char()
            if char in "\"'":
                self.pos = skip_string(self.text, start)
                quoted = self.text[start : self.pos]
                try:
                    name = tomllib.loads(f"k = {quoted}")["k"]
                except tomllib.TOMLDecodeError:
                    raise _LostError from None
            else:
                match = _BARE_KEY.match(self.text, start)
                if match is None:
                    raise _LostError
                name, self.pos = match.group(), match.end()
            parts.append((name, start))
            self.skip(newlines=False)
            if self.pos < len(self.text) and self.text[self.pos] == ".":
                self.pos += 1
            else:
                return parts

    def key_value(self, table: Path) -> None:
        path = table
        for name, offset in self.key():
            path = (*path, name)
            self.mark(path, offset)
        self.expect("=")
        self.skip(newlines=False)
        self.value(path)

    def value(self, path: Path) -> None:
        self.mark(path, self.pos)
        start, char = self.pos, self.char()
        if char in "\"'":
            self.pos = skip_string(self.text, start)
        elif char == "[":
            self.pos += 1
            self.items("]", lambda index: self.value((*path, index)))
        elif char == "{":
            self.pos += 1
            self.items("}", lambda _: self.key_value(path))
        else:
            match = _SCALAR_END.search(self.text, start)
            self.pos = len(self.text) if match is None else match.start()
            if self.pos == start:
                raise _LostError

    def items(self, close: str, read_one: Callable[[int], None]) -> None:
        """The items of a list or the keys of an inline table, up to `close`."""
        index = 0
        while True:
            self.skip(newlines=True)
            if self.char() == close:
                self.pos += 1
                return
            before = self.pos
            read_one(index)
            index += 1
            self.skip(newlines=True)
            if self.char() == ",":
                self.pos += 1
            elif self.char() != close or self.pos == before:
                raise _LostError


def locate(text: str) -> Locations:
    """The positions of everything written in `text`, a TOML text `tomllib` accepts."""
    reader = _Reader(text)
    with contextlib.suppress(_LostError, RecursionError):
        reader.read()
    return Locations(reader.found)
