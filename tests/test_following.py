"""A runner through the whole Nordic hamstring protocol, on a fake calendar and a fake clock:
sessions move on by what was done (a finished one moves it on; an abandoned one or a
rehearsal does not), the dates follow from the rest days, missed days shift the plan
without losing the place, and a session resumed after a crash counts once. `today` is
checked at every step, through the real store, session and engine.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from hamtimer.clock import FakeCalendar, FakeClock
from hamtimer.following import Place, follow, place
from hamtimer.history import HistoryStore, Outcome
from hamtimer.programme import ProgrammeError
from hamtimer.programme.schedule import Mark
from hamtimer.report.programme import today_document, today_lines
from hamtimer.session import WorkoutSession
from hamtimer.workout import Workout

MONDAY = date(2026, 3, 2)


class Runner:
    """A runner's history and calendar, and what they do each day."""

    def __init__(self, folder: Path) -> None:
        self.store = HistoryStore(folder)
        self.calendar = FakeCalendar(MONDAY)
        self.clock = FakeClock()

    def place(self) -> Place:
        found = place(self.store, self.calendar)
        assert found is not None
        return found

    def today(self) -> list[str]:
        return today_lines(self.place())

    def session(self, *, speed: float = 1.0) -> WorkoutSession:
        today = self.place().session_circuit()
        return WorkoutSession(
            today.circuit_file,
            today.compiled,
            store=self.store,
            clock=self.clock,
            speed=speed,
            background=False,
            session=today.link,
            hold_goals=today.holds,
            calendar=self.calendar,
        )

    def work(self, workout: Workout, steps: int | None = None) -> None:
        """Do the workout's steps (all, or `steps` of them): wait out timed ones, 10 s a set."""
        done = 0
        while workout.state.active and (steps is None or done < steps):
            step = workout.plan.steps[workout.index]
            if step.seconds is not None:
                self.clock.advance(step.seconds)
                workout.update()
            else:
                self.clock.advance(10)
                workout.done()
            done += 1

    def train(self, *, speed: float = 1.0, abandon: bool = False) -> WorkoutSession:
        session = self.session(speed=speed)
        workout = session.start(resume=False, challenge=False)
        workout.start()
        if abandon:
            self.work(workout, 3)
            workout.abandon()
        else:
            self.work(workout)
        session.close()
        return session

    def next_day(self, days: int = 1) -> None:
        self.calendar.advance(days)


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    runner = Runner(tmp_path / "data")
    follow(runner.store, "nordic", None, runner.calendar)
    return runner


def test_a_whole_programme_with_missed_days_an_abandon_a_crash_and_a_rehearsal(
    runner: Runner,
) -> None:
    assert runner.today() == [
        "Nordic hamstring protocol",
        "Week 1 · session 1 of 1 · Nordic hamstring exercise 2 × 5",
        "Today: `hamtimer` opens it on the start screen.",
        "Sessions done: 0 of 27 · started today",
    ]

    abandoned = runner.train(abandon=True)  # stopped after three steps: no progress
    assert abandoned.ended is not None and abandoned.ended.outcome is Outcome.ABANDONED
    assert runner.today()[1] == "Week 1 · session 1 of 1 · Nordic hamstring exercise 2 × 5"

    rehearsed = runner.train(speed=20)  # finished, but a rehearsal: no progress
    assert rehearsed.ended is not None and rehearsed.ended.outcome is Outcome.FINISHED
    assert runner.today()[1] == "Week 1 · session 1 of 1 · Nordic hamstring exercise 2 × 5"

    runner.train()  # finished for real on Monday: week 2, a week after week 1 began
    assert runner.today()[1:3] == [
        "Week 2 · session 1 of 2 · Nordic hamstring exercise 2 × 6",
        "Today is a rest day: next on Mon 09 Mar.",
    ]
    runner.next_day(3)
    assert runner.today()[2] == "Today is a rest day: next on Mon 09 Mar."
    runner.next_day(4)  # Monday 9
    assert runner.today()[1:3] == [
        "Week 2 · session 1 of 2 · Nordic hamstring exercise 2 × 6",
        "Today: `hamtimer` opens it on the start screen.",
    ]
    runner.train()
    assert runner.today()[1:3] == [
        "Week 2 · session 2 of 2 · Nordic hamstring exercise 2 × 6",
        "Today is a rest day: next on Wed 11 Mar.",
    ]

    runner.next_day(5)  # Saturday 14: three days after Wednesday, and nothing is lost
    now = runner.place()
    assert now.next is not None and now.next.place == "Week 2 · session 2 of 2"
    assert now.standing.behind == 1
    assert runner.today()[2:4] == [
        "Today: `hamtimer` opens it on the start screen.",
        "The plan moved on 3 day(s) with you; nothing is lost.",
    ]
    runner.train()
    now = runner.place()
    assert now.standing.dates[4] == date(2026, 3, 16)  # two days on, a week after week 2
    assert runner.today()[1:3] == [
        "Week 3 · session 1 of 3 · Nordic hamstring exercise 3 × 6–8",
        "Today is a rest day: next on Mon 16 Mar.",
    ]

    runner.next_day(2)  # Monday 16: the session crashes half way…
    crashed = runner.session()
    workout = crashed.start(resume=False, challenge=False)
    workout.start()
    runner.work(workout, 4)
    crashed.checkpoint(release=True)
    crashed.close()
    assert runner.today()[1] == "Week 3 · session 1 of 3 · Nordic hamstring exercise 3 × 6–8"
    runner.next_day()  # …and is resumed on Tuesday
    resumed = runner.session()
    assert resumed.resumable is not None and resumed.resumable.id == crashed.record.id  # type: ignore[union-attr]
    workout = resumed.start(resume=True, challenge=False)
    workout.start()
    runner.work(workout)
    resumed.close()
    now = runner.place()
    (run,) = [run for run in now.runs if run.session == 4]
    assert run.counts and run.day == date(2026, 3, 17)
    assert runner.today()[1:3] == [
        "Week 3 · session 2 of 3 · Nordic hamstring exercise 3 × 6–8",
        "Today is a rest day: next on Thu 19 Mar.",
    ]

    seen: list[str] = []
    while (now := runner.place()).next is not None:  # every session on its suggested day
        session = now.next
        runner.calendar.set(now.standing.dates[session.number])
        line = runner.today()[1]
        assert line.startswith(session.place)
        seen.append(line)
        document = today_document(runner.place())
        assert document["next"]["session"] == session.number
        assert document["rest_day"] is False
        runner.train()
    assert "Week 4 · session 1 of 3 · Nordic hamstring exercise 3 × 8–10" in seen
    assert "Week 5 · session 1 of 3 · Nordic hamstring exercise 3 × 12, 10, 8" in seen
    assert seen[-1] == "Week 10 · session 3 of 3 · Nordic hamstring exercise 3 × 12, 10, 8"
    assert runner.today()[1].startswith("Done: all 27 sessions")
    marks = runner.place().standing.marks
    assert set(marks.values()) == {Mark.DONE}
    with pytest.raises(ProgrammeError, match="done"):
        runner.place().session_circuit()


def test_a_session_counts_for_the_place_it_was_begun_at(runner: Runner) -> None:
    """Two workouts finished for the same session count as one session."""
    first, second = runner.session(), runner.session()
    for session in (first, second):
        workout = session.start(resume=False, challenge=False)
        workout.start()
        runner.work(workout)
        session.close()
    now = runner.place()
    assert [run.session for run in now.runs] == [1, 1]
    assert now.next is not None and now.next.number == 2


def test_following_another_programme_starts_it_afresh(runner: Runner) -> None:
    runner.train()
    follow(runner.store, "hamstring", None, runner.calendar)
    now = runner.place()
    assert now.name == "Hamstring circuit, four weeks"
    assert now.next is not None and now.next.number == 1 and not now.runs
    assert runner.store.stop_following() is True
    assert place(runner.store, runner.calendar) is None
    assert runner.store.stop_following() is False


def test_a_programme_hold_target_grows_with_every_session_done(tmp_path: Path) -> None:
    runner = Runner(tmp_path / "data")
    follow(runner.store, "hamstring", None, runner.calendar)
    targets = []
    for _ in range(3):
        today = runner.place().session_circuit()
        targets.append(today.holds["Bird dog with wall push"])
        runner.train()
        runner.calendar.set(runner.place().standing.dates[runner.place().next.number])  # type: ignore[union-attr]
    assert targets == [30.0, 35.0, 40.0]
    assert runner.place().next.place == "Week 2 · session 1 of 3"  # type: ignore[union-attr]


def test_a_hold_target_is_a_mark_on_the_hold(tmp_path: Path) -> None:
    runner = Runner(tmp_path / "data")
    follow(runner.store, "hamstring", None, runner.calendar)
    session = runner.session()
    hold = next(step for step in session.plan_for(False).steps if step.mode == "open")
    target = session.target_for(hold)
    assert target is not None and target.goal == 30.0 and target.last is None
    assert session.hold_marks(session.plan_for(False))[hold.index] == (30.0,)


def test_a_level_is_chosen_and_checked(tmp_path: Path) -> None:
    runner = Runner(tmp_path / "data")
    with pytest.raises(ProgrammeError, match="has no levels"):
        follow(runner.store, "nordic", 2, runner.calendar)
    assert runner.store.following() is None


def test_a_programme_file_that_breaks_later_is_told(runner: Runner, tmp_path: Path) -> None:
    following = runner.store.following()
    assert following is not None
    mine = tmp_path / "mine.toml"
    mine.write_text(following.path.read_text(encoding="utf-8"))
    follow(runner.store, str(mine), None, runner.calendar)
    mine.write_text('name = "Broken"\n[[weeks]]\nsesions = 2\n')
    with pytest.raises(ProgrammeError, match="unknown key sesions; did you mean sessions"):
        place(runner.store, runner.calendar)


def test_dates_stay_put_once_done(runner: Runner) -> None:
    runner.train()
    runner.next_day(30)
    now = runner.place()
    assert now.standing.dates[1] == MONDAY
    assert now.standing.dates[2] == MONDAY + timedelta(days=30)  # today, the plan moved on
    assert now.standing.marks[3] is Mark.MISSED  # its first date passed: moved on


def test_a_session_done_past_midnight_counts_on_the_day_it_ended(runner: Runner) -> None:
    session = runner.session()
    workout = session.start(resume=False, challenge=False)
    workout.start()
    runner.work(workout, 3)
    runner.next_day()  # midnight passes during the workout
    runner.work(workout)
    session.close()
    (run,) = runner.place().runs
    assert run.counts and run.day == MONDAY + timedelta(days=1)
