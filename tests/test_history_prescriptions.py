"""What the history keeps of the prescriptions: each step's role, its prescribed range and
the paced reps counted, in the database (schema 2, migrated from 1), in a workout kept as
JSON, in the exports; and the summary's words for the sets and the ranges."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from hamtimer.circuit import BlockRole, parse_circuit
from hamtimer.events import StepRecord, StepStatus
from hamtimer.history import HistoryStore, Outcome, StepEntry, WorkoutRecord
from hamtimer.history.database import (
    _SCHEMA_1,
    APPLICATION_ID,
    DB_FILE,
    SCHEMA_VERSION,
    connect,
    open_database,
    recover,
)
from hamtimer.history.jsonform import dumps, parse
from hamtimer.history.rows import plan_digest
from hamtimer.plan import Plan, StepKind, WorkMode, build_plan
from hamtimer.report import csv_rows, range_text, record_json, sets_text, summary_text
from tests.conftest import START

CIRCUIT = """
name = "Nordic week 5"
[timing]
get_ready = 5
[[blocks]]
name = "Warm-up"
role = "warm-up"
[[blocks.exercises]]
name = "Leg swing"
kind = "mobility"
reps = "8-10"
[[blocks]]
name = "Strength"
[[blocks.exercises]]
name = "Nordic curl"
kind = "eccentric"
reps = ["6-8", 6]
tempo = 2
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
sides = ["right", "left"]
seconds = "20-30"
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(parse_circuit(CIRCUIT))


def shapes(plan: Plan) -> list[tuple[str, str | None]]:
    return [(step.kind.value, step.exercise) for step in plan.steps]


def done(plan: Plan, actives: dict[int, float], reps: dict[int, int]) -> WorkoutRecord:
    """A finished workout of `plan`: each step done in `actives` seconds (default 10)."""
    records = [
        StepRecord(
            index=step.index,
            status=StepStatus.DONE,
            started=0.0,
            ended=0.0,
            active_seconds=actives.get(step.index, 10.0),
            reps_counted=reps.get(step.index),
        )
        for step in plan.steps
    ]
    begun = WorkoutRecord.begin(plan, circuit_ref="nordic", circuit_hash="0" * 64, now=START)
    return begun.ended(plan, records, Outcome.FINISHED, now=START + timedelta(minutes=20))


def test_the_steps_are_what_the_tests_think(plan: Plan) -> None:
    assert shapes(plan) == [
        ("get_ready", None),
        ("work", "Leg swing"),
        ("rest", None),
        ("work", "Nordic curl"),
        ("rest", None),
        ("work", "Nordic curl"),
        ("rest", None),
        ("work", "Plank"),
        ("switch_sides", None),
        ("work", "Plank"),
    ]


def test_a_record_keeps_each_steps_role_range_and_reps(plan: Plan) -> None:
    record = done(plan, {7: 18.5}, {3: 7, 5: 6})
    swing, curl, curl_again, plank = (record.steps[i] for i in (1, 3, 5, 7))
    assert (swing.role, swing.low, swing.high) == (BlockRole.WARM_UP, 8, 10)
    assert (curl.role, curl.low, curl.high, curl.reps_counted) == (BlockRole.MAIN, 6, 8, 7)
    assert (curl_again.low, curl_again.reps_counted) == (None, 6)
    assert (plank.low, plank.high, plank.active_seconds) == (20, 30, 18.5)
    assert record.steps[2].role is BlockRole.MAIN, "the rest between blocks is the workout's"


def test_the_database_keeps_them(tmp_path: Path, plan: Plan) -> None:
    record = done(plan, {7: 18.5}, {3: 7, 5: 6})
    store = HistoryStore(tmp_path)
    store.save(record)
    store.close()
    (read,) = HistoryStore(tmp_path).workouts()
    assert read == record


def test_a_plan_without_roles_or_ranges_keeps_its_identity(hamstring_plan: Plan) -> None:
    """Workouts of a plan stored by the last version share its rows with this one's."""
    record = WorkoutRecord.begin(hamstring_plan, circuit_ref="h", circuit_hash="0" * 64)
    shape = [record.circuit, record.challenge, [step.summary for step in record.steps]]
    old = hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode()).hexdigest()
    assert plan_digest(record) == old


def test_a_role_or_a_range_is_part_of_a_plans_identity(plan: Plan) -> None:
    record = WorkoutRecord.begin(plan, circuit_ref="n", circuit_hash="0" * 64)
    steps = list(record.steps)
    steps[1] = StepEntry(**{**vars_of(steps[1]), "role": BlockRole.MAIN})
    assert plan_digest(record) != plan_digest(
        WorkoutRecord(**{**vars_of(record), "steps": tuple(steps)})
    )


def vars_of(item: object) -> dict[str, object]:
    return {name: getattr(item, name) for name in item.__slots__}  # type: ignore[attr-defined]


def version_1(folder: Path) -> Path:
    """A history written by the last version: schema 1, one workout of one step."""
    folder.mkdir(parents=True)
    path = folder / DB_FILE
    conn = connect(path)
    conn.executescript(_SCHEMA_1)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO plans (id, digest, circuit, challenge, step_count) "
        "VALUES (1, 'd', 'Old', 0, 1)"
    )
    conn.execute(
        "INSERT INTO plan_steps VALUES (1, 0, 'Squat — 5 reps', 'work', 'reps', 'Squat', "
        "NULL, 1, NULL)"
    )
    conn.execute(
        "INSERT INTO workouts VALUES (1, '12345678-1234-5678-1234-567812345678', 1, 'old', "
        f"'{'0' * 64}', 1, '2026-03-01T10:30:00+00:00', '2026-03-01T10:50:00+00:00', "
        "'2026-03-01T10:50:00+00:00', 'finished', 0, 0, NULL)"
    )
    conn.execute("INSERT INTO steps VALUES (1, 0, 'done', 12000, 0, NULL)")
    conn.close()
    return path


def test_a_version_1_history_is_migrated_and_reads_as_before(tmp_path: Path, plan: Plan) -> None:
    path = version_1(tmp_path / "data")
    store = HistoryStore(tmp_path / "data")
    (old,) = store.workouts()
    (step,) = old.steps
    assert (step.summary, step.active_seconds, step.role, step.low, step.reps_counted) == (
        "Squat — 5 reps",
        12,
        BlockRole.MAIN,
        None,
        None,
    )
    new = done(plan, {}, {3: 8})
    store.save(new)
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert len(HistoryStore(tmp_path / "data").workouts()) == 2


def test_a_version_1_history_takes_both_migrations(tmp_path: Path) -> None:
    path = version_1(tmp_path / "data")
    store = HistoryStore(tmp_path / "data")
    assert len(store.workouts()) == 1
    store.close()
    conn = sqlite3.connect(path)
    columns = {
        table: {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}
        for table in ("plan_steps", "steps")
    }
    assert columns["plan_steps"] >= {"role", "range_low", "range_high"}, "version 2"
    assert columns["plan_steps"] >= {"interval", "interval_number"}, "version 3"
    assert columns["steps"] >= {"reps", "rounds"}, "versions 2 and 3"
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_rows_of_a_version_1_file_are_salvaged_into_a_fresh_one(tmp_path: Path) -> None:
    old = version_1(tmp_path / "old")
    opened = open_database(tmp_path / "fresh", print, create=True)  # the newest schema, empty
    assert opened is not None and opened.version == SCHEMA_VERSION
    assert recover(old, opened.conn) == 1
    opened.conn.close()
    (salvaged,) = HistoryStore(tmp_path / "fresh").workouts()
    assert salvaged.circuit == "Old" and salvaged.steps[0].active_seconds == 12


def test_a_workout_kept_as_json_keeps_them(plan: Plan) -> None:
    record = done(plan, {7: 18.5}, {3: 7})
    assert parse(dumps(record).encode()).record == record
    document = json.loads(dumps(record))
    for step in document["steps"]:  # what the last version wrote: none of them
        for name in ("role", "low", "high", "reps_counted"):
            del step[name]
    older = parse(json.dumps(document).encode()).record
    assert {step.role for step in older.steps} == {BlockRole.MAIN}
    assert {step.low for step in older.steps} == {None}


def test_the_exports_carry_them(plan: Plan) -> None:
    record = done(plan, {7: 18.5}, {3: 7})
    swing = record_json(record)["steps"][1]
    assert (swing["role"], swing["range"]) == ("warm-up", [8, 10])
    curl = csv_rows(record)[3]
    assert (curl["role"], curl["range"], curl["reps_counted"]) == ("main", "6-8", 7)
    assert csv_rows(record)[0]["range"] == ""


def entry(mode: WorkMode, status: StepStatus = StepStatus.DONE, **fields: object) -> StepEntry:
    values: dict[str, object] = {
        "index": 0,
        "summary": "Plank — 20–30 seconds",
        "kind": StepKind.WORK,
        "mode": mode,
        "exercise": "Plank",
        "set_number": 2,
        "status": status,
        "low": 20.0,
        "high": 30.0,
    }
    return StepEntry(**{**values, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("step", "text"),
    [
        (entry(WorkMode.TIMED, active_seconds=27.2), "Plank · set 2: 20–30 s → 0:27"),
        (entry(WorkMode.TIMED, active_seconds=30), "Plank · set 2: 20–30 s → 0:30"),
        (entry(WorkMode.TIMED, active_seconds=14), "Plank · set 2: 20–30 s → 0:14, under 20 s"),
        (
            entry(WorkMode.REPS, low=6, high=8, reps_counted=5),
            "Plank · set 2: 6–8 reps → 5 reps, under 6",
        ),
        (entry(WorkMode.REPS, low=6, high=8, reps_counted=7), "Plank · set 2: 6–8 reps → 7 reps"),
        (entry(WorkMode.REPS, low=6, high=8), "Plank · set 2: 6–8 reps → done"),
        (
            entry(WorkMode.REPS, StepStatus.SKIPPED, low=6, high=8),
            "Plank · set 2: 6–8 reps → skipped",
        ),
        (entry(WorkMode.TIMED, low=None, high=None), ""),
    ],
)
def test_a_range_is_told_with_what_was_done(step: StepEntry, text: str) -> None:
    assert range_text(step) == text


def test_the_summary_counts_the_workouts_own_sets(plan: Plan) -> None:
    record = done(plan, {}, {})
    steps = list(record.steps)
    steps[9] = StepEntry(**{**vars_of(steps[9]), "status": StepStatus.SKIPPED})  # a plank side
    steps[1] = StepEntry(**{**vars_of(steps[1]), "status": StepStatus.SKIPPED})  # the warm-up
    partly = WorkoutRecord(**{**vars_of(record), "steps": tuple(steps)})
    assert partly.sets_done() == [True, True, False], "the plank's set has two sides"
    assert sets_text(partly) == "Sets done 2 of 3 (warm-up and cool-down not counted)"
    text = summary_text(partly).plain
    assert "Sets done 2 of 3" in text and "Leg swing · set 1: 8–10 reps → skipped" in text


def test_the_summary_of_a_workout_without_them_is_as_it_was(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    text = summary_text(begun).plain
    assert "Sets done" not in text and "Ranges" not in text
    assert text.splitlines()[-1].startswith("Steps done 0 of 48")
    assert io.StringIO(text).read().count("\n") == 3
