"""The engine's events for a voice: a heads-up before a long rest ends, and last time's hold
reached. Exact times on a fake clock, through pauses and added time."""

from __future__ import annotations

from audio_helpers.drive import plan_of

from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind
from hamtimer.plan import Plan
from hamtimer.workout import Workout

CIRCUIT = """
name = "voice events"
[timing]
get_ready = 15
rest_between_sets = 30
[[blocks]]
name = "B"
sets = 2
[[blocks.exercises]]
name = "Wall sit"
kind = "isometric"
to_fatigue = true
"""
"""Get-ready 15 s (too short for a heads-up at 10), a hold, a 30 s rest, a hold."""


def started(plan: Plan, **options: object) -> tuple[Workout, FakeClock, list[Event]]:
    clock = FakeClock(0.0)
    heard: list[Event] = []
    workout = Workout(plan, clock, **options)  # type: ignore[arg-type]
    workout.subscribe(heard.append)
    workout.start()
    return workout, clock, heard


def of(heard: list[Event], kind: EventKind) -> list[tuple[float, int | None, int]]:
    return [(event.due, event.count, event.step_index) for event in heard if event.kind is kind]


def test_no_heads_up_or_target_unless_asked() -> None:
    workout, clock, heard = started(plan_of(CIRCUIT))
    clock.advance(15 + 50)
    workout.update()
    workout.done()
    clock.advance(40)
    workout.update()
    assert of(heard, EventKind.TIME_LEFT) == [] and of(heard, EventKind.TARGET) == []


def test_a_heads_up_ten_seconds_before_a_long_rest_ends() -> None:
    workout, clock, heard = started(plan_of(CIRCUIT), heads_up=10.0)
    clock.advance(15 + 5)  # get-ready over, 5 s into the hold
    workout.update()
    workout.done()  # the rest starts at 20
    clock.advance(25)
    workout.update()
    assert of(heard, EventKind.TIME_LEFT) == [(40.0, 10, 2)]  # not in the 15 s get-ready


def test_the_heads_up_follows_a_pause_and_added_time() -> None:
    workout, clock, heard = started(plan_of(CIRCUIT), heads_up=10.0)
    clock.advance(20)
    workout.update()
    workout.done()  # rest from 20 to 50
    clock.advance(5)
    workout.pause()
    clock.advance(7)
    workout.resume()  # the rest now ends at 57
    workout.adjust(10)  # and at 67
    clock.advance(100)
    workout.update()
    assert of(heard, EventKind.TIME_LEFT) == [(57.0, 10, 2)]


def test_time_added_after_the_heads_up_gives_another() -> None:
    workout, clock, heard = started(plan_of(CIRCUIT), heads_up=10.0)
    clock.advance(20)
    workout.update()
    workout.done()  # rest from 20 to 50
    clock.advance(22)  # heads-up at 40 heard
    workout.update()
    workout.adjust(10)  # ends at 60: 18 s left, so 10 s left comes again at 50
    clock.advance(30)
    workout.update()
    assert of(heard, EventKind.TIME_LEFT) == [(40.0, 10, 2), (50.0, 10, 2)]


def test_a_target_when_the_hold_reaches_last_time() -> None:
    workout, clock, heard = started(plan_of(CIRCUIT), targets={1: (41.0,), 3: (30.0,)})
    clock.advance(15 + 20)
    workout.pause()  # 20 s held, then 10 s of pause that do not count
    clock.advance(10)
    workout.resume()
    clock.advance(30)
    workout.update()
    workout.done()  # held 50 s: the target at 41 s held fell at 15 + 41 + 10
    clock.advance(30 + 10)
    workout.update()
    workout.done()  # held 10 s of the second hold: its target (30 s) never came
    assert of(heard, EventKind.TARGET) == [(66.0, 41, 1)]
