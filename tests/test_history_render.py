"""`hamtimer history`: the table a runner reads and the JSON a script reads."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from history_fakes import fake_records
from rich.console import Console

from hamtimer.cli import main
from hamtimer.history import (
    HistoryStore,
    Outcome,
    Session,
    WorkoutEntry,
    circuit_hash,
    completion_text,
    entry_from_records,
    filter_entries,
    holds_text,
    render_history,
)
from hamtimer.plan import Plan

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
) -> WorkoutEntry:
    session = Session.begin(
        plan.model_copy(update={"challenge": challenge}),
        circuit_ref=ref,
        circuit_hash=circuit_hash(ref.encode()),
        now=START + timedelta(days=day),
    )
    done = len(plan) if upto is None else upto
    return entry_from_records(
        plan,
        fake_records(plan, done, right=right, left=left, skipped=skipped),
        session,
        outcome=Outcome.FINISHED if upto is None else Outcome.ABANDONED,
        ended_at=session.started_at + timedelta(minutes=30),
    )


def rendered(entries: list[WorkoutEntry], **options: object) -> str:
    console = Console(width=200, record=True, color_system=None)
    render_history(console, entries, **options)  # type: ignore[arg-type]
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
    text = rendered([entry, make(hamstring_plan, day=1, upto=20, right=60, left=40)])
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


def test_challenge_workouts_are_marked(hamstring_plan: Plan) -> None:
    assert "(challenge)" in rendered([make(hamstring_plan, challenge=True)])
    assert "(challenge)" not in rendered([make(hamstring_plan)])


def test_names_are_shown_as_written_not_as_markup(hamstring_plan: Plan) -> None:
    entry = make(hamstring_plan).model_copy(update={"circuit": "Legs [hard] [/x]"})
    assert "Legs [hard] [/x]" in rendered([entry])
    assert "No workouts of '[/b]' yet" in rendered([entry], circuit="[/b]")


def test_no_workouts_says_so(hamstring_plan: Plan) -> None:
    assert "No workouts yet" in rendered([])
    assert "No workouts of 'pushups' yet" in rendered([make(hamstring_plan)], circuit="pushups")


@pytest.mark.parametrize(
    ("wanted", "count"),
    [
        ("hamstring", 1),
        ("HAMSTRING", 1),
        ("for runners", 1),
        ("circuit", 2),
        ("mine", 1),
        ("mine.toml", 1),
        ("/home/r/mine.toml", 1),
        ("x", 0),
    ],
)
def test_filter_by_circuit_name_or_file(hamstring_plan: Plan, wanted: str, count: int) -> None:
    entries = [make(hamstring_plan), make(hamstring_plan, ref="/home/r/mine.toml")]
    entries[1] = entries[1].model_copy(update={"circuit": "My circuit"})
    assert len(filter_entries(entries, wanted)) == count
    assert filter_entries(entries, None) == entries


def test_json_is_the_stored_entries_with_holds(hamstring_plan: Plan) -> None:
    entries = [make(hamstring_plan, day=1, ref="other"), make(hamstring_plan, ref="mine")]
    document = json.loads(rendered(entries, circuit="mine", as_json=True))
    assert len(document) == 1
    [item] = document
    assert item["id"] == str(entries[1].id)
    assert item["started_at"] == "2026-03-01T10:30:00Z"
    assert len(item["steps"]) == 48 and item["outcome"] == "finished"
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
    assert WorkoutEntry.model_validate(item) == entries[1]


def test_json_of_nothing_is_an_empty_list() -> None:
    assert json.loads(rendered([], as_json=True)) == []


def test_the_history_command_reads_the_data_folder(
    tmp_path: Path, hamstring_plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "elsewhere"
    store = HistoryStore(folder)
    store.append(make(hamstring_plan))
    with store.history_path.open("ab") as history:
        history.write(b"\xff torn")
    assert main(["history", "--json", "--data-dir", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 1
    assert "1 unreadable line kept in" in err
    assert main(["history", "--json", "--data-dir", str(folder)]) == 0
    assert "unreadable" not in capsys.readouterr().err  # told once
