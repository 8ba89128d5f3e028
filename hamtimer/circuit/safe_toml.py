"""TOML parsed in bounded time and memory, whatever the file's structure.

`tomllib` is fast on ordinary files, but two structures cost it time and memory that grow
with the square of their size: a key with many dotted parts (`a.a.a.…a = 1`: a 32 KB line
takes 4.6 s and 1 GB) and many dotted keys under a deep table header (`[a.a.…]` then
`b.c = 1` lines: 90 KB, 25 s); and nesting deeper than Python's recursion limit raises
`RecursionError`. Before `tomllib` sees a text, `check_structure` walks it once (strings
and comments skipped as TOML reads them) and refuses keys with more than `MAX_KEY_PARTS`
parts and arrays or inline tables nested deeper than `MAX_NESTING`. With the size limit of
the files that are read (`hamtimer.circuit.load.MAX_BYTES`), every text that passes parses
in well under a second (measured in `bench/RESULTS.md`; held by the fuzz in
`tests/hostile/test_fuzz_loader.py`).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

MAX_KEY_PARTS = 8
"""Parts of a dotted key or table header: `[[blocks.exercises.prompts]]` has 3."""

MAX_NESTING = 16
"""Arrays and inline tables inside each other: a circuit written all inline needs 6."""

_INTERESTING = re.compile(r"[#\"'\[\]{},=.\n]")
_BASIC_END = re.compile(r'(?:[^"\\\n]|\\.)*')
_MULTILINE_BASIC_END = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)


class StructureError(ValueError):
    """The text is structured beyond what a circuit needs; the message says how."""


def skip_string(text: str, start: int) -> int:
    """The position just after the string that opens at `start` (or the end of its line)."""
    if text.startswith('"""', start):
        match = _MULTILINE_BASIC_END.match(text, start + 3)
        end = match.end() if match else len(text)
        quote = '"'
    elif text.startswith("'''", start):
        found = text.find("'''", start + 3)
        end = len(text) if found < 0 else found + 3
        quote = "'"
    elif text[start] == '"':
        end = _BASIC_END.match(text, start + 1).end()  # type: ignore[union-attr]
        return end + 1 if text.startswith('"', end) else end
    else:
        found = text.find("'", start + 1, _line_end(text, start))
        return _line_end(text, start) if found < 0 else found + 1
    extra = 0  # a multi-line string may end with one or two more quotes: """a"""""
    while extra < 2 and text.startswith(quote, end):
        end, extra = end + 1, extra + 1
    return end


def _line_end(text: str, start: int) -> int:
    found = text.find("\n", start)
    return len(text) if found < 0 else found


def check_structure(text: str) -> None:
    """Raise `StructureError` if a key has too many parts or values nest too deep.

    One pass: linear in the text, and its state is a stack of at most `MAX_NESTING`.
    """
    stack: list[str] = []  # "[" array, "{" inline table
    in_key, in_header, parts, line = True, False, 1, 1
    position = 0
    while True:
        found = _INTERESTING.search(text, position)
        if found is None:
            return
        char, position = found.group(), found.start()
        if char == "#":
            position = _line_end(text, position)
            continue
        if char in "\"'":
            position = skip_string(text, position)
            line += text.count("\n", found.start(), position)
            continue
        position += 1
        if char == "\n":
            line += 1
            if not stack:
                in_key, in_header, parts = True, False, 1
        elif in_key or in_header:
            if char == ".":
                parts += 1
                if parts > MAX_KEY_PARTS:
                    raise StructureError(
                        f"a key with more than {MAX_KEY_PARTS} dotted parts (line {line})"
                    )
            elif char == "=" and in_key:
                in_key, parts = False, 1
            elif char == "[" and in_key and not stack:
                in_key, in_header = False, True
            elif char == "]" and in_header:
                in_header, in_key, parts = False, True, 1
            elif char == "}" and stack and stack[-1] == "{":
                stack.pop()
                in_key = False
        elif char in "[{":
            stack.append(char)
            if len(stack) > MAX_NESTING:
                raise StructureError(
                    f"arrays or inline tables nested more than {MAX_NESTING} deep (line {line})"
                )
            if char == "{":
                in_key, parts = True, 1
        elif char in "]}":
            if stack:
                stack.pop()
        elif char == "," and stack and stack[-1] == "{":
            in_key, parts = True, 1


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads` after `check_structure`: raises `StructureError` or `TOMLDecodeError`."""
    check_structure(text)
    return tomllib.loads(text)
