"""An error's location read against the models: where it is in the file, what is expected
there, and the exercise or block it is in, by name.

pydantic's locations count from 0 and name union members and validators between the keys
(`("blocks", 0, "exercises", 1, "Prompt", "reps")`); `walk` follows one through the models'
fields (`shapes`) and gives the path as it is written in the file, the shapes expected at
its end, the tables passed on the way and the union members taken; `where` names those
tables as the runner knows them: `exercise "Squat" (block "Legs")`, `prompt 2 of exercise
"Halo" (block "Balance")`, `[timing]`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from hamtimer.circuit.locate import Path
from hamtimer.circuit.shapes import Shape, model_shapes

NAME_LIMIT = 40
"""Longer names are shortened in messages."""


@dataclass
class Frame:
    """A table passed through on the way to an error: an item of a list, or a named table."""

    length: int  # of the path up to it
    shapes: tuple[Shape, ...]
    item: bool


@dataclass
class Walked:
    """An error's location read against the models."""

    path: Path
    shapes: tuple[Shape, ...]
    frames: list[Frame]
    owner: tuple[type[BaseModel], ...]  # the models the last key was looked up in
    choices: list[tuple[int, str, tuple[Shape, ...]]] = field(default_factory=list)
    """Union members taken: (path length there, member, the union's shapes)."""


def tables(shapes: Iterable[Shape]) -> tuple[type[BaseModel], ...]:
    """The models among `shapes`."""
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


def walk(loc: Sequence[str | int], root: type[BaseModel], *, unknown: bool = False) -> Walked:
    """Read a pydantic location: the path in the file, what is expected there, the tables
    on the way. `unknown`: the last part is a key the table does not have.

    What is expected depends only on the keys of `loc`, not on which item of a list it is
    in, so that reading is done once per shape of location (a file of thousands of errors
    has a handful) and only the path is made for each."""
    form = tuple(0 if isinstance(part, int) else part for part in loc)
    kept, walked = _walk_form(form, root, unknown)
    return Walked(
        tuple(loc[index] for index in kept),
        walked.shapes,
        [Frame(frame.length, frame.shapes, frame.item) for frame in walked.frames],
        walked.owner,
        list(walked.choices),
    )


@functools.lru_cache(maxsize=1024)
def _walk_form(
    loc: tuple[str | int, ...], root: type[BaseModel], unknown: bool
) -> tuple[tuple[int, ...], Walked]:
    """`walk` for a location whose list indices are all 0; which parts of it are in the
    path."""
    walked = Walked((), (Shape("table", model=root),), [], ())
    kept: list[int] = []
    for position, part in enumerate(loc):
        shapes = walked.shapes
        if isinstance(part, int):
            items = tuple(item for shape in shapes if shape.kind == "list" for item in shape.items)
            walked.path, walked.shapes = (*walked.path, part), items
            kept.append(position)
            if items and all(item.kind == "table" for item in items):
                walked.frames.append(Frame(len(walked.path), items, item=True))
            continue
        models = tables(shapes)
        owner = next((model for model in models if part in model_shapes(model)), None)
        if owner is not None or (unknown and position == len(loc) - 1):
            walked.owner = (owner,) if owner else models
            walked.path = (*walked.path, part)
            kept.append(position)
            walked.shapes = model_shapes(owner)[str(part)] if owner else ()
            if walked.shapes and all(shape.kind == "table" for shape in walked.shapes):
                walked.frames.append(Frame(len(walked.path), walked.shapes, item=False))
            continue
        if len(shapes) > 1:  # a union member; anything else (a validator) is no place
            walked.choices.append((len(walked.path), part, shapes))
            walked.shapes = _narrow(shapes, part)
            frame = walked.frames[-1] if walked.frames else None
            if frame is not None and frame.length == len(walked.path):
                frame.shapes = walked.shapes
    return tuple(kept), walked


def dig(data: Any, path: Path) -> Any:
    """What `data` holds at `path`, or None."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _noun(frame: Frame, path: Path) -> str:
    models = tables(frame.shapes)
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


def own_frames(walked: Walked) -> list[Frame]:
    """The tables an error is inside of: a named table the error is about is its subject."""
    frames = walked.frames
    if frames and not frames[-1].item and frames[-1].length == len(walked.path):
        return frames[:-1]
    return frames


def where(walked: Walked, data: Any) -> str:
    """The tables an error is in, as the runner knows them: innermost first, by name where
    they have one (`prompt 2 of exercise "Halo" (block "Balance")`); empty at the top."""
    labels: list[tuple[str, bool]] = []
    for frame in reversed(own_frames(walked)):
        path = walked.path[: frame.length]
        if not frame.item:
            labels.append((header(path, array=False), True))
            continue
        item = dig(data, path)
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


def subject_of(walked: Walked) -> tuple[str | None, str | None]:
    """The field an error is about ("reps", "item 2 of sides") and its key; none for the
    table itself."""
    frames = own_frames(walked)
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
