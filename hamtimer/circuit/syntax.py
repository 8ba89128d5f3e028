"""A TOML syntax error in the runner's words: the line and column `tomllib` found, the line
quoted with a caret under the place, and what to write instead."""

from __future__ import annotations

import re
import tomllib

from hamtimer.circuit.locate import Position

_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_SHOWN = 76
"""Characters of the quoted line shown around the caret."""

_WORDS: tuple[tuple[str, str], ...] = (
    ("Invalid statement", "this line is not a key = value, a [table] header or a comment"),
    (
        "Expected newline or end of document after a statement",
        "something follows the value on the same line: one key = value a line "
        "(a # starts a comment)",
    ),
    (
        "Expected '=' after a key in a key/value pair",
        "a key must be followed by = and its value; a key is one word (write _ for a space) "
        "or text in quotes",
    ),
    (
        "Invalid initial character for a key part",
        "a key is expected here: letters, digits, _ and - only, or text in quotes",
    ),
    ("Found invalid character", "a control character TOML does not allow here: delete it"),
    ("Expected ']' at the end of a table declaration", "a [table] header must end with ]"),
    ("Expected ']]' at the end of an array declaration", "a [[table]] header must end with ]]"),
    ("Cannot declare", "this table is written twice: keep one [table] header and merge the keys"),
    ("Cannot redefine namespace", "this table is written twice: merge the two"),
    ("Cannot overwrite a value", "this key is given twice (or names a table too): keep one"),
    (
        "Cannot mutate immutable namespace",
        "this adds to a table or list already written whole, in { } or [ ]: write it in one place",
    ),
    ("Unclosed array", "a list opened with [ is not closed with ]: check for a missing , or ]"),
    ("Unclosed inline table", "a table opened with { must close with } on the same line"),
    ("Duplicate inline table key", "a key is given twice in this { } table: keep one"),
    (
        "Unescaped '\\' in a string",
        "a \\ in \"…\" text starts an escape: write \\\\ for a backslash, or use '…' quotes",
    ),
    ("Invalid hex value", "a \\u escape needs 4 hex digits (\\U needs 8)"),
    ("Escaped character is not a Unicode scalar value", "this \\u escape is not a character"),
    ("Unterminated string", "text opened with a quote is not closed on this line"),
    ("Illegal character '\\n'", "text opened with a quote is not closed on this line"),
    ("Illegal character", "a control character is not allowed in text: delete it (\\t is a tab)"),
    ("Invalid date or datetime", "not a valid date or time"),
    (
        "Invalid value",
        'not a value: text needs quotes ("…"), true and false are lower case, '
        "numbers are written without units",
    ),
    ("Expected", "the file ends before this is closed"),
)


def _words(message: str) -> str:
    for start, words in _WORDS:
        if message.startswith(start):
            return words
    return "this is not TOML as a circuit is written"


_AT_THE_KEY = ("Cannot overwrite", "Cannot declare", "Cannot redefine", "Cannot mutate")
"""Errors tomllib reports at the end of a statement: the caret goes under its start."""


def _position(text: str, message: str) -> Position:
    found = _AT.search(message)
    if not (found and found.group(1)):
        line = text.count("\n") + 1  # the end of the text
        return Position(line, len(text) - (text.rfind("\n") + 1) + 1)
    line, column = int(found.group(1)), int(found.group(2))
    if message.startswith(_AT_THE_KEY):
        written = text.split("\n")[line - 1]
        column = len(written) - len(written.lstrip(" \t")) + 1
    return Position(line, column)


def quote(text: str, position: Position) -> list[str]:
    """The line at `position`, indented, with a caret under its column."""
    lines = text.split("\n")
    if not 1 <= position.line <= len(lines):
        return []
    line = lines[position.line - 1].rstrip("\r")
    column = min(max((position.column or 1) - 1, 0), len(line))
    start = max(0, min(column - _SHOWN // 2, len(line) - _SHOWN))
    shown = line[start : start + _SHOWN]
    before = "".join("\t" if char == "\t" else " " for char in shown[: column - start])
    return [f"    {'…' if start else ''}{shown}", f"    {' ' if start else ''}{before}^"]


def describe(error: tomllib.TOMLDecodeError, text: str, origin: str) -> str:
    """`origin:line:column: not valid TOML: <our words>`, then the line and a caret."""
    message = str(error)
    position = _position(text, message)
    head = f"{origin}:{position}: not valid TOML: {_words(_AT.sub('', message))}"
    return "\n".join([head, *quote(text, position)])
