"""AMRAP rounds and EMOM intervals in the history: in the real SQLite file, through a crash and a
resume, in the summary, and in databases written before they existed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hamtimer.circuit import CircuitFile, load_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import StepStatus
from hamtimer.history import HistoryStore, Outcome, interval_results, jsonform
from hamtimer.history.database import DB_FILE, SCHEMA_VERSION, connect, recover
from hamtimer.history.records import WorkoutRecord
from hamtimer.plan import IntervalKind, Plan
from hamtimer.report import intervals_text, summary_text
from hamtimer.session import WorkoutSession
from hamtimer.workout import Workout, WorkoutState
from tests.conftest import START
from tests.history_fakes import fake_records
from tests.interval_circuits import BOTH, write

# BOTH: 0 get ready 5 s | 1 AMRAP 60 s | 2 rest 20 s | 3 squats (interval 1) | 4 its rest |
# 5 squats (interval 2) | 6 its rest. Intervals of 30 s.
AMRAP_STEP, FIRST_EMOM, SECOND_EMOM = 1, 3, 5


def session_for(path: Path, data: Path, clock: FakeClock) -> WorkoutSession:
    return WorkoutSession(
        CircuitFile("both", path, "file"),
        load_circuit(path),
        store=HistoryStore(data),
        clock=clock,
        background=False,
    )


def rows(data: Path, sql: str) -> list[tuple[object, ...]]:
    """What the database file itself holds, read with sqlite3 alone."""
    conn = sqlite3.connect(data / DB_FILE)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def through_the_amrap(workout: Workout, clock: FakeClock, rounds: int) -> None:
    workout.start()
    clock.advance(5)
    workout.update()
    for _ in range(rounds):
        clock.advance(12)
        workout.count_round()
    clock.advance(60 - 12 * rounds)
    workout.update()
    assert workout.index == 2


def test_rounds_are_stored_as_counted_and_come_back_after_a_crash(
    tmp_path: Path, gone: str
) -> None:
    path, data = write(tmp_path, BOTH), tmp_path / "data"
    clock = FakeClock()
    first = session_for(path, data, clock)
    workout = first.start(resume=False, challenge=False)
    workout.start()
    clock.advance(5)
    workout.update()
    clock.advance(10)
    workout.count_round()
    stored = rows(data, "SELECT idx, rounds FROM steps WHERE rounds IS NOT NULL")
    assert stored == [(AMRAP_STEP, 1)], "a counted round is checkpointed at once"
    for _ in range(3):
        clock.advance(10)
        workout.count_round()
    clock.advance(30)
    workout.update()  # the cap: 4 rounds
    clock.advance(20)
    workout.update()  # the rest between blocks
    clock.advance(12)
    workout.done()  # interval 1: squats done at 12 s, 18 s of rest
    clock.advance(18)
    workout.update()
    assert workout.index == SECOND_EMOM
    clock.advance(3)
    assert first.store is not None
    first.store.owner = gone  # SIGKILL: the last checkpoint is what is left
    first.checkpoint()

    assert rows(data, "SELECT idx, rounds FROM steps WHERE rounds IS NOT NULL") == [(1, 4)]
    assert rows(data, "SELECT idx, interval FROM plan_steps WHERE idx IN (1, 3, 4)") == [
        (1, "amrap"),
        (3, "emom"),
        (4, "emom"),
    ]

    clock = FakeClock(start=50.0)
    second = session_for(path, data, clock)
    offered = second.resumable
    assert offered is not None and offered.current_index == SECOND_EMOM
    assert offered.steps[AMRAP_STEP].rounds == 4
    resumed = second.start(resume=True, challenge=False)
    resumed.start()
    assert resumed.records[AMRAP_STEP].rounds == 4
    clock.advance(30)  # interval 2 not done in time: missed
    resumed.update()
    assert resumed.state is WorkoutState.FINISHED
    ended = second.finish()
    assert ended is not None and second.store is not None
    [record] = second.store.workouts()
    assert record == ended and record.outcome is Outcome.FINISHED
    assert record.steps[AMRAP_STEP].rounds == 4
    assert record.steps[FIRST_EMOM].status is StepStatus.DONE
    assert record.steps[SECOND_EMOM].status is StepStatus.MISSED
    results = interval_results(record)
    assert (results.rounds, results.emom_intervals, results.emom_on_time) == ((4,), 2, 1)
    summary = summary_text(record).plain
    assert "AMRAP: 4 rounds" in summary
    assert "1 of 2 EMOM intervals on time" in summary
    assert intervals_text(record) == "4 rounds · EMOM 1/2 on time"


def test_a_workout_with_rounds_reads_back_from_its_json_exactly(tmp_path: Path) -> None:
    path = write(tmp_path, BOTH)
    clock = FakeClock()
    session = session_for(path, tmp_path / "data", clock)
    workout = session.start(resume=False, challenge=False)
    through_the_amrap(workout, clock, rounds=3)
    assert session.record is not None
    record = session.record.progressed(workout.plan, workout.records, current_index=2)
    assert record.steps[AMRAP_STEP].rounds == 3
    assert record.steps[FIRST_EMOM].interval is IntervalKind.EMOM
    assert jsonform.parse(jsonform.dumps(record).encode()).record == record


def test_an_emom_interval_is_on_time_only_when_all_its_work_was_done(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, BOTH.replace("reps = 10", 'reps = 10\nsides = ["right", "left"]'))
    clock = FakeClock()
    session = session_for(path, tmp_path / "data", clock)
    workout = session.start(resume=False, challenge=False)
    through_the_amrap(workout, clock, rounds=0)
    clock.advance(20)
    workout.update()
    clock.advance(5)
    workout.done()  # right side, 5 s; the switch takes 10 s, the left side is cut at 30 s
    clock.advance(25)
    workout.update()
    clock.advance(5)
    workout.done()
    clock.advance(10)
    workout.update()
    clock.advance(5)
    workout.done()
    clock.advance(10)
    workout.update()
    assert workout.state is WorkoutState.FINISHED
    ended = session.finish()
    assert ended is not None
    results = interval_results(ended)
    assert (results.rounds, results.emom_intervals, results.emom_on_time) == ((0,), 2, 1)
    assert intervals_text(ended) == "0 rounds · EMOM 1/2 on time"


def downgraded(data: Path, record: WorkoutRecord) -> None:
    """`record` in a database as hamtimer wrote it before the interval blocks (schema 2)."""
    store = HistoryStore(data)
    store.save(record)
    store.close()
    conn = sqlite3.connect(data / DB_FILE)
    for table, column in (
        ("plan_steps", "interval"),
        ("plan_steps", "interval_number"),
        ("steps", "rounds"),
    ):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    for later in ("programme_workouts", "programmes"):  # schema 4's
        conn.execute(f"DROP TABLE {later}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def ended_workout(plan: Plan, digest: str) -> WorkoutRecord:
    begun = WorkoutRecord.begin(plan, circuit_ref="hamstring", circuit_hash=digest, now=START)
    return begun.ended(plan, fake_records(plan, len(plan)), Outcome.FINISHED, now=START)


def test_a_history_from_before_the_interval_blocks_is_brought_up_to_date(
    tmp_path: Path, hamstring_plan: Plan, digest: str
) -> None:
    data = tmp_path / "data"
    record = ended_workout(hamstring_plan, digest)
    downgraded(data, record)
    store = HistoryStore(data)
    assert store.workouts() == [record]
    assert rows(data, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert {name for _, name, *_ in rows(data, "PRAGMA table_info(steps)")} >= {"rounds"}


def test_a_damaged_history_from_before_the_interval_blocks_still_comes_back(
    tmp_path: Path, hamstring_plan: Plan, digest: str
) -> None:
    old = tmp_path / "old"
    record = ended_workout(hamstring_plan, digest)
    downgraded(old, record)
    fresh = HistoryStore(tmp_path / "fresh")
    fresh.check_writable()
    fresh.close()
    conn = connect(tmp_path / "fresh" / DB_FILE)
    try:
        assert recover(old / DB_FILE, conn) == 1
    finally:
        conn.close()
    assert HistoryStore(tmp_path / "fresh").workouts() == [record]
