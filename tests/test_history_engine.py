"""The storage layer with the real engine: checkpoint as the app does, crash, resume, finish."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepStatus
from hamtimer.history import (
    HistoryStore,
    Outcome,
    Session,
    WorkoutEntry,
    checkpoint_from_records,
    circuit_hash,
    entry_from_records,
    prior_records,
)
from hamtimer.plan import Plan, StepKind, WorkMode
from hamtimer.workout import Workout, WorkoutState

HOLDS = {"right": 50.0, "left": 41.0}


def checkpointing(
    store: HistoryStore, workout: Workout, session: Session
) -> Callable[[Event], None]:
    """The listener the app installs: a checkpoint at every step change and every pause."""

    def listener(event: Event) -> None:
        if event.kind in (EventKind.STEP_STARTED, EventKind.PAUSED, EventKind.RESUMED):
            store.save_checkpoint(
                checkpoint_from_records(
                    workout.plan,
                    workout.records,
                    session,
                    current_index=workout.index,
                    paused=workout.state is WorkoutState.PAUSED,
                )
            )

    return listener


def play_step(workout: Workout, clock: FakeClock) -> None:
    """Do the current step the way a runner would: wait it out, or hold and press done."""
    step = workout.plan.steps[workout.index]
    if step.seconds is not None:
        clock.advance(step.seconds)
        workout.update()
        return
    clock.advance(HOLDS[str(step.side)] if step.mode is WorkMode.OPEN else 20.0)
    workout.done()


def run_until(workout: Workout, clock: FakeClock, index: int) -> None:
    while workout.state is WorkoutState.RUNNING and workout.index < index:
        play_step(workout, clock)


def first_index(plan: Plan, kind: StepKind, mode: WorkMode | None = None) -> int:
    return next(s.index for s in plan.steps if s.kind is kind and s.mode is mode)


CRASH_AT = [
    (StepKind.GET_READY, None),
    (StepKind.WORK, WorkMode.REPS),
    (StepKind.WORK, WorkMode.OPEN),
    (StepKind.REST, None),
    (StepKind.SWITCH_SIDES, None),
]


@pytest.mark.parametrize(("kind", "mode"), CRASH_AT, ids=lambda item: str(item))
@pytest.mark.parametrize("paused", [False, True], ids=["running", "paused"])
def test_crash_and_resume_with_the_engine(
    kind: StepKind,
    mode: WorkMode | None,
    paused: bool,
    tmp_path: Path,
    hamstring_plan: Plan,
    hamstring_path: Path,
) -> None:
    digest = circuit_hash(hamstring_path)
    target = first_index(hamstring_plan, kind, mode)
    if kind is not StepKind.GET_READY:  # a later round too: more history to carry over
        target = max(s.index for s in hamstring_plan.steps if s.kind is kind and s.mode is mode)

    # First process: runs up to the target step, part-way into it, then dies.
    store = HistoryStore(tmp_path / "data")
    clock = FakeClock()
    workout = Workout(hamstring_plan, clock)
    session = Session.begin(
        hamstring_plan, circuit_ref="hamstring", circuit_hash=digest, now=datetime.now(UTC)
    )
    workout.subscribe(checkpointing(store, workout, session))
    workout.start()
    run_until(workout, clock, target)
    clock.advance(1.0)
    if paused:
        workout.pause()
    before = [(r.status, r.active_seconds, r.held_seconds) for r in workout.records[:target]]
    del workout  # SIGKILL: nothing else runs

    # Second process: offered the checkpoint, resumes at the step in progress.
    store = HistoryStore(tmp_path / "data")
    checkpoint = store.load_checkpoint(digest)
    assert checkpoint is not None and checkpoint.fits(hamstring_plan)
    assert checkpoint.current_index == target and checkpoint.paused is paused
    assert checkpoint.steps[target].status is StepStatus.ABANDONED  # in progress
    clock = FakeClock(start=10.0)
    resumed = Workout(
        hamstring_plan,
        clock,
        start_index=checkpoint.current_index,
        prior=prior_records(checkpoint),
    )
    resumed.subscribe(checkpointing(store, resumed, checkpoint))
    resumed.start()
    assert resumed.index == target
    run_until(resumed, clock, len(hamstring_plan))
    assert resumed.state is WorkoutState.FINISHED
    store.record(
        entry_from_records(hamstring_plan, resumed.records, checkpoint, outcome=Outcome.FINISHED)
    )

    assert store.load_checkpoint(digest) is None
    [entry] = store.load().entries
    assert (entry.id, entry.started_at, entry.outcome) == (
        session.id,
        session.started_at,
        Outcome.FINISHED,
    )
    after = [(s.status, s.active_seconds, s.held_seconds) for s in entry.steps[:target]]
    assert after == pytest.approx(before)
    assert entry.completed == len(hamstring_plan)
    assert_holds(entry)


def assert_holds(entry: WorkoutEntry) -> None:
    holds = [s for s in entry.steps if s.mode is WorkMode.OPEN]
    assert len(holds) == 6
    for step in holds:
        assert step.held_seconds == pytest.approx(HOLDS[str(step.side)])


def test_an_abandoned_engine_workout_is_stored_as_abandoned(
    tmp_path: Path, hamstring_plan: Plan, hamstring_path: Path
) -> None:
    digest = circuit_hash(hamstring_path)
    store = HistoryStore(tmp_path / "data")
    clock = FakeClock()
    workout = Workout(hamstring_plan, clock)
    session = Session.begin(hamstring_plan, circuit_ref="hamstring", circuit_hash=digest)
    workout.subscribe(checkpointing(store, workout, session))
    workout.start()
    run_until(workout, clock, 20)
    clock.advance(3.0)
    workout.abandon()
    store.record(
        entry_from_records(hamstring_plan, workout.records, session, outcome=Outcome.ABANDONED)
    )
    assert store.load_checkpoint(digest) is None
    [entry] = store.load().entries
    assert entry.outcome is Outcome.ABANDONED and entry.completed == 20
    assert entry.steps[20].status is StepStatus.ABANDONED
    assert entry.steps[20].active_seconds == pytest.approx(3.0)
    assert {s.status for s in entry.steps[21:]} == {StepStatus.NOT_REACHED}
