"""`hamtimer show` and `hamtimer check` for each construct of the prescriptions, run as a
runner runs them (`hamtimer.cli.main`): the table, the JSON, and what goes to stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamtimer.cli import main

HEAD = 'name = "Mine"\n[timing]\nget_ready = 5\nrest_between_blocks = 90\n'


def block(name: str, settings: str, *exercises: str) -> str:
    return f'[[blocks]]\nname = "{name}"\n{settings}\n' + "".join(exercises)


def exercise(name: str, work: str, kind: str = "strength") -> str:
    return f'[[blocks.exercises]]\nname = "{name}"\nkind = "{kind}"\n{work}\n'


def show(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, *flags: str
) -> tuple[int, str, str]:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["show", str(path), *flags])
    out, err = capsys.readouterr()
    return code, out, err


def rows(out: str) -> list[list[str]]:
    """The table's rows as cells (a step's text wrapped over lines joined back)."""
    found: list[list[str]] = []
    for line in out.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if cells[0]:
            found.append(cells)
        else:
            found[-1] = [f"{a} {b}".strip() for a, b in zip(found[-1], cells, strict=True)]
    return found


def steps_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> list[dict[str, object]]:
    code, out, _ = show(capsys, tmp_path, text, "--json")
    assert code == 0
    steps: list[dict[str, object]] = json.loads(out)["steps"]
    return steps


def test_show_a_pyramid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = HEAD + block("B", "", exercise("Nordic curl", "reps = [12, 10, 8]"))
    code, out, _ = show(capsys, tmp_path, text)
    assert code == 0
    table = rows(out)
    assert [(row[3], row[4]) for row in table[1:]] == [
        ("Nordic curl — 12 reps", "set 1 of 3"),
        ("Rest 60 s (between sets)", ""),
        ("Nordic curl — 10 reps", "set 2 of 3"),
        ("Rest 60 s (between sets)", ""),
        ("Nordic curl — 8 reps", "set 3 of 3"),
    ]
    steps = steps_json(capsys, tmp_path, text)
    assert [step["reps"] for step in steps if step["kind"] == "work"] == [12, 10, 8]


def test_show_a_range(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = HEAD + block(
        "B", "", exercise("Squat", 'reps = "6-8"'), exercise("Plank", 'seconds = "20–30"')
    )
    code, out, _ = show(capsys, tmp_path, text)
    assert code == 0
    table = rows(out)
    assert table[1][3] == "Squat — 6–8 reps" and table[1][5] == "~0:24", "estimated at the top"
    assert table[3][3] == "Plank — 20–30 seconds" and table[3][5] == "0:30"
    squat, _, plank = steps_json(capsys, tmp_path, text)[1:]
    assert (squat["reps"], squat["reps_low"]) == (8, 6)
    assert (plank["seconds"], plank["seconds_low"]) == (30, 20)


def test_show_a_written_rest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rest = '[[blocks.exercises]]\nkind = "rest"\nseconds = 120\nname = "Walk it off"\n'
    text = HEAD + block("B", "", exercise("Squat", "reps = 5"), rest, exercise("Lunge", "reps = 6"))
    code, out, _ = show(capsys, tmp_path, text)
    assert code == 0
    assert [row[3] for row in rows(out)[1:]] == [
        "Squat — 5 reps",
        "Walk it off 120 s",
        "Lunge — 6 reps",
    ]
    written = steps_json(capsys, tmp_path, text)[2]
    assert (written["kind"], written["rest_reason"], written["title"]) == (
        "rest",
        "written",
        "Walk it off",
    )


def test_show_a_warm_up_and_a_cool_down(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (
        HEAD
        + block(
            "Warm-up", 'role = "warm-up"\nrest_after = 30', exercise("Skip", "reps = 20", "cardio")
        )
        + block("Main", "", exercise("Squat", "reps = 5"))
        + block("Cool-down", 'role = "cool-down"', exercise("Stretch", "seconds = 30", "mobility"))
    )
    code, out, _ = show(capsys, tmp_path, text)
    assert code == 0
    assert [(row[3], row[4]) for row in rows(out)] == [
        ("Get ready 5 s", ""),
        ("Skip — 20 reps", "warm-up · set 1 of 1"),
        ("Rest 30 s (between blocks)", ""),
        ("Squat — 5 reps", "set 1 of 1"),
        ("Rest 90 s (between blocks)", ""),
        ("Stretch — 30 seconds", "cool-down · set 1 of 1"),
    ]
    roles = [step["role"] for step in steps_json(capsys, tmp_path, text)]
    assert roles == ["main", "warm-up", "main", "main", "main", "cool-down"]


def test_show_a_tempo_of_phases(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = HEAD + block("B", "", exercise("Nordic curl", 'reps = 4\ntempo = "3-1-1-0"'))
    code, out, _ = show(capsys, tmp_path, text)
    assert code == 0
    assert rows(out)[1][5] == "0:20", "paced: no ~"
    curl = steps_json(capsys, tmp_path, text)[1]
    assert (curl["tempo"], curl["tempo_phases"], curl["seconds"]) == (5, [3, 1, 1, 0], 20)


def test_show_an_include(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "cool.toml").write_text(
        'name = "Cool"\n' + block("Cool", "", exercise("Stretch", "seconds = 30", "mobility"))
    )
    text = (
        HEAD + block("B", "", exercise("Squat", "reps = 5")) + '[[blocks]]\ninclude = "cool.toml"\n'
    )
    code, out, _ = show(capsys, tmp_path, text)
    assert code == 0
    assert [row[3] for row in rows(out)[1:]] == [
        "Squat — 5 reps",
        "Rest 90 s (between blocks)",
        "Stretch — 30 seconds",
    ]
    cycle = text.replace("cool.toml", "mine.toml")
    code, _, err = show(capsys, tmp_path, cycle)
    assert code == 2 and "include cycle: mine.toml → mine.toml" in err


LATE_JUMPS = HEAD + block(
    "All",
    "",
    exercise("Nordic curl", "reps = 5", "eccentric"),
    exercise("Bound", "reps = 8", "plyometric"),
)
REASON = "FIFA 11+ puts its jumps last on purpose"


def test_show_and_check_print_the_reason_instead_of_the_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = show(capsys, tmp_path, LATE_JUMPS)
    assert code == 0 and "warning: plyometric 'Bound' comes after 'Nordic curl'" in err
    quiet = LATE_JUMPS.replace(
        "[timing]", f'[checks]\nplyometrics_first = false\nreason = "{REASON}"\n[timing]'
    )
    code, _, err = show(capsys, tmp_path, quiet)
    assert code == 0 and "warning" not in err
    assert f"note: jumps come after heavy work on purpose: {REASON}" in err
    code = main(["check", str(tmp_path / "mine.toml")])
    out, err = capsys.readouterr()
    assert code == 0 and "ok — Mine" in out
    assert "warning" not in err and REASON in err


def test_check_names_the_exercise_whose_list_does_not_fit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(HEAD + block("B", "", exercise("Nordic curl", "reps = [12, 10]\nsets = 3")))
    code = main(["check", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert (
        'bad.toml:11:1: exercise "Nordic curl" (block "B"): reps lists 2 values but sets = 3' in err
    )
