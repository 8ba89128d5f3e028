"""What the history keeps of a workout: records made from the engine's, pure (no files)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamtimer.circuit import circuit_hash
from hamtimer.events import StepStatus
from hamtimer.history import Outcome, StepEntry, WorkoutRecord, step_entries
from hamtimer.history.records import circuit_matches
from hamtimer.plan import Plan, StepKind, WorkMode
from tests.conftest import START
from tests.history_fakes import LEFT_HOLD, RIGHT_HOLD, fake_records


def finished(plan: Plan, begun: WorkoutRecord) -> WorkoutRecord:
    return begun.ended(
        plan, fake_records(plan, len(plan)), Outcome.FINISHED, now=START + timedelta(minutes=25)
    )


def test_circuit_hash_is_sha256_of_the_file_bytes(hamstring_path: Path) -> None:
    import hashlib

    expected = hashlib.sha256(hamstring_path.read_bytes()).hexdigest()
    assert circuit_hash(hamstring_path) == expected == circuit_hash(hamstring_path.read_bytes())
    assert circuit_hash(b"x") != circuit_hash(b"y")


def test_a_new_workout_is_in_progress_with_every_step_not_reached(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    assert begun.outcome is Outcome.IN_PROGRESS and begun.ended_at is None
    assert len(begun.steps) == 48 and begun.current_index == 0 and begun.speed == 1
    assert {step.status for step in begun.steps} == {StepStatus.NOT_REACHED}
    assert begun.started_at == begun.saved_at == START


def test_entry_keeps_durations_and_drops_clock_readings(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    entry = finished(hamstring_plan, begun)
    assert len(entry.steps) == len(hamstring_plan) == 48
    assert "5000" not in repr(entry)  # the fake engine's clock readings start at 5000
    hold = entry.steps[13]
    assert (hold.mode, hold.side, hold.status) == (WorkMode.OPEN, "right", StepStatus.DONE)
    assert hold.held_seconds == RIGHT_HOLD and hold.active_seconds == RIGHT_HOLD
    assert entry.steps[15].held_seconds == LEFT_HOLD
    assert entry.steps[0].status is StepStatus.TIMED_OUT and entry.steps[0].held_seconds is None
    assert entry.completed == 48 and entry.outcome is Outcome.FINISHED
    assert entry.ended_at == START + timedelta(minutes=25)


def test_entry_copies_what_the_plan_says_about_each_step(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    entry = finished(hamstring_plan, begun)
    for step, stored in zip(hamstring_plan.steps, entry.steps, strict=True):
        assert (stored.index, stored.summary, stored.kind) == (step.index, step.summary, step.kind)
        assert (stored.exercise, stored.side, stored.set_number, stored.mode) == (
            step.exercise,
            step.side,
            step.set_number,
            step.mode,
        )
        assert stored.planned == step.seconds


def test_durations_are_kept_to_the_millisecond(hamstring_plan: Plan) -> None:
    records = fake_records(hamstring_plan, 2)
    records[0].active_seconds = 9.99949
    records[1].active_seconds = 1.23456
    records[1].paused_seconds = -0.5  # a clock that misbehaved: never negative when stored
    entries = step_entries(hamstring_plan, records)
    assert (entries[0].active_seconds, entries[1].active_seconds) == (9.999, 1.235)
    assert entries[1].paused_seconds == 0.0


def test_unrecorded_steps_are_not_reached(hamstring_plan: Plan, begun: WorkoutRecord) -> None:
    records = fake_records(hamstring_plan, 5)[:5]  # the engine gave only five
    entry = begun.ended(hamstring_plan, records, Outcome.ABANDONED)
    assert [step.status for step in entry.steps[5:]] == [StepStatus.NOT_REACHED] * 43
    assert entry.completed == 5


def test_held_seconds_are_kept_only_for_to_fatigue_work(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    records = fake_records(hamstring_plan, len(hamstring_plan))
    records[1].held_seconds = 9.0  # a reps step: the engine would not, but if it did
    entry = begun.ended(hamstring_plan, records, Outcome.FINISHED)
    assert entry.steps[1].held_seconds is None


def test_ids_are_unique_and_times_utc(hamstring_plan: Plan, digest: str) -> None:
    paris = timezone(timedelta(hours=1))
    one = WorkoutRecord.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest)
    two = WorkoutRecord.begin(
        hamstring_plan, circuit_ref="h", circuit_hash=digest, now=START.astimezone(paris)
    )
    assert one.id != two.id
    assert two.started_at == START and two.started_at.utcoffset() == timedelta(0)


def test_naive_times_are_refused(begun: WorkoutRecord) -> None:
    with pytest.raises(ValueError, match="UTC"):
        replace(begun, started_at=datetime(2026, 1, 1))


def test_steps_must_be_numbered_in_order(hamstring_plan: Plan, begun: WorkoutRecord) -> None:
    with pytest.raises(ValueError, match="numbered"):
        replace(begun, steps=tuple(reversed(begun.steps)))


def test_a_position_past_the_last_step_is_refused(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    with pytest.raises(ValueError, match="past the last step"):
        begun.progressed(hamstring_plan, fake_records(hamstring_plan, 3), current_index=48)


def test_progress_keeps_the_identity_and_moves_on(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    later = START + timedelta(minutes=3)
    now = begun.progressed(
        hamstring_plan, fake_records(hamstring_plan, 4), current_index=4, paused=True, now=later
    )
    assert (now.id, now.started_at, now.circuit_hash) == (begun.id, START, begun.circuit_hash)
    assert (now.current_index, now.paused, now.saved_at, now.completed) == (4, True, later, 4)
    assert now.outcome is Outcome.IN_PROGRESS


def test_an_interrupted_workout_abandoned_ends_when_last_saved(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    records = fake_records(hamstring_plan, 20)
    records[20].status = StepStatus.ABANDONED  # in progress, as the engine records it
    records[20].active_seconds = 4.0
    saved = START + timedelta(minutes=11)
    stopped = begun.progressed(hamstring_plan, records, current_index=20, paused=True, now=saved)
    abandoned = stopped.abandoned()
    assert (abandoned.outcome, abandoned.completed, abandoned.ended_at) == (
        Outcome.ABANDONED,
        20,
        saved,
    )
    assert abandoned.steps[20].status is StepStatus.ABANDONED
    assert abandoned.steps[20].active_seconds == 4.0
    assert {step.status for step in abandoned.steps[21:]} == {StepStatus.NOT_REACHED}
    assert not abandoned.paused


def test_abandoning_marks_a_current_step_with_no_status_yet(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    stopped = begun.progressed(hamstring_plan, fake_records(hamstring_plan, 20), current_index=20)
    assert stopped.steps[20].status is StepStatus.NOT_REACHED
    assert stopped.abandoned().steps[20].status is StepStatus.ABANDONED


def test_abandoning_keeps_a_current_step_that_had_ended(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    records = fake_records(hamstring_plan, 6, skipped=frozenset({5}))
    stopped = begun.progressed(hamstring_plan, records, current_index=5)
    assert stopped.abandoned().steps[5].status is StepStatus.SKIPPED


def test_a_changed_plan_does_not_fit(hamstring_plan: Plan, begun: WorkoutRecord) -> None:
    challenge = replace(hamstring_plan, challenge=True)
    shorter = replace(hamstring_plan, steps=hamstring_plan.steps[:-1])
    renamed = replace(
        hamstring_plan,
        steps=(
            replace(hamstring_plan.steps[0], summary="Get ready 15 s"),
            *hamstring_plan.steps[1:],
        ),
    )
    assert begun.fits(hamstring_plan)
    assert not begun.fits(challenge) and not begun.fits(shorter) and not begun.fits(renamed)


def test_prior_records_carry_durations_not_clock_readings(
    hamstring_plan: Plan, begun: WorkoutRecord
) -> None:
    records = fake_records(hamstring_plan, 14)
    stopped = begun.progressed(hamstring_plan, records, current_index=14)
    prior = stopped.prior_records()
    assert [record.index for record in prior] == list(range(14))
    for got, want in zip(prior, records[:14], strict=True):
        assert (got.status, got.active_seconds, got.paused_seconds, got.held_seconds) == (
            want.status,
            want.active_seconds,
            want.paused_seconds,
            want.held_seconds,
        )
        assert got.started == 0.0 and got.ended == 0.0


def test_rehearsals_are_marked_by_their_speed(hamstring_plan: Plan, digest: str) -> None:
    real = WorkoutRecord.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest)
    fast = WorkoutRecord.begin(hamstring_plan, circuit_ref="h", circuit_hash=digest, speed=20)
    assert not real.rehearsal and fast.rehearsal and fast.speed == 20


def test_step_entry_counts_done_and_timed_out_as_completed() -> None:
    def entry(status: StepStatus) -> StepEntry:
        return StepEntry(index=0, summary="x", kind=StepKind.REST, status=status)

    assert [entry(status).completed for status in StepStatus] == [
        status in (StepStatus.DONE, StepStatus.TIMED_OUT) for status in StepStatus
    ]
    assert not entry(StepStatus.NOT_REACHED).reached and entry(StepStatus.SKIPPED).reached


@pytest.mark.parametrize(
    ("wanted", "matches"),
    [
        ("hamstring", True),
        ("HAMSTRING", True),
        ("for runners", True),
        ("mine.toml", False),
        ("mine", False),
        ("x", False),
    ],
)
def test_a_circuit_is_found_by_name_file_or_title(wanted: str, matches: bool) -> None:
    assert circuit_matches(wanted, "Hamstring circuit for runners", "hamstring") is matches
    assert circuit_matches("mine", "My circuit", "/home/r/mine.toml")
    assert circuit_matches("mine.toml", "My circuit", "/home/r/mine.toml")


def test_records_are_immutable(begun: WorkoutRecord) -> None:
    with pytest.raises(FrozenInstanceError):
        begun.speed = 20.0  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        begun.steps[0].status = StepStatus.DONE  # type: ignore[misc]
