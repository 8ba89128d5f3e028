"""A file to import: read safely, its format told from its content, its workouts read.

A file is JSON when it starts with `{` or `[` (JAWT writes JSON), else YAML (qintervals);
the parsed data then says which app wrote it (`intervals`: qintervals; `sets` or
`workouts`: JAWT). YAML needs PyYAML, from the optional `import` extra: without it a YAML
file gets the command that installs it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hamtimer.circuit.locate import Position
from hamtimer.circuit.syntax import quote
from hamtimer.files import MIB, FileReadError, read_bytes
from hamtimer.importers.jawt import is_jawt, read_jawt
from hamtimer.importers.problems import DocPath, ImportFileError, Problems
from hamtimer.importers.qintervals import is_qintervals, read_qintervals
from hamtimer.importers.shape import Reading, Workout
from hamtimer.plan.build import MAX_STEPS

MAX_BYTES = 4 * MIB
"""The largest file imported: a JAWT backup of a hundred workouts is about 100 KiB."""

FORMATS = (
    "qintervals YAML (title and intervals) and Just Another Workout Timer (JAWT) JSON "
    "(a workout with title and sets, or a backup with workouts)"
)
INSTALL_YAML = 'pip install "hamtimer[import]"'


def read_import(path: Path, choose: str | None = None) -> Reading:
    """The workouts in a file of another app (`choose`: only the one of that title).

    Raises `ImportFileError`, naming the file and saying every problem and its fix."""
    origin = str(path)
    try:
        raw = read_bytes(path, limit=MAX_BYTES, what="a workout to import")
    except FileReadError as error:
        raise ImportFileError(str(error)) from None
    text, note = _decoded(raw, origin)
    if not text.strip():
        raise ImportFileError(f"{origin}: the file is empty; it can import {FORMATS}")
    data, positions = _parsed(text, origin)
    problems = Problems(origin, positions)
    if note:
        problems.warn((), "", note)
    workouts: list[Workout]
    if is_jawt(data) or (positions is None and isinstance(data, dict) and "title" in data):
        workouts = read_jawt(data, problems, path.name, MAX_STEPS)
    elif is_qintervals(data):
        workouts = [read_qintervals(data, problems, path.name, MAX_STEPS)]
    else:
        raise ImportFileError(f"{origin}: not a workout hamtimer can import: it reads {FORMATS}")
    problems.raise_if_any()
    if choose is not None:
        workouts = _chosen(workouts, choose, origin)
    app = workouts[0].app if workouts else ""
    return Reading(app, tuple(workouts), tuple(problems.warnings))


def _decoded(raw: bytes, origin: str) -> tuple[str, str | None]:
    """The file's text, and a note when it was not UTF-8: JAWT writes its exports a byte
    a character (`codeUnits`), so they read as Latin-1."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in raw:
        raise ImportFileError(f"{origin}: looks like a binary file; it can import {FORMATS}")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("latin-1"), (
            "not UTF-8: read as Latin-1, as JAWT writes its exports; check the names "
            "(JAWT's export keeps no letter beyond Latin-1)"
        )


def _parsed(text: str, origin: str) -> tuple[Any, dict[DocPath, Position] | None]:
    """The data, and where each key is written (YAML), or None (JSON, which says no more
    than where its syntax breaks). A qintervals workout written as JSON, which YAML
    includes, is read as YAML, for its lines."""
    if text.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(text)
            if not (isinstance(data, dict) and "intervals" in data):
                return data, None
        except json.JSONDecodeError as error:
            position = Position(error.lineno, error.colno)
            lines = [f"{origin}:{position}: not valid JSON: {_json_words(error.msg)}"]
            raise ImportFileError("\n".join([*lines, *quote(text, position)])) from None
        except RecursionError:
            raise ImportFileError(f"{origin}: nested too deep to be a workout") from None
    try:
        from hamtimer.importers.yamltree import read_yaml
    except ImportError:
        raise ImportFileError(
            f"{origin}: this looks like YAML (a qintervals workout), and reading YAML needs "
            f"PyYAML: install it with {INSTALL_YAML}"
        ) from None
    return read_yaml(text, origin)


_JSON_WORDS = {
    "Expecting property name enclosed in double quotes": "a key must be in double quotes "
    '("name"), and the last item has no comma after it',
    "Expecting ',' delimiter": "a comma is missing between two items",
    "Expecting ':' delimiter": 'a colon is missing after a key ("name": …)',
    "Expecting value": "a value is missing or not JSON (text needs double quotes; true, "
    "false and null are lower case)",
    "Extra data": "more after the end of the document: one workout or backup a file",
    "Unterminated string starting at": "a text is not closed: add its closing double quote",
    "Invalid control character at": "a line break or tab inside a text: write \\n or \\t",
}


def _json_words(message: str) -> str:
    for start, words in _JSON_WORDS.items():
        if message.startswith(start):
            return words
    return message[:1].lower() + message[1:]


def _chosen(workouts: list[Workout], title: str, origin: str) -> list[Workout]:
    wanted = title.strip().casefold()
    found = [workout for workout in workouts if workout.title.casefold() == wanted]
    if not found:
        titles = ", ".join(f'"{workout.title}"' for workout in workouts)
        raise ImportFileError(f'{origin}: no workout "{title}" in the file; it holds {titles}')
    return found
