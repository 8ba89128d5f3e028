"""A workout's life through `WorkoutSession` with the real engine and a real database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hamtimer.circuit import CircuitFile, load_circuit, parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import StepStatus
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord
from hamtimer.plan import Plan, StepKind, WorkMode
from hamtimer.session import WorkoutSession
from hamtimer.workout import Workout, WorkoutState

HOLDS = {"right": 50.0, "left": 41.0}


def session_for(path: Path, data: Path, clock: FakeClock, **options: object) -> WorkoutSession:
    """What the app builds at start: the circuit file, its store, a clock."""
    circuit_file = CircuitFile("hamstring", path, "file")
    return WorkoutSession(
        circuit_file,
        load_circuit(path),
        store=HistoryStore(data),
        clock=clock,
        background=False,
        **options,  # type: ignore[arg-type]
    )


def play_step(workout: Workout, clock: FakeClock, holds: dict[str, float] = HOLDS) -> None:
    """Do the current step the way a runner would: wait it out, or hold and press done."""
    step = workout.plan.steps[workout.index]
    if step.seconds is not None:
        clock.advance(step.seconds)
        workout.update()
        return
    clock.advance(holds[str(step.side)] if step.mode is WorkMode.OPEN else 20.0)
    workout.done()


def run_until(
    workout: Workout, clock: FakeClock, index: int, holds: dict[str, float] = HOLDS
) -> None:
    while workout.state is WorkoutState.RUNNING and workout.index < index:
        play_step(workout, clock, holds)


def kill(session: WorkoutSession, gone: str) -> None:
    """SIGKILL: nothing else runs, and the process that owned the workout is gone."""
    assert session.store is not None
    session.store.owner = gone
    if session.record is not None and session.workout is not None:
        session.checkpoint()  # what the last event saved, now under the dead owner


def killed_at(path: Path, data: Path, upto: int, gone: str) -> None:
    """A hamtimer that ran a fresh workout up to step `upto` and was killed there."""
    clock = FakeClock()
    first = session_for(path, data, clock)
    workout = first.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, clock, upto)
    kill(first, gone)


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
    gone: str,
) -> None:
    target = min(s.index for s in hamstring_plan.steps if s.kind is kind and s.mode is mode)
    if kind is not StepKind.GET_READY:  # a later round too: more history to carry over
        target = max(s.index for s in hamstring_plan.steps if s.kind is kind and s.mode is mode)

    # First process: runs up to the target step, part-way into it, then dies.
    clock = FakeClock()
    first = session_for(hamstring_path, tmp_path / "data", clock)
    assert first.resumable is None
    workout = first.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, clock, target)
    clock.advance(1.0)
    if paused:
        workout.pause()
    before = [(r.status, r.active_seconds, r.held_seconds) for r in workout.records[:target]]
    kill(first, gone)

    # Second process: offered the workout, resumes at the step in progress.
    clock = FakeClock(start=10.0)
    second = session_for(hamstring_path, tmp_path / "data", clock)
    offered = second.resumable
    assert offered is not None and offered.fits(hamstring_plan)
    assert offered.current_index == target and offered.paused is paused
    assert offered.steps[target].status is StepStatus.ABANDONED  # in progress
    resumed = second.start(resume=True, challenge=False)
    resumed.start()
    assert resumed.index == target
    run_until(resumed, clock, len(hamstring_plan))
    assert resumed.state is WorkoutState.FINISHED
    record = second.finish()
    assert record is not None

    assert second.store is not None and second.store.interrupted() == []
    [stored] = second.store.workouts()
    assert stored == record
    assert (stored.id, stored.started_at, stored.outcome) == (
        offered.id,
        offered.started_at,
        Outcome.FINISHED,
    )
    after = [(s.status, s.active_seconds, s.held_seconds) for s in stored.steps[:target]]
    assert after == pytest.approx(before)
    assert stored.completed == len(hamstring_plan)
    holds = [s for s in stored.steps if s.mode is WorkMode.OPEN]
    assert len(holds) == 6
    assert all(s.held_seconds == pytest.approx(HOLDS[str(s.side)]) for s in holds)


def test_an_abandoned_workout_is_stored_as_abandoned(tmp_path: Path, hamstring_path: Path) -> None:
    clock = FakeClock()
    session = session_for(hamstring_path, tmp_path / "data", clock)
    workout = session.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, clock, 20)
    clock.advance(3.0)
    workout.abandon()  # the session hears ABANDONED and stores the workout
    assert session.store is not None
    [stored] = session.store.workouts()
    assert stored == session.finish()
    assert stored.outcome is Outcome.ABANDONED and stored.completed == 20
    assert stored.steps[20].status is StepStatus.ABANDONED
    assert stored.steps[20].active_seconds == pytest.approx(3.0)
    assert {s.status for s in stored.steps[21:]} == {StepStatus.NOT_REACHED}


def test_every_step_change_and_pause_is_saved(tmp_path: Path, hamstring_path: Path) -> None:
    clock = FakeClock()
    session = session_for(hamstring_path, tmp_path / "data", clock)
    workout = session.start(resume=False, challenge=False)
    assert session.store is not None
    saved: list[WorkoutRecord] = []
    store_save = session.store.save

    def save(record: WorkoutRecord, *, release: bool = False) -> None:
        saved.append(record)
        store_save(record, release=release)

    session.store.save = save  # type: ignore[method-assign]
    workout.start()
    run_until(workout, clock, 3)
    workout.pause()
    workout.resume()
    assert [(r.current_index, r.paused) for r in saved] == [
        (0, False),
        (1, False),
        (2, False),
        (3, False),
        (3, True),
        (3, False),
    ]


def test_starting_fresh_stores_the_interrupted_workout_as_abandoned(
    tmp_path: Path, hamstring_path: Path, gone: str
) -> None:
    killed_at(hamstring_path, tmp_path / "data", 5, gone)
    second = session_for(hamstring_path, tmp_path / "data", FakeClock())
    old = second.resumable
    assert old is not None
    fresh = second.start(resume=False, challenge=True)
    assert fresh.index == 0 and fresh.plan.challenge
    assert second.store is not None
    [stored] = second.store.workouts()
    assert (stored.id, stored.outcome, stored.completed) == (old.id, Outcome.ABANDONED, 5)


def test_an_edited_circuits_workout_is_not_offered_but_kept(
    tmp_path: Path, hamstring_path: Path, gone: str
) -> None:
    copy = tmp_path / "hamstring.toml"
    copy.write_bytes(hamstring_path.read_bytes())
    killed_at(copy, tmp_path / "data", 4, gone)
    copy.write_text(copy.read_text().replace("exercises = 30", "exercises = 35"))
    second = session_for(copy, tmp_path / "data", FakeClock())
    assert second.resumable is None, "its steps may no longer match"
    assert second.store is not None
    [stored] = second.store.workouts()
    assert stored.outcome is Outcome.ABANDONED and stored.completed == 4


def test_a_workout_whose_plan_no_longer_fits_starts_fresh_and_says_so(
    tmp_path: Path, hamstring_path: Path, gone: str
) -> None:
    killed_at(hamstring_path, tmp_path / "data", 4, gone)
    second = session_for(hamstring_path, tmp_path / "data", FakeClock())
    offered = second.resumable
    assert offered is not None
    # As if the plan's words had changed since (a newer hamtimer, the same file).
    renamed = replace(offered.steps[0], summary="Get ready 12 s")
    second.resumable = replace(offered, steps=(renamed, *offered.steps[1:]))
    fresh = second.start(resume=True, challenge=False)
    assert fresh.index == 0 and second.record is not None and second.record.id != offered.id
    assert second.errors == ["The circuit changed since that workout; starting fresh."]
    assert second.store is not None
    [stored] = second.store.workouts()
    assert (stored.id, stored.outcome) == (offered.id, Outcome.ABANDONED)


def test_saving_problems_are_told_and_the_workout_runs_on(
    tmp_path: Path, hamstring_path: Path
) -> None:
    (tmp_path / "afile").write_text("not a folder")
    clock = FakeClock()
    session = session_for(hamstring_path, tmp_path / "afile" / "data", clock)
    workout = session.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, clock, 3)
    assert workout.index == 3 and workout.state is WorkoutState.RUNNING
    assert session.errors and "cannot save the workout" in session.errors[0]
    assert "HAMTIMER_DATA_DIR" in session.errors[0]


def test_without_a_store_nothing_is_saved_and_nothing_fails(hamstring_path: Path) -> None:
    clock = FakeClock()
    circuit_file = CircuitFile("hamstring", hamstring_path, "file")
    session = WorkoutSession(
        circuit_file, load_circuit(hamstring_path), store=None, clock=clock, background=False
    )
    workout = session.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, clock, 48)
    record = session.finish()
    assert record is not None and record.outcome is Outcome.FINISHED and session.errors == []


def test_rehearsals_record_their_speed(tmp_path: Path, hamstring_path: Path) -> None:
    clock = FakeClock()
    session = session_for(hamstring_path, tmp_path / "data", clock, speed=20.0)
    workout = session.start(resume=False, challenge=False)
    workout.start()
    workout.abandon()
    record = session.finish()
    assert record is not None and record.speed == 20 and record.rehearsal
    assert session.store is not None and session.store.workouts()[0].rehearsal


def test_finish_is_none_until_the_workout_is_over(hamstring_path: Path) -> None:
    circuit = parse_circuit(hamstring_path.read_text(), "x")
    session = WorkoutSession(
        CircuitFile("x", hamstring_path, "file"), circuit, store=None, clock=FakeClock()
    )
    assert session.finish() is None
    workout = session.start(resume=False, challenge=False)
    workout.start()
    assert session.finish() is None and session.checkpoint() is None, "no store: nothing saved"
    session.close()


def test_a_workout_at_real_speed_is_not_a_rehearsal(tmp_path: Path, hamstring_path: Path) -> None:
    session = session_for(hamstring_path, tmp_path / "data", FakeClock())
    workout = session.start(resume=False, challenge=False)
    workout.start()
    workout.abandon()
    record = session.finish()
    assert record is not None and record.speed == 1 and not record.rehearsal
    session.close()  # nothing in the background to wait for: fine too


def test_saves_in_the_background_land_in_order_and_can_be_read_here(
    tmp_path: Path, hamstring_path: Path
) -> None:
    """The app's way: a writer thread saves, the UI thread reads the same store."""
    clock = FakeClock()
    circuit_file = CircuitFile("hamstring", hamstring_path, "file")
    store = HistoryStore(tmp_path / "data")
    session = WorkoutSession(circuit_file, load_circuit(hamstring_path), store=store, clock=clock)
    workout = session.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, clock, 48)
    session.close()
    assert session.errors == []
    [stored] = store.workouts()
    assert stored == session.finish() and stored.completed == 48


def test_a_workout_holds_against_last_times_holds(tmp_path: Path, hamstring_path: Path) -> None:
    """The second workout gets the first one's holds as targets, on hold steps only."""
    clock = FakeClock()
    first = session_for(hamstring_path, tmp_path / "data", clock)
    workout = first.start(resume=False, challenge=False)
    assert first.targets == {}, "nothing held yet"
    workout.start()
    run_until(workout, clock, 48)
    first.finish()
    second = session_for(hamstring_path, tmp_path / "data", clock)
    workout = second.start(resume=False, challenge=False)
    holds = [step for step in workout.plan.steps if step.mode is WorkMode.OPEN]
    for step in holds:
        target = second.target_for(step)
        assert target is not None
        assert (target.last, target.best) == (HOLDS[str(step.side)],) * 2
    assert {str(step.side) for step in holds} == {"right", "left"}
    others = [step for step in workout.plan.steps if step.mode is not WorkMode.OPEN]
    assert all(second.target_for(step) is None for step in others)
    assert second.target_for(None) is None


def test_a_rehearsal_never_holds_against_a_target(tmp_path: Path, hamstring_path: Path) -> None:
    clock = FakeClock()
    first = session_for(hamstring_path, tmp_path / "data", clock)
    workout = first.start(resume=False, challenge=False)
    workout.start()
    run_until(workout, clock, 48)
    first.finish()
    rehearsal = session_for(hamstring_path, tmp_path / "data", clock, speed=20.0)
    workout = rehearsal.start(resume=False, challenge=False)
    assert rehearsal.targets == {}
    assert all(rehearsal.target_for(step) is None for step in workout.plan.steps)
    workout.start()
    run_until(workout, clock, 48, holds={"right": 90.0, "left": 80.0})
    rehearsal.finish()
    real = session_for(hamstring_path, tmp_path / "data", clock)
    real.start(resume=False, challenge=False)
    assert {target.best for target in real.targets.values()} == set(HOLDS.values()), (
        "the rehearsal's holds set no target"
    )
