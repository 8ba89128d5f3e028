"""The bundled programmes from the literature: each one's plan (`hamtimer show --json`)
against its source's sets, reps and times, written out here from the source; and
`hamtimer list` shows them all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hamtimer.circuit import load_circuit
from hamtimer.cli import main
from hamtimer.folders import bundled_dir

PROGRAMMES = ("nordic", "askling", "fifa11plus", "copenhagen", "tabata", "emom")

Work = tuple[str, str | None, int, int, str]
"""(exercise, side, set number, set count, amount) of one work step."""


def bundled(name: str) -> Path:
    return bundled_dir("circuits") / f"{name}.toml"


def plan(capsys: pytest.CaptureFixture[str], name: str) -> dict[str, Any]:
    code = main(["show", name, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def amount(step: dict[str, Any]) -> str:
    """'12 reps', '6-8 reps', '30 s', '20-30 s': the prescription of one work step."""
    if step["reps"] is not None:
        low = f"{step['reps_low']}-" if step["reps_low"] is not None else ""
        return f"{low}{step['reps']} reps"
    low = f"{step['seconds_low']:g}-" if step["seconds_low"] is not None else ""
    return f"{low}{step['seconds']:g} s"


def work(document: dict[str, Any]) -> list[Work]:
    return [
        (step["exercise"], step["side"], step["set_number"], step["set_count"], amount(step))
        for step in document["steps"]
        if step["kind"] == "work"
    ]


def sets(
    exercise: str, count: int, *amounts: str, sides: tuple[str | None, ...] = (None,)
) -> list[Work]:
    """Every work step of `count` sets of `exercise`, one amount a set (or one for all)."""
    per_set = amounts if len(amounts) == count else amounts * count
    return [
        (exercise, side, number, count, per_set[number - 1])
        for number in range(1, count + 1)
        for side in sides
    ]


def test_nordic_weeks_5_to_10_are_3_sets_of_12_10_and_8(capsys: pytest.CaptureFixture[str]) -> None:
    # Petersen et al. 2011, Table 1 (Mjølsnes et al. 2004): weeks 5-10, 3 sets of 12, 10, 8
    document = plan(capsys, "nordic")
    assert work(document) == sets("Nordic hamstring exercise", 3, "12 reps", "10 reps", "8 reps")
    rests = [step["seconds"] for step in document["steps"] if step["kind"] == "rest"]
    assert rests == [60, 60], "the file's own choice: the papers give no rest"


def test_askling_extender_diver_glider(capsys: pytest.CaptureFixture[str]) -> None:
    # Askling et al. 2013: Extender 3 x 12, Diver 3 x 6, Glider 3 x 4, the injured leg only
    assert work(plan(capsys, "askling")) == [
        *sets("The Extender", 3, "12 reps"),
        *sets("The Diver", 3, "6 reps"),
        *sets("The Glider", 3, "4 reps"),
    ]


def test_fifa_11_plus_part_2_level_1_with_the_jumps_last(
    capsys: pytest.CaptureFixture[str],
) -> None:
    both = ("right", "left")
    # The 11+ manual, part 2, level 1 (exercises 7-12, in their order)
    assert work(plan(capsys, "fifa11plus")) == [
        *sets("The bench", 3, "20-30 s"),
        *sets("Sideways bench", 3, "20-30 s", sides=both),
        *sets("Hamstrings", 1, "3-5 reps"),
        *sets("Single-leg stance, hold the ball", 2, "30 s", sides=both),
        *sets("Squats with toe raise", 2, "30 s"),
        *sets("Vertical jumps", 2, "30 s"),
    ]
    code = main(["check", str(bundled("fifa11plus"))])
    _, err = capsys.readouterr()
    assert code == 0
    assert "warning" not in err, "the jumps come last on purpose, said in [checks]"
    assert "note: jumps come after heavy work on purpose: FIFA 11+ puts the jumps last" in err


def test_copenhagen_adduction_is_one_set_of_12_to_15_a_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Harøy et al. 2019: 1 set a side, up to 12-15 reps by the end of the pre-season
    assert work(plan(capsys, "copenhagen")) == sets(
        "Copenhagen adduction", 1, "12-15 reps", sides=("right", "left")
    )


def test_tabata_is_8_bouts_of_20_s_with_10_s_between(capsys: pytest.CaptureFixture[str]) -> None:
    # Tabata et al. 1996: 20 s of work, 10 s of rest, 7-8 bouts (here 8)
    document = plan(capsys, "tabata")
    steps = [(step["kind"], step["seconds"]) for step in document["steps"]]
    assert steps == [("get_ready", 10), *[("work", 20), ("rest", 10)] * 7, ("work", 20)]
    bouts = [step for step in document["steps"] if step["kind"] == "work"]
    assert [(step["interval_number"], step["interval_count"]) for step in bouts] == [
        (number, 8) for number in range(1, 9)
    ], "interval 3 of 8"
    assert document["estimated_seconds"] == 10 + 8 * 20 + 7 * 10


def test_the_emom_is_ten_minutes_each_starting_on_the_minute(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # No study: the format itself, every interval 60 s, 5 rounds of 2 exercises
    document = plan(capsys, "emom")
    assert work(document) == [
        step
        for number in range(1, 6)
        for step in (
            ("Squat", None, number, 5, "15 reps"),
            ("Glute bridge", None, number, 5, "15 reps"),
        )
    ]
    intervals = [step for step in document["steps"] if step["kind"] != "get_ready"]
    assert {step["every"] for step in intervals if step["kind"] == "work"} == {60}
    # each minute: the reps' estimate, then the rest of the minute
    minutes = [
        a["estimate"] + b["estimate"] for a, b in zip(intervals[::2], intervals[1::2], strict=True)
    ]
    assert minutes == [60] * 10
    assert document["estimated_seconds"] == 10 + 10 * 60


@pytest.mark.parametrize("name", PROGRAMMES)
def test_every_programme_cites_its_source(name: str) -> None:
    circuit = load_circuit(bundled(name))
    assert circuit.source is not None and circuit.source.citation
    assert circuit.source.doi or name == "emom", "the EMOM says it has no study behind it"


def test_list_shows_every_programme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    names = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")]
    assert set(PROGRAMMES) | {"hamstring"} <= set(names)
    assert "invalid" not in out and err == ""
