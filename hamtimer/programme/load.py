"""Reading a programme file: TOML in, a checked `Programme` and the circuits it uses out, or
a `ProgrammeError` that lists every problem, each with its line, in the runner's words.

The file is read as a circuit is (`hamtimer.circuit.load`: bounded TOML, a syntax error
with a caret, pydantic's errors worded by `hamtimer.circuit.problems` with the line and the
week or exercise by name). Then every circuit it names is found (a name, or a path relative
to the programme file) and checked, and every change is checked against the circuit it
changes: an exercise the circuit does not have, with a "did you mean"; a change that does
not fit the exercise (`hamtimer.programme.apply`).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hamtimer.circuit import safe_toml, syntax
from hamtimer.circuit.kinds import CircuitError
from hamtimer.circuit.library import find
from hamtimer.circuit.load import BOM, MAX_PROBLEMS, check_file, report
from hamtimer.circuit.locate import Locations, locate, order_of
from hamtimer.circuit.locate import Path as DataPath
from hamtimer.circuit.model import Circuit
from hamtimer.circuit.problems import Problem, at, describe
from hamtimer.circuit.source import circuit_hash
from hamtimer.digest import sha256_hex
from hamtimer.files import KIB, FileReadError, read_bytes
from hamtimer.programme.apply import ChangeError, apply, work_of
from hamtimer.programme.kinds import ProgrammeError
from hamtimer.programme.model import Exercise, Programme

MAX_BYTES = 256 * KIB
"""The largest programme file read."""


@dataclass(frozen=True)
class CircuitUsed:
    """A circuit a programme names: where it was found, and the circuit."""

    ref: str
    path: Path
    circuit: Circuit
    sha256: str


@dataclass(frozen=True)
class CheckedProgramme:
    """A valid programme, its file's hash, and every circuit it names, by the name written."""

    programme: Programme
    sha256: str
    circuits: dict[str, CircuitUsed] = field(default_factory=dict)

    def circuit(self, ref: str) -> CircuitUsed:
        """The circuit a session names."""
        return self.circuits[ref]


def circuit_path(ref: str, base: Path) -> Path:
    """The circuit file a programme means by `ref`: a `.toml` path (or any path) relative
    to the programme's folder `base`, else a circuit by name (`hamtimer.circuit.find`)."""
    if ref.endswith(".toml") or "/" in ref or os.sep in ref:
        return base / Path(ref).expanduser()
    return find(ref).path


def read_programme(path: Path, most: int = MAX_PROBLEMS) -> CheckedProgramme:
    """Read and check a programme file; every failure is a `ProgrammeError` naming it."""
    try:
        raw = read_bytes(path, limit=MAX_BYTES, what="a programme")
    except FileReadError as error:
        raise ProgrammeError(str(error)) from None
    return check_bytes(path, raw, most)


def check_bytes(path: Path, raw: bytes, most: int = MAX_PROBLEMS) -> CheckedProgramme:
    """A file's bytes checked as a programme, its circuits found relative to its folder."""
    if not raw.strip():
        raise ProgrammeError(f"{path}: the file is empty; a programme needs a name and weeks")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProgrammeError(
            f"{path}: not UTF-8 text (bad byte at offset {error.start}); save it as UTF-8 TOML"
        ) from None
    checked = check_text(text, str(path), path.parent, most)
    return CheckedProgramme(checked.programme, sha256_hex(raw), checked.circuits)


def check_text(
    text: str, origin: str = "<text>", base: Path | None = None, most: int = MAX_PROBLEMS
) -> CheckedProgramme:
    """Parse and check programme TOML (its circuits relative to `base`, else the current
    folder): the programme, or a `ProgrammeError` with every problem, each with its line."""
    text = text.removeprefix(BOM)
    try:
        data = safe_toml.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProgrammeError(
            syntax.describe(error, text, origin).replace("as a circuit is", "as a programme is")
        ) from None
    except safe_toml.StructureError as error:
        raise ProgrammeError(f"{origin}: not a programme: {error}") from None
    if not data:
        raise ProgrammeError(f"{origin}: the file is empty; a programme needs a name and weeks")
    located = locate(text)
    try:
        programme = Programme.model_validate(data)
    except ValidationError as error:
        found, count = describe(error.errors(include_url=False), data, Programme, located, most)
        raise ProgrammeError(report(found, count, origin)) from None
    except (ValueError, TypeError, RecursionError) as error:
        raise ProgrammeError(f"{origin}: not a valid programme: {error}") from None
    checker = _Checker(programme, data, located, base or Path.cwd())
    checker.check()
    if checker.problems:
        ordered = sorted(dict.fromkeys(checker.problems), key=lambda p: order_of(p.position))
        raise ProgrammeError(report(ordered[:most], len(ordered), origin))
    return CheckedProgramme(programme, sha256_hex(text.encode()), checker.used)


def did_you_mean(name: str, names: Sequence[str]) -> str:
    """'; did you mean "Nordic curl"?' when a name is close, else ''."""
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    if not close:
        close = [known for known in names if known.casefold() == name.casefold()]
    return f'; did you mean "{close[0]}"?' if close else ""


class _Checker:
    """Every circuit a programme names found and checked, and every change against them."""

    def __init__(self, programme: Programme, data: Any, located: Locations, base: Path) -> None:
        self.programme = programme
        self.data = data
        self.located = located
        self.base = base
        self.used: dict[str, CircuitUsed] = {}
        self.failed: set[str] = set()
        self.problems: list[Problem] = []

    def problem(self, path: DataPath, text: str) -> None:
        self.problems.append(at(path, text, self.data, Programme, self.located))

    def circuit(self, ref: str, path: DataPath) -> Circuit | None:
        if ref in self.used:
            return self.used[ref].circuit
        if ref in self.failed:
            return None
        try:
            where = circuit_path(ref, self.base)
            checked, raw = check_file(where)
        except CircuitError as error:
            self.failed.add(ref)
            lines = str(error).splitlines()
            more = f" (and {len(lines) - 1} more: hamtimer check it)" if len(lines) > 1 else ""
            self.problem(path, f'circuit "{ref}": {lines[0]}{more}')
            return None
        used = CircuitUsed(ref, where, checked.circuit, circuit_hash(raw))
        self.used[ref] = used
        return used.circuit

    def check(self) -> None:
        programme = self.programme
        for index, rule in enumerate(programme.progressions):
            beyond = [week for week in rule.weeks if week > programme.week_count]
            if beyond:
                self.problem(
                    ("progressions", index, "weeks"),
                    f"week {beyond[0]} is past the end: the programme has "
                    f"{programme.week_count} weeks",
                )
        tiers: list[tuple[int | None, Any]] = list(enumerate(programme.levels)) or [(None, None)]
        path: DataPath
        for number, week in enumerate(programme.weeks):
            for level, tier in tiers:
                if week.circuit is not None:
                    ref, path = week.circuit, ("weeks", number, "circuit")
                elif tier is not None and tier.circuit is not None and level is not None:
                    ref, path = tier.circuit, ("levels", level, "circuit")
                elif programme.circuit is not None:
                    ref, path = programme.circuit, ("circuit",)
                else:
                    self.problem(
                        ("weeks", number),
                        "no circuit: give circuit = … at the top of the file (every session's), "
                        "in each level, or in this week",
                    )
                    continue
                circuit = self.circuit(ref, path)
                if circuit is None:
                    continue
                lists: list[tuple[DataPath, tuple[Exercise, ...]]] = [
                    (("exercises",), programme.exercises),
                    (("weeks", number, "exercises"), week.exercises),
                ]
                if tier is not None and level is not None:
                    lists.insert(1, (("levels", level, "exercises"), tier.exercises))
                self.changes(circuit, lists, number + 1, level)

    def changes(
        self,
        circuit: Circuit,
        lists: list[tuple[DataPath, tuple[Exercise, ...]]],
        week: int,
        level: int | None,
    ) -> None:
        names = [exercise.name for exercise in circuit.exercises()]
        known = {exercise.name: exercise for exercise in circuit.exercises()}
        of = f'circuit "{circuit.name}"'
        fitting: list[tuple[DataPath, Exercise]] = []
        for prefix, changes in lists:
            for index, change in enumerate(changes):
                if change.name not in known:
                    self.problem(
                        (*prefix, index, "name"),
                        f'no exercise "{change.name}" in {of}{did_you_mean(change.name, names)}',
                    )
                else:
                    fitting.append(((*prefix, index), change))
        self.fit(circuit, fitting)
        for index, rule in enumerate(self.programme.progressions):
            if rule.weeks and not _in_week(self.programme, rule.weeks, week):
                continue
            exercise = known.get(rule.exercise)
            if exercise is None:
                self.problem(
                    ("progressions", index, "exercise"),
                    f'no exercise "{rule.exercise}" in {of}{did_you_mean(rule.exercise, names)}',
                )
            elif work_of(exercise) != rule.what:
                self.problem(
                    ("progressions", index, rule.what),
                    f'"{exercise.name}" in {of} is not {_GROWS[rule.what]}: '
                    f"{rule.what} cannot grow on it",
                )

    def fit(self, circuit: Circuit, fitting: list[tuple[DataPath, Exercise]]) -> None:
        """The changes applied to the circuit in every session they differ in (the
        exercises left out come round again after `every_nth_session` sessions); each
        exercise whose changes do not fit is told once, and the rest checked without it."""
        while fitting:
            changes = [change for _, change in fitting]
            sessions = max((change.every_nth_session or 1 for change in changes), default=1)
            try:
                for session in range(1, min(sessions, 60) + 2):
                    apply(circuit, changes, session=session)
            except ChangeError as problem:
                self.blame(fitting, problem)
                fitting = [item for item in fitting if item[1].name != problem.name]
                if problem.name is None:
                    return
                continue
            return

    def blame(self, fitting: list[tuple[DataPath, Exercise]], problem: ChangeError) -> None:
        """Tell `problem` at the last change that gave its key to its exercise."""
        for path, change in reversed(fitting):
            if problem.name is not None and change.name != problem.name:
                continue
            key = problem.key or "every_nth_session"
            if key in change.model_fields_set or problem.key is None:
                self.problem((*path, key) if self.located.has((*path, key)) else path, str(problem))
                return
        self.problem(fitting[-1][0], str(problem))


_GROWS = {"reps": "done in reps", "seconds": "timed (seconds)", "hold": "held to fatigue"}


def _in_week(programme: Programme, weeks: tuple[int, ...], written: int) -> bool:
    """Whether the written week `written` (from 1), with its repeats, covers any of `weeks`."""
    first = 1 + sum(week.repeat for week in programme.weeks[: written - 1])
    last = first + programme.weeks[written - 1].repeat - 1
    return any(first <= week <= last for week in weeks)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the programme format, for editors."""
    schema = Programme.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hamtimer programme"
    return schema


def is_programme(raw: bytes) -> bool:
    """Whether a file's bytes look like a programme (no blocks, a key only a programme has)
    rather than a circuit:
    for `hamtimer check`, which takes both."""
    try:
        data = safe_toml.loads(raw.decode("utf-8").removeprefix(BOM))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, safe_toml.StructureError):
        return False
    return "blocks" not in data and ("weeks" in data or bool(data.keys() & PROGRAMME_KEYS))


PROGRAMME_KEYS = frozenset({"weeks", "circuit", "levels", "progressions", "sessions_per_week"})
"""Keys only a programme has: a file with one of them and no blocks is checked as one."""
