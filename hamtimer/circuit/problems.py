"""Validation errors in the runner's words: where, what is wrong, and what to write.

pydantic reports an error as a type, a location (`("blocks", 0, "exercises", 1, "reps")`,
with union members and validators in between) and the value given. Here each becomes a
`Problem`: the line and column (`locate`), the exercise or block by name, and a sentence
that says what is wrong and how to fix it. The sentence is chosen by the error's type and
worded from the field's name and shapes (`shapes`), never from pydantic's own message, so
a field added to the models is worded without more work. Errors that only follow from
another are dropped: a list "too short" once one of its items failed, and every member of a
union but the one the value was meant for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from hamtimer.circuit.keys import unknown_key
from hamtimer.circuit.locate import NOWHERE, Locations, Path, Position, order_of
from hamtimer.circuit.shapes import (
    bound_text,
    model_shapes,
    number_text,
    one_of,
    phrase,
    shown,
    suggestion,
    toml_value,
)
from hamtimer.circuit.where import Walked, dig, header, subject_of, tables, walk, where

_BOUNDS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_MISMATCH = {"literal_error", "enum"}  # a member whose fixed key does not match: unlikely meant


@dataclass(frozen=True)
class Problem:
    """One thing to fix (or, for a warning, to look at): where, and what to do."""

    position: Position | None
    where: str
    text: str

    def place(self, origin: str | None) -> str:
        """`origin:line:column: ` (or `origin: `); with no origin, `line N: ` (or nothing)."""
        if origin is None:
            return f"line {self.position.line}: " if self.position else ""
        return f"{origin}:{self.position}: " if self.position else f"{origin}: "

    def message(self) -> str:
        """`where: text`, or the text alone for the circuit as a whole."""
        return f"{self.where}: {self.text}" if self.where else self.text

    def line(self, origin: str | None, label: str = "") -> str:
        """The place, a label ("warning: ") and the message on one line."""
        return self.place(origin) + label + self.message()


@dataclass
class _Entry:
    error: ErrorDetails
    walked: Walked


# ------------------------------------------------------------------ what


def _fix(walked: Walked, key: str | None, value: Any, data: Any) -> str:
    shapes = walked.shapes
    if shapes and all(shape.kind == "table" for shape in shapes):
        if walked.path and isinstance(walked.path[-1], int):
            return f"; write it as a {header(walked.path, array=True)} table, its keys below"
        return f"; write {header(walked.path, array=False)} on a line of its own, its keys below"
    if shapes and all(
        shape.kind == "list" and shape.items and all(item.kind == "table" for item in shape.items)
        for shape in shapes
    ):
        return f"; write each as a {header(walked.path, array=True)} table, its keys below"
    better = suggestion(shapes, value)
    if better is None:
        return ""
    if key:
        return f"; write {key} = {toml_value(better)}"
    path = walked.path
    whole = dig(data, path[:-1])
    in_list = len(path) > 1 and isinstance(path[-2], str) and isinstance(whole, list)
    if in_list and isinstance(path[-1], int) and 0 <= path[-1] < len(whole):
        fixed = [*whole]
        fixed[path[-1]] = better
        return f"; write {path[-2]} = {toml_value(fixed)}"
    return f"; write {toml_value(better)}"


def _missing(walked: Walked, key: str) -> str:
    shapes = walked.shapes
    if shapes and all(shape.kind == "table" for shape in shapes):
        return f"no {header(walked.path, array=False)} table: add one"
    if shapes and all(shape.kind == "list" and tables(shape.items) for shape in shapes):
        return f"no {key}: add a {header(walked.path, array=True)} table"
    return f"{key} is missing: add {key} = … ({phrase(shapes)})"


def _bound(kind: str, ctx: Mapping[str, Any]) -> str:
    name = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt"}.get(kind, "le")
    return bound_text(name, float(ctx[name]))


def _length(kind: str, ctx: Mapping[str, Any], subject: str, walked: Walked) -> str:
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"{subject} has {ctx.get('actual_length', 'too many')} items: at most {most}"
    least = int(ctx.get("min_length", 1))
    if tables(item for shape in walked.shapes for item in shape.items):
        table = header(walked.path, array=True)
        if least == 1:
            return f"no {subject}: add a {table} table"
        return f"{subject} needs at least {least} {table} tables"
    return f"{subject} needs at least {least} item{'s' if least > 1 else ''}"


def say(error: ErrorDetails, walked: Walked, places: Mapping[str, Sequence[str]], data: Any) -> str:
    """The sentence for one error (about `data`): what is wrong, in our words, and the fix;
    `places` are the tables each key of the format belongs in (`places_of`)."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    subject, key = subject_of(walked)
    if kind == "extra_forbidden":
        here = {name for model in walked.owner for name in model.model_fields}
        return unknown_key(str(walked.path[-1]), here, places)
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", "")).strip() or "is not valid as written"
    if kind == "union_tag_not_found":
        return f"{ctx.get('discriminator', 'kind')} is missing: add it"
    if kind == "union_tag_invalid":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        name, given = ctx.get("discriminator", "kind"), shown(ctx.get("tag"))
        return f"{name} must be {one_of(expected)}, not {given}"
    if kind == "missing" and key:
        return _missing(walked, key)
    subject = subject or "it"
    if kind in _BOUNDS:
        return f"{subject} must be {_bound(kind, ctx)}, not {shown(value)}"
    if kind in {"too_short", "too_long"}:
        return _length(kind, ctx, subject, walked)
    if kind == "string_too_short":
        optional = any(
            key in model.model_fields and not model.model_fields[key].is_required()
            for model in walked.owner
        )
        return f"{subject} is empty: write something between the quotes" + (
            ", or leave the key out" if optional else ""
        )
    if kind == "string_too_long":
        return f"{subject} is too long: at most {ctx.get('max_length')} characters"
    if kind == "multiple_of":
        step = number_text(float(ctx["multiple_of"]))
        return f"{subject} must be a multiple of {step}, not {shown(value)}"
    # the wrong kind of value, whatever pydantic calls it
    return f"{subject} must be {phrase(walked.shapes)}, not {shown(value)}" + _fix(
        walked, key, value, data
    )


# ------------------------------------------------------------------ which


def _cost(entries: Sequence[_Entry]) -> int:
    return len(entries) + sum(5 for entry in entries if entry.error["type"] in _MISMATCH)


def _choose_members(entries: list[_Entry]) -> list[_Entry]:
    """Keep the errors of the union member the value was meant for (the one that took the
    value's shape and has the fewest errors); when no member took the value's shape at all,
    one error: the value is none of what the field takes. Outer unions first."""
    points: dict[Path, dict[str, list[int]]] = {}
    for number, entry in enumerate(entries):
        for length, member, _ in entry.walked.choices:
            prefix = entry.walked.path[:length]
            points.setdefault(prefix, {}).setdefault(member, []).append(number)
    dropped: set[int] = set()
    for prefix in sorted(points, key=len):
        members = {
            member: kept
            for member, numbers in points[prefix].items()
            if (kept := [number for number in numbers if number not in dropped])
        }
        if len(members) < 2:
            continue
        everyone = {number for numbers in members.values() for number in numbers}
        took = {
            member: numbers
            for member, numbers in members.items()
            if any(len(entries[number].walked.path) > len(prefix) for number in numbers)
        }
        if took:
            best = min(took, key=lambda member: _cost([entries[n] for n in took[member]]))
            dropped |= everyone - set(took[best])
            continue
        first = min(everyone)
        walked = entries[first].walked
        length, _, union = next(c for c in walked.choices if walked.path[: c[0]] == prefix)
        merged = replace(walked, shapes=union, choices=[c for c in walked.choices if c[0] < length])
        entries[first] = _Entry({**entries[first].error, "type": "union_type"}, merged)
        dropped |= everyone - {first}
    return [entry for number, entry in enumerate(entries) if number not in dropped]


def places_of(root: type[BaseModel]) -> dict[str, list[str]]:
    """Every key of the format and the tables it may be written in."""
    found: dict[str, list[str]] = {}
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel], where: str, path: Path) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, shapes in model_shapes(model).items():
            found.setdefault(name, []).append(where)
            for shape in shapes:
                for inner in tables([shape]):
                    visit(inner, header((*path, name), array=False), (*path, name))
                for inner in tables(shape.items):
                    visit(inner, header((*path, name), array=True), (*path, name))

    visit(root, "the top of the file", ())
    return {name: list(dict.fromkeys(where)) for name, where in found.items()}


def describe(
    errors: Sequence[ErrorDetails],
    data: Any,
    root: type[BaseModel],
    located: Locations = NOWHERE,
    limit: int | None = None,
) -> tuple[list[Problem], int]:
    """The problems behind pydantic's errors for `data` (read from the text `located`
    describes): one for each thing to fix, in the order of the file; the first `limit` of
    them worded, and how many there are."""
    entries = [
        _Entry(error, walk(error["loc"], root, unknown=error["type"] == "extra_forbidden"))
        for error in errors
    ]
    entries = _choose_members(list(entries))
    above = {entry.walked.path[:end] for entry in entries for end in range(len(entry.walked.path))}
    entries = [  # a list "too short" only because an item of it failed is no problem
        entry
        for entry in entries
        if entry.error["type"] != "too_short" or entry.walked.path not in above
    ]
    placed: dict[tuple[Any, ...], tuple[Position | None, _Entry]] = {}
    for entry in entries:
        path = entry.walked.path
        cause = (entry.error.get("ctx") or {}).get("error")
        key = getattr(cause, "key", None)
        if isinstance(key, str) and located.has((*path, key)):
            path = (*path, key)
        position = located.of(path)
        mark = (position, path, entry.error["type"], str(cause))
        placed.setdefault(mark, (position, entry))
    ordered = sorted(placed.values(), key=lambda item: order_of(item[0]))
    places = places_of(root)
    problems = [
        Problem(position, where(entry.walked, data), say(entry.error, entry.walked, places, data))
        for position, entry in ordered[:limit]
    ]
    return problems, len(ordered)


def at(path: Path, text: str, data: Any, root: type[BaseModel], located: Locations) -> Problem:
    """A problem (or warning) of our own about what is written at `path`."""
    walked = walk(path, root)
    return Problem(located.of(path), where(walked, data), text)
