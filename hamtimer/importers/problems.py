"""What is wrong with a file to import, in the runner's words, all of it at once.

A problem is a `hamtimer.circuit.problems.Problem`, as a circuit's are: the place (a line
and column in YAML; in JSON, whose parser keeps no positions past its syntax, the path in
the document, `workouts[0].sets[1].exercises[2].duration`), the interval or exercise by
name, and what to write instead. `Problems` collects them while a reader goes on, so that
every problem of a file is told in one go; `ImportFileError` carries them to the command.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from hamtimer.circuit.locate import Position, order_of
from hamtimer.circuit.problems import Problem

MAX_PROBLEMS = 15
"""Problems listed one a line, so that the message fits a screen; the rest are counted."""

DocPath = tuple[str | int, ...]
"""A place in a parsed document: mapping keys and list indexes, from the top."""


class ImportFileError(Exception):
    """A file that cannot be imported. `str()` is the whole message: one problem a line,
    each with the file, its place and the fix."""


def path_text(path: DocPath) -> str:
    """A place in a document as it is read: `workouts[0].sets[1].duration`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the top level"


def or_join(words: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def meant(word: str, known: Collection[str]) -> str | None:
    """The known word `word` is probably a misspelling of, if one is close."""
    found = difflib.get_close_matches(word.strip().lower(), sorted(known), n=1, cutoff=0.6)
    return found[0] if found else None


JSON_WORDS = ("null", "an object")
YAML_WORDS = ("nothing", "a mapping")


def shown(value: Any, words: tuple[str, str] = JSON_WORDS) -> str:
    """A value as a message quotes it: text in quotes, `words` for null and a mapping
    (JSON's or YAML's)."""
    if value is None:
        return words[0]
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return words[1]
    if isinstance(value, list):
        return "a list"
    return str(value)


class Problems:
    """The problems and warnings found so far in one file (`origin`), each at its place.

    `at` answers where a path is written: a YAML reader gives the marks of its nodes; a
    JSON reader gives none, and the path itself is said instead."""

    def __init__(self, origin: str, positions: dict[DocPath, Position] | None = None) -> None:
        self.origin = origin
        self._positions = positions
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def _problem(self, path: DocPath, where: str, text: str) -> Problem:
        if self._positions is None:  # JSON: the path is the place
            if path:
                where = f"{path_text(path)}: {where}" if where else path_text(path)
            return Problem(None, where, text)
        for length in range(len(path), -1, -1):  # where it is, else what holds it
            position = self._positions.get(path[:length])
            if position is not None:
                return Problem(position, where, text)
        return Problem(None, where, text)

    def error(self, path: DocPath, where: str, text: str) -> None:
        """Something that stops the import: `where` names the item, `text` says what to do."""
        self.errors.append(self._problem(path, where, text))

    def warn(self, path: DocPath, where: str, text: str) -> None:
        """Something the import does as the source app does, but worth a look."""
        self.warnings.append(self._problem(path, where, text))

    def unknown_keys(
        self, path: DocPath, data: Mapping[Any, Any], known: Collection[str], app: str
    ) -> None:
        """A warning for each key the source app does not read (it ignores them, and so does
        the import), with the key probably meant."""
        for key in data:
            if isinstance(key, str) and key in known:
                continue
            guess = meant(str(key), known)
            fix = f"; did you mean {guess}?" if guess else ""
            self.warn(
                (*path, str(key)),
                "",
                f"{app} does not read the key {key}, nor does the import{fix}",
            )

    def raise_if_any(self) -> None:
        """Stop with every error found, `MAX_PROBLEMS` at most, and the warnings among them
        (a key the app ignores may be the one that was meant), in the file's order."""
        if not self.errors:
            return
        told = sorted(
            [(problem, "") for problem in self.errors[:MAX_PROBLEMS]]
            + [(warning, "warning: ") for warning in self.warnings],
            key=lambda pair: order_of(pair[0].position),
        )
        lines = [problem.line(self.origin, label) for problem, label in told]
        extra = len(self.errors) - MAX_PROBLEMS
        if extra > 0:
            lines.append(f"{self.origin}: … and {extra} more problems")
        raise ImportFileError("\n".join(lines))

    def warning_lines(self) -> list[str]:
        """Each warning on a line: `origin:line:column: warning: …`."""
        return [warning.line(self.origin, "warning: ") for warning in self.warnings]
