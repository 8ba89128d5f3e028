"""`hamtimer import FILE`: a workout of another app written as a circuit of the runner's own.

The circuit is checked as any circuit file (`check_text`) and its plan built before it is
written: what is written is a valid circuit, and its plan lasts what the source app says
the workout lasts (a difference is hamtimer's bug, reported as one, and nothing is
written).
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.text import Text

from hamtimer.circuit import available, check_text, user_circuits_dir
from hamtimer.cli.circuits import plan_of
from hamtimer.cli.output import EXIT_OK, EXIT_USAGE, error, notice, plain, print_json
from hamtimer.importers import (
    ImportFileError,
    Workout,
    circuit_text,
    file_stem,
    read_import,
)
from hamtimer.plan import Plan, format_duration


@dataclass(frozen=True)
class _Written:
    workout: Workout
    name: str
    path: Path
    plan: Plan


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`hamtimer import`: exit 0 when every workout was written, 2 when none was."""
    try:
        reading = read_import(args.file, args.workout)
        names = _names(reading.workouts, args.name, args.force)
    except ImportFileError as problem:
        error(err, str(problem))
        return EXIT_USAGE
    for warning in reading.warnings:
        err.print(
            plain(warning.place(str(args.file)) + "warning: ", "bold yellow")
            + plain(warning.message())
        )
    bundled = {item.name for item in available() if item.origin == "bundled"}
    written = [_write(workout, name) for workout, name in zip(reading.workouts, names, strict=True)]
    if args.json:
        print_json(out, _document(reading.app, written))
        return EXIT_OK
    for item in written:
        if item.name in bundled:
            notice(err, f"your circuit {item.name} takes the place of the bundled one of that name")
        _say(out, reading.app, item)
    return EXIT_OK


def _names(workouts: tuple[Workout, ...], given: str | None, force: bool) -> list[str]:
    """A circuit name for each workout (the title's file name, made unique), none of them
    the name of a circuit of the runner's that `force` does not allow to replace."""
    if given is not None:
        if len(workouts) > 1:
            raise ImportFileError(
                f"--name names one circuit, and the file holds {len(workouts)} workouts: choose "
                "one with --workout TITLE, or leave --name out"
            )
        names = [_given(given)]
    else:
        names = []
        for workout in workouts:
            stem, number = file_stem(workout.title), 2
            name = stem
            while name in names:
                name, number = f"{stem}-{number}", number + 1
            names.append(name)
    folder = user_circuits_dir()
    taken = [name for name in names if (folder / f"{name}.toml").exists()]
    if taken and not force:
        listed = ", ".join(f"{name}.toml" for name in taken)
        raise ImportFileError(
            f"{listed} already in {folder}: give another --name, or --force to replace "
            + ("it" if len(taken) == 1 else "them")
        )
    return names


def _given(name: str) -> str:
    name = name.strip().removesuffix(".toml")
    if not name or name.startswith((".", "-")) or any(char in name for char in '/\\:*?"<>|'):
        raise ImportFileError(
            f'--name "{name}" cannot be a file name: use letters, digits, spaces, - and _'
        )
    return name


def _write(workout: Workout, name: str) -> _Written:
    """Check the circuit, build its plan, compare its length with the source's, write it."""
    folder = user_circuits_dir()
    path = folder / f"{name}.toml"
    text = circuit_text(workout)
    checked = check_text(text, str(path))
    plan = plan_of(path, checked.circuit)
    if not math.isclose(plan.estimated_seconds, workout.source_seconds, abs_tol=1e-6):
        raise RuntimeError(
            f"the circuit made of {workout.title!r} lasts {plan.estimated_seconds} s, and "
            f"{workout.app} says {workout.source_seconds} s"
        )
    folder.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".toml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        Path(scratch).replace(path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return _Written(workout, name, path, plan)


def _say(out: Console, app: str, item: _Written) -> None:
    length = format_duration(item.plan.estimated_seconds)
    line = Text("Imported ") + plain(f'"{item.workout.title}"', "bold") + plain(f" from {app}: ")
    out.print(line + plain(str(item.path)))
    out.print(
        plain(f"  {len(item.plan)} steps, {length} as in {app}; run it with ")
        + plain(f"hamtimer {item.name}", "bold")
    )


def _document(app: str, written: list[_Written]) -> dict[str, object]:
    return {
        "app": app,
        "circuits": [
            {
                "title": item.workout.title,
                "name": item.name,
                "path": str(item.path),
                "steps": len(item.plan),
                "estimated_seconds": item.plan.estimated_seconds,
                "source_seconds": item.workout.source_seconds,
            }
            for item in written
        ],
    }
