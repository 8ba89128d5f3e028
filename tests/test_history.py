"""History storage: round-trips through real files, conversions, resume, and the write order."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_fakes import LEFT_HOLD, RIGHT_HOLD, fake_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hamtimer.events import StepRecord, StepStatus
from hamtimer.history import (
    HISTORY_FILE,
    Checkpoint,
    HistoryStore,
    Outcome,
    Session,
    StepEntry,
    WorkoutEntry,
    checkpoint_from_records,
    circuit_hash,
    entry_from_checkpoint,
    entry_from_records,
    prior_records,
    resolve_data_dir,
)
from hamtimer.plan import Plan, StepKind, WorkMode

START = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)


@pytest.fixture
def digest(hamstring_path: Path) -> str:
    return circuit_hash(hamstring_path)


@pytest.fixture
def session(hamstring_plan: Plan, digest: str) -> Session:
    return Session.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash=digest, now=START)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data")


def finished(plan: Plan, session: Session) -> WorkoutEntry:
    return entry_from_records(
        plan,
        fake_records(plan, len(plan)),
        session,
        outcome=Outcome.FINISHED,
        ended_at=session.started_at + timedelta(minutes=25),
    )


# ------------------------------------------------------------------ data folder


def test_data_dir_override_beats_environment(tmp_path: Path) -> None:
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"


def test_data_dir_comes_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir() == tmp_path / "env"


def test_data_dir_defaults_to_the_platform_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HAMTIMER_DATA_DIR")
    monkeypatch.setattr("platformdirs.user_data_dir", lambda name: f"/platform/{name}")
    assert resolve_data_dir() == Path("/platform/hamtimer")


def test_data_dir_expands_the_home_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/runner")
    assert resolve_data_dir(Path("~/hist")) == Path("/home/runner/hist")


def test_circuit_hash_is_sha256_of_the_file_bytes(hamstring_path: Path) -> None:
    import hashlib

    expected = hashlib.sha256(hamstring_path.read_bytes()).hexdigest()
    assert circuit_hash(hamstring_path) == expected == circuit_hash(hamstring_path.read_bytes())
    assert circuit_hash(b"x") != circuit_hash(b"y")


# ------------------------------------------------------------------ conversions


def test_entry_keeps_durations_and_drops_clock_readings(
    hamstring_plan: Plan, session: Session
) -> None:
    entry = finished(hamstring_plan, session)
    assert len(entry.steps) == len(hamstring_plan) == 48
    dumped = entry.model_dump_json()
    assert "5000" not in dumped and 'started"' not in dumped  # no monotonic readings
    hold = entry.steps[13]
    assert (hold.mode, hold.side, hold.status) == (WorkMode.OPEN, "right", StepStatus.DONE)
    assert hold.held_seconds == RIGHT_HOLD and hold.active_seconds == RIGHT_HOLD
    assert entry.steps[15].held_seconds == LEFT_HOLD
    assert entry.steps[0].status is StepStatus.TIMED_OUT and entry.steps[0].held_seconds is None
    assert entry.completed == 48 and entry.outcome is Outcome.FINISHED


def test_entry_copies_what_the_plan_says_about_each_step(
    hamstring_plan: Plan, session: Session
) -> None:
    entry = finished(hamstring_plan, session)
    for step, stored in zip(hamstring_plan.steps, entry.steps, strict=True):
        assert (stored.index, stored.summary, stored.kind) == (step.index, step.summary, step.kind)
        assert (stored.exercise, stored.side, stored.set_number, stored.mode) == (
            step.exercise,
            step.side,
            step.set_number,
            step.mode,
        )


def test_unrecorded_steps_are_not_reached(hamstring_plan: Plan, session: Session) -> None:
    records = fake_records(hamstring_plan, 5)[:5]  # the engine gave only five
    entry = entry_from_records(hamstring_plan, records, session, outcome=Outcome.ABANDONED)
    assert [step.status for step in entry.steps[5:]] == [StepStatus.NOT_REACHED] * 43
    assert entry.completed == 5


def test_held_seconds_are_kept_only_for_to_fatigue_work(
    hamstring_plan: Plan, session: Session
) -> None:
    records = fake_records(hamstring_plan, len(hamstring_plan))
    records[1].held_seconds = 9.0  # a reps step: the engine would not, but if it did
    entry = entry_from_records(hamstring_plan, records, session, outcome=Outcome.FINISHED)
    assert entry.steps[1].held_seconds is None


def test_session_ids_are_unique_and_times_utc(hamstring_plan: Plan, digest: str) -> None:
    paris = timezone(timedelta(hours=1))
    one = Session.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest)
    two = Session.begin(
        hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START.astimezone(paris)
    )
    assert one.id != two.id
    assert two.started_at == START and two.started_at.utcoffset() == timedelta(0)


def test_naive_times_are_refused(session: Session) -> None:
    with pytest.raises(ValidationError):
        Session.model_validate({**session.model_dump(), "started_at": datetime(2026, 1, 1)})


def test_steps_must_be_numbered_in_order(hamstring_plan: Plan, session: Session) -> None:
    entry = finished(hamstring_plan, session)
    data = entry.model_dump()
    data["steps"] = list(reversed(data["steps"]))
    with pytest.raises(ValidationError, match="numbered"):
        WorkoutEntry.model_validate(data)


def test_a_checkpoint_past_the_last_step_is_refused(hamstring_plan: Plan, session: Session) -> None:
    records = fake_records(hamstring_plan, 3)
    with pytest.raises(ValidationError, match="past the last step"):
        checkpoint_from_records(hamstring_plan, records, session, current_index=48)


# ------------------------------------------------------------------ round-trips


def test_history_round_trips_through_the_file(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    first = finished(hamstring_plan, session)
    later = Session.begin(
        hamstring_plan, circuit_ref="hamstring", circuit_hash=digest, now=START + timedelta(days=2)
    )
    abandoned = entry_from_records(
        hamstring_plan,
        fake_records(hamstring_plan, 20),
        later,
        outcome=Outcome.ABANDONED,
        ended_at=later.started_at + timedelta(minutes=9),
    )
    store.append(first)
    store.append(abandoned)
    result = HistoryStore(store.data_dir).load()  # a new process reading it back
    assert result.entries == [first, abandoned]
    assert result.notices == []
    lines = store.history_path.read_bytes().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["format"] == 1 for line in lines)


def test_history_comes_back_oldest_first(
    store: HistoryStore, hamstring_plan: Plan, digest: str
) -> None:
    sessions = [
        Session.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START + delta)
        for delta in (timedelta(days=3), timedelta(days=1), timedelta(days=2))
    ]
    for each in sessions:
        store.append(finished(hamstring_plan, each))
    started = [entry.started_at for entry in store.load().entries]
    assert started == sorted(started) and len(started) == 3


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
)
def test_any_workout_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
    hamstring_plan: Plan,
    digest: str,
    statuses: list[StepStatus],
    durations: list[float],
    offset: int,
    challenge: bool,
) -> None:
    zone = timezone(timedelta(minutes=offset))
    session = Session(
        id=uuid.uuid4(),
        circuit=hamstring_plan.circuit,
        circuit_hash=digest,
        circuit_ref="hamstring",
        challenge=challenge,
        started_at=START.astimezone(zone),
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
    entry = entry_from_records(
        hamstring_plan, records, session, outcome=Outcome.FINISHED, ended_at=START
    )
    store = HistoryStore(tmp_path_factory.mktemp("data"))
    store.append(entry)
    assert store.load().entries == [entry]
    assert entry.started_at.tzinfo is UTC


def test_entries_of_the_same_workout_collapse_to_one(
    store: HistoryStore, hamstring_plan: Plan, session: Session
) -> None:
    """A kill between appending and clearing can store a workout twice; finished wins."""
    done = finished(hamstring_plan, session)
    dropped = done.model_copy(update={"outcome": Outcome.ABANDONED})
    store.append(done)
    store.append(dropped)
    assert store.load().entries == [done]


# ------------------------------------------------------------------ checkpoints


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
    session: Session,
    digest: str,
) -> None:
    candidates = [
        step.index
        for step in hamstring_plan.steps
        if (f"{step.kind}/{step.mode}" if step.kind is StepKind.WORK else str(step.kind)) == kind
    ]
    index = candidates[-1] if later_round else candidates[0]
    records = fake_records(hamstring_plan, index)
    records[index].active_seconds = 3.5  # the step in progress, part done
    store.save_checkpoint(
        checkpoint_from_records(hamstring_plan, records, session, current_index=index)
    )

    restarted = HistoryStore(store.data_dir)  # as after a kill: a new process
    checkpoint = restarted.load_checkpoint(digest)
    assert checkpoint is not None and checkpoint.fits(hamstring_plan)
    assert (checkpoint.id, checkpoint.current_index) == (session.id, index)
    assert hamstring_plan.steps[checkpoint.current_index].index == index

    prior = prior_records(checkpoint)
    assert [record.index for record in prior] == list(range(index))
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
    entry = entry_from_records(hamstring_plan, prior + rest, checkpoint, outcome=Outcome.FINISHED)
    restarted.record(entry)
    assert restarted.load_checkpoint(digest) is None
    [stored] = restarted.load().entries
    assert (stored.id, stored.started_at, stored.completed) == (session.id, START, 48)


def test_a_pause_is_checkpointed(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    records = fake_records(hamstring_plan, 13)
    records[13].paused_seconds = 12.0
    store.save_checkpoint(
        checkpoint_from_records(hamstring_plan, records, session, current_index=13, paused=True)
    )
    checkpoint = HistoryStore(store.data_dir).load_checkpoint(digest)
    assert checkpoint is not None and checkpoint.paused
    assert checkpoint.steps[13].paused_seconds == 12.0


def test_each_checkpoint_replaces_the_last(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    for index in range(6):
        records = fake_records(hamstring_plan, index)
        store.save_checkpoint(
            checkpoint_from_records(hamstring_plan, records, session, current_index=index)
        )
    checkpoint = store.load_checkpoint(digest)
    assert checkpoint is not None and checkpoint.current_index == 5
    assert [path.name for path in store.data_dir.iterdir() if "checkpoint" in path.name] == [
        f"checkpoint-{digest}.json"
    ]
    assert not [path for path in store.data_dir.iterdir() if path.name.endswith(".tmp")]


def test_no_checkpoint_means_nothing_to_resume(store: HistoryStore, digest: str) -> None:
    assert store.load_checkpoint(digest) is None
    assert not store.data_dir.exists()  # reading creates nothing


def test_checkpoints_are_per_circuit_file(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    other_hash = circuit_hash(b"another circuit")
    other = session.model_copy(update={"id": uuid.uuid4(), "circuit_hash": other_hash})
    store.save_checkpoint(
        checkpoint_from_records(
            hamstring_plan, fake_records(hamstring_plan, 4), session, current_index=4
        )
    )
    store.save_checkpoint(
        checkpoint_from_records(
            hamstring_plan, fake_records(hamstring_plan, 9), other, current_index=9
        )
    )
    mine, theirs = store.load_checkpoint(digest), store.load_checkpoint(other_hash)
    assert mine is not None and mine.current_index == 4
    assert theirs is not None and theirs.current_index == 9
    assert {checkpoint.id for checkpoint in store.checkpoints()} == {session.id, other.id}


def test_a_changed_plan_does_not_fit(
    store: HistoryStore, hamstring_plan: Plan, session: Session
) -> None:
    checkpoint = checkpoint_from_records(
        hamstring_plan, fake_records(hamstring_plan, 4), session, current_index=4
    )
    challenge = hamstring_plan.model_copy(update={"challenge": True})
    shorter = hamstring_plan.model_copy(update={"steps": hamstring_plan.steps[:-1]})
    assert checkpoint.fits(hamstring_plan)
    assert not checkpoint.fits(challenge) and not checkpoint.fits(shorter)


# ------------------------------------------------------------------ start fresh, finish


def test_start_fresh_stores_the_old_workout_as_abandoned(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    records = fake_records(hamstring_plan, 20)
    records[20].active_seconds = 4.0
    saved = START + timedelta(minutes=11)
    store.save_checkpoint(
        checkpoint_from_records(hamstring_plan, records, session, current_index=20, saved_at=saved)
    )
    entry = HistoryStore(store.data_dir).abandon_checkpoint(digest)
    assert entry is not None
    assert store.load_checkpoint(digest) is None
    [stored] = store.load().entries
    assert stored == entry
    assert (stored.outcome, stored.completed, stored.ended_at) == (Outcome.ABANDONED, 20, saved)
    assert stored.steps[20].status is StepStatus.ABANDONED
    assert stored.steps[20].active_seconds == 4.0
    assert {step.status for step in stored.steps[21:]} == {StepStatus.NOT_REACHED}


def test_abandoning_nothing_is_harmless(store: HistoryStore, digest: str) -> None:
    assert store.abandon_checkpoint(digest) is None
    assert store.load().entries == []


def test_a_new_workout_never_overwrites_an_unresumed_one(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    """Even if the app forgets `abandon_checkpoint`, the old workout lands in the history."""
    store.save_checkpoint(
        checkpoint_from_records(
            hamstring_plan, fake_records(hamstring_plan, 7), session, current_index=7
        )
    )
    fresh = Session.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash=digest)
    HistoryStore(store.data_dir).save_checkpoint(
        checkpoint_from_records(
            hamstring_plan, fake_records(hamstring_plan, 0), fresh, current_index=0
        )
    )
    [old] = store.load().entries
    assert (old.id, old.outcome, old.completed) == (session.id, Outcome.ABANDONED, 7)
    current = store.load_checkpoint(digest)
    assert current is not None and current.id == fresh.id


def test_an_edited_circuits_old_checkpoint_reaches_the_history(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    edited = circuit_hash(b"the hamstring circuit, edited after the crash")
    old = session.model_copy(update={"circuit_hash": edited})
    other = Session.begin(hamstring_plan, circuit_ref="other", circuit_hash=circuit_hash(b"o"))
    for each in (old, other):
        store.save_checkpoint(
            checkpoint_from_records(
                hamstring_plan, fake_records(hamstring_plan, 9), each, current_index=9
            )
        )
    [entry] = store.abandon_other_versions("hamstring", digest)
    assert (entry.id, entry.outcome, entry.completed) == (old.id, Outcome.ABANDONED, 9)
    assert store.load_checkpoint(edited) is None
    assert [checkpoint.id for checkpoint in store.checkpoints()] == [other.id]
    assert store.abandon_other_versions("hamstring", digest) == []


def test_finishing_stores_the_workout_and_drops_the_checkpoint(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    store.save_checkpoint(
        checkpoint_from_records(
            hamstring_plan, fake_records(hamstring_plan, 47), session, current_index=47
        )
    )
    store.record(finished(hamstring_plan, session))
    assert not store.checkpoint_path(digest).exists()
    assert [entry.id for entry in store.load().entries] == [session.id]


def test_finishing_leaves_another_workouts_checkpoint(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    other = Session.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash=digest)
    store.save_checkpoint(
        checkpoint_from_records(
            hamstring_plan, fake_records(hamstring_plan, 2), other, current_index=2
        )
    )
    store.record(finished(hamstring_plan, session))
    remaining = store.load_checkpoint(digest)
    assert remaining is not None and remaining.id == other.id


def test_a_kill_between_append_and_clear_offers_no_resume(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    store.save_checkpoint(
        checkpoint_from_records(
            hamstring_plan, fake_records(hamstring_plan, 47), session, current_index=47
        )
    )
    store.append(finished(hamstring_plan, session))  # ... and the process dies here
    restarted = HistoryStore(store.data_dir)
    assert restarted.load_checkpoint(digest) is None
    assert not restarted.checkpoint_path(digest).exists()
    assert restarted.take_notices() == []
    assert len(restarted.load().entries) == 1


def test_a_checkpoint_abandoned_twice_is_stored_once(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    checkpoint = checkpoint_from_records(
        hamstring_plan, fake_records(hamstring_plan, 5), session, current_index=5
    )
    store.save_checkpoint(checkpoint)
    store.append(entry_from_checkpoint(checkpoint))  # killed before the checkpoint went
    assert store.abandon_checkpoint(digest) is None  # the stale checkpoint is just dropped
    assert len(store.load().entries) == 1


def test_checkpoint_path_refuses_anything_but_a_digest(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="sha256"):
        store.checkpoint_path("../../etc/passwd")


def test_step_entry_refuses_negative_durations() -> None:
    with pytest.raises(ValidationError):
        StepEntry(index=0, summary="x", kind=StepKind.REST, status="done", active_seconds=-1)


def test_checkpoint_json_is_what_was_saved(
    store: HistoryStore, hamstring_plan: Plan, session: Session, digest: str
) -> None:
    checkpoint = checkpoint_from_records(
        hamstring_plan, fake_records(hamstring_plan, 30), session, current_index=30
    )
    store.save_checkpoint(checkpoint)
    on_disk = Checkpoint.model_validate_json(store.checkpoint_path(digest).read_bytes())
    assert on_disk == checkpoint


def test_the_history_file_is_named_for_humans(store: HistoryStore) -> None:
    assert store.history_path == store.data_dir / HISTORY_FILE == store.data_dir / "history.jsonl"
