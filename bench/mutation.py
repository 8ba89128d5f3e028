"""A mutation score: small deliberate bugs put into the code one at a time; does a test fail?

    python bench/mutation.py [--sample 0.5] [--seed 1] [--jobs 2] [--only history]

Each mutant changes one thing in one module — a comparison (`<` ↔ `<=`, `==` ↔ `!=`, `in`
↔ `not in`, `is` ↔ `is not`), `and` ↔ `or`, a dropped `not`, a condition negated, a number
off by one or a flag flipped, `+` ↔ `-`, a call statement removed, a returned value
replaced by None — in a copy of the repository, then runs the tests that cover that module
with `-x`. A mutant is killed when they fail (or time out), survives when they pass. The
targets are the domain and session modules and the app's key handling; `--sample` takes a
fixed fraction of each module's mutants (with `--seed`, the same ones every run).

Slow by nature (minutes to an hour): it runs outside CI. Results: a table a module, the
score, and every survivor as `file:line  what changed`, also written as JSON (`--out`).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

TARGETS: dict[str, tuple[list[str], list[str]]] = {
    # name: (modules, the tests that cover them)
    "circuit": (
        [
            "hamtimer/circuit/model.py",
            "hamtimer/circuit/blocks.py",
            "hamtimer/circuit/exercises.py",
            "hamtimer/circuit/load.py",
            "hamtimer/circuit/library.py",
        ],
        ["tests/test_circuit.py", "tests/test_cli.py", "tests/test_circuit_facts.py"],
    ),
    "plan": (
        ["hamtimer/plan/build.py", "hamtimer/plan/steps.py"],
        ["tests/test_plan.py", "tests/test_circuit_facts.py", "tests/test_workout.py"],
    ),
    "workout": (
        [
            "hamtimer/workout/engine.py",
            "hamtimer/workout/visit.py",
            "hamtimer/workout/snapshot.py",
            "hamtimer/workout/listeners.py",
            "hamtimer/workout/state.py",
        ],
        ["tests/test_workout.py", "tests/test_workout_visit.py", "tests/test_workout_machine.py"],
    ),
    "session": (["hamtimer/session.py"], ["tests/test_session.py", "tests/tui/test_dialogs.py"]),
    "history": (
        [
            "hamtimer/history/records.py",
            "hamtimer/history/holds.py",
            "hamtimer/history/store.py",
            "hamtimer/history/rows.py",
            "hamtimer/history/database.py",
            "hamtimer/history/legacy.py",
        ],
        [
            "tests/test_history_records.py",
            "tests/test_history_store.py",
            "tests/test_history_damage.py",
            "tests/test_history_legacy.py",
            "tests/test_history_durability.py",
            "tests/test_history_concurrent.py",
            "tests/test_holds.py",
            "tests/test_session.py",
        ],
    ),
    "report": (
        ["hamtimer/report/text.py", "hamtimer/report/tables.py", "hamtimer/report/export.py"],
        ["tests/test_report.py", "tests/test_holds.py", "tests/tui/test_history_screen.py"],
    ),
    "keys": (
        [
            "hamtimer/tui/app.py",
            "hamtimer/tui/screens/workout.py",
            "hamtimer/tui/screens/start.py",
            "hamtimer/tui/screens/leave.py",
        ],
        [
            "tests/tui/test_keys.py",
            "tests/tui/test_dialogs.py",
            "tests/tui/test_realtime.py",
            "tests/tui/test_full_circuit.py",
            "tests/tui/test_sound_in_app.py",
        ],
    ),
}

COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}


@dataclass(frozen=True)
class Mutant:
    """One change: the k-th candidate of the module, and what it does."""

    module: str
    number: int
    line: int
    what: str


@dataclass
class Result:
    """How a mutant fared."""

    mutant: Mutant
    outcome: str  # killed, survived, timeout, invalid
    seconds: float


def _skippable(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Docstrings, annotations, `__all__`, imports and `if TYPE_CHECKING:` are left alone."""
    parent = parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.AnnAssign) and node is not parent.value:
            return True
        if isinstance(parent, ast.arg | ast.Import | ast.ImportFrom):
            return True
        if isinstance(parent, ast.FunctionDef) and node in (parent.returns,):
            return True
        if isinstance(parent, ast.If) and "TYPE_CHECKING" in ast.unparse(parent.test):
            return True
        if isinstance(parent, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in parent.targets
        ):
            return True
        node, parent = parent, parents.get(parent)
    return False


Change = Callable[[ast.AST], str]


def _changes(tree: ast.Module) -> Iterator[tuple[ast.AST, Change]]:
    """Every place a mutation can go, with the function that applies it (and says what)."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if _skippable(node, parents):
            continue
        if isinstance(node, ast.Compare):
            for position, op in enumerate(node.ops):
                swap = COMPARE_SWAPS.get(type(op))
                if swap is not None:
                    yield node, _swap_compare(position, swap)
        elif isinstance(node, ast.BoolOp):
            yield node, _swap_boolop
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, _drop_not(parents)
        elif isinstance(node, ast.If | ast.While) and not _is_type_checking(node):
            yield node, _negate_test
        elif isinstance(node, ast.Constant) and not _is_docstring(node, parents):
            if isinstance(node.value, bool):
                yield node, _flip_bool
            elif isinstance(node.value, int | float) and not isinstance(node.value, bool):
                yield node, _bump_number
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
            yield node, _swap_add_sub
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield node, _drop_call(parents)
        elif isinstance(node, ast.Return) and not _returns_none(node):
            yield node, _return_none


def _returns_none(node: ast.Return) -> bool:
    return node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)


def _is_type_checking(node: ast.If | ast.While) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def _is_docstring(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    return isinstance(node.value, str) or isinstance(parents.get(node), ast.Expr)


def _swap_compare(position: int, swap: type[ast.cmpop]) -> Change:
    def apply(node: ast.AST) -> str:
        assert isinstance(node, ast.Compare)
        before = ast.unparse(node)
        node.ops[position] = swap()
        return f"{before}  →  {ast.unparse(node)}"

    return apply


def _swap_boolop(node: ast.AST) -> str:
    assert isinstance(node, ast.BoolOp)
    before = ast.unparse(node)
    node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    return f"{before}  →  {ast.unparse(node)}"


def _drop_not(parents: dict[ast.AST, ast.AST]) -> Change:
    def apply(node: ast.AST) -> str:
        assert isinstance(node, ast.UnaryOp)
        before = ast.unparse(node)
        _replace(parents, node, node.operand)
        return f"{before}  →  {ast.unparse(node.operand)}"

    return apply


def _negate_test(node: ast.AST) -> str:
    assert isinstance(node, ast.If | ast.While)
    before = ast.unparse(node.test)
    node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    return f"if {before}  →  if not ({before})"


def _flip_bool(node: ast.AST) -> str:
    assert isinstance(node, ast.Constant)
    node.value = not node.value
    return f"{not node.value}  →  {node.value}"


def _bump_number(node: ast.AST) -> str:
    assert isinstance(node, ast.Constant)
    before = node.value
    node.value = before + 1
    return f"{before!r}  →  {node.value!r}"


def _swap_add_sub(node: ast.AST) -> str:
    assert isinstance(node, ast.BinOp)
    before = ast.unparse(node)
    node.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
    return f"{before}  →  {ast.unparse(node)}"


def _drop_call(parents: dict[ast.AST, ast.AST]) -> Change:
    def apply(node: ast.AST) -> str:
        before = ast.unparse(node)
        _replace(parents, node, ast.Pass())
        return f"{before}  →  pass"

    return apply


def _return_none(node: ast.AST) -> str:
    assert isinstance(node, ast.Return) and node.value is not None
    before = ast.unparse(node.value)
    node.value = ast.Constant(value=None)
    return f"return {before}  →  return None"


def _replace(parents: dict[ast.AST, ast.AST], old: ast.AST, new: ast.AST) -> None:
    parent = parents[old]
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
            return
        if isinstance(value, list) and old in value:
            value[value.index(old)] = new
            return
    raise ValueError("node not found in its parent")


def mutants(module: str) -> list[Mutant]:
    """Every mutant of a module, numbered in a stable order."""
    source = (REPO / module).read_text()
    found = []
    for number, (node, change) in enumerate(_changes(ast.parse(source))):
        found.append(Mutant(module, number, getattr(node, "lineno", 0), _describe(module, number)))
        del change
    return found


def _describe(module: str, number: int) -> str:
    return mutate(module, number)[1]


def mutate(module: str, number: int) -> tuple[str, str]:
    """The module's source with mutant `number` applied, and what it changes."""
    tree = ast.parse((REPO / module).read_text())
    node, change = list(_changes(tree))[number]
    what = change(node)
    return ast.unparse(ast.fix_missing_locations(tree)), what


def _copy_repo(into: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / name.decode()
        target = into / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_file():
            shutil.copy2(source, target)


def run(mutant: Mutant, copy: Path, tests: list[str], timeout: float) -> Result:
    """Apply the mutant in `copy`, run the tests, put the module back."""
    path = copy / mutant.module
    original = path.read_text()
    mutated, _ = mutate(mutant.module, mutant.number)
    began = time.monotonic()
    try:
        compile(mutated, str(path), "exec")
    except SyntaxError:
        return Result(mutant, "invalid", 0.0)
    path.write_text(mutated)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=copy,
            env={**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        outcome = "survived" if done.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        outcome = "timeout"
    finally:
        path.write_text(original)
    return Result(mutant, outcome, time.monotonic() - began)


def sample(fraction: float, seed: int, only: str | None) -> list[tuple[str, Mutant]]:
    """A fixed fraction of every module's mutants (the same ones for the same seed)."""
    rng = random.Random(seed)
    chosen: list[tuple[str, Mutant]] = []
    for target, (modules, _) in TARGETS.items():
        if only and target != only:
            continue
        for module in modules:
            every = mutants(module)
            count = max(1, round(len(every) * fraction)) if every else 0
            chosen += [(target, mutant) for mutant in sorted(rng.sample(every, count), key=str)]
    return chosen


def survivors_of(results: Path) -> list[tuple[str, Mutant]]:
    """An earlier run's survivors, found again in today's code by what they change."""
    chosen = []
    for item in json.loads(results.read_text()):
        if item["outcome"] != "survived":
            continue
        old = item["mutant"]
        same = [m for m in mutants(old["module"]) if m.what == old["what"]]
        if same:
            nearest = min(same, key=lambda mutant: abs(mutant.line - old["line"]))
            chosen.append((item["target"], nearest))
        else:
            print(f"gone from the code: {old['module']}:{old['line']}  {old['what']}")
    return chosen


def main() -> int:
    """Enumerate, sample, run, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=float, default=1.0, help="fraction of each module's")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", help="one target: " + ", ".join(TARGETS))
    parser.add_argument("--out", type=Path, default=Path("mutation-results.json"))
    parser.add_argument(
        "--again", type=Path, help="run only the survivors of an earlier run's results file"
    )
    args = parser.parse_args()
    chosen = survivors_of(args.again) if args.again else sample(args.sample, args.seed, args.only)
    print(f"{len(chosen)} mutants, {args.jobs} at a time", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="hamtimer-mutation-"))
    copies = []
    for job in range(args.jobs):
        copy = scratch / f"copy{job}"
        _copy_repo(copy)
        copies.append(copy)
    results: list[tuple[str, Result]] = []
    free = list(copies)

    def work(item: tuple[str, Mutant]) -> tuple[str, Result]:
        target, mutant = item
        copy = free.pop()
        try:
            result = run(mutant, copy, TARGETS[target][1], args.timeout)
        finally:
            free.append(copy)
        print(f"{result.outcome:9} {mutant.module}:{mutant.line}  {mutant.what}", flush=True)
        return target, result

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(work, chosen))
    shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - began
    print(f"\n{len(results)} mutants in {elapsed:.0f} s (seed {args.seed}, sample {args.sample:g})")
    total_killed = total = 0
    for target in TARGETS:
        mine = [result for name, result in results if name == target]
        valid = [result for result in mine if result.outcome != "invalid"]
        killed = sum(result.outcome in ("killed", "timeout") for result in valid)
        if valid:
            print(f"{target:8} {killed:4}/{len(valid):<4} killed  {killed / len(valid):6.1%}")
        total_killed += killed
        total += len(valid)
    score = total_killed / total if total else 0.0
    print(f"{'all':8} {total_killed:4}/{total:<4} killed  {score:6.1%}")
    survivors = [result.mutant for _, result in results if result.outcome == "survived"]
    print("\nsurvivors:")
    for mutant in survivors:
        print(f"  {mutant.module}:{mutant.line}  {mutant.what}")
    args.out.write_text(
        json.dumps([{"target": name, **asdict(result)} for name, result in results], indent=1)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
