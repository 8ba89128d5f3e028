"""`hamtimer import`: workouts of qintervals (YAML) and Just Another Workout Timer (JSON)
written as circuits, through the real command, each construct on its own; the total of
every imported plan checked against the source app's arithmetic, written out here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from hamtimer.circuit import user_circuits_dir
from hamtimer.cli import main

THRESHOLD = """\
title: Threshold
intervals:
  - type: warmup
    name: Warm up
    length: 10m
  - type: work
    name: Zone 3
    length: 10m
  - type: rest
    name: Rest
    length: 5m
  - block:
      repeats: 2
      skip_last_rest: true
      intervals:
        - type: work
          name: Zone 4, low
          length: 5m
        - type: rest
          name: Rest
          length: 60s
  - type: rest
    name: Rest
    length: 5m
  - block:
      repeats: 6
      skip_last_rest: true
      intervals:
        - type: work
          name: Zone 5
          length: 1m
        - type: rest
          name: Rest
          length: 30s
  - type: warmdown
    name: Warm down
    length: 10m
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, *options: str
) -> dict[str, object]:
    """Import `text` from a file called `name`: the command's JSON (it must succeed)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--json", *options)
    assert code == 0, err
    document: dict[str, object] = json.loads(out)
    return document


def plan_of(capsys: pytest.CaptureFixture[str], name: str) -> dict[str, object]:
    code, out, err = run(capsys, "show", name, "--json")
    assert code == 0, err
    plan: dict[str, object] = json.loads(out)
    return plan


def work(plan: dict[str, object]) -> list[tuple[str, str, float]]:
    """Every step as (kind, title, seconds), in order."""
    steps = plan["steps"]
    assert isinstance(steps, list)
    return [(step["kind"], step["title"], step["seconds"]) for step in steps]


def qintervals(*entries: dict[str, object], title: str = "Test") -> str:
    """A qintervals workout file's text."""
    return str(yaml.safe_dump({"title": title, "intervals": list(entries)}, sort_keys=False))


def interval(kind: str, name: str, length: str) -> dict[str, object]:
    return {"type": kind, "name": name, "length": length}


def block(repeats: int, *entries: dict[str, object], skip: bool | None = None) -> dict[str, object]:
    inside: dict[str, object] = {"repeats": repeats, "intervals": list(entries)}
    if skip is not None:
        inside["skip_last_rest"] = skip
    return {"block": inside}


# ------------------------------------------------------------------ qintervals


@pytest.mark.parametrize(
    ("length", "seconds"),
    [
        ("30s", 30),
        ("5m", 5 * 60),
        ("1.5m", 1.5 * 60),
        ("0.25m", 0.25 * 60),
        ("2.5s", 2.5),
        ("90s", 90),
        ("1e2s", 100),  # qintervals reads the number with float()
    ],
)
def test_a_qintervals_length_is_seconds_or_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], length: str, seconds: float
) -> None:
    document = imported(tmp_path, capsys, "one.yml", qintervals(interval("work", "Run", length)))
    (circuit,) = document["circuits"]  # type: ignore[misc]
    assert circuit["source_seconds"] == circuit["estimated_seconds"] == seconds
    assert work(plan_of(capsys, "test")) == [("work", "Run", seconds)]


def test_qintervals_plays_intervals_back_to_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = qintervals(interval("work", "Hard", "2m"), interval("rest", "Easy", "1m"))
    imported(tmp_path, capsys, "w.yml", text)
    plan = plan_of(capsys, "test")
    # no get-ready, no rest between the intervals: qintervals adds none
    assert work(plan) == [("work", "Hard", 120), ("rest", "Easy", 60)]
    assert plan["steps"][1]["rest_reason"] == "written"  # type: ignore[index]
    assert plan["estimated_seconds"] == 120 + 60


@pytest.mark.parametrize(
    ("skip", "expected", "total"),
    [
        # 3 repeats of 60 s work and 30 s rest: skip_last_rest drops the last rest only
        (True, ["Hard", "Rest", "Hard", "Rest", "Hard"], 3 * 60 + 2 * 30),
        (False, ["Hard", "Rest", "Hard", "Rest", "Hard", "Rest"], 3 * 60 + 3 * 30),
        (None, ["Hard", "Rest", "Hard", "Rest", "Hard", "Rest"], 3 * 60 + 3 * 30),  # default
    ],
)
def test_skip_last_rest_drops_the_block_s_last_rest(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    skip: bool | None,
    expected: list[str],
    total: int,
) -> None:
    text = qintervals(
        block(3, interval("work", "Hard", "60s"), interval("rest", "Rest", "30s"), skip=skip)
    )
    document = imported(tmp_path, capsys, "b.yml", text)
    assert document["circuits"][0]["source_seconds"] == total  # type: ignore[index]
    plan = plan_of(capsys, "test")
    assert [title for _, title, _ in work(plan)] == expected
    assert plan["estimated_seconds"] == total
    rounds = [step["set_number"] for step in plan["steps"] if step["kind"] == "work"]  # type: ignore[union-attr]
    assert rounds == [1, 2, 3], "a block of rounds"


def test_skip_last_rest_with_a_named_rest_keeps_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = qintervals(
        block(2, interval("work", "Hard", "60s"), interval("rest", "Jog slowly", "45s"), skip=True)
    )
    imported(tmp_path, capsys, "b.yml", text)
    plan = plan_of(capsys, "test")
    assert work(plan) == [("work", "Hard", 60), ("rest", "Jog slowly", 45), ("work", "Hard", 60)]
    assert plan["estimated_seconds"] == 2 * 60 + 45


def test_nested_blocks_repeat_inside_their_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = qintervals(
        interval("warmup", "One", "3s"),
        interval("work", "Two", "3s"),
        block(
            2,
            interval("work", "Block One", "3s"),
            block(2, interval("work", "Nested One", "3s"), interval("work", "Nested Two", "3s")),
        ),
    )
    document = imported(tmp_path, capsys, "n.yml", text)
    names = ["One", "Two"] + (["Block One"] + ["Nested One", "Nested Two"] * 2) * 2
    assert [title for _, title, _ in work(plan_of(capsys, "test"))] == names
    assert document["circuits"][0]["source_seconds"] == 12 * 3  # type: ignore[index]


def test_warm_up_and_warm_down_become_their_roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = qintervals(
        interval("warmup", "Jog", "5m"),
        interval("rest", "Walk", "1m"),
        interval("work", "Fast", "2m"),
        interval("warmdown", "Jog home", "5m"),
    )
    imported(tmp_path, capsys, "r.yml", text)
    roles = [step["role"] for step in plan_of(capsys, "test")["steps"]]  # type: ignore[union-attr]
    assert roles == ["warm-up", "warm-up", "main", "cool-down"]


def test_a_whole_qintervals_workout_lasts_what_qintervals_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = imported(tmp_path, capsys, "threshold.yml", THRESHOLD)
    # qintervals' total_time: every interval's length added, repeats and skips applied
    total = 10 * 60 + 10 * 60 + 5 * 60 + (5 * 60 * 2 + 60) + 5 * 60 + (60 * 6 + 30 * 5) + 10 * 60
    (circuit,) = document["circuits"]  # type: ignore[misc]
    assert circuit["source_seconds"] == circuit["estimated_seconds"] == total == 3570
    assert circuit["name"] == "threshold" and circuit["steps"] == 19
    assert Path(str(circuit["path"])) == user_circuits_dir() / "threshold.toml"
    code, out, _ = run(capsys, "check", str(circuit["path"]))
    assert code == 0 and "Threshold, 19 steps, estimated 59:30" in out
    code, out, _ = run(capsys, "list")
    assert "threshold" in out and "59:30" in out


def test_the_command_says_where_the_circuit_is_and_how_long_it_lasts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "threshold.yml"
    path.write_text(THRESHOLD, encoding="utf-8")
    code, out, err = run(capsys, "import", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f'Imported "Threshold" from qintervals: {user_circuits_dir() / "threshold.toml"}',
        "  19 steps, 59:30 as in qintervals; run it with hamtimer threshold",
    ]


# ------------------------------------------------------------------ JAWT


def jawt(*sets: tuple[int, list[tuple[str, int]]], title: str = "Legs") -> dict[str, object]:
    return {
        "title": title,
        "sets": [
            {
                "repetitions": repetitions,
                "id": f"set-{index}",
                "exercises": [
                    {"name": name, "id": f"{index}-{number}", "duration": duration}
                    for number, (name, duration) in enumerate(exercises)
                ],
            }
            for index, (repetitions, exercises) in enumerate(sets)
        ],
        "version": 2,
        "position": 0,
    }


def test_a_jawt_workout_counts_down_then_plays_its_sets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workout = jawt((3, [("Squat", 40), ("Rest", 20)]), (1, [("Plank", 60)]))
    document = imported(tmp_path, capsys, "legs.json", json.dumps(workout))
    # JAWT: its 10 s countdown, then Workout.duration = (40 + 20) × 3 + 60 × 1
    (circuit,) = document["circuits"]  # type: ignore[misc]
    assert circuit["source_seconds"] == circuit["estimated_seconds"] == 10 + 60 * 3 + 60
    plan = plan_of(capsys, "legs")
    assert work(plan) == [
        ("get_ready", "Get ready", 10),
        *[("work", "Squat", 40), ("rest", "Rest", 20)] * 3,
        ("work", "Plank", 60),
    ]
    assert plan["steps"][5]["set_number"] == 3 and plan["steps"][5]["set_word"] == "round"  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "rest"),
    [
        ("Rest", True),
        ("rest", True),
        ("PAUSE", True),  # German, as JAWT's "Add rest" names it
        ("Repos", True),  # French
        ("Riposo", True),  # Italian
        ("Отдых", True),  # Russian
        ("Dinlenme", True),  # Turkish
        ("Break", True),
        ("  Rest 2 ", True),
        ("Pause – drink", True),
        ("Restless legs", False),
        ("Breakdance", False),
        ("Active rest", False),
        ("Push-up", False),
    ],
)
def test_jawt_rests_are_exercises_named_for_a_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, rest: bool
) -> None:
    imported(tmp_path, capsys, "w.json", json.dumps(jawt((1, [("Run", 30), (name, 15)]))))
    last = plan_of(capsys, "legs")["steps"][-1]  # type: ignore[index]
    assert last["kind"] == ("rest" if rest else "work")
    assert last["title"] == name.strip() and last["seconds"] == 15


def test_a_jawt_backup_gives_a_circuit_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = {
        "workouts": [
            jawt((2, [("Squat", 30), ("Pause", 10)]), title="Legs"),
            jawt((1, [("Push-up", 45)]), title="Arms"),
            jawt((1, [("Lunge", 20)]), title="legs"),
        ]
    }
    document = imported(tmp_path, capsys, "Backup.json", json.dumps(backup))
    circuits = document["circuits"]
    assert isinstance(circuits, list)
    assert [(item["name"], item["source_seconds"]) for item in circuits] == [
        ("legs", 10 + (30 + 10) * 2),
        ("arms", 10 + 45),
        ("legs-2", 10 + 20),
    ]
    assert all(item["estimated_seconds"] == item["source_seconds"] for item in circuits)
    assert sorted(path.name for path in user_circuits_dir().iterdir()) == [
        "arms.toml",
        "legs-2.toml",
        "legs.toml",
    ]


def test_one_workout_of_a_backup_by_its_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = {"workouts": [jawt((1, [("Squat", 30)])), jawt((1, [("Row", 50)]), title="Back")]}
    document = imported(
        tmp_path, capsys, "b.json", json.dumps(backup), "--workout", "back", "--name", "pull"
    )
    assert [item["name"] for item in document["circuits"]] == ["pull"]  # type: ignore[union-attr]
    assert work(plan_of(capsys, "pull"))[1] == ("work", "Row", 50)


def test_jawt_defaults_fill_a_null(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workout = {
        "title": None,
        "sets": [{"repetitions": None, "exercises": [{"name": None, "duration": None}]}],
    }
    document = imported(tmp_path, capsys, "n.json", json.dumps(workout))
    # JAWT's defaults: title "Workout", 1 repetition, an "Exercise" of 30 s
    assert document["circuits"][0]["source_seconds"] == 10 + 30  # type: ignore[index]
    assert work(plan_of(capsys, "workout"))[1] == ("work", "Exercise", 30)


def test_a_jawt_export_in_latin_1_keeps_its_accents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # JAWT writes an export a byte a character (jsonEncode(...).codeUnits): "é" is 0xE9
    path = tmp_path / "export.json"
    path.write_bytes(
        json.dumps({"workouts": [jawt((1, [("Élan", 30)]))]}, ensure_ascii=False).encode("latin-1")
    )
    code, _, err = run(capsys, "import", str(path))
    assert code == 0
    assert "warning: not UTF-8: read as Latin-1" in err
    assert work(plan_of(capsys, "legs"))[1] == ("work", "Élan", 30)


# ------------------------------------------------------------------ the command


def test_an_existing_circuit_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(tmp_path, capsys, "a.yml", qintervals(interval("work", "Run", "1m")))
    path = tmp_path / "b.yml"
    path.write_text(qintervals(interval("work", "Row", "2m")), encoding="utf-8")
    code, out, err = run(capsys, "import", str(path))
    assert code == 2 and out == ""
    assert f"test.toml already in {user_circuits_dir()}" in err and "--force" in err
    assert work(plan_of(capsys, "test")) == [("work", "Run", 60)]
    code, _, _ = run(capsys, "import", str(path), "--force")
    assert code == 0 and work(plan_of(capsys, "test")) == [("work", "Row", 120)]


def test_a_name_for_a_backup_of_several_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "b.json"
    path.write_text(
        json.dumps({"workouts": [jawt((1, [("A", 5)])), jawt((1, [("B", 5)]), title="X")]})
    )
    code, _, err = run(capsys, "import", str(path), "--name", "mine")
    assert code == 2 and "--workout TITLE" in err
    assert not user_circuits_dir().exists()


def test_names_are_shown_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps(jawt((1, [("Squat", 5)]), title="Evil\x1b[2J")))
    code, out, _ = run(capsys, "import", str(path))
    assert code == 0 and "\x1b" not in out and "Evil\\x1b[2J" in out
    assert work(plan_of(capsys, "evil-2j"))[1] == ("work", "Squat", 5)


def test_without_pyyaml_a_yaml_file_gets_the_install_command(tmp_path: Path) -> None:
    path = tmp_path / "w.yml"
    path.write_text(qintervals(interval("work", "Run", "1m")), encoding="utf-8")
    script = (
        "import sys; sys.modules['yaml'] = None\n"  # as if PyYAML were not installed
        "from hamtimer.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "import", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert 'needs PyYAML: install it with pip install "hamtimer[import]"' in done.stderr
    assert "Traceback" not in done.stderr


def test_the_readme_s_qintervals_example_imports_as_it_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\n  title: Threshold") + len("```yaml\n")
    text = readme[start : readme.index("  ```", start)]
    document = imported(tmp_path, capsys, "threshold.yml", dedent(text))
    (circuit,) = document["circuits"]  # type: ignore[misc]
    # 10 minutes, 6 minutes of work and 5 rests of 30 s between them, 10 minutes
    assert circuit["source_seconds"] == circuit["estimated_seconds"] == 600 + 6 * 60 + 5 * 30 + 600
    assert circuit["name"] == "threshold"
