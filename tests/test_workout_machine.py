"""Random command sequences and clock jumps against the workout engine's invariants.

Whatever a runner presses, in whatever order, however long the laptop sleeps: nothing raises,
remaining time is never negative, the index stays in range, every step entered has one record
with a status, and the records account for every second since the start.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from hamtimer.circuit import load_circuit, parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepStatus
from hamtimer.folders import bundled_dir
from hamtimer.plan import Plan, build_plan
from hamtimer.workout import Workout, WorkoutState

T0 = 1000.0
TOLERANCE = 1e-6

# Short steps, so that random jumps often cross several deadlines and countdowns start at
# a step's very start; paced reps; a switch-sides step; a hold and unpaced reps.
SHORT = """
name = "short"
[timing]
get_ready = 1.5
switch_sides = 2
rest_between_exercises = 3.25
rest_between_sets = 0.5
[[blocks]]
name = "Block"
sets = 2
mode = "circuit"
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = 4.5
challenge = "One arm."
[[blocks.exercises]]
name = "Halo"
kind = "stability"
sides = ["right", "left"]
reps = 3
tempo = 0.75
[[blocks.exercises]]
name = "Hold"
kind = "isometric"
to_fatigue = true
expected_seconds = 5
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 4
"""


def _plans() -> list[tuple[Plan, Plan]]:
    """Each plan with its challenge-mode twin (same structure, other words)."""
    bundled = load_circuit(bundled_dir("circuits") / "hamstring.toml")
    short = parse_circuit(SHORT)
    return [(build_plan(c), build_plan(c, challenge=True)) for c in (short, bundled)]


PLANS = _plans()
COMMANDS = ("start", "pause", "resume", "toggle_pause", "skip", "back", "done", "restart_step")
STEPS = st.one_of(
    st.sampled_from([0.0, 0.1, 0.25, 0.3, 0.5, 1.0, 2.0, 2.25, 3.0, 10.0]),
    st.floats(min_value=0.0, max_value=90.0, allow_nan=False),
)
CUES = (EventKind.COUNTDOWN, EventKind.REP, EventKind.GO, EventKind.SWITCH_SIDES)
ENDS = (EventKind.FINISHED, EventKind.ABANDONED)


class WorkoutMachine(RuleBasedStateMachine):
    """A runner mashing keys while time jumps about."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock(T0)
        self.events: list[Event] = []
        self.plan, self.twin = PLANS[0]
        self.workout = Workout(self.plan, self.clock)

    @initialize(
        plans=st.sampled_from(PLANS),
        where=st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
        start=st.booleans(),
    )
    def setup(self, plans: tuple[Plan, Plan], where: float, start: bool) -> None:
        self.plan, self.twin = plans
        self.start_index = int(where * len(self.plan)) if where > 0.8 else 0
        self.workout = Workout(self.plan, self.clock, start_index=self.start_index)
        self.workout.subscribe(self.events.append)
        if start:
            self.workout.start()

    # ------------------------------------------------------------------------- rules

    @rule(seconds=STEPS)
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule(seconds=STEPS)
    def time_passes_and_the_screen_wakes(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.workout.update()

    @rule()
    def sleep_until_next_change(self) -> None:
        moment = self.workout.next_change()
        if moment is not None:
            self.clock.set(max(moment, self.clock.now()))
        self.workout.update()

    @rule(command=st.sampled_from(COMMANDS))
    def press(self, command: str) -> None:
        getattr(self.workout, command)()

    @rule(seconds=st.one_of(st.none(), st.sampled_from([10.0, -10.0, -1000.0, 0.25, -2.5])))
    def adjust(self, seconds: float | None) -> None:
        self.workout.adjust(seconds)

    @precondition(lambda self: len(self.events) % 7 == 0)
    @rule()
    def abandon(self) -> None:
        self.workout.abandon()

    @rule()
    def toggle_challenge(self) -> None:
        self.workout.replace_plan(self.twin)
        self.plan, self.twin = self.twin, self.plan

    @rule()
    def update_twice_changes_nothing(self) -> None:
        self.workout.update()
        count = len(self.events)
        self.workout.update()
        assert len(self.events) == count

    # -------------------------------------------------------------------- invariants

    @invariant()
    def snapshot_is_in_range(self) -> None:
        snap = self.workout.snapshot()
        assert 0 <= snap.index < snap.total == len(self.plan)
        assert snap.step_remaining is None or snap.step_remaining >= 0
        assert snap.step_elapsed >= 0 and snap.workout_elapsed >= 0
        assert snap.workout_remaining >= 0 and 0.0 <= snap.fraction <= 1.0
        assert snap.paused == (snap.state is WorkoutState.PAUSED)
        assert snap.step is self.plan.steps[snap.index]

    @invariant()
    def every_step_entered_has_one_record_with_a_status(self) -> None:
        entered = {e.step_index for e in self.events if e.kind is EventKind.STEP_STARTED}
        records = self.workout.records
        assert [r.index for r in records] == list(range(len(self.plan)))
        for record in records:
            assert (record.status is not StepStatus.NOT_REACHED) == (record.index in entered)
        in_progress = [r.index for r in records if r.index in entered and r.ended is None]
        running = self.workout.state in (WorkoutState.RUNNING, WorkoutState.PAUSED)
        assert in_progress == ([self.workout.index] if running else [])
        if self.workout.state is WorkoutState.FINISHED:
            assert entered >= set(range(self.start_index, len(self.plan)))  # back may go below
            assert all(r.status is not StepStatus.ABANDONED for r in records)

    @invariant()
    def records_account_for_every_second_since_the_start(self) -> None:
        workout = self.workout
        active = sum(r.active_seconds for r in workout.records)
        paused = sum(r.paused_seconds for r in workout.records)
        if workout.started_at is None:
            assert active == paused == 0.0
            return
        end = workout.ended_at if workout.ended_at is not None else workout.updated_at
        assert end is not None
        assert abs(active + paused - (end - workout.started_at)) < TOLERANCE
        if workout.state is not WorkoutState.RUNNING or self.clock.now() == end:
            assert abs(workout.snapshot().workout_elapsed - active) < TOLERANCE

    @invariant()
    def events_come_in_due_order_and_make_sense(self) -> None:
        dues = [e.due for e in self.events]
        assert dues == sorted(dues) and all(due <= self.clock.now() for due in dues)
        current, paused, ended = None, False, False
        for event in self.events:
            assert not ended, "nothing after the workout ended"
            if event.kind is EventKind.STEP_STARTED:
                assert current is None
                current = event.step_index
            elif event.kind is EventKind.STEP_ENDED:
                assert current == event.step_index and event.status is not None
                current = None
            elif event.kind in (EventKind.PAUSED, EventKind.RESUMED):
                assert paused == (event.kind is EventKind.RESUMED)
                paused = not paused
            elif event.kind in CUES:
                assert not paused and current == event.step_index
            ended = event.kind in ENDS

    @invariant()
    def next_change_is_in_the_future_once_caught_up(self) -> None:
        workout = self.workout
        moment = workout.next_change()
        if workout.state is not WorkoutState.RUNNING:
            assert moment is None
        elif workout.updated_at == self.clock.now():
            assert moment is not None and moment > self.clock.now()


TestWorkoutMachine = WorkoutMachine.TestCase
TestWorkoutMachine.settings = settings(
    max_examples=150,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
