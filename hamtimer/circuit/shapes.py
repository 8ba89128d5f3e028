"""What a field of the circuit format takes, read from its type: in words, and as a fix.

A message about a wrong value says what the field takes ("a whole number above 0") and,
where the value given can be read as one, the line to write instead (`reps = 5`). Both come
from the field's type and constraints in `hamtimer.circuit.model` (unions, lists, choices,
bounds, `examples`), so a field added there gets its wording without more work.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, Discriminator, Tag, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

_SEQUENCES = (tuple, list, set, frozenset, Sequence)
_NUMBER_WITH_UNIT = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds|x|reps)?", re.I)
TRUE_WORDS = frozenset({"true", "yes", "on"})
FALSE_WORDS = frozenset({"false", "no", "off"})


@dataclass(frozen=True)
class Shape:
    """One kind of value a field takes, with its constraints.

    `kind` is "int", "float", "bool", "text", "choice", "list", "table" or "other" (a type
    this module has no words for; a test keeps the format free of them).
    """

    kind: str
    source: Any = field(default=None, compare=False, repr=False)
    """The annotated type it was read from, to check a suggested value against."""
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None
    choices: tuple[str, ...] = ()
    items: tuple[Shape, ...] = ()
    model: type[BaseModel] | None = None
    examples: tuple[str, ...] = ()


@functools.cache
def model_shapes(model: type[BaseModel]) -> Mapping[str, tuple[Shape, ...]]:
    """Each field of a model (its key) and the shapes it takes; read once per model."""
    return MappingProxyType({name: field_shapes(info) for name, info in model.model_fields.items()})


def field_shapes(info: FieldInfo) -> tuple[Shape, ...]:
    """The shapes a model field takes (its annotation with the field's own constraints)."""
    extra = [*info.metadata]
    if info.examples:
        extra.append(FieldInfo(examples=info.examples))
    return () if info.annotation is None else shapes_of(info.annotation, tuple(extra))


def shapes_of(annotation: Any, metadata: tuple[Any, ...] = ()) -> tuple[Shape, ...]:
    """The shapes of a type: unions flattened, `None` left out, `Annotated` read."""
    origin = get_origin(annotation)
    metadata = tuple(item for item in metadata if not isinstance(item, Discriminator | Tag))
    if origin is Annotated:  # (a union's Discriminator and Tags say which form: not a shape)
        base, *more = get_args(annotation)
        return shapes_of(base, (*metadata, *more))
    if origin in (Union, types.UnionType):
        return tuple(
            shape
            for member in get_args(annotation)
            if member is not type(None)
            for shape in shapes_of(member, metadata)
        )
    if annotation is type(None):
        return ()
    source = Annotated[annotation, *metadata] if metadata else annotation
    if origin is Literal:
        return (Shape("choice", source, choices=tuple(str(arg) for arg in get_args(annotation))),)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return (Shape("choice", source, choices=tuple(str(item.value) for item in annotation)),)
    if origin in _SEQUENCES:
        members = tuple(arg for arg in get_args(annotation) if arg is not Ellipsis)
        items = tuple(shape for member in members for shape in shapes_of(member))
        return (Shape("list", source, items=items),)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return (Shape("table", source, model=annotation),)
    kind = {bool: "bool", int: "int", float: "float", str: "text"}.get(annotation, "other")
    gt, ge, lt, le = (_bound(metadata, name) for name in ("gt", "ge", "lt", "le"))
    return (Shape(kind, source, gt, ge, lt, le, examples=_examples(metadata)),)


def _flat(metadata: Iterable[Any]) -> Iterable[Any]:
    for item in metadata:
        yield item
        if isinstance(item, FieldInfo):
            yield from _flat(item.metadata)


_BOUND_TYPES = {
    "gt": annotated_types.Gt,
    "ge": annotated_types.Ge,
    "lt": annotated_types.Lt,
    "le": annotated_types.Le,
}


def _bound(metadata: tuple[Any, ...], name: str) -> float | None:
    for item in _flat(metadata):
        if isinstance(item, _BOUND_TYPES[name]):
            return float(getattr(item, name))
    return None


def _examples(metadata: tuple[Any, ...]) -> tuple[str, ...]:
    for item in _flat(metadata):
        if isinstance(item, FieldInfo) and item.examples:
            return tuple(str(example) for example in item.examples)
    return ()


# ------------------------------------------------------------------ words


def number_text(value: float) -> str:
    """A bound or a number as a runner writes it: 0, 2.5, 86400."""
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


_BOUND_WORDS = {"gt": "above {}", "ge": "{} or more", "lt": "below {}", "le": "at most {}"}


def bound_text(name: str, limit: float) -> str:
    """A bound in words: ("gt", 0) → "above 0", ("le", 1000) → "at most 1000"."""
    return _BOUND_WORDS[name].format(number_text(limit))


def quoted(text: str) -> str:
    """Text as TOML writes it in double quotes."""
    return json.dumps(text, ensure_ascii=False)


def one_of(choices: Sequence[str]) -> str:
    """'"a"', '"a" or "b"', 'one of "a", "b", "c"'."""
    words = [quoted(choice) for choice in choices]
    if len(words) <= 2:
        return " or ".join(words)
    return "one of " + ", ".join(words)


def or_join(words: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _phrase(shape: Shape) -> str:
    if shape.kind in {"int", "float"}:
        noun = "a whole number" if shape.kind == "int" else "a number"
        if shape.gt is not None:
            return f"{noun} {bound_text('gt', shape.gt)}"
        if shape.ge is not None:
            return f"{noun} ({bound_text('ge', shape.ge)})"
        return noun
    if shape.kind == "bool":
        return "true or false, without quotes"
    if shape.kind == "text":
        return f"text like {quoted(shape.examples[0])}" if shape.examples else "text in quotes"
    if shape.kind == "choice":
        return one_of(shape.choices)
    if shape.kind == "table":
        return "a table"
    if shape.kind == "list":
        if shape.items and all(item.kind == "table" for item in shape.items):
            return "a list of tables"
        return f"a list in [ ], each item {phrase(shape.items)}"
    return "a value of another kind"


def phrase(shapes: Sequence[Shape]) -> str:
    """What a field takes, in words: "a whole number above 0 or text like "6-8""."""
    words = list(dict.fromkeys(_phrase(shape) for shape in shapes))
    return or_join(words) if words else "nothing"


def has_words(shapes: Sequence[Shape]) -> bool:
    """Whether every shape, and every item shape, is one this module can say."""
    return all(shape.kind != "other" and has_words(shape.items) for shape in shapes)


# ------------------------------------------------------------------ values


def toml_value(value: Any) -> str:
    """A value as it is written in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return toml_value(value.value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value).lower()
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"
    return str(value)


def shown(value: Any, limit: int = 40) -> str:
    """The value given, shortened, for "…, not <value>"."""
    if isinstance(value, dict):
        return "a table" if value else "an empty table"
    if value is None:
        return "nothing"
    text = toml_value(value)
    if len(text) <= limit:
        return text
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    return text[: limit - 1] + "…" + (text[0] if isinstance(value, str) else "")


def _fits(shape: Shape, value: Any) -> bool:
    if shape.source is None:
        return False
    try:
        TypeAdapter(shape.source).validate_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def _readings(shape: Shape, value: Any) -> Iterable[Any]:
    """Values of `shape` that `value` was probably meant as, most likely first."""
    if isinstance(value, str):
        text = value.strip()
        number = _NUMBER_WITH_UNIT.fullmatch(text)
        if number and shape.kind in {"int", "float"}:
            yield float(number.group(1)) if "." in number.group(1) else int(number.group(1))
        if shape.kind == "bool" and text.lower() in TRUE_WORDS | FALSE_WORDS:
            yield text.lower() in TRUE_WORDS
        if shape.kind == "choice":
            wanted = text.lower().replace("_", "-").replace(" ", "-")
            yield from difflib.get_close_matches(wanted, shape.choices, n=1, cutoff=0.6)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if shape.kind == "text":
            yield number_text(value)
        if shape.kind == "int" and isinstance(value, float) and value.is_integer():
            yield int(value)
    elif isinstance(value, bool) and shape.kind == "text":
        yield toml_value(value)
    if isinstance(value, list) and len(value) == 1 and shape.kind != "list":
        yield from _readings(shape, value[0])
        yield value[0]
    if shape.kind == "list" and not isinstance(value, list | dict):
        for item in shape.items:
            for reading in (*_readings(item, value), value):
                yield [reading]


def suggestion(shapes: Sequence[Shape], value: Any) -> Any:
    """The value to write instead of `value`, when one of `shapes` can read it; else None."""
    for shape in shapes:
        for reading in _readings(shape, value):
            changed = reading != value or type(reading) is not type(value)
            if changed and _fits(shape, reading):
                return reading
    return None
