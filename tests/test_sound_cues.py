"""The cue map: which sound each engine event makes. Pure: no device, no process."""

from __future__ import annotations

import pytest
from audio_helpers.drive import EVERY_CUE_CIRCUIT, REST_CIRCUIT, plan_of, run_workout

from hamtimer.events import Event, EventKind, StepStatus
from hamtimer.plan import Plan, RestReason, StepKind
from hamtimer.sound import Cue, cue_for, flips_direction

EVERY_CUE = plan_of(EVERY_CUE_CIRCUIT)
HOLD_CIRCUIT = """
name = "One hold"
[timing]
get_ready = 5
[[blocks]]
name = "Hold"
sets = 1
[[blocks.exercises]]
name = "Wall sit"
kind = "isometric"
to_fatigue = true
"""


def first_step(plan: Plan, kind: StepKind, reason: RestReason | None = None) -> int:
    """The index of the first step of `kind` (and rest `reason`)."""
    for step in plan.steps:
        if step.kind is kind and (reason is None or step.rest_reason is reason):
            return step.index
    raise AssertionError(f"no {kind} {reason} step in the plan")


def started(plan: Plan, kind: StepKind, reason: RestReason | None = None) -> Event:
    """The STEP_STARTED event of the first such step."""
    return Event(EventKind.STEP_STARTED, 10.0, first_step(plan, kind, reason))


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (Event(EventKind.COUNTDOWN, 7.0, 0, count=3), Cue.COUNTDOWN),
        (Event(EventKind.COUNTDOWN, 8.0, 0, count=2), Cue.COUNTDOWN),
        (Event(EventKind.COUNTDOWN, 9.0, 0, count=1), Cue.COUNTDOWN),
        (Event(EventKind.GO, 10.0, 1), Cue.GO),
        (Event(EventKind.SWITCH_SIDES, 10.0, 1), Cue.SWITCH_SIDES),
        (Event(EventKind.REP, 10.0, 1, count=2), Cue.REP),
        (Event(EventKind.REP, 10.0, 1, count=12), Cue.REP),
        (Event(EventKind.FINISHED, 10.0, 1), Cue.DONE),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_events_with_their_own_cue(event: Event, expected: Cue) -> None:
    assert cue_for(event, EVERY_CUE) is expected


@pytest.mark.parametrize(
    "kind",
    [EventKind.STEP_ENDED, EventKind.PAUSED, EventKind.RESUMED, EventKind.ABANDONED],
)
def test_events_that_stay_silent(kind: EventKind) -> None:
    """The runner just pressed a key (they are looking), or the next step speaks for it."""
    event = Event(kind, 10.0, 1, status=StepStatus.DONE if kind is EventKind.STEP_ENDED else None)
    assert cue_for(event, EVERY_CUE) is None


def test_the_first_rep_is_marked_by_go_not_a_tick() -> None:
    """REP 1 is due at the very moment work starts; a tick on top of GO would blur it."""
    assert cue_for(Event(EventKind.REP, 10.0, 1, count=1), EVERY_CUE) is None


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (RestReason.BETWEEN_SIDES, Cue.SWITCH_SIDES),
        (RestReason.BETWEEN_SETS, Cue.SET_DONE),
        (RestReason.BETWEEN_EXERCISES, Cue.SET_DONE),
    ],
)
def test_a_rest_says_whether_the_leg_changes_or_the_set_is_over(
    reason: RestReason, expected: Cue
) -> None:
    assert cue_for(started(EVERY_CUE, StepKind.REST, reason), EVERY_CUE) is expected


@pytest.mark.parametrize("reason", [RestReason.BETWEEN_ROUNDS, RestReason.BETWEEN_BLOCKS])
def test_rounds_and_blocks_end_like_sets(reason: RestReason, hamstring_plan: Plan) -> None:
    """The bundled circuit has rests between rounds and between blocks."""
    assert cue_for(started(hamstring_plan, StepKind.REST, reason), hamstring_plan) is Cue.SET_DONE


def test_set_done_and_switch_sides_sound_different() -> None:
    """The issue's point: the end of a set must not be mistaken for a change of leg."""
    assert Cue.SET_DONE is not Cue.SWITCH_SIDES


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (StepKind.GET_READY, Cue.REST),
        (StepKind.WORK, None),  # GO says it
        (StepKind.SWITCH_SIDES, None),  # its SWITCH_SIDES event says it
    ],
)
def test_step_starts(kind: StepKind, expected: Cue | None) -> None:
    assert cue_for(started(EVERY_CUE, kind), EVERY_CUE) is expected


def test_a_step_index_outside_the_plan_is_silent() -> None:
    assert cue_for(Event(EventKind.STEP_STARTED, 1.0, 999), EVERY_CUE) is None


def test_a_real_workout_makes_every_cue_in_a_sensible_order() -> None:
    """The engine's events for a workout that has every kind of step, mapped to cues."""
    events: list[Event] = []
    run_workout(EVERY_CUE, events.append)
    cues = [cue for event in events if (cue := cue_for(event, EVERY_CUE)) is not None]
    assert set(cues) == set(Cue) - {Cue.TARGET}, "no hold in this circuit: see the next test"
    assert cues[0] is Cue.REST and cues[-1] is Cue.DONE
    # every GO after a rest or switch is announced by exactly 3-2-1
    for position, cue in enumerate(cues):
        if cue is Cue.GO and position > 2:
            assert cues[position - 3 : position] == [Cue.COUNTDOWN] * 3, cues[: position + 1]
    # every countdown beep is due exactly 3, 2, 1 s before the end of its step: the digits
    countdowns = [event for event in events if event.kind is EventKind.COUNTDOWN]
    ends = {event.step_index: event.due for event in events if event.kind is EventKind.STEP_ENDED}
    for event in countdowns:
        assert event.count is not None
        assert ends[event.step_index] - event.due == pytest.approx(event.count)


def test_a_hold_passing_its_targets_sounds_the_target_cue_each_time() -> None:
    plan = plan_of(HOLD_CIRCUIT)
    events: list[Event] = []
    run_workout(plan, events.append, hold=5.0, targets={1: (2.0, 3.0)})
    targets = [event for event in events if event.kind is EventKind.TARGET]
    assert [(event.count, cue_for(event, plan)) for event in targets] == [
        (2, Cue.TARGET),
        (3, Cue.TARGET),
    ]


def test_the_rest_workout_cues() -> None:
    """Set 1 is done, a 5 s rest counts down 3-2-1, set 2 goes, the workout is done."""
    plan = plan_of(REST_CIRCUIT)
    events: list[Event] = []
    run_workout(plan, events.append)
    cues = [cue for event in events if (cue := cue_for(event, plan)) is not None]
    assert cues == [
        Cue.GO,
        Cue.SET_DONE,
        Cue.COUNTDOWN,
        Cue.COUNTDOWN,
        Cue.COUNTDOWN,
        Cue.GO,
        Cue.DONE,
    ]


def test_a_halo_turning_the_other_way_is_heard_instead_of_go(hamstring_plan: Plan) -> None:
    """Each side's counter-clockwise halos start with the reverse cue, the clockwise with go."""
    halos = [step for step in hamstring_plan.steps if step.direction is not None]
    assert len(halos) == 12
    for step in halos:
        cue = cue_for(Event(EventKind.GO, 1.0, step.index), hamstring_plan)
        expected = Cue.REVERSE if step.direction == "counter-clockwise" else Cue.GO
        assert cue is expected, step.summary


@pytest.mark.parametrize(
    ("toml", "flips"),
    [
        ('sides = ["right"]\n' + "{cw}{ccw}", [False, True]),
        ("{cw}{cw}", [False, False]),  # the same way again
        ("{ccw}{cw}", [False, True]),  # either way round
        ('sides = ["right", "left"]\n' + "{cw}", [False, False, False]),  # sides: no flip
        ('sides = ["right", "left"]\n' + "{ccw}{cw}", [False, True, False, False, True]),
    ],
)
def test_a_flip_is_the_other_way_on_the_same_side(toml: str, flips: list[bool]) -> None:
    prompt = '[[blocks.exercises.prompts]]\nreps = 2\ndirection = "{}"\n'
    body = toml.format(cw=prompt.format("clockwise"), ccw=prompt.format("counter-clockwise"))
    plan = plan_of(
        "name = 'h'\n[timing]\nget_ready = 0\nswitch_sides = 5\n"
        "[[blocks]]\nname = 'b'\nsets = 1\n[[blocks.exercises]]\nname = 'Halo'\n"
        f"kind = 'stability'\n{body}"
    )
    assert [flips_direction(plan, step.index) for step in plan.steps] == flips
    assert not flips_direction(plan, len(plan)) and not flips_direction(plan, -1)


@pytest.mark.parametrize(
    ("timing", "flips"),
    [
        ("switch_sides = 0", [False, True, False, True]),  # right ccw → left cw: other side
        ("rest_between_exercises = 0", [False, True, False, True]),  # halo B: other exercise
    ],
)
def test_the_same_direction_change_on_another_side_or_exercise_is_no_flip(
    timing: str, flips: list[bool]
) -> None:
    """Work straight after work, turning the other way, flips only on the same exercise and
    side: the next side's or the next exercise's first run starts with go."""
    halos = (
        "[[blocks.exercises]]\nname = '{name}'\nkind = 'stability'\n{sides}"
        "[[blocks.exercises.prompts]]\nreps = 2\ndirection = 'clockwise'\n"
        "[[blocks.exercises.prompts]]\nreps = 2\ndirection = 'counter-clockwise'\n"
    )
    if timing.startswith("switch"):
        body = halos.format(name="Halo", sides="sides = ['right', 'left']\n")
    else:
        body = halos.format(name="Halo A", sides="") + halos.format(name="Halo B", sides="")
    plan = plan_of(
        f"name = 'h'\n[timing]\nget_ready = 0\n{timing}\n[[blocks]]\nname = 'b'\nsets = 1\n{body}"
    )
    assert [flips_direction(plan, step.index) for step in plan.steps] == flips
