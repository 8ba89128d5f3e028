"""The interval blocks with the prescriptions: tempo phases, ranges and lists in an EMOM, a
range and a written rest in an intervals block, warm-up blocks and roles around an AMRAP.
Each from the file through the plan, the engine, the words, the screen and the history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamtimer.circuit import BlockRole, parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepStatus
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord, interval_results
from hamtimer.history.jsonform import dumps, parse
from hamtimer.plan import (
    IntervalKind,
    Plan,
    RestReason,
    StepKind,
    WorkMode,
    build_plan,
    plan_document,
    plan_from_document,
)
from hamtimer.plan import speech as words
from hamtimer.report import csv_rows, range_text, sets_text, summary_text
from hamtimer.tui.view import view_of
from hamtimer.workout import Workout
from hamtimer.workout.visit import Due, Visit
from tests.conftest import START
from tests.history_fakes import fake_records

T0 = 1000.0

# 0 get ready 0 s: none | 0 Nordic curl 2-3 reps at 3-1-1-0 (interval 1) | 1 its rest |
# 2 Nordic curl 2 reps (interval 2) | 3 its rest. Intervals of 20 s.
TEMPO_EMOM = """
name = "Tempo EMOM"
[timing]
get_ready = 0
[[blocks]]
name = "Slow"
mode = "emom"
every = 20
sets = 2
[[blocks.exercises]]
name = "Nordic curl"
kind = "eccentric"
reps = ["2-3", 2]
tempo = "3-1-1-0"
"""

# 0 get ready 10 s | 1 Squat 6-8 reps (interval 1) | 2 Walk 15 s | 3 Plank 20-30 s (interval 2)
# | 4 rest 60 s between rounds | 5 Squat (interval 3) | 6 Walk | 7 Plank (interval 4): the
# written rest instead of the rests between exercises beside it.
RANGED_INTERVALS = """
name = "Ranged intervals"
[[blocks]]
name = "Pairs"
mode = "intervals"
sets = 2
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = "6-8"
[[blocks.exercises]]
kind = "rest"
seconds = 15
name = "Walk"
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = "20-30"
"""

# 0 get ready 10 s | 1 Leg swing (warm-up) | 2 rest 45 s (the warm-up's rest_after) |
# 3 the AMRAP | 4 rest 90 s | 5 the cool-down AMRAP.
WARM_UP_AMRAP = """
name = "Warm, then AMRAP"
[[blocks]]
name = "Warm-up"
role = "warm-up"
rest_after = 45
[[blocks.exercises]]
name = "Leg swing"
kind = "mobility"
reps = "10-15"
[[blocks]]
name = "Metcon"
mode = "amrap"
time_cap = 300
[[blocks.exercises]]
name = "Burpee"
kind = "cardio"
reps = "8-12"
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = 30
[[blocks]]
name = "Easy rounds"
mode = "amrap"
role = "cool-down"
time_cap = 120
[[blocks.exercises]]
name = "Walk"
kind = "cardio"
seconds = "20-30"
"""


def run(plan: Plan) -> tuple[Workout, FakeClock, list[Event]]:
    clock = FakeClock(T0)
    workout = Workout(plan, clock)
    heard: list[Event] = []
    workout.subscribe(heard.append)
    workout.start()
    return workout, clock, heard


# ----------------------------------------------------------------------------- EMOM


def test_an_emom_with_tempo_phases_and_a_list_plans_a_set_a_round() -> None:
    plan = build_plan(parse_circuit(TEMPO_EMOM))
    work = [step for step in plan.steps if step.kind is StepKind.WORK]
    assert [(s.reps_low, s.reps, s.tempo, s.tempo_phases) for s in work] == [
        (2, 3, 5.0, (3.0, 1.0, 1.0, 0.0)),
        (None, 2, 5.0, (3.0, 1.0, 1.0, 0.0)),
    ]
    assert [(s.interval, s.interval_number, s.set_text) for s in work] == [
        (IntervalKind.EMOM, 1, "interval 1 of 2"),
        (IntervalKind.EMOM, 2, "interval 2 of 2"),
    ]
    rests = [step for step in plan.steps if step.rest_reason is RestReason.INTERVAL]
    assert [step.estimate for step in rests] == [5.0, 10.0], "each interval adds up to 20 s"
    assert plan_from_document(json.loads(json.dumps(plan_document(plan)))) == plan


def test_tempo_phases_in_an_emom_are_heard_and_the_next_interval_starts_on_its_boundary() -> None:
    workout, clock, heard = run(build_plan(parse_circuit(TEMPO_EMOM)))
    clock.set(T0 + 40)  # one late wake: everything at its own moment
    workout.update()
    beats = [
        (e.kind.value, e.due - T0, e.step_index, e.count)
        for e in heard
        if e.kind in (EventKind.REP, EventKind.TEMPO, EventKind.STEP_STARTED)
    ]
    first = [("rep", 0.0, 0, 1), ("tempo", 0.0, 0, 1), ("tempo", 3.0, 0, 2), ("tempo", 4.0, 0, 3)]
    assert beats[:4] == [("step_started", 0.0, 0, None), *first[:3]]
    assert ("tempo", 14.0, 0, 3) in beats, "the third rep's phases, at the range's top"
    assert ("step_started", 15.0, 1, None) in beats, "the rest of the interval"
    assert ("step_started", 20.0, 2, None) in beats, "on the boundary"
    assert ("tempo", 29.0, 2, 3) in beats and ("step_started", 30.0, 3, None) in beats
    statuses = [record.status for record in workout.records]
    assert statuses == [StepStatus.DONE, StepStatus.TIMED_OUT] * 2


def test_a_boundary_that_cuts_a_paced_set_owes_no_rep_or_phase_at_or_after_it() -> None:
    step = build_plan(parse_circuit(TEMPO_EMOM)).steps[0]  # 3 reps of 5 s: 15 s
    # a boundary at 10 s: the moment rep 3 and its first phase would start
    visit = Visit.begin(0, step, 0.0, base_active=0.0, base_paused=0.0, boundary=10.0)
    owed: list[tuple[float, Due]] = []
    while (due := visit.next_due()) is not None and due[1] is not Due.DEADLINE:
        owed.append(due)
        visit.take(due[1], step)
    assert [(moment, what) for moment, what in owed if what in (Due.REP, Due.PHASE)] == [
        (0.0, Due.REP),
        (0.0, Due.PHASE),
        (3.0, Due.PHASE),
        (4.0, Due.PHASE),
        (5.0, Due.REP),
        (5.0, Due.PHASE),
        (8.0, Due.PHASE),
        (9.0, Due.PHASE),
    ]
    assert visit.next_due() == (10.0, Due.DEADLINE)
    assert visit.ending(step) is StepStatus.MISSED


def test_the_voice_says_the_interval_the_range_and_the_phases_of_an_emom_set() -> None:
    plan = build_plan(parse_circuit(TEMPO_EMOM))
    assert words.announce(plan, 0) == "Interval one of two. Two to three nordic curls."
    assert {"hold", "up", "interval", "two", "three"} <= words.vocabulary(plan)


# ----------------------------------------------------------------------------- intervals


def test_a_range_and_a_written_rest_in_an_intervals_block() -> None:
    plan = build_plan(parse_circuit(RANGED_INTERVALS))
    summaries = [(s.kind, s.title, s.set_text) for s in plan.steps]
    assert summaries == [
        (StepKind.GET_READY, "Get ready", None),
        (StepKind.WORK, "Squat", "interval 1 of 4"),
        (StepKind.REST, "Walk", None),
        (StepKind.WORK, "Plank", "interval 2 of 4"),
        (StepKind.REST, "Rest", None),
        (StepKind.WORK, "Squat", "interval 3 of 4"),
        (StepKind.REST, "Walk", None),
        (StepKind.WORK, "Plank", "interval 4 of 4"),
    ], "no automatic rest beside the written one; the rest between rounds stays"
    assert plan.steps[4].rest_reason is RestReason.BETWEEN_ROUNDS
    squat, plank = plan.steps[1], plan.steps[3]
    assert (squat.reps_low, squat.reps, squat.brief) == (6, 8, "6–8 reps")
    assert (plank.seconds_low, plank.seconds) == (20.0, 30.0)
    assert words.announce(plan, 1) == "Interval one of four. Six to eight squats."
    assert words.announce(plan, 2).startswith("Walk: fifteen seconds. Next: interval two")


def test_a_range_of_seconds_in_an_intervals_block_ends_on_enter_after_its_bottom() -> None:
    workout, clock, _ = run(build_plan(parse_circuit(RANGED_INTERVALS)))
    workout.skip()  # the get-ready
    clock.advance(20)
    workout.done()  # the squats
    workout.skip()  # the walk
    clock.advance(5)
    workout.update()
    shown = view_of(workout.snapshot())
    assert shown.headline[0] == "WORK · interval 2 of 4 · Plank"
    assert "at least 0:15 more" in shown.prompt[0]
    clock.advance(19)
    workout.done()
    record = workout.records[3]
    assert (record.status, record.active_seconds) == (StepStatus.DONE, 24.0)
    assert workout.index == 4, "on to the rest between rounds"


def test_the_summary_names_the_interval_of_a_range() -> None:
    plan = build_plan(parse_circuit(RANGED_INTERVALS))
    begun = WorkoutRecord.begin(plan, circuit_ref="r", circuit_hash="0" * 64, now=START)
    record = begun.ended(plan, fake_records(plan, len(plan)), Outcome.FINISHED, now=START)
    assert range_text(record.steps[3]) == "Plank · interval 2: 20–30 s → 0:30"
    assert "Squat · interval 3: 6–8 reps → done" in str(summary_text(record))
    assert record.sets_done() == [True] * 4, "an interval's set, one each"


# ----------------------------------------------------------------------------- AMRAP


def test_a_warm_up_before_an_amrap_and_a_cool_down_amrap() -> None:
    plan = build_plan(parse_circuit(WARM_UP_AMRAP))
    shape = [(s.kind, s.mode, s.role, s.seconds) for s in plan.steps]
    assert shape == [
        (StepKind.GET_READY, None, BlockRole.MAIN, 10.0),
        (StepKind.WORK, WorkMode.REPS, BlockRole.WARM_UP, None),
        (StepKind.REST, None, BlockRole.MAIN, 45.0),
        (StepKind.WORK, WorkMode.AMRAP, BlockRole.MAIN, 300.0),
        (StepKind.REST, None, BlockRole.MAIN, 90.0),
        (StepKind.WORK, WorkMode.AMRAP, BlockRole.COOL_DOWN, 120.0),
    ]
    assert plan.steps[3].round_items == ("8–12 × Burpee", "30 s Plank")
    assert plan.steps[5].round_items == ("20–30 s Walk",)
    assert words.announce(plan, 3) == "Metcon. As many rounds as you can in five minutes."
    assert words.announce(plan, 5) == (
        "Cool-down. Easy rounds. As many rounds as you can in two minutes."
    )


def test_a_cool_down_amrap_is_shown_as_one_in_the_easy_colour() -> None:
    workout, clock, _ = run(build_plan(parse_circuit(WARM_UP_AMRAP)))
    for _ in range(5):
        workout.skip()
    clock.advance(1)
    workout.update()
    shown = view_of(workout.snapshot())
    assert shown.phase == "easy"
    assert shown.headline[0] == "COOL-DOWN · AMRAP 2:00 · Easy rounds"
    assert shown.big == "0"


@pytest.fixture
def amrap_record() -> WorkoutRecord:
    """The warm-up and AMRAP workout run through: 7 rounds in the AMRAP, 2 in the cool-down."""
    workout, clock, _ = run(build_plan(parse_circuit(WARM_UP_AMRAP)))
    workout.skip()
    clock.advance(20)
    workout.done()  # the leg swings
    workout.skip()
    for rounds, cap in ((7, 300), (2, 120)):
        for _ in range(rounds):
            clock.advance(10)
            workout.count_round()
        clock.advance(cap - 10 * rounds)  # to the cap, exactly
        workout.update()
        workout.skip()  # the rest after the first, and the end after the second
    assert workout.state.over
    plan = workout.plan
    begun = WorkoutRecord.begin(plan, circuit_ref="w", circuit_hash="0" * 64, now=START)
    return begun.ended(plan, workout.records, Outcome.FINISHED, now=START)


def test_the_summary_counts_the_warm_up_out_of_the_sets_and_the_amraps_as_rounds(
    amrap_record: WorkoutRecord,
) -> None:
    assert interval_results(amrap_record).rounds == (7, 2)
    assert amrap_record.sets_done() == [], "an AMRAP is no set; the warm-up is not counted"
    assert sets_text(amrap_record) == "Sets done 0 of 0 (warm-up and cool-down not counted)"
    summary = str(summary_text(amrap_record))
    assert "AMRAP: 7 + 2 rounds" in summary
    assert "Leg swing · set 1: 10–15 reps → done" in summary


def test_roles_ranges_and_rounds_are_kept_together(
    amrap_record: WorkoutRecord, tmp_path: Path
) -> None:
    store = HistoryStore(tmp_path / "data")
    store.save(amrap_record)
    store.close()
    (read,) = HistoryStore(tmp_path / "data").workouts()
    assert read == amrap_record
    swing, amrap, cool = read.steps[1], read.steps[3], read.steps[5]
    assert (swing.role, swing.low, swing.high) == (BlockRole.WARM_UP, 10, 15)
    assert (amrap.interval, amrap.rounds) == (IntervalKind.AMRAP, 7)
    assert (cool.role, cool.interval, cool.rounds) == (BlockRole.COOL_DOWN, IntervalKind.AMRAP, 2)
    assert parse(dumps(read).encode()).record == read
    rows = csv_rows(read)  # every step was reached
    assert (rows[1]["role"], rows[1]["range"], rows[1]["rounds"]) == ("warm-up", "10-15", "")
    assert (rows[5]["role"], rows[5]["range"], rows[5]["rounds"]) == ("cool-down", "", 2)


def test_an_intervals_block_and_the_same_circuit_block_are_kept_as_two_plans(
    tmp_path: Path,
) -> None:
    """Their steps read the same, but one counts intervals: the history keeps each its own."""
    text = RANGED_INTERVALS
    stored = []
    for written in (text, text.replace('mode = "intervals"', 'mode = "circuit"')):
        plan = build_plan(parse_circuit(written))
        begun = WorkoutRecord.begin(plan, circuit_ref="r", circuit_hash="0" * 64, now=START)
        stored.append(begun.ended(plan, fake_records(plan, len(plan)), Outcome.FINISHED, now=START))
    assert [s.summary for s in stored[0].steps] == [s.summary for s in stored[1].steps]
    store = HistoryStore(tmp_path / "data")
    for record in stored:
        store.save(record)
    store.close()
    read = {record.id: record for record in HistoryStore(tmp_path / "data").workouts()}
    assert [read[record.id] for record in stored] == stored
    assert read[stored[0].id].steps[1].interval is IntervalKind.INTERVALS
    assert read[stored[1].id].steps[1].interval is None
