"""A circuit compiled for the timer: its outline and both plans, cached by the file's hash.

Validating a circuit (pydantic) and building its plans cost more than everything else the
start screen needs, and give the same result for the same file every time. So `compiled`
keeps them in the cache folder (`plans/<sha256>-<pacing>.json`): the next start reads the
file, hashes it, and shows the start screen from the cache without importing pydantic. A
changed file has another hash and is compiled again; so is a file whose included files
(`include = "other.toml"`) changed (the cache records each one's hash, checked at every
start), and every file after hamtimer's plan-building code changes (the cache records a
stamp of it). A cache file that cannot be
read, or holds anything but what was written, is ignored and written again: it is only a
copy of what the circuit file says.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hamtimer import __version__
from hamtimer.circuit.intervals import EMOM_EVERY
from hamtimer.circuit.kinds import BlockRole, CircuitError, ExerciseKind
from hamtimer.circuit.source import circuit_hash
from hamtimer.files import KIB, FileReadError, read_bytes
from hamtimer.folders import cache_dir
from hamtimer.plan.steps import Plan, plan_document, plan_from_document

if TYPE_CHECKING:
    from hamtimer.circuit.model import Circuit

_N = TypeVar("_N", int, float)

FORMAT = 4
"""The cache files' layout; a file of another one is compiled again (3 was the layout of
either the prescriptions or the interval blocks alone)."""

MAX_CACHE_BYTES = 64 * 1024 * KIB
"""A cache file larger than this is not read (two 2,000-step plans take about 4 MB)."""

BUILDERS = (
    "circuit/amounts.py",
    "circuit/blocks.py",
    "circuit/entries.py",
    "circuit/exercises.py",
    "circuit/include.py",
    "circuit/intervals.py",
    "circuit/kinds.py",
    "circuit/model.py",
    "circuit/strict.py",
    "circuit/load.py",
    "circuit/ignored.py",
    "circuit/problems.py",
    "circuit/locate.py",
    "circuit/where.py",
    "circuit/shapes.py",
    "plan/build.py",
    "plan/intervals.py",
    "plan/speech.py",
    "plan/steps.py",
)
"""The modules whose code decides a plan or its warnings: a change to any compiles every
circuit again."""


@dataclass(frozen=True)
class ExerciseOutline:
    """What the start screen shows of an exercise."""

    name: str
    kind: ExerciseKind
    challenge: str | None = None
    sets: int | None = None  # its own number of sets, when not the block's


@dataclass(frozen=True)
class BlockOutline:
    """What the start screen shows of a block."""

    name: str
    mode: str  # "straight", "circuit", "emom", "amrap" or "intervals"
    sets: int | None  # None: an amrap block, which goes round until its time cap
    exercises: tuple[ExerciseOutline, ...]
    role: BlockRole = BlockRole.MAIN
    every: float | None = None  # an emom block's interval
    time_cap: float | None = None  # an amrap block's cap


@dataclass(frozen=True)
class CompiledCircuit:
    """A valid circuit as the timer uses it: the outline, both plans, the circuit's pacing.

    `hands_free` is the pacing the plans were built with (the runner's choice or the
    circuit's `timing.hands_free`); `warnings` are the circuit's warnings, each with its
    line in the file (`line 12: …`), for the start screen. A cached compilation is used
    only while the file and every file it includes hash as they did (`includes`).
    """

    name: str
    blocks: tuple[BlockOutline, ...]
    hands_free: bool
    plans: tuple[Plan, Plan]  # without and with the challenge variants
    warnings: tuple[str, ...] = ()
    includes: tuple[tuple[str, str], ...] = ()
    """Every file whose blocks it includes: (path, sha256 of the bytes compiled)."""

    def plan(self, challenge: bool) -> Plan:
        """The plan with or without the challenge variants."""
        return self.plans[1 if challenge else 0]


def compile_circuit(
    circuit: Circuit, *, hands_free: bool = False, warnings: tuple[str, ...] = ()
) -> CompiledCircuit:
    """Outline a validated circuit and build both its plans (`warnings` are kept with them).

    Raises `PlanTooLongError` when a plan would have too many steps.
    """
    from hamtimer.plan.build import build_plan  # needs the pydantic models

    hands_free = hands_free or circuit.timing.hands_free
    plans = (
        build_plan(circuit, challenge=False, hands_free=hands_free),
        build_plan(circuit, challenge=True, hands_free=hands_free),
    )
    blocks = tuple(
        BlockOutline(
            name=block.name,
            mode=block.mode,
            sets=None if block.mode == "amrap" else block.set_count(),
            exercises=tuple(
                ExerciseOutline(
                    item.name,
                    item.kind,
                    item.challenge,
                    None
                    if item.set_count(block.set_count()) == block.set_count()
                    else item.set_count(1),
                )
                for item in block.work()
            ),
            role=block.role,
            every=(block.every or EMOM_EVERY) if block.mode == "emom" else None,
            time_cap=block.time_cap,
        )
        for block in circuit.blocks
    )
    return CompiledCircuit(
        circuit.name, blocks, hands_free, plans, warnings, includes=circuit.included_files()
    )


def compiled(path: Path, raw: bytes, *, hands_free: bool = False) -> CompiledCircuit:
    """The compiled form of the circuit file `path` whose bytes are `raw`: from the cache,
    else validated, built and cached.

    Raises `CircuitError` (naming `path`) for an invalid circuit or one too long to run.
    """
    digest = circuit_hash(raw)
    where = cache_dir() / "plans" / f"{digest}-{'hands-free' if hands_free else 'paced'}.json"
    stamp = builders_stamp()
    found = _read(where, digest, stamp)
    if found is not None:
        return found
    from hamtimer.circuit.load import check_bytes
    from hamtimer.plan.build import PlanTooLongError

    checked = check_bytes(path, raw)
    warnings = tuple(checked.warning_lines(None))
    try:
        made = compile_circuit(checked.circuit, hands_free=hands_free, warnings=warnings)
    except PlanTooLongError as problem:
        raise CircuitError(f"{path}: {problem}") from None
    _write(where, _document(made, digest, stamp))
    return made


def builders_stamp() -> str:
    """hamtimer's version, the cache format, and the size and time of each builder module."""
    here = Path(__file__).resolve().parent.parent
    parts = [__version__, str(FORMAT)]
    for name in BUILDERS:
        try:
            info = (here / name).stat()
        except OSError:
            parts.append("?")
        else:
            parts.append(f"{info.st_size}@{info.st_mtime_ns}")
    return " ".join(parts)


def _document(made: CompiledCircuit, digest: str, stamp: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "stamp": stamp,
        "sha256": digest,
        "name": made.name,
        "hands_free": made.hands_free,
        "blocks": [
            {
                "name": block.name,
                "mode": block.mode,
                "sets": block.sets,
                "exercises": [
                    [item.name, item.kind.value, item.challenge, item.sets]
                    for item in block.exercises
                ],
                "role": block.role.value,
                "every": block.every,
                "time_cap": block.time_cap,
            }
            for block in made.blocks
        ],
        "plans": [plan_document(plan) for plan in made.plans],
        "warnings": list(made.warnings),
        "includes": [list(item) for item in made.includes],
    }


def _read(where: Path, digest: str, stamp: str) -> CompiledCircuit | None:
    """The cached compilation, or None when there is none or it is not what we wrote."""
    try:
        data = json.loads(read_bytes(where, limit=MAX_CACHE_BYTES, what="a cached plan"))
        if data["format"] != FORMAT or data["stamp"] != stamp or data["sha256"] != digest:
            return None
        includes = tuple((str(path), str(sha)) for path, sha in data["includes"])
        if not all(_hashes_as(path, sha) for path, sha in includes):
            return None
        blocks = tuple(
            BlockOutline(
                name=str(block["name"]),
                mode=str(block["mode"]),
                sets=_number(block["sets"], int),
                exercises=tuple(
                    ExerciseOutline(str(name), ExerciseKind(kind), challenge, sets)
                    for name, kind, challenge, sets in block["exercises"]
                ),
                role=BlockRole(block["role"]),
                every=_number(block["every"], float),
                time_cap=_number(block["time_cap"], float),
            )
            for block in data["blocks"]
        )
        without, with_challenge = (plan_from_document(plan) for plan in data["plans"])
        warnings = tuple(str(warning) for warning in data["warnings"])
        return CompiledCircuit(
            str(data["name"]),
            blocks,
            bool(data["hands_free"]),
            (without, with_challenge),
            warnings,
            includes,
        )
    except (FileReadError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _hashes_as(path: str, sha: str) -> bool:
    """True when the included file `path` still holds the bytes that were compiled."""
    try:
        return circuit_hash(Path(path)) == sha
    except CircuitError:  # gone, or not a file any more
        return False


def _number(value: object, kind: Callable[[float], _N]) -> _N | None:
    """A cached number, or None; raises TypeError for anything else."""
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"not a number: {value!r}")
    return kind(value)


def _write(where: Path, document: dict[str, Any]) -> None:
    """Write the cache file whole (a temporary file renamed), or not at all."""
    with contextlib.suppress(OSError, ValueError):
        where.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where.parent, prefix=".plan-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(document, file, separators=(",", ":"))
            Path(temporary).replace(where)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise
