"""qintervals workouts (YAML), read as qintervals itself reads them.

qintervals (https://github.com/JimMadge/qintervals; `qintervals/workout.py` and
`interval.py`) reads a mapping with `title` and `intervals`: a list of intervals and blocks.

* An interval has `type` (`work`, `rest`, `warmup` or `warmdown`), `name` (the label it
  shows, text) and `length`: a number then `s` or `m`, read as `float(length[:-1])` seconds
  or minutes, so "30s", "5m" and "1.5m" are lengths and "1m30s", "1h" or a bare 90 are not
  (qintervals stops on them; here they are errors that say what to write).
* A block is `block:` with `repeats` (a whole number), its own `intervals` (intervals or
  blocks: blocks nest) and `skip_last_rest` (false when left out): its intervals are
  repeated, then, with `skip_last_rest`, the last one is dropped if it is a rest.
* Keys it does not know, it ignores (so does the import, with a warning).

It plays the intervals one after another, from the first at once (no countdown) and with
nothing between them. Its total (`Workout.total_time`) is the sum of the lengths of the
intervals, repeats and skipped rests applied, added as floats: `source_seconds` is that
sum, computed the same way, and the circuit written has no get-ready and no automatic rest,
so that `hamtimer show` gives the same total.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from hamtimer.circuit.kinds import BlockRole
from hamtimer.importers.problems import YAML_WORDS, DocPath, Problems, or_join, shown
from hamtimer.importers.shape import Interval, Part, Workout, name_for

APP = "qintervals"
TYPES = {
    "work": BlockRole.MAIN,
    "warmup": BlockRole.WARM_UP,
    "warmdown": BlockRole.COOL_DOWN,
    "rest": None,
}
"""qintervals' interval types, and the role of the block each goes in (a rest: its
neighbours')."""
DEFAULT_NAMES = {"work": "Work", "warmup": "Warm-up", "warmdown": "Cool-down", "rest": "Rest"}
_UNITS = {"h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1}
_COMPOUND = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(h|min|m|sec|s)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Leaf:
    interval: Interval
    role: BlockRole | None  # None: a rest
    length: float  # as qintervals computes it


@dataclass(frozen=True)
class _Group:
    repeats: int
    skip_last_rest: bool
    children: tuple[_Leaf | _Group, ...]
    where: DocPath


def is_qintervals(data: Any) -> bool:
    """True when `data` is meant as a qintervals workout: a mapping with `intervals` (or,
    in YAML, at least a `title`)."""
    return isinstance(data, dict) and ("intervals" in data or "title" in data)


def read_qintervals(data: Any, problems: Problems, source: str, most_steps: int) -> Workout:
    """The workout a qintervals file's data holds. Every problem goes to `problems` (the
    caller raises them); `most_steps`: the most intervals a circuit may expand into."""
    if not isinstance(data, dict):
        problems.error((), "", "a qintervals workout is a mapping with title and intervals")
        problems.raise_if_any()
    problems.unknown_keys((), data, ("title", "intervals"), APP)
    title = data.get("title")
    if "title" not in data:
        problems.error((), "", "the workout has no title: add title: … at the top")
    elif not isinstance(title, str):
        problems.error(
            ("title",), "", f'title must be text, not {shown(title, YAML_WORDS)}: write title: "…"'
        )
    entries: tuple[_Leaf | _Group, ...] = ()
    if "intervals" in data:
        entries = _entries(data["intervals"], ("intervals",), problems, "the workout")
    else:
        problems.error((), "", "the workout has no intervals: add intervals: and a list")
    problems.raise_if_any()
    top = _Group(1, False, entries, ())
    most = _most(top)
    if most > most_steps and (most > 10 * most_steps or len(_expand(top)) > most_steps):
        problems.error(
            ("intervals",),
            "",
            f"the workout would have more than {most_steps:,} intervals: make it shorter, or "
            "split it into two files",
        )
        problems.raise_if_any()
    parts = _parts(entries, problems)
    if not parts:
        problems.error(("intervals",), "", "no interval lasts any time: there is nothing to time")
        problems.raise_if_any()
    name, _ = name_for(str(title), "qintervals workout")
    total = 0.0
    for leaf in _expand(top):
        total += leaf.length  # Workout.add_interval: self.total_time += interval.length
    return Workout(
        title=name,
        app=APP,
        parts=tuple(parts),
        source_seconds=total,
        source=source,
        notes=(
            "qintervals plays its intervals back to back: no countdown before the first,",
            "no rest but its rest intervals.",
        ),
    )


def _entries(value: Any, path: DocPath, problems: Problems, owner: str) -> tuple[Any, ...]:
    if not isinstance(value, list):
        problems.error(
            path,
            "",
            f"intervals must be a list (items starting with -), not {shown(value, YAML_WORDS)}",
        )
        return ()
    if not value:
        problems.error(path, "", f"{owner} has no intervals: list at least one")
        return ()
    found: list[_Leaf | _Group] = []
    for index, entry in enumerate(value):
        here = (*path, index)
        group: _Leaf | _Group | None
        if isinstance(entry, dict) and "block" in entry:
            group = _group(entry, here, problems)
        elif isinstance(entry, dict):
            group = _leaf(entry, here, problems, index)
        else:
            problems.error(
                here,
                f"interval {index + 1}",
                "must be a mapping of type, name and length (or a block:), not "
                + shown(entry, YAML_WORDS),
            )
            group = None
        if group is not None:
            found.append(group)
    return tuple(found)


def _group(entry: dict[str, Any], path: DocPath, problems: Problems) -> _Group | None:
    problems.unknown_keys(path, entry, ("block",), APP)
    block = entry["block"]
    here = (*path, "block")
    if not isinstance(block, dict):
        problems.error(here, "block", "must be a mapping of repeats, intervals and skip_last_rest")
        return None
    problems.unknown_keys(here, block, ("repeats", "intervals", "skip_last_rest"), APP)
    repeats = block.get("repeats")
    if "repeats" not in block:
        problems.error(here, "block", "has no repeats: add repeats: and how many times")
    elif isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 0:
        problems.error(
            (*here, "repeats"),
            "block",
            f"repeats must be a whole number, not {shown(repeats, YAML_WORDS)}",
        )
    skip = block.get("skip_last_rest", False)
    if not isinstance(skip, bool):
        problems.error(
            (*here, "skip_last_rest"),
            "block",
            f"skip_last_rest must be true or false, not {shown(skip, YAML_WORDS)}",
        )
    if "intervals" not in block:
        problems.error(here, "block", "has no intervals: add intervals: and a list")
        return None
    children = _entries(block["intervals"], (*here, "intervals"), problems, "the block")
    if not isinstance(repeats, int) or not isinstance(skip, bool):
        return None
    if repeats == 0:
        problems.warn((*here, "repeats"), "block", "repeats 0: left out, as qintervals leaves it")
    return _Group(repeats, skip, children, here)


def _leaf(entry: dict[str, Any], path: DocPath, problems: Problems, index: int) -> _Leaf | None:
    problems.unknown_keys(path, entry, ("type", "name", "length"), APP)
    raw_name = entry.get("name")
    where = (
        f'interval "{raw_name}"'
        if isinstance(raw_name, str) and raw_name.strip()
        else f"interval {index + 1}"
    )
    missing = [key for key in ("type", "name", "length") if key not in entry]
    if missing:
        problems.error(
            path,
            where,
            f"has no {or_join(missing)}: add {', '.join(f'{key}: …' for key in missing)}",
        )
    kind = entry.get("type")
    if "type" in entry and kind not in TYPES:
        problems.error((*path, "type"), where, _type_problem(kind))
    if "name" in entry and not isinstance(raw_name, str):
        problems.error(
            (*path, "name"),
            where,
            f'name must be text, not {shown(raw_name, YAML_WORDS)}: write name: "…"',
        )
    length = (
        _length(entry["length"], (*path, "length"), problems, where) if "length" in entry else None
    )
    if missing or kind not in TYPES or not isinstance(raw_name, str) or length is None:
        return None
    name, changed = name_for(raw_name, DEFAULT_NAMES[kind])
    if changed:
        problems.warn((*path, "name"), where, changed)
    seconds, as_float = length
    interval = Interval(name, seconds, rest=kind == "rest")
    return _Leaf(interval, TYPES[kind], as_float)


def _type_problem(kind: Any) -> str:
    types = or_join(list(TYPES))
    if isinstance(kind, str) and kind.strip().lower().replace("-", "").replace(" ", "") in TYPES:
        fixed = kind.strip().lower().replace("-", "").replace(" ", "")
        return f'type must be one of {types}, written as such: write type: {fixed}, not "{kind}"'
    return f"type must be one of {types}, not {shown(kind, YAML_WORDS)}"


def _length(
    value: Any, path: DocPath, problems: Problems, where: str
) -> tuple[Decimal, float] | None:
    """A length as qintervals reads it: its seconds exactly, and as qintervals' float."""
    if isinstance(value, str) and value[-1:] in ("s", "m"):
        number = value[:-1]
        try:
            as_float = float(number) * (60.0 if value[-1] == "m" else 1.0)
            exact = Decimal(number.strip()) * (60 if value[-1] == "m" else 1)
        except (ValueError, InvalidOperation):
            pass
        else:
            if not math.isfinite(as_float) or as_float < 0 or not exact.is_finite():
                problems.error(
                    path, where, f'length "{value}" must be a time of 0 or more, e.g. 30s or 5m'
                )
                return None
            if as_float == 0:  # kept for skip_last_rest, which may drop it; left out after
                problems.warn(path, where, "lasts 0 s: left out, as qintervals never shows it")
            return exact, as_float
    fix = _fix(value)
    problems.error(
        path,
        where,
        f"length must be a number then s or m (seconds or minutes), as qintervals reads it, "
        f"e.g. 30s or 5m, not {shown(value, YAML_WORDS)}" + (f"; write {fix}" if fix else ""),
    )
    return None


def _fix(value: Any) -> str | None:
    """What to write for a length qintervals does not read: 90 or "1m30s" → 90s."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return f"{value:g}s for seconds, or {value:g}m for minutes"
    if not isinstance(value, str):
        return None
    parts = _COMPOUND.findall(value)
    if not parts or "".join(_COMPOUND.sub("", value).split()):
        return None
    seconds = sum((Decimal(number) * _UNITS[unit.lower()] for number, unit in parts), Decimal(0))
    if seconds <= 0:
        return None
    if seconds % 60 == 0:
        return f"{(seconds / 60).normalize():f}m"
    return f"{seconds.normalize():f}s"


def _most(entry: _Leaf | _Group) -> int:
    """How many intervals at most an entry expands into (without expanding it)."""
    if isinstance(entry, _Leaf):
        return 1
    return entry.repeats * sum(_most(child) for child in entry.children)


def _expand(entry: _Leaf | _Group) -> list[_Leaf]:
    """The intervals in the order qintervals plays them (`Workout._unpack`)."""
    if isinstance(entry, _Leaf):
        return [entry]
    once = [leaf for child in entry.children for leaf in _expand(child)]
    played = once * entry.repeats
    if entry.skip_last_rest and played and played[-1].role is None:
        played.pop()
    return played


def _parts(entries: tuple[_Leaf | _Group, ...], problems: Problems) -> list[Part]:
    """The blocks of the circuit: runs of intervals, and each block as rounds when that
    gives the same intervals in the same order, else written out."""
    parts: list[Part] = []
    run: list[_Leaf] = []
    for entry in entries:
        if isinstance(entry, _Leaf):
            run.append(entry)
            continue
        parts.extend(_runs(run))
        run = []
        rounds = _rounds(entry)
        if rounds is not None:
            parts.append(rounds)
        else:
            parts.extend(_runs(_expand(entry)))
    parts.extend(_runs(run))
    return parts


def _rounds(group: _Group) -> Part | None:
    """A block of intervals only, of one role, repeated: a block of rounds. With
    skip_last_rest and a last rest called "Rest", that rest becomes the rest between
    rounds (none after the last); other shapes are written out instead (None)."""
    leaves = [child for child in group.children if isinstance(child, _Leaf)]
    roles = {leaf.role for leaf in leaves if leaf.role is not None}
    if group.repeats < 2 or len(leaves) != len(group.children) or len(roles) > 1:
        return None
    if not leaves or any(not leaf.interval.seconds for leaf in leaves):
        return None
    role = roles.pop() if roles else BlockRole.MAIN
    intervals = [leaf.interval for leaf in leaves]
    between: Decimal | None = None
    if group.skip_last_rest and intervals[-1].rest:
        last = intervals.pop()
        if (
            last.name.casefold() != "rest"
            or not intervals
            or intervals[0].rest
            or intervals[-1].rest
        ):
            return None
        between = last.seconds
    return Part(
        name=f"{_first_work(intervals)} × {group.repeats}",
        intervals=tuple(intervals),
        role=role,
        rounds=group.repeats,
        rest_between_rounds=between,
    )


def _runs(leaves: list[_Leaf]) -> list[Part]:
    """Intervals played once each, as blocks of one role each (a rest goes with the
    intervals before it)."""
    parts: list[Part] = []
    current: list[Interval] = []
    role: BlockRole | None = None
    for leaf in leaves:
        if not leaf.interval.seconds:  # 0 s: never shown
            continue
        if leaf.role is not None and role is not None and leaf.role is not role and current:
            parts.append(Part(_first_work(current), tuple(current), role))
            current = []
        if leaf.role is not None:
            role = leaf.role
        current.append(leaf.interval)
    if current:
        parts.append(Part(_first_work(current), tuple(current), role or BlockRole.MAIN))
    return parts


def _first_work(intervals: list[Interval]) -> str:
    return next((interval.name for interval in intervals if not interval.rest), intervals[0].name)
