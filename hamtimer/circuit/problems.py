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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from hamtimer.circuit.keys import unknown_key
from hamtimer.circuit.locate import NOWHERE, Locations, Path, Position
from hamtimer.circuit.shapes import (
    Shape,
    field_shapes,
    lower_bound,
    number_text,
    one_of,
    phrase,
    shown,
    suggestion,
    toml_value,
    upper_bound,
)

NAME_LIMIT = 40
"""Longer names are shortened in messages."""

_BOUNDS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_MISMATCH = {"literal_error", "enum"}  # a member whose fixed key does not match: unlikely meant


@dataclass(frozen=True)
class Problem:
    """One thing to fix (or, for a warning, to look at): where, and what to do."""

    position: Position | None
    where: str
    text: str

    def line(self, origin: str | None, label: str = "") -> str:
        """`origin:line:column: label where: text`; with no origin, `line N: …`."""
        if origin is None:
            place = f"line {self.position.line}: " if self.position else ""
        else:
            place = f"{origin}:{self.position}: " if self.position else f"{origin}: "
        return (
            f"{place}{label}{self.where}: {self.text}" if self.where else place + label + self.text
        )


@dataclass
class _Frame:
    """A table passed through on the way to an error: an item of a list, or a named table."""

    length: int  # of the path up to it
    shapes: tuple[Shape, ...]
    item: bool


@dataclass
class _Walked:
    """An error's location read against the models."""

    path: Path
    shapes: tuple[Shape, ...]
    frames: list[_Frame]
    owner: tuple[type[BaseModel], ...]  # the models the last key was looked up in
    choices: list[tuple[int, str, tuple[Shape, ...]]] = field(default_factory=list)
    """Union members taken: (path length there, member, the union's shapes)."""


@dataclass
class _Entry:
    error: ErrorDetails
    walked: _Walked


def _tables(shapes: Iterable[Shape]) -> tuple[type[BaseModel], ...]:
    return tuple(shape.model for shape in shapes if shape.kind == "table" and shape.model)


def _narrow(shapes: tuple[Shape, ...], member: str) -> tuple[Shape, ...]:
    """The union members that pydantic's name for one of them (`Prompt`, `tuple[...]`,
    `constrained-int`) stands for; all of them when it names none."""
    base = member.split("[", 1)[0].removeprefix("constrained-").removeprefix("strict-")
    kind = {"int": "int", "float": "float", "str": "text", "bool": "bool", "literal": "choice"}
    wanted = kind.get(base, "list" if base in {"tuple", "list", "set", "frozenset"} else None)
    found = tuple(
        shape
        for shape in shapes
        if shape.kind == wanted or (shape.model is not None and shape.model.__name__ == member)
    )
    return found or shapes


def walk(loc: Sequence[str | int], root: type[BaseModel], *, unknown: bool = False) -> _Walked:
    """Read a pydantic location: the path in the file, what is expected there, the tables
    on the way. `unknown`: the last part is a key the table does not have."""
    walked = _Walked((), (Shape("table", model=root),), [], ())
    for position, part in enumerate(loc):
        shapes = walked.shapes
        if isinstance(part, int):
            items = tuple(item for shape in shapes if shape.kind == "list" for item in shape.items)
            walked.path, walked.shapes = (*walked.path, part), items
            if items and all(item.kind == "table" for item in items):
                walked.frames.append(_Frame(len(walked.path), items, item=True))
            continue
        models = _tables(shapes)
        owner = next((model for model in models if part in model.model_fields), None)
        if owner is not None or (unknown and position == len(loc) - 1):
            walked.owner = (owner,) if owner else models
            walked.path = (*walked.path, part)
            walked.shapes = field_shapes(owner.model_fields[part]) if owner else ()
            if walked.shapes and all(shape.kind == "table" for shape in walked.shapes):
                walked.frames.append(_Frame(len(walked.path), walked.shapes, item=False))
            continue
        if len(shapes) > 1:  # a union member; anything else (a validator) is no place
            walked.choices.append((len(walked.path), part, shapes))
            walked.shapes = _narrow(shapes, part)
            frame = walked.frames[-1] if walked.frames else None
            if frame is not None and frame.length == len(walked.path):
                frame.shapes = walked.shapes
    return walked


# ------------------------------------------------------------------ where


def _dig(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _noun(frame: _Frame, path: Path) -> str:
    models = _tables(frame.shapes)
    if len(models) == 1:
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", models[0].__name__).lower()
    before = next((part for part in reversed(path) if isinstance(part, str)), "item")
    return before.removesuffix("s")


def short_name(name: str) -> str:
    """A name in double quotes, shortened past `NAME_LIMIT` characters."""
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1] + "…"
    return f'"{name}"'


def header(path: Path, *, array: bool) -> str:
    """The TOML header of the table at `path`: `[timing]`, `[[blocks.exercises]]`."""
    dotted = ".".join(part for part in path if isinstance(part, str))
    return f"[[{dotted}]]" if array else f"[{dotted}]"


def _own_frames(walked: _Walked) -> list[_Frame]:
    """The tables an error is inside of: a named table the error is about is its subject."""
    frames = walked.frames
    if frames and not frames[-1].item and frames[-1].length == len(walked.path):
        return frames[:-1]
    return frames


def _where(walked: _Walked, data: Any) -> str:
    labels: list[tuple[str, bool]] = []
    for frame in reversed(_own_frames(walked)):
        path = walked.path[: frame.length]
        if not frame.item:
            labels.append((header(path, array=False), True))
            continue
        item = _dig(data, path)
        title = item.get("name") if isinstance(item, dict) else None
        if isinstance(title, str) and title.strip():
            labels.append((f"{_noun(frame, path)} {short_name(title.strip())}", True))
        else:
            labels.append((f"{_noun(frame, path)} {int(path[-1]) + 1}", False))
    if not labels:
        return ""
    text, named = labels[0]
    rest = 1
    while rest < len(labels) and not named:
        text, named = f"{text} of {labels[rest][0]}", labels[rest][1]
        rest += 1
    if rest < len(labels):
        text += " (" + ", ".join(label for label, _ in labels[rest:]) + ")"
    return text


def _subject(walked: _Walked) -> tuple[str | None, str | None]:
    """The field an error is about ("reps", "item 2 of sides") and its key; none for the
    table itself."""
    frames = _own_frames(walked)
    start = frames[-1].length if frames else 0
    rest = walked.path[start:]
    keys = [part for part in rest if isinstance(part, str)]
    if not keys:
        return None, None
    key = ".".join(keys)
    subject = key
    for part in rest:
        if isinstance(part, int):
            subject = f"item {part + 1} of {subject}"
    return subject, key if len(keys) == len(rest) else None


# ------------------------------------------------------------------ what


def _fix(shapes: Sequence[Shape], walked: _Walked, key: str | None, value: Any) -> str:
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
    return f"; write {key} = {toml_value(better)}" if key else f"; write {toml_value(better)}"


def _missing(walked: _Walked, key: str) -> str:
    shapes = walked.shapes
    if shapes and all(shape.kind == "table" for shape in shapes):
        return f"no {header(walked.path, array=False)} table: add one"
    if shapes and all(shape.kind == "list" and _tables(shape.items) for shape in shapes):
        return f"no {key}: add a {header(walked.path, array=True)} table"
    return f"{key} is missing: add {key} = … ({phrase(shapes)})"


def _bound(kind: str, ctx: Mapping[str, Any]) -> str:
    name = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt"}.get(kind, "le")
    shape = replace(Shape("float"), **{name: float(ctx[name])})
    return lower_bound(shape) or upper_bound(shape)


def _length(kind: str, ctx: Mapping[str, Any], subject: str, walked: _Walked) -> str:
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"{subject} has {ctx.get('actual_length', 'too many')} items: at most {most}"
    least = int(ctx.get("min_length", 1))
    if _tables(item for shape in walked.shapes for item in shape.items):
        table = header(walked.path, array=True)
        return (
            f"no {subject}: add a {table} table"
            if least == 1
            else (f"{subject} needs at least {least} {table} tables")
        )
    return f"{subject} needs at least {least} item{'s' if least > 1 else ''}"


def say(error: ErrorDetails, walked: _Walked, places: Mapping[str, Sequence[str]]) -> str:
    """The sentence for one error: what is wrong, in our words, and the fix."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    subject, key = _subject(walked)
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
        walked.shapes, walked, key, value
    )


# ------------------------------------------------------------------ which


def _cost(entries: Sequence[_Entry]) -> int:
    return len(entries) + sum(5 for entry in entries if entry.error["type"] in _MISMATCH)


def _choose_members(entries: list[_Entry]) -> list[_Entry]:
    """Keep the errors of the union member the value was meant for; when no member took
    the value's shape at all, one error: the value is none of what the field takes."""
    while True:
        points: dict[Path, dict[str, list[_Entry]]] = {}
        for entry in entries:
            for length, member, _ in entry.walked.choices:
                prefix = entry.walked.path[:length]
                points.setdefault(prefix, {}).setdefault(member, []).append(entry)
        contested = [prefix for prefix, members in points.items() if len(members) > 1]
        if not contested:
            return entries
        prefix = min(contested, key=len)
        members = points[prefix]
        losing = {id(entry) for group in members.values() for entry in group}
        took = {
            member: group
            for member, group in members.items()
            if any(len(entry.walked.path) > len(prefix) for entry in group)
        }
        if took:
            best = min(took, key=lambda member: _cost(took[member]))
            losing -= {id(entry) for entry in took[best]}
            entries = [entry for entry in entries if id(entry) not in losing]
            continue
        first = next(entry for entry in entries if id(entry) in losing)
        length, _, union = next(
            c for c in first.walked.choices if first.walked.path[: c[0]] == prefix
        )
        walked = replace(
            first.walked,
            shapes=union,
            choices=[c for c in first.walked.choices if c[0] < length],
        )
        merged = _Entry({**first.error, "type": "union_type"}, walked)
        entries = [
            merged if entry is first else entry
            for entry in entries
            if id(entry) not in losing or entry is first
        ]


def _under(path: Path, other: Path) -> bool:
    return len(other) > len(path) and other[: len(path)] == path


def places_of(root: type[BaseModel]) -> dict[str, list[str]]:
    """Every key of the format and the tables it may be written in."""
    found: dict[str, list[str]] = {}
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel], where: str, path: Path) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            found.setdefault(name, []).append(where)
            for shape in field_shapes(info):
                for inner in _tables([shape]):
                    visit(inner, header((*path, name), array=False), (*path, name))
                for inner in _tables(shape.items):
                    visit(inner, header((*path, name), array=True), (*path, name))

    visit(root, "the top of the file", ())
    return {name: list(dict.fromkeys(where)) for name, where in found.items()}


def describe(
    errors: Sequence[ErrorDetails],
    data: Any,
    root: type[BaseModel],
    located: Locations = NOWHERE,
) -> list[Problem]:
    """The problems behind pydantic's errors for `data` (read from the text `located`
    describes): one for each thing to fix, in the order of the file."""
    entries = [
        _Entry(error, walk(error["loc"], root, unknown=error["type"] == "extra_forbidden"))
        for error in errors
    ]
    entries = _choose_members(entries)
    entries = [
        entry
        for entry in entries
        if entry.error["type"] != "too_short"
        or not any(_under(entry.walked.path, other.walked.path) for other in entries)
    ]
    places = places_of(root)
    found: dict[tuple[Position | None, str, str], Problem] = {}
    for entry in entries:
        path = entry.walked.path
        key = getattr((entry.error.get("ctx") or {}).get("error"), "key", None)
        if isinstance(key, str) and located.has((*path, key)):
            path = (*path, key)
        problem = Problem(
            located.of(path), _where(entry.walked, data), say(entry.error, entry.walked, places)
        )
        found.setdefault((problem.position, problem.where, problem.text), problem)
    return sorted(found.values(), key=lambda problem: problem.position or Position(0))


def at(path: Path, text: str, data: Any, root: type[BaseModel], located: Locations) -> Problem:
    """A problem (or warning) of our own about what is written at `path`."""
    walked = walk(path, root)
    return Problem(located.of(path), _where(walked, data), text)
