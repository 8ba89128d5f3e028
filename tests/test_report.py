"""Every text, table and JSON of a result: `hamtimer history`, exports and their words."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from hamtimer.circuit import circuit_hash
from hamtimer.cli import main
from hamtimer.events import StepStatus
from hamtimer.history import HistoryStore, Outcome, SideHolds, WorkoutRecord
from hamtimer.plan import Plan, WorkMode
from hamtimer.report import (
    completion_text,
    csv_rows,
    history_table,
    holds_table,
    holds_text,
    record_json,
    summary_text,
    weaker_side,
    write_csv,
    write_json,
    write_jsonl,
)
from tests.history_fakes import fake_records

START = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)


@pytest.fixture
def utc_plus_two(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time two hours ahead of UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "XXX-2")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def make(
    plan: Plan,
    *,
    day: int = 0,
    right: float = 52.0,
    left: float = 47.0,
    upto: int | None = None,
    ref: str = "hamstring",
    challenge: bool = False,
    skipped: frozenset[int] = frozenset(),
    speed: float = 1.0,
) -> WorkoutRecord:
    which = replace(plan, challenge=challenge)
    begun = WorkoutRecord.begin(
        which,
        circuit_ref=ref,
        circuit_hash=circuit_hash(ref.encode()),
        speed=speed,
        now=START + timedelta(days=day),
    )
    done = len(plan) if upto is None else upto
    return begun.ended(
        which,
        fake_records(plan, done, right=right, left=left, skipped=skipped),
        Outcome.FINISHED if upto is None else Outcome.ABANDONED,
        now=begun.started_at + timedelta(minutes=30),
    )


def rendered(what: Table | object, width: int = 200) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(what)
    return console.export_text()


def test_holds_text_shows_both_sides_and_the_difference(hamstring_plan: Plan) -> None:
    assert holds_text(make(hamstring_plan)) == "R 0:52 · L 0:47 (−10%)"
    assert holds_text(make(hamstring_plan, right=40.0, left=44.0)) == "R 0:40 · L 0:44 (+9%)"


def test_holds_text_flags_uneven_sides(hamstring_plan: Plan) -> None:
    assert holds_text(make(hamstring_plan, right=60.0, left=45.0)) == "R 1:00 · L 0:45 (−25%) ⚠"


def test_holds_text_with_one_side_or_none(hamstring_plan: Plan) -> None:
    assert holds_text(make(hamstring_plan, upto=14)) == "R 0:52"
    assert holds_text(make(hamstring_plan, upto=5)) == ""


@pytest.mark.parametrize(
    ("upto", "skipped", "expected"),
    [
        (None, frozenset(), "48/48"),
        (None, frozenset({3, 7}), "46/48 · 2 skipped"),
        (20, frozenset(), "abandoned 20/48"),
    ],
)
def test_completion_text(
    hamstring_plan: Plan, upto: int | None, skipped: frozenset[int], expected: str
) -> None:
    assert completion_text(make(hamstring_plan, upto=upto, skipped=skipped)) == expected


def test_table_shows_every_column(hamstring_plan: Plan, utc_plus_two: None) -> None:
    entry = make(hamstring_plan)
    text = rendered(history_table([entry, make(hamstring_plan, day=1, upto=20, right=60, left=40)]))
    assert "2026-03-01 12:30" in text  # 10:30 UTC in local time
    assert "2026-03-02 12:30" in text
    assert "Hamstring circuit for runners" in text
    minutes, seconds = divmod(round(entry.active_seconds), 60)
    assert f"{minutes}:{seconds:02d}" in text
    assert "48/48" in text and "abandoned 20/48" in text
    assert "R 0:52 · L 0:47 (−10%)" in text
    assert "R 1:00 · L 0:40 (−33%) ⚠" in text


def test_duration_leaves_out_pauses(hamstring_plan: Plan) -> None:
    entry = make(hamstring_plan)
    assert entry.active_seconds == sum(step.active_seconds for step in entry.steps)
    assert all(step.paused_seconds == 2.0 for step in entry.steps)  # paused, not counted
    assert entry.active_seconds < (entry.ended_at - entry.started_at).total_seconds()


def test_challenge_workouts_and_rehearsals_are_marked(hamstring_plan: Plan) -> None:
    assert "(challenge)" in rendered(history_table([make(hamstring_plan, challenge=True)]))
    assert "(challenge)" not in rendered(history_table([make(hamstring_plan)]))
    both = make(hamstring_plan, challenge=True, speed=20)
    assert "(challenge, rehearsal ×20)" in rendered(history_table([both]))


def test_names_are_shown_as_written_not_as_markup(hamstring_plan: Plan) -> None:
    entry = replace(make(hamstring_plan), circuit="Legs [hard] [/x]")
    assert "Legs [hard] [/x]" in rendered(history_table([entry]))
    assert "Legs [hard] [/x]" in rendered(summary_text(entry))


def test_older_workouts_left_out_are_counted(hamstring_plan: Plan) -> None:
    text = rendered(history_table([make(hamstring_plan)], older=12))
    assert "12 older workout(s) not shown: --all shows every one." in text
    assert "not shown" not in rendered(history_table([make(hamstring_plan)]))


def test_the_summary_says_how_it_went(hamstring_plan: Plan) -> None:
    entry = make(hamstring_plan, skipped=frozenset({3}))
    finished = rendered(summary_text(entry))
    assert "Workout finished!" in finished and "Steps done 47 of 48" in finished
    minutes, seconds = divmod(round(entry.active_seconds), 60)
    assert f"Total time (without pauses): {minutes}:{seconds:02d}" in finished
    assert "skipped 1" in finished and "Hamstring circuit for runners" in finished
    ended = rendered(summary_text(make(hamstring_plan, upto=20, speed=20)))
    assert "Workout ended" in ended and "(rehearsal ×20)" in ended
    assert "Rehearsal ×20: not counted in hold trends." in ended


def test_the_holds_table_names_the_weaker_side(hamstring_plan: Plan) -> None:
    table = holds_table(make(hamstring_plan, right=60.0, left=45.0))
    assert table is not None
    text = rendered(table)
    assert "Best hold per side" in text
    assert "Bird dog with wall push" in text and "1:00" in text and "0:45" in text
    assert "left 25% shorter ⚠" in text
    rehearsed = rendered(holds_table(make(hamstring_plan, right=60, left=45, speed=20)))
    assert "left 25% shorter" in rehearsed and "⚠" not in rehearsed
    assert "right 10% shorter" in rendered(holds_table(make(hamstring_plan, right=45, left=50)))
    assert holds_table(make(hamstring_plan, upto=5)) is None


@pytest.mark.parametrize(
    ("right", "left", "rehearsal", "expected"),
    [
        (52.0, 42.0, False, "left 19% shorter ⚠"),
        (42.0, 52.0, False, "right 19% shorter ⚠"),
        (52.0, 47.0, False, "left 10% shorter"),  # within 15%: named, not flagged
        (52.0, 42.0, True, "left 19% shorter"),  # a rehearsal is never flagged
        (40.0, 40.0, False, "even"),
        (40.0, None, False, ""),
        (None, None, False, ""),
    ],
)
def test_weaker_side(
    right: float | None, left: float | None, rehearsal: bool, expected: str
) -> None:
    hold = SideHolds("Bird dog", right=right, left=left, rehearsal=rehearsal)
    assert weaker_side(hold) == expected


def test_json_is_every_workout_with_its_holds(hamstring_plan: Plan) -> None:
    entries = [make(hamstring_plan, day=1, ref="other"), make(hamstring_plan, ref="mine")]
    out = io.StringIO()
    write_json(entries, out)
    document = json.loads(out.getvalue())
    assert [item["id"] for item in document] == [str(entry.id) for entry in entries]
    item = document[1]
    assert item["started_at"] == "2026-03-01T10:30:00Z"
    assert len(item["steps"]) == 48 and item["outcome"] == "finished"
    assert (item["completed"], item["speed"], item["rehearsal"]) == (48, 1.0, False)
    assert item["holds"] == [
        {
            "exercise": "Bird dog with wall push",
            "right": 52.0,
            "left": 47.0,
            "both": None,
            "difference": pytest.approx(5 / 52),
            "uneven": False,
        }
    ]
    assert item["steps"][13]["held_seconds"] == 52.0 and item["steps"][2]["planned"] == 30.0
    assert (item["steps"][13]["side"], item["steps"][2]["side"]) == ("right", None)
    assert item["ended_at"] == "2026-03-01T11:00:00Z"


def test_json_of_nothing_is_an_empty_list() -> None:
    out = io.StringIO()
    write_json([], out)
    assert json.loads(out.getvalue()) == []


def test_jsonl_is_a_workout_a_line(hamstring_plan: Plan) -> None:
    entries = [make(hamstring_plan), make(hamstring_plan, day=1, upto=9)]
    out = io.StringIO()
    write_jsonl(entries, out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [record_json(entry) for entry in entries]


def test_csv_is_a_step_a_row_with_planned_and_actual_seconds(hamstring_plan: Plan) -> None:
    entries = [make(hamstring_plan), make(hamstring_plan, day=1, upto=9)]
    out = io.StringIO()
    write_csv(entries, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 48 + 9, "steps never reached have no row"
    rest = rows[2]
    assert (rest["step"], rest["kind"], rest["planned_seconds"]) == (
        "Rest 30 s (between sides)",
        "rest",
        "30",
    )
    assert rest["actual_seconds"] == "30" and rest["outcome"] == "timed_out"
    hold = rows[13]
    assert (hold["exercise"], hold["side"], hold["set"]) == (
        "Bird dog with wall push",
        "right",
        "1",
    )
    assert (hold["planned_seconds"], hold["held_seconds"]) == ("", "52")
    assert rows[-1]["workout_outcome"] == "abandoned" and rows[0]["date"] == "2026-03-01T10:30:00Z"
    assert csv_rows(entries[1])[0]["workout"] == str(entries[1].id)


def store_with(folder: Path, *entries: WorkoutRecord) -> HistoryStore:
    store = HistoryStore(folder)
    for entry in entries:
        store.save(entry)
    store.close()
    return store


def test_the_history_command_reads_the_data_folder(
    tmp_path: Path,
    hamstring_plan: Plan,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "elsewhere"
    store_with(folder, make(hamstring_plan), make(hamstring_plan, day=1, speed=20))
    assert main(["history", "--data-dir", str(folder)]) == 0
    out, _ = capsys.readouterr()
    assert "Hamstring circuit for runners" in out and "rehearsal ×20" in out
    assert main(["history", "--json", "--data-dir", str(folder)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_the_history_command_shows_the_newest_and_counts_the_rest(
    tmp_path: Path, hamstring_plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    store_with(folder, *(make(hamstring_plan, day=day) for day in range(5)))
    assert main(["history", "--limit", "2", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "3 older workout(s) not shown" in out and out.count("48/48") == 2
    assert main(["history", "--all", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "not shown" not in out and out.count("48/48") == 5


def test_the_history_command_filters_by_circuit(
    tmp_path: Path, hamstring_plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    store_with(folder, make(hamstring_plan), make(hamstring_plan, day=1, ref="/r/mine.toml"))
    assert main(["history", "--json", "--circuit", "mine", "--data-dir", str(folder)]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["circuit_ref"] == "/r/mine.toml"
    assert main(["history", "--circuit", "[/b]", "--data-dir", str(folder)]) == 0
    assert "No workouts of '[/b]' yet." in capsys.readouterr().out


def test_no_workouts_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--data-dir", str(tmp_path / "none")]) == 0
    assert "No workouts yet." in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_the_export_writes_every_workout(
    tmp_path: Path, hamstring_plan: Plan, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    folder = tmp_path / "data"
    store_with(folder, *(make(hamstring_plan, day=day) for day in range(3)))
    assert main(["history", "--export", kind, "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    if kind == "jsonl":
        assert len(out.splitlines()) == 3
    else:
        assert len(list(csv.DictReader(io.StringIO(out)))) == 3 * 48


def test_an_unknown_export_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["history", "--export", "xml"])
    assert stopped.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_json_of_a_workout_in_progress_has_no_end(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    document = record_json(begun)
    assert (document["ended_at"], document["outcome"]) == (None, "in_progress")


def test_holds_of_two_exercises_are_named(hamstring_plan: Plan) -> None:
    entry = make(hamstring_plan)
    plank = replace(entry.steps[23], exercise="Plank", mode=WorkMode.OPEN, side=None)
    plank = replace(plank, status=StepStatus.DONE, held_seconds=75.0)
    two = replace(entry, steps=(*entry.steps[:23], plank, *entry.steps[24:]))
    assert holds_text(two).splitlines() == [
        "Bird dog with wall push: R 0:52 · L 0:47 (−10%)",
        "Plank: 1:15",
    ]
