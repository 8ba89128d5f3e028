"""The compiled-plan cache: the start screen's circuit and plans from the cache folder,
the same as compiling the file, rebuilt when the file or the cache is not what it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hamtimer.circuit import Circuit, CircuitError, circuit_hash
from hamtimer.folders import cache_dir
from hamtimer.plan import build_plan, plan_document, plan_from_document
from hamtimer.plan.compiled import BUILDERS, FORMAT, CompiledCircuit, compile_circuit, compiled


def cached_files() -> list[Path]:
    return sorted((cache_dir() / "plans").glob("*.json"))


def refuse_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validating a circuit now fails the test: what follows must come from the cache."""

    def validate(path: Path, raw: bytes) -> Circuit:
        raise AssertionError("validated again")

    monkeypatch.setattr("hamtimer.circuit.load.check_bytes", validate)


def test_a_plan_survives_its_document(hamstring: Circuit) -> None:
    for challenge in (False, True):
        plan = build_plan(hamstring, challenge=challenge)
        again = plan_from_document(json.loads(json.dumps(plan_document(plan))))
        assert again == plan
        assert again.estimated_seconds == plan.estimated_seconds


def test_the_first_start_compiles_and_caches_the_next_reads_it(
    hamstring_path: Path, hamstring: Circuit, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = hamstring_path.read_bytes()
    first = compiled(hamstring_path, raw)
    assert first == compile_circuit(hamstring)
    assert first.plan(True) == build_plan(hamstring, challenge=True)
    (written,) = cached_files()
    assert written.name.startswith(circuit_hash(raw))
    refuse_validation(monkeypatch)
    second = compiled(hamstring_path, raw)
    assert second == first
    assert [block.name for block in second.blocks] == [block.name for block in hamstring.blocks]
    assert second.blocks[0].exercises[0].kind == hamstring.blocks[0].exercises[0].kind


def test_hands_free_is_cached_apart(hamstring_path: Path, hamstring: Circuit) -> None:
    raw = hamstring_path.read_bytes()
    paced, hands_free = (
        compiled(hamstring_path, raw),
        compiled(hamstring_path, raw, hands_free=True),
    )
    assert len(cached_files()) == 2
    assert not paced.hands_free and hands_free.hands_free
    assert compiled(hamstring_path, raw, hands_free=True).plan(False) == build_plan(
        hamstring, hands_free=True
    )


def test_a_changed_file_is_compiled_again(
    hamstring_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_bytes(hamstring_path.read_bytes())
    before = compiled(mine, mine.read_bytes())
    mine.write_text(hamstring_path.read_text(encoding="utf-8").replace("sets = 3", "sets = 1"))
    after = compiled(mine, mine.read_bytes())
    assert len(after.plan(False)) < len(before.plan(False))
    assert len(cached_files()) == 2


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff garbage",
        b'{"format": 1, "stamp"',
        b"[1, 2, 3]",
        b'{"format": 1}',
        b"null",
    ],
    ids=["empty", "binary", "cut short", "a list", "keys missing", "null"],
)
def test_a_damaged_cache_is_rebuilt_silently(
    hamstring_path: Path, hamstring: Circuit, damage: bytes
) -> None:
    raw = hamstring_path.read_bytes()
    compiled(hamstring_path, raw)
    (written,) = cached_files()
    written.write_bytes(damage)
    assert compiled(hamstring_path, raw) == compile_circuit(hamstring)
    assert json.loads(written.read_bytes())["sha256"] == circuit_hash(raw), "written again"


def test_a_cache_of_other_steps_or_another_file_is_not_used(
    hamstring_path: Path, hamstring: Circuit
) -> None:
    """A cache file whose content does not match (steps renumbered, another hash, another
    version of the builders) is compiled again, not believed."""
    raw = hamstring_path.read_bytes()
    compiled(hamstring_path, raw)
    (written,) = cached_files()
    good = json.loads(written.read_bytes())
    for change in ("index", "sha256", "stamp", "step field"):
        document = json.loads(json.dumps(good))
        if change == "index":
            document["plans"][0]["steps"][3]["index"] = 7
        elif change == "step field":
            document["plans"][1]["steps"][0]["secs"] = 3
        else:
            document[change] = "other"
        written.write_text(json.dumps(document))
        assert compiled(hamstring_path, raw) == compile_circuit(hamstring), change


def test_an_unwritable_cache_folder_still_runs(
    hamstring_path: Path, hamstring: Circuit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("HAMTIMER_CACHE_DIR", str(blocked))
    assert compiled(hamstring_path, hamstring_path.read_bytes()) == compile_circuit(hamstring)
    assert not list(tmp_path.rglob(".plan-*"))


def test_an_invalid_or_too_long_circuit_is_a_circuit_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n')
    with pytest.raises(CircuitError, match=r"bad\.toml"):
        compiled(bad, bad.read_bytes())
    long = tmp_path / "long.toml"
    long.write_text(
        'name = "long"\n[[blocks]]\nname = "B"\nsets = 1000\n'
        '[[blocks.exercises]]\nname = "E"\nkind = "strength"\nseconds = 5\n'
        '[[blocks.exercises]]\nname = "F"\nkind = "strength"\nseconds = 5\n'
    )
    with pytest.raises(CircuitError, match=r"long\.toml"):
        compiled(long, long.read_bytes())
    assert cached_files() == []


def test_the_warnings_are_kept_with_the_plans(
    hamstring_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start screen shows a circuit's warnings from the cache, with their lines."""
    mine = tmp_path / "mine.toml"
    text = hamstring_path.read_text(encoding="utf-8")
    mine.write_text(text.replace('sides = ["right", "left"]\nside_label', "side_label", 1))
    first = compiled(mine, mine.read_bytes())
    assert first.warnings == (
        'line 48: exercise "Split stance jump" (block "Plyometrics"): side_label has no effect '
        'without sides: add sides = ["right", "left"], or remove it',
        'line 49: exercise "Split stance jump" (block "Plyometrics"): rest_between_sides has no '
        'effect without sides: add sides = ["right", "left"], or remove it',
    )
    assert compiled(hamstring_path, hamstring_path.read_bytes()).warnings == ()
    refuse_validation(monkeypatch)
    assert compiled(mine, mine.read_bytes()).warnings == first.warnings


def test_the_outline_is_what_the_start_screen_reads(hamstring: Circuit) -> None:
    made = compile_circuit(hamstring)
    assert isinstance(made, CompiledCircuit)
    assert made.name == hamstring.name
    for block, outline in zip(hamstring.blocks, made.blocks, strict=True):
        assert (outline.name, outline.mode, outline.sets) == (block.name, block.mode, block.sets)
        assert [(e.name, e.kind, e.challenge) for e in outline.exercises] == [
            (e.name, e.kind, e.challenge) for e in block.exercises
        ]


def test_the_timer_starts_without_pydantic_once_cached(
    hamstring_path: Path, tmp_path: Path
) -> None:
    """With the plan cached, the command, the app, the history and the session load without
    pydantic, the sound, the voice or the report: the start screen needs none of them."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import hamtimer.cli, hamtimer.tui.launch\n"
        "from hamtimer.plan.compiled import compiled\n"
        "from hamtimer.circuit import find\n"
        "from hamtimer.clock import MonotonicClock\n"
        "from hamtimer.session import WorkoutSession\n"
        "path = Path(sys.argv[1])\n"
        "circuit = compiled(path, path.read_bytes())\n"
        "store, problem = hamtimer.tui.launch.open_store(Path(sys.argv[2]))\n"
        "assert store is not None and problem is None, problem\n"
        "session = WorkoutSession(find(None), circuit, store=store, clock=MonotonicClock())\n"
        "assert session.resumable is None\n"
        "session.close()\n"
        "heavy = ('pydantic', 'hamtimer.sound', 'hamtimer.voice', 'hamtimer.report')\n"
        "print(sorted({m.split('.')[0] if m.startswith('pydantic') else m\n"
        "              for m in sys.modules if m.startswith(heavy)}))\n"
    )
    compiled(hamstring_path, hamstring_path.read_bytes())  # the first start: compiled, cached
    done = subprocess.run(
        [sys.executable, "-c", script, str(hamstring_path), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


PART = """
name = "Part"
[[blocks]]
name = "Cool-down"
role = "cool-down"
[[blocks.exercises]]
name = "Stretch"
kind = "mobility"
seconds = 30
"""

MAIN = """
name = "Main"
[[blocks]]
name = "Main"
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 5
[[blocks]]
include = "parts/part.toml"
"""


def test_a_circuit_is_compiled_again_when_a_file_it_includes_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = tmp_path / "parts" / "part.toml"
    part.parent.mkdir()
    part.write_text(PART)
    main = tmp_path / "main.toml"
    main.write_text(MAIN)
    raw = main.read_bytes()
    first = compiled(main, raw)
    assert first.plan(False).steps[-1].seconds == 30
    assert [Path(path).name for path, _ in first.includes] == ["part.toml"]
    with monkeypatch.context() as patched:
        refuse_validation(patched)
        assert compiled(main, raw) == first, "nothing changed: from the cache"
    part.write_text(PART.replace("seconds = 30", "seconds = 45"))
    second = compiled(main, raw)
    assert second.plan(False).steps[-1].seconds == 45, "the included file's change is seen"
    with monkeypatch.context() as patched:
        refuse_validation(patched)
        assert compiled(main, raw) == second, "and cached in its turn"
    part.unlink()
    with pytest.raises(CircuitError, match=r"part\.toml.*no such file"):
        compiled(main, raw)


def test_a_cache_of_an_older_layout_is_compiled_again(
    hamstring_path: Path, hamstring: Circuit
) -> None:
    """A cache file written in layout 3 (either the prescriptions' or the interval blocks'
    alone), stamp and all, is not believed: the merged plan has fields neither had."""
    raw = hamstring_path.read_bytes()
    compiled(hamstring_path, raw)
    (written,) = cached_files()
    document = json.loads(written.read_bytes())
    assert document["format"] == FORMAT == 4
    version, _, *sizes = document["stamp"].split(" ")
    document["format"], document["stamp"] = 3, " ".join((version, "3", *sizes))
    written.write_text(json.dumps(document))
    assert compiled(hamstring_path, raw) == compile_circuit(hamstring)
    assert json.loads(written.read_bytes())["format"] == 4, "written again"


def test_the_stamp_covers_every_module_that_decides_a_plan_or_its_warnings() -> None:
    """Each module of `hamtimer.circuit` and `hamtimer.plan` that checking a file and building
    its plans loads is in `BUILDERS` (the interval blocks' and the prescriptions' among them),
    but those that only read the bytes or word an error."""
    script = (
        "import sys\n"
        "import hamtimer.circuit.load, hamtimer.plan.build, hamtimer.plan.compiled\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith(('hamtimer.circuit.',"
        " 'hamtimer.plan.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = {
        name.removeprefix("hamtimer.").replace(".", "/") + ".py" for name in done.stdout.split()
    }
    reading_or_wording = {
        "circuit/keys.py",
        "circuit/library.py",
        "circuit/safe_toml.py",
        "circuit/source.py",
        "circuit/syntax.py",
        "plan/compiled.py",
    }
    assert loaded - reading_or_wording <= set(BUILDERS)
    assert {"circuit/intervals.py", "plan/intervals.py", "circuit/amounts.py"} <= set(BUILDERS)
    assert {"circuit/entries.py", "circuit/include.py", "circuit/strict.py"} <= set(BUILDERS)
    here = Path(__file__).parent.parent / "hamtimer"
    assert all((here / name).is_file() for name in BUILDERS)
