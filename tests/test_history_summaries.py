"""The holds summary: hold targets and trends read from a few rows give what the records
give, a history from before the summary gets one, and a reader opens the file cheaply while
damage is still found."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from hamtimer.circuit import circuit_hash, parse_circuit
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord, hold_targets, hold_trend
from hamtimer.history.database import CACHE_KIB, connect
from hamtimer.history.schema import SCHEMA_VERSION
from hamtimer.plan import Plan, build_plan
from tests.conftest import START
from tests.history_fakes import fake_records

# Two to-fatigue exercises, the first with both legs at once: 0 get ready | 1 Wall sit |
# 2 rest | 3 Bird dog right | 4 switch | 5 Bird dog left | then the second round.
TWO_HOLDS = """
name = "two holds"
[timing]
get_ready = 5
rest_between_exercises = 30
[[blocks]]
name = "Block"
sets = 2
mode = "circuit"
rest_between_sets = 60
[[blocks.exercises]]
name = "Wall sit"
kind = "isometric"
to_fatigue = true
expected_seconds = 40
[[blocks.exercises]]
name = "Bird dog"
kind = "isometric"
sides = ["right", "left"]
to_fatigue = true
expected_seconds = 40
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(parse_circuit(TWO_HOLDS))


def ended(
    plan: Plan,
    day: int,
    right: float,
    left: float,
    *,
    speed: float = 1.0,
    upto: int | None = None,
    skipped: frozenset[int] = frozenset(),
) -> WorkoutRecord:
    """A workout of day `day`: right and left holds (a bilateral hold gets `left`)."""
    upto = len(plan) if upto is None else upto
    begun = WorkoutRecord.begin(
        plan,
        circuit_ref="two",
        circuit_hash=circuit_hash(TWO_HOLDS.encode()),
        now=START + timedelta(days=day),
        speed=speed,
    )
    records = fake_records(plan, upto, right=right, left=left, skipped=skipped)
    outcome = Outcome.FINISHED if upto == len(plan) else Outcome.ABANDONED
    return begun.ended(plan, records, outcome, now=begun.started_at + timedelta(minutes=20))


def history(store: HistoryStore, plan: Plan) -> None:
    """Fourteen days: real, rehearsed, abandoned, skipped holds, one still in progress."""
    for day in range(12):
        store.save(ended(plan, day, 40.0 + day, 35.0 + (day * 7) % 11))
    store.save(ended(plan, 12, 90.0, 90.0, speed=20.0))  # a rehearsal: in no trend or target
    store.save(ended(plan, 13, 33.5, 30.0, upto=4))  # abandoned at the first right hold
    store.save(ended(plan, 14, 41.0, 39.0, skipped=frozenset({3, 9})))  # no right hold
    running = WorkoutRecord.begin(plan, circuit_ref="two", circuit_hash="x", now=START)
    store.save(running.progressed(plan, fake_records(plan, 6), current_index=6))


def test_trends_and_targets_from_the_summary_match_the_records(tmp_path: Path, plan: Plan) -> None:
    store = HistoryStore(tmp_path / "data")
    history(store, plan)
    records = store.workouts()
    every = hold_trend(records)
    trends = store.hold_trends(latest=10)
    assert list(trends) == list(every) == ["Wall sit", "Bird dog"], "in the order first held"
    for exercise, points in every.items():
        assert trends[exercise].workouts == len(points) > 10, exercise
        assert list(trends[exercise].points) == points[-10:], "the latest ten, oldest first"
    assert store.hold_trends(latest=0)["Bird dog"].points == ()
    assert store.hold_targets() == hold_targets(records)
    assert store.hold_targets()[("Wall sit", None)].best == pytest.approx(45.0)


def test_a_history_from_before_the_summary_gets_it(tmp_path: Path, plan: Plan) -> None:
    store = HistoryStore(tmp_path / "data")
    history(store, plan)
    expected = (store.hold_targets(), store.hold_trends(latest=10))
    store.close()
    with sqlite3.connect(store.path) as conn:  # as the schema before the summary had it
        conn.execute("DROP TABLE holds")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    again = HistoryStore(store.data_dir)
    assert (again.hold_targets(), again.hold_trends(latest=10)) == expected
    with sqlite3.connect(again.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def ruin_the_oldest_steps(store: HistoryStore) -> None:
    """Random bytes over the steps table's first leaf: the oldest workouts' steps."""
    store.close()
    with sqlite3.connect(store.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sql = "SELECT pageno FROM dbstat WHERE name = 'steps' AND pagetype = 'leaf' LIMIT 1"
        try:
            (page,) = conn.execute(sql).fetchone()
        except sqlite3.OperationalError:  # SQLite built without dbstat
            if os.environ.get("CI"):
                pytest.fail("CI's SQLite must have its dbstat table for this test")
            pytest.skip("this SQLite has no dbstat table")
    data = bytearray(store.path.read_bytes())
    data[(page - 1) * 4096 + 8 : page * 4096] = os.urandom(4096 - 8)
    store.path.write_bytes(bytes(data))


def test_a_reader_finds_damage_where_it_reads_and_a_writer_checks_every_page(
    tmp_path: Path, plan: Plan
) -> None:
    store = HistoryStore(tmp_path / "data")
    for day in range(60):
        store.save(ended(plan, day, 40.0, 38.0))
    ruin_the_oldest_steps(store)

    reader = HistoryStore(store.data_dir)
    [newest] = reader.workouts(limit=1)  # `hamtimer history` reads the newest only
    assert newest.started_at == START + timedelta(days=59)
    assert reader.take_notices() == [], "the newest workouts are whole: nothing to tell"

    writer = HistoryStore(store.data_dir)
    writer.check_writable()  # the app, before it saves anything: every page
    [notice] = writer.take_notices()
    assert "damaged" in notice and "60 workout(s) recovered" in notice
    assert lost_steps(writer.workouts()), "the oldest came back without the ruined steps"
    assert sorted(store.data_dir.glob("history.damaged-*.sqlite3"))


def test_a_read_that_meets_damage_sets_the_file_aside_and_reads_again(
    tmp_path: Path, plan: Plan
) -> None:
    store = HistoryStore(tmp_path / "data")
    for day in range(60):
        store.save(ended(plan, day, 40.0, 38.0))
    ruin_the_oldest_steps(store)

    reader = HistoryStore(store.data_dir)
    found = reader.workouts()  # every workout: the ruined page is read
    [notice] = reader.take_notices()
    assert "damaged" in notice and "60 workout(s) recovered" in notice
    assert lost_steps(found), "the workouts came back, without the ruined steps"
    assert reader.workouts() == found, "the recovered history reads whole"
    assert reader.take_notices() == []


def lost_steps(records: list[WorkoutRecord]) -> list[WorkoutRecord]:
    """The workouts that came back with none of their steps."""
    return [record for record in records if record.completed == 0]


def test_a_connection_keeps_a_small_page_cache(tmp_path: Path) -> None:
    conn = connect(tmp_path / "history.sqlite3")
    assert conn.execute("PRAGMA cache_size").fetchone() == (-CACHE_KIB,)
