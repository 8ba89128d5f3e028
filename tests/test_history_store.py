"""The history database: round-trips through a real SQLite file, resume, ownership, size."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamtimer.circuit import Side, circuit_hash
from hamtimer.events import StepRecord, StepStatus
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord, hold_targets
from hamtimer.history.database import DB_FILE
from hamtimer.history.store import owner_alive, process_token
from hamtimer.plan import Plan, StepKind
from tests.conftest import START
from tests.history_fakes import fake_records


@pytest.fixture
def store(tmp_path: Path, gone: str) -> HistoryStore:
    """A store written as by a hamtimer that has since been killed."""
    written = HistoryStore(tmp_path / "data")
    written.owner = gone
    return written


def finished(plan: Plan, begun: WorkoutRecord, minutes: int = 25) -> WorkoutRecord:
    return begun.ended(
        plan,
        fake_records(plan, len(plan)),
        Outcome.FINISHED,
        now=begun.started_at + timedelta(minutes=minutes),
    )


def at_step(plan: Plan, begun: WorkoutRecord, index: int, **options: bool) -> WorkoutRecord:
    """The workout in progress at `index`, as a checkpoint saves it."""
    records = fake_records(plan, index)
    records[index].status = StepStatus.ABANDONED  # in progress, as the engine keeps it
    records[index].active_seconds = 3.5
    return begun.progressed(plan, records, current_index=index, **options)


def reopened(store: HistoryStore) -> HistoryStore:
    """The same folder as the next hamtimer sees it."""
    store.close()
    return HistoryStore(store.data_dir)


# ------------------------------------------------------------------ round-trips


def test_history_round_trips_through_the_file(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    first = finished(hamstring_plan, begun)
    later = WorkoutRecord.begin(
        hamstring_plan, circuit_ref="hamstring", circuit_hash=digest, now=START + timedelta(days=2)
    )
    abandoned = later.ended(
        hamstring_plan,
        fake_records(hamstring_plan, 20),
        Outcome.ABANDONED,
        now=later.started_at + timedelta(minutes=9),
    )
    store.save(first)
    store.save(abandoned)
    again = reopened(store)
    assert again.workouts() == [first, abandoned]
    assert again.take_notices() == []
    assert (store.data_dir / DB_FILE).is_file()


def test_history_comes_back_oldest_first_and_limited_to_the_newest(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    made = []
    for days in (3, 1, 2):
        begun = WorkoutRecord.begin(
            hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START + timedelta(days=days)
        )
        made.append(finished(hamstring_plan, begun))
        store.save(made[-1])
    started = [record.started_at for record in store.workouts()]
    assert started == sorted(started) and len(started) == 3
    assert [record.started_at for record in store.workouts(limit=2)] == started[1:]
    assert store.workouts(limit=0) == [] and store.count() == 3


def test_workouts_of_one_circuit(store: HistoryStore, hamstring_plan: Plan, digest: str) -> None:
    mine = WorkoutRecord.begin(hamstring_plan, circuit_ref="/r/mine.toml", circuit_hash=digest)
    theirs = WorkoutRecord.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash=digest)
    for begun in (mine, theirs):
        store.save(finished(hamstring_plan, begun))
    assert [r.id for r in store.workouts(circuit="mine")] == [mine.id]
    assert store.count(circuit="mine.toml") == 1 and store.count(circuit="for runners") == 2


step_statuses = st.sampled_from(list(StepStatus))
seconds = st.floats(min_value=0, max_value=10_000, allow_nan=False, allow_infinity=False)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    statuses=st.lists(step_statuses, min_size=48, max_size=48),
    durations=st.lists(seconds, min_size=48, max_size=48),
    offset=st.integers(min_value=-12 * 60, max_value=14 * 60),
    challenge=st.booleans(),
    speed=st.sampled_from([1.0, 20.0, 0.5]),
)
def test_any_workout_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
    hamstring_plan: Plan,
    digest: str,
    statuses: list[StepStatus],
    durations: list[float],
    offset: int,
    challenge: bool,
    speed: float,
) -> None:
    zone = timezone(timedelta(minutes=offset))
    plan = replace(hamstring_plan, challenge=challenge)
    begun = WorkoutRecord.begin(
        plan, circuit_ref="hamstring", circuit_hash=digest, speed=speed, now=START.astimezone(zone)
    )
    records = [
        StepRecord(
            index=i,
            status=status,
            started=1.0,
            active_seconds=duration,
            paused_seconds=duration / 3,
            held_seconds=duration,
        )
        for i, (status, duration) in enumerate(zip(statuses, durations, strict=True))
    ]
    entry = begun.ended(plan, records, Outcome.FINISHED, now=START + timedelta(hours=1))
    store = HistoryStore(tmp_path_factory.mktemp("data"))
    store.save(entry)
    assert reopened(store).workouts() == [entry]
    assert entry.started_at.tzinfo is UTC


# ------------------------------------------------------------------ in progress and resume


def first_of_each_kind(plan: Plan) -> dict[str, int]:
    found: dict[str, int] = {}
    for step in plan.steps:
        name = f"{step.kind}/{step.mode}" if step.kind is StepKind.WORK else str(step.kind)
        found.setdefault(name, step.index)
    return found


def test_the_bundled_plan_has_every_kind_of_step(hamstring_plan: Plan) -> None:
    assert set(first_of_each_kind(hamstring_plan)) == {
        "get_ready",
        "work/reps",
        "work/open",
        "rest",
        "switch_sides",
    }


KINDS = ["get_ready", "work/reps", "work/open", "rest", "switch_sides"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("later_round", [False, True])
def test_resume_at_every_kind_of_step(
    kind: str,
    later_round: bool,
    store: HistoryStore,
    hamstring_plan: Plan,
    begun: WorkoutRecord,
    digest: str,
) -> None:
    candidates = [
        step.index
        for step in hamstring_plan.steps
        if (f"{step.kind}/{step.mode}" if step.kind is StepKind.WORK else str(step.kind)) == kind
    ]
    index = candidates[-1] if later_round else candidates[0]
    store.save(at_step(hamstring_plan, begun, index))

    restarted = reopened(store)  # as after a kill: a new process
    found = restarted.resumable(digest)
    assert found is not None and found.fits(hamstring_plan)
    assert (found.id, found.current_index) == (begun.id, index)
    assert found.steps[index].status is StepStatus.ABANDONED
    assert found.steps[index].active_seconds == 3.5

    prior = found.prior_records()
    expected = fake_records(hamstring_plan, index)[:index]
    for got, want in zip(prior, expected, strict=True):
        assert (got.status, got.active_seconds, got.paused_seconds, got.held_seconds) == (
            want.status,
            want.active_seconds,
            want.paused_seconds,
            want.held_seconds,
        )

    # Finishing the resumed workout stores it under the same id and start time.
    rest = fake_records(hamstring_plan, len(hamstring_plan))[index:]
    restarted.save(found.ended(hamstring_plan, prior + rest, Outcome.FINISHED))
    assert restarted.resumable(digest) is None
    [stored] = restarted.workouts()
    assert (stored.id, stored.started_at, stored.completed) == (begun.id, START, 48)


def test_a_pause_is_saved(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    records = fake_records(hamstring_plan, 13)
    records[13].status = StepStatus.ABANDONED  # in progress
    records[13].paused_seconds = 12.0
    store.save(begun.progressed(hamstring_plan, records, current_index=13, paused=True))
    found = reopened(store).resumable(digest)
    assert found is not None and found.paused
    assert found.steps[13].paused_seconds == 12.0


def test_each_save_replaces_the_last_in_one_row(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    for index in range(6):
        store.save(at_step(hamstring_plan, begun, index))
    again = reopened(store)
    found = again.resumable(digest)
    assert found is not None and found.current_index == 5
    assert len(again.in_progress()) == 1 and again.workouts() == []
    with sqlite3.connect(store.data_dir / DB_FILE) as conn:
        assert conn.execute("SELECT count(*) FROM workouts").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM steps").fetchone() == (6,), "reached steps only"


def test_a_step_left_for_an_earlier_one_is_not_kept_as_reached(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str, gone: str
) -> None:
    """Resumed at step 4 after the runner had skipped on to 5: 5 is not reached now."""
    store.save(at_step(hamstring_plan, begun, 5))
    again = reopened(store)
    again.owner = gone  # killed again
    found = again.resumable(digest)
    assert found is not None
    again.save(at_step(hamstring_plan, found, 4))
    back = reopened(again).resumable(digest)
    assert back is not None and back.steps[5].status is StepStatus.NOT_REACHED


def test_no_workout_means_nothing_to_resume(store: HistoryStore, digest: str) -> None:
    assert store.resumable(digest) is None
    assert store.workouts() == [] and store.count() == 0
    assert not store.data_dir.exists()  # reading creates nothing


def test_resume_is_per_circuit_file(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    other_hash = circuit_hash(b"another circuit")
    other = WorkoutRecord.begin(hamstring_plan, circuit_ref="other", circuit_hash=other_hash)
    store.save(at_step(hamstring_plan, begun, 4))
    store.save(at_step(hamstring_plan, other, 9))
    again = reopened(store)
    mine, theirs = again.resumable(digest), again.resumable(other_hash)
    assert mine is not None and mine.current_index == 4
    assert theirs is not None and theirs.current_index == 9
    assert {record.id for record in again.interrupted()} == {begun.id, other.id}


def test_the_newest_interrupted_workout_is_offered(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    older = WorkoutRecord.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START)
    newer = WorkoutRecord.begin(
        hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START + timedelta(hours=1)
    )
    store.save(at_step(hamstring_plan, newer, 3, paused=False))
    store.save(at_step(hamstring_plan, older, 7))
    found = reopened(store).resumable(digest)
    assert found is not None and found.id == older.id, "the one saved last"


def test_an_abandoned_interrupted_workout_reaches_the_history(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    store.save(at_step(hamstring_plan, begun, 20))
    again = reopened(store)
    found = again.resumable(digest)
    assert found is not None
    stored = again.abandon(found)
    assert again.resumable(digest) is None
    assert again.workouts() == [stored]
    assert (stored.outcome, stored.completed) == (Outcome.ABANDONED, 20)
    assert stored.steps[20].status is StepStatus.ABANDONED


def test_an_edited_circuits_old_workout_reaches_the_history(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    edited = circuit_hash(b"the hamstring circuit, edited after the crash")
    old = WorkoutRecord.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash=edited)
    other = WorkoutRecord.begin(
        hamstring_plan, circuit_ref="other", circuit_hash=circuit_hash(b"o")
    )
    for each in (old, other):
        store.save(at_step(hamstring_plan, each, 9))
    again = reopened(store)
    [entry] = again.abandon_other_versions("hamstring", digest)
    assert (entry.id, entry.outcome, entry.completed) == (old.id, Outcome.ABANDONED, 9)
    assert [record.id for record in again.interrupted()] == [other.id]
    assert again.abandon_other_versions("hamstring", digest) == []


def test_finishing_ends_the_workout_in_progress(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    store.save(at_step(hamstring_plan, begun, 47))
    store.save(finished(hamstring_plan, begun))
    again = reopened(store)
    assert again.resumable(digest) is None and again.in_progress() == []
    assert [entry.id for entry in again.workouts()] == [begun.id]


def test_finishing_leaves_another_workout_in_progress(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    other = WorkoutRecord.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash=digest)
    store.save(at_step(hamstring_plan, other, 2))
    store.save(finished(hamstring_plan, begun))
    remaining = reopened(store).resumable(digest)
    assert remaining is not None and remaining.id == other.id


def test_a_workout_stored_twice_is_one_workout(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    done = finished(hamstring_plan, begun)
    store.save(done)
    HistoryStore(store.data_dir).save(done)  # another process, the same workout again
    assert reopened(store).workouts() == [done]


def test_get_finds_a_workout_by_id(
    store: HistoryStore, hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    store.save(at_step(hamstring_plan, begun, 3))
    found = store.get(begun.id)
    assert found is not None and found.current_index == 3
    assert store.get(uuid.uuid4()) is None


# ------------------------------------------------------------------ owners


def test_a_running_workout_is_never_offered_elsewhere(
    tmp_path: Path, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    running = HistoryStore(tmp_path / "data")  # this process: alive
    running.save(at_step(hamstring_plan, begun, 6))
    another = HistoryStore(running.data_dir)  # a second hamtimer while this one runs
    assert another.resumable(digest) is None
    assert [record.id for record in another.in_progress(digest)] == [begun.id]


def test_a_workout_saved_for_later_is_offered_at_once(
    tmp_path: Path, hamstring_plan: Plan, begun: WorkoutRecord, digest: str
) -> None:
    running = HistoryStore(tmp_path / "data")  # this process, still alive
    running.save(at_step(hamstring_plan, begun, 6), release=True)
    found = HistoryStore(running.data_dir).resumable(digest)
    assert found is not None and found.id == begun.id


def test_owner_is_alive_only_while_its_process_runs() -> None:
    assert owner_alive(process_token())
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        token = process_token(child.pid)
        assert owner_alive(token)
    finally:
        child.kill()
        child.wait()
    assert not owner_alive(token), "a dead process owns nothing"
    host, pid, started = process_token().rsplit(":", 2)
    assert not owner_alive(f"{host}:{pid}:{started}0"), "the same pid, another process"
    assert not owner_alive(f"elsewhere:{pid}:{started}") and not owner_alive(None)
    assert not owner_alive("garbage") and not owner_alive(f"{host}:-1:")


# ------------------------------------------------------------------ hold targets


def test_hold_targets_read_from_the_file_match_the_records(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    """The one-query reading gives what the pure analysis finds in every stored workout:
    rehearsals, skipped holds, abandoned and in-progress workouts included in the history."""

    def begun(day: int, speed: float = 1.0) -> WorkoutRecord:
        moment = START + timedelta(days=day)
        return WorkoutRecord.begin(
            hamstring_plan, circuit_ref="hamstring", circuit_hash=digest, now=moment, speed=speed
        )

    def ended(
        day: int,
        right: float,
        left: float,
        *,
        speed: float = 1.0,
        upto: int = len(hamstring_plan),
        skipped: frozenset[int] = frozenset(),
    ) -> WorkoutRecord:
        records = fake_records(hamstring_plan, upto, right=right, left=left, skipped=skipped)
        outcome = Outcome.FINISHED if upto == len(hamstring_plan) else Outcome.ABANDONED
        start = begun(day, speed)
        return start.ended(hamstring_plan, records, outcome, now=start.started_at)

    store.save(ended(0, 50.5, 40.25))
    store.save(ended(1, 61.0, 45.0, speed=20.0))  # a rehearsal: never a target
    store.save(ended(2, 47.125, 44.0, skipped=frozenset({15, 27, 39})))  # no left hold
    store.save(ended(3, 30.0, 20.0, upto=14))  # abandoned after one right hold
    store.save(at_step(hamstring_plan, begun(4), 20))  # in progress, holds of 52 s and 47 s
    expected = hold_targets(store.workouts())
    found = reopened(store).hold_targets()
    assert found == expected
    right = found[("Bird dog with wall push", Side.RIGHT)]
    left = found[("Bird dog with wall push", Side.LEFT)]
    assert (right.last, right.best) == (30.0, 50.5)
    assert (left.last, left.best) == (40.25, 40.25)


def test_no_history_means_no_targets(tmp_path: Path) -> None:
    assert HistoryStore(tmp_path / "nothing").hold_targets() == {}


# ------------------------------------------------------------------ size


def test_a_workout_takes_less_than_two_kilobytes(
    tmp_path: Path, hamstring_plan: Plan, digest: str
) -> None:
    store = HistoryStore(tmp_path / "data")
    store.save(
        finished(
            hamstring_plan,
            WorkoutRecord.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest),
        )
    )
    store.close()
    path = tmp_path / "data" / DB_FILE
    base = path.stat().st_size
    count = 300
    store = HistoryStore(tmp_path / "data")
    for day in range(count):
        begun = WorkoutRecord.begin(
            hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START + timedelta(days=day)
        )
        store.save(finished(hamstring_plan, begun))
    store.close()  # checkpoints the write-ahead log into the file
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    per_workout = (path.stat().st_size - base) / count
    assert per_workout <= 2048, f"{per_workout:.0f} bytes a workout"


def test_the_newest_few_are_the_tail_of_all(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    """`workouts(limit=n)` (a query of its own) is always the last n of `workouts()`:
    workouts begun at the same moment, and one still in progress, included."""
    for days in (2, 0, 2, 1, 2):
        begun = WorkoutRecord.begin(
            hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START + timedelta(days=days)
        )
        store.save(finished(hamstring_plan, begun))
    store.save(WorkoutRecord.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest))
    everything = store.workouts()
    assert len(everything) == store.count() == 5
    for limit in range(8):  # more than there are: all of them
        newest = everything[max(0, len(everything) - limit) :]
        assert store.workouts(limit=limit) == newest, limit
        assert store.workouts(circuit="h", limit=limit) == newest, limit
