"""The commands, run as a user runs them: exit codes and what they print."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hamtimer.circuit import user_circuits_dir
from hamtimer.cli import main

REPO = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_prints_the_whole_plan_with_its_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show")
    assert code == 0
    assert "Hamstring circuit for runners" in out
    assert "48 steps" in out and "estimated 22:04" in out
    assert "COUNTER-CLOCKWISE" in out
    assert "21:28" in out, "the last step's start offset"


def test_show_json_is_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "hamstring", "--json", "--challenge")
    assert code == 0
    document = json.loads(out)
    assert document["challenge"] is True
    assert document["estimated_seconds"] == 1324
    assert len(document["steps"]) == len(document["starts"]) == 48
    assert document["steps"][17]["direction"] == "clockwise"
    assert document["steps"][13]["challenge"]


def test_show_unknown_name_lists_the_circuits(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "hamstrings")
    assert code == 2
    assert "no circuit named 'hamstrings'" in err and "hamstring" in err


def test_show_a_path_warns_about_late_plyometrics(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "late.toml"
    path.write_text(
        """
name = "Late jumps"
[[blocks]]
name = "All"
sets = 1
[[blocks.exercises]]
name = "Deadlift"
kind = "strength"
reps = 5
[[blocks.exercises]]
name = "Tuck jump"
kind = "plyometric"
reps = 5
""",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "show", str(path))
    assert code == 0
    assert "Tuck jump" in out
    assert "warning" in err and "Deadlift" in err


def test_list_shows_bundled_and_own_circuits(
    capsys: pytest.CaptureFixture[str], hamstring_path: Path
) -> None:
    own = user_circuits_dir()
    own.mkdir(parents=True)
    text = hamstring_path.read_text(encoding="utf-8")
    (own / "mine.toml").write_text(text.replace("Hamstring circuit for runners", "Mine"))
    (own / "broken.toml").write_text("name = \n")
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "hamstring" in out and "22:04" in out and "bundled" in out
    assert "Mine" in out and "yours" in out
    assert "broken" in out and "invalid" in out


def test_own_circuit_replaces_a_bundled_one_of_that_name(
    capsys: pytest.CaptureFixture[str], hamstring_path: Path
) -> None:
    own = user_circuits_dir()
    own.mkdir(parents=True)
    text = hamstring_path.read_text(encoding="utf-8").replace("sets = 3", "sets = 1")
    (own / "hamstring.toml").write_text(text)
    code, out, _ = run(capsys, "show", "--json")
    assert code == 0
    assert len(json.loads(out)["steps"]) < 48


def test_check_valid_and_invalid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hamstring_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(hamstring_path.read_text().replace("reps = 12", "repz = 12"))
    code, out, _ = run(capsys, "check", str(hamstring_path))
    assert code == 0 and "ok" in out and "48 steps" in out
    missing = str(tmp_path / "none.toml")
    code, out, err = run(capsys, "check", str(hamstring_path), str(bad), missing)
    assert code == 1
    assert (
        f'{bad}:96:1: exercise "Hamstring roll-out and roll-in" (block "Strength and '
        'stability"): unknown key repz; did you mean reps?' in err
    )
    assert "no such file" in err


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "hamtimer circuit"
    assert "Exercise" in schema["$defs"]


@pytest.mark.parametrize("argv", [["run", "--speed", "0"], ["--speed", "-1"]])
def test_run_refuses_a_bad_speed(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and "--speed" in err


def test_run_with_an_unknown_circuit_lists_the_circuits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "nosuch", "--challenge")
    assert code == 2 and "no circuit named 'nosuch'" in err and "hamstring" in err


def test_python_m_from_another_folder_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe garbage")
    env = {**os.environ, "HAMTIMER_CONFIG_DIR": str(tmp_path / "cfg")}
    for argv, expected in (
        (["show"], 0),
        (["check", str(bad)], 1),
        (["show", str(bad)], 2),
        (["show", "no-such-circuit"], 2),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "hamtimer", *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == expected, (argv, done.stderr)
        assert "Traceback" not in done.stderr + done.stdout


def test_wheel_ships_the_circuits_and_sounds(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = tmp_path.glob("hamtimer-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "hamtimer/circuits/hamstring.toml" in names
    assert "hamtimer/circuit.schema.json" in names
    assert "hamtimer/programmes/nordic.toml" in names
    assert "hamtimer/programme.schema.json" in names
    assert any(name.startswith("hamtimer/sounds/") for name in names)
