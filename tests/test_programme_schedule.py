"""The programme's pure parts: sessions expanded from the weeks, dates and marks from the
days done, what the progressions add, the changes applied to a circuit, the words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hamtimer.circuit import parse_circuit
from hamtimer.circuit.amounts import Span
from hamtimer.programme.apply import ChangeError, Growth, apply
from hamtimer.programme.load import check_text
from hamtimer.programme.model import Programme
from hamtimer.programme.schedule import (
    Mark,
    growth_for,
    hold_targets,
    level_of,
    reached_targets,
    sessions,
    standing,
)
from hamtimer.programme.words import prescribed

MONDAY = date(2026, 3, 2)
LEGS = parse_circuit(
    """
name = "Legs"
[[blocks]]
name = "Strength"
[[blocks.exercises]]
name = "Squat"
kind = "strength"
sets = 3
reps = 8
[[blocks.exercises]]
name = "Wall sit"
kind = "isometric"
to_fatigue = true
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = "20-30"
"""
)


def programme(text: str) -> Programme:
    return Programme.model_validate(
        __import__("tomllib").loads('name = "P"\ncircuit = "legs"\n' + text)
    )


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def test_weeks_expand_into_sessions_with_their_place() -> None:
    planned = sessions(programme("[[weeks]]\nsessions = 1\n[[weeks]]\nrepeat = 2\nsessions = 2\n"))
    assert [s.place for s in planned] == [
        "Week 1 · session 1 of 1",
        "Week 2 · session 1 of 2",
        "Week 2 · session 2 of 2",
        "Week 3 · session 1 of 2",
        "Week 3 · session 2 of 2",
    ]
    assert [s.number for s in planned] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("done", "today", "dates"),
    [
        ({}, day(0), [day(0), day(2), day(4), day(7)]),  # the first plan: a day off between
        ({1: day(0)}, day(1), [day(0), day(2), day(4), day(7)]),  # on time
        ({1: day(0)}, day(5), [day(0), day(5), day(7), day(9)]),  # three days late: moved on
        ({1: day(0), 2: day(1), 3: day(2)}, day(2), [day(0), day(1), day(2), day(7)]),
        ({1: day(0), 2: day(2), 3: day(4)}, day(4), [day(0), day(2), day(4), day(7)]),
    ],
)
def test_dates_follow_the_rest_days_and_the_days_done(
    done: dict[int, date], today: date, dates: list[date]
) -> None:
    plan = programme("rest_days = 1\n[[weeks]]\nsessions = 3\n[[weeks]]\nsessions = 1\n")
    now = standing(plan, sessions(plan), started_on=MONDAY, done=done, today=today)
    assert [now.dates[n] for n in range(1, 5)] == dates


def test_marks_say_done_next_missed_and_to_come() -> None:
    plan = programme("rest_days = 0\n[[weeks]]\nsessions = 4\n")
    now = standing(plan, sessions(plan), started_on=MONDAY, done={1: day(0)}, today=day(3))
    assert [now.marks[n] for n in range(1, 5)] == [Mark.DONE, Mark.NEXT, Mark.MISSED, Mark.LATER]
    assert now.behind == 2 and not now.rest_day and not now.complete


def test_a_rest_day_and_the_end() -> None:
    plan = programme("rest_days = 2\n[[weeks]]\nsessions = 2\n")
    now = standing(plan, sessions(plan), started_on=MONDAY, done={1: day(0)}, today=day(1))
    assert now.rest_day and now.dates[2] == day(3)
    done = standing(
        plan, sessions(plan), started_on=MONDAY, done={1: day(0), 2: day(3)}, today=day(9)
    )
    assert done.complete and done.next is None


@pytest.mark.parametrize(("level", "chosen"), [(None, 1), (2, 2)])
def test_a_level_is_the_first_unless_chosen(level: int | None, chosen: int) -> None:
    plan = programme('[[levels]]\nname = "A"\n[[levels]]\nname = "B"\n[[weeks]]\n')
    assert level_of(plan, level) == chosen
    with pytest.raises(ValueError, match="levels 1 to 2"):
        level_of(plan, 3)


def test_a_level_changes_its_sessions_between_the_programme_and_the_week() -> None:
    plan = programme(
        'sessions_per_week = 1\n[[exercises]]\nname = "Squat"\nreps = 5\n'
        '[[levels]]\nname = "A"\n[[levels]]\nname = "B"\n[[levels.exercises]]\nname = "Squat"\n'
        "reps = 6\nsets = 2\n"
        '[[weeks]]\n[[weeks]]\n[[weeks.exercises]]\nname = "Squat"\nreps = 7\n'
    )
    squats = [
        [(e.sets, e.reps) for e in apply(LEGS, s.changes).circuit.exercises() if e.name == "Squat"]
        for s in sessions(plan, 2)
    ]
    assert squats == [[(2, 6)], [(2, 7)]]
    assert [e.reps for e in apply(LEGS, sessions(plan, 1)[0].changes).circuit.exercises()][:1] == [
        5
    ]


@pytest.mark.parametrize(
    ("rule", "session", "growth"),
    [
        ('exercise = "Squat"\nreps = 1', 1, Growth()),
        ('exercise = "Squat"\nreps = 1', 4, Growth(reps=3)),
        ('exercise = "Squat"\nreps = 2\nweeks = [2]', 3, Growth()),
        ('exercise = "Squat"\nreps = 2\nweeks = [2]', 4, Growth(reps=2)),
        ('exercise = "Squat"\nreps = 2\nweeks = [2]', 6, Growth()),
        ('exercise = "Wall sit"\nhold = 5\nup_to = 40', 6, Growth(hold=25, caps={"hold": 40})),
    ],
)
def test_progressions_add_for_every_session_before_in_their_weeks(
    rule: str, session: int, growth: Growth
) -> None:
    plan = programme(f"[[weeks]]\nrepeat = 3\nsessions = 2\n[[progressions]]\n{rule}\n")
    found = growth_for(plan, sessions(plan), session)
    assert found.get(rule.split('"')[1], Growth()) == growth


def test_a_hold_target_grows_only_when_reached() -> None:
    plan = programme(
        '[[exercises]]\nname = "Wall sit"\nhold = 30\n[[weeks]]\nsessions = 4\n'
        '[[progressions]]\nexercise = "Wall sit"\nhold = 5\nwhen = "reached"\n'
    )
    planned = sessions(plan)
    held = {1: {"Wall sit": [31.0, 30.0]}, 2: {"Wall sit": [34.0]}, 3: {"Wall sit": [36.0]}}
    reached = reached_targets(plan, planned, held)
    targets = [hold_targets(s, growth_for(plan, planned, s.number, reached)) for s in planned]
    assert [t["Wall sit"] for t in targets] == [30.0, 35.0, 35.0, 40.0]


@pytest.mark.parametrize(
    ("growth", "reps", "seconds"),
    [
        (Growth(), 8, Span(20, 30)),
        (Growth(reps=2, seconds=5), 10, Span(25, 35)),
        (Growth(reps=5, seconds=10, caps={"reps": 10, "seconds": 35}), 10, Span(30, 35)),
        (Growth(seconds=20, caps={"seconds": 35}), 8, 35.0),
    ],
)
def test_growth_is_added_to_every_set_up_to_its_cap(
    growth: Growth, reps: object, seconds: object
) -> None:
    changed = apply(LEGS, (), growth={"Squat": growth, "Plank": growth}).circuit.exercises()
    assert (changed[0].reps, changed[2].seconds) == (reps, seconds)


def test_every_nth_session_leaves_an_exercise_out_in_between() -> None:
    plan = programme(
        '[[exercises]]\nname = "Plank"\nevery_nth_session = 2\n[[weeks]]\nsessions = 3\n'
    )
    names = [
        [e.name for e in apply(LEGS, s.changes, session=s.number).circuit.exercises()]
        for s in sessions(plan)
    ]
    assert names == [
        ["Squat", "Wall sit", "Plank"],
        ["Squat", "Wall sit"],
        ["Squat", "Wall sit", "Plank"],
    ]


def test_a_change_that_does_not_fit_names_the_exercise_and_the_key() -> None:
    plan = programme('[[exercises]]\nname = "Plank"\nreps = 5\n[[weeks]]\n')
    with pytest.raises(ChangeError) as caught:
        apply(LEGS, sessions(plan)[0].changes)
    assert (caught.value.name, caught.value.key) == ("Plank", "reps")
    assert "timed (seconds), so reps does not fit it: change seconds instead" in str(caught.value)


def test_the_words_of_a_prescription() -> None:
    plan = programme(
        '[[exercises]]\nname = "Squat"\nreps = [12, 10, 8]\n'
        '[[exercises]]\nname = "Wall sit"\nhold = 35\n[[weeks]]\n'
    )
    done = apply(LEGS, sessions(plan)[0].changes)
    assert [(p.exercise, p.text) for p in prescribed(done.circuit, done.holds)] == [
        ("Squat", "3 × 12, 10, 8"),
        ("Wall sit", "1 × hold, target 35 s"),
        ("Plank", "1 × 20–30 s"),
    ]


def test_the_session_key_differs_exactly_when_the_circuit_does() -> None:
    plan = programme(
        "sessions_per_week = 1\n[[weeks]]\nsessions = 2\n[[weeks]]\n"
        '[[weeks.exercises]]\nname = "Squat"\nreps = 8\n'  # the same as written
        '[[weeks]]\n[[weeks.exercises]]\nname = "Squat"\nreps = 9\n'
    )
    keys = [apply(LEGS, s.changes).key for s in sessions(plan)]
    assert keys[0] == keys[1] == keys[2] != keys[3]


def test_check_text_needs_a_circuit_it_can_find(tmp_path: object) -> None:
    with pytest.raises(Exception, match="no circuit named 'legs'"):
        check_text('name = "P"\ncircuit = "legs"\n[[weeks]]\n')
