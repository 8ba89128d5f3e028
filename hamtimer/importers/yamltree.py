"""YAML read with the place of every key and item, within bounds of time and memory.

PyYAML's safe loader builds plain data (no Python objects from tags); its composed nodes
carry marks, which give each key and list item of the data its line and column, so that a
problem is told at its line. An alias makes a node appear again wherever it is used, so a
small file of aliases of aliases can stand for a huge document: the walk counts what it
visits and stops past `MAX_ITEMS`, and refuses a node that contains itself.
"""

from __future__ import annotations

from typing import Any

import yaml

from hamtimer.circuit.locate import Position
from hamtimer.circuit.syntax import quote
from hamtimer.importers.problems import DocPath, ImportFileError

MAX_ITEMS = 100_000
"""Keys and items read at most, aliases counted where they are used."""


class _TooLargeError(Exception):
    pass


class _LoopError(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


def read_yaml(text: str, origin: str) -> tuple[Any, dict[DocPath, Position]]:
    """The data of a YAML text and where each of its keys and items is written.

    Raises `ImportFileError`: the YAML's syntax (with the line and a caret), a document that
    contains itself, or one too large or too deep to be a workout."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        data = loader.construct_document(node)
        positions: dict[DocPath, Position] = {(): _position(node.start_mark)}
        _walk(node, (), positions, set())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = _words(error.problem or "", error.context or "")
        if mark is None:
            raise ImportFileError(f"{origin}: not valid YAML: {what}") from None
        if error.context_mark is not None and mark.index >= len(text.rstrip()):
            mark = error.context_mark  # at the end of the file: where the open thing began
        position = _position(mark)
        lines = [f"{origin}:{position}: not valid YAML: {what}", *quote(text, position)]
        raise ImportFileError("\n".join(lines)) from None
    except yaml.YAMLError as error:
        raise ImportFileError(f"{origin}: not valid YAML: {error}") from None
    except _LoopError as loop:
        raise ImportFileError(
            f"{origin}:{_position(loop.mark)}: an alias here contains itself, so the "
            "workout would never end: write the intervals out"
        ) from None
    except (_TooLargeError, RecursionError):
        raise ImportFileError(
            f"{origin}: more than {MAX_ITEMS:,} keys and items (aliases counted each time they "
            "are used), or nested too deep: this is not a workout file"
        ) from None
    finally:
        loader.dispose()
    return data, positions


_WORDS = (
    (
        "mapping values are not allowed",
        "a colon where a value was expected: put text with a colon in quotes",
    ),
    (
        "expected <block end>",
        "this does not line up: the items of one list, and the keys "
        "of one mapping, start in the same column",
    ),
    (
        "cannot start any token",
        "a tab or a character YAML cannot start with: indent with "
        "spaces, and put such text in quotes",
    ),
    ("expected ',' or ']'", "a list in [ ] is not closed: add ]"),
    ("expected ',' or '}'", "a mapping in { } is not closed: add }"),
    ("could not find expected ':'", "a key without its colon: write key: value"),
    ("found unexpected end of stream", "a quoted text is not closed: add its closing quote"),
    ("found duplicate anchor", "an anchor (&name) is defined twice: rename one"),
    ("found undefined alias", "an alias (*name) with no anchor (&name) before it"),
)


def _words(problem: str, context: str) -> str:
    """A YAML syntax error in our words; PyYAML's own when we have none."""
    for start, words in _WORDS:
        if start in problem:
            return words
    return f"this is not YAML as qintervals reads it ({problem or context})".rstrip()


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _walk(
    node: yaml.Node, path: DocPath, positions: dict[DocPath, Position], open_nodes: set[int]
) -> None:
    if id(node) in open_nodes:
        raise _LoopError(node.start_mark)
    if len(positions) > MAX_ITEMS:
        raise _TooLargeError
    open_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            here = (*path, key)
            positions[here] = _position(key_node.start_mark)
            _walk(value_node, here, positions, open_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here = (*path, index)
            positions[here] = _position(item.start_mark)
            _walk(item, here, positions, open_nodes)
    open_nodes.discard(id(node))
