"""Just Another Workout Timer (JAWT, an Android app) workouts (JSON), read as JAWT reads them.

JAWT (https://github.com/blockbasti/just_another_workout_timer; `lib/utils/workout.dart`,
its generated reader `lib/workout.g.dart`, and `lib/utils/timetable.dart`, which times a
workout) keeps each workout as a JSON object, and exports them as a backup:

* a workout: `title` and `sets` (both required; `version` and `position` are its own
  bookkeeping); a set: `repetitions` and `exercises` (both required; an `id`); an exercise:
  `name` and `duration`, a whole number of seconds (both required; an `id`). A key given as
  null takes JAWT's default: title "Workout", repetitions 1, name "Exercise", duration 30,
  and one exercise of 30 s for null exercises (one set of it for null sets).
* a backup (what "export" writes, for one workout or all): `{"workouts": [...]}`.
* a rest is an exercise like any other; the app's "Add rest" names it in the app's
  language: Rest, Pause (German), Repos (French), Riposo (Italian), Отдых (Russian),
  Dinlenme (Turkish). Those names (and Break), in any case, possibly followed by more
  words ("Rest 2", "Pause – drink"), make the exercise a rest step here.

It counts down 10 s (3-2-1 at its end) before the first exercise, then plays every
exercise of a set, the set `repetitions` times, set after set, with nothing between them.
The length it shows (`Workout.duration`) is the sum over the sets of the sum of their
exercises' durations times the set's repetitions; a workout ends 10 s more after its start.
`source_seconds` is that: its duration plus the countdown, which the circuit written keeps
as its get-ready, so that `hamtimer show` gives the same total.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from hamtimer.importers.problems import DocPath, Problems, or_join, shown
from hamtimer.importers.shape import Interval, Part, Workout, name_for

APP = "JAWT"
COUNTDOWN = 10
"""Seconds JAWT counts down before the first exercise (`Timetable.buildTimetable`)."""
REST_WORDS = ("rest", "break", "pause", "repos", "riposo", "отдых", "dinlenme")
_REST = re.compile(rf"({'|'.join(REST_WORDS)})(?!\w)")
DEFAULT_TITLE, DEFAULT_NAME, DEFAULT_DURATION = "Workout", "Exercise", 30


def is_rest(name: str) -> bool:
    """True for an exercise JAWT users write as a rest: "Rest", "pause", "Rest 2"…"""
    return _REST.match(name.strip().casefold()) is not None


def is_jawt(data: Any) -> bool:
    """True when `data` is meant as a JAWT workout (`sets`) or backup (`workouts`)."""
    return isinstance(data, dict) and ("workouts" in data or "sets" in data)


def read_jawt(data: Any, problems: Problems, source: str, most_steps: int) -> list[Workout]:
    """The workouts of a JAWT workout or backup file's data, in the file's order. Every
    problem goes to `problems` (the caller raises them)."""
    if "workouts" in data:
        problems.unknown_keys((), data, ("workouts",), APP)
        listed = data["workouts"]
        if not isinstance(listed, list):
            problems.error(
                ("workouts",), "", f"workouts must be a list of workouts, not {shown(listed)}"
            )
            return []
        if not listed:
            problems.error(("workouts",), "", "the backup holds no workouts")
        found = [
            _workout(item, ("workouts", index), problems, source, most_steps, in_backup=True)
            for index, item in enumerate(listed)
        ]
    else:
        found = [_workout(data, (), problems, source, most_steps, in_backup=False)]
    return [workout for workout in found if workout is not None]


def _workout(
    data: Any, path: DocPath, problems: Problems, source: str, most_steps: int, *, in_backup: bool
) -> Workout | None:
    place = f"workout {path[-1] + 1}" if path and isinstance(path[-1], int) else "the workout"
    if not isinstance(data, dict):
        problems.error(path, place, f"must be an object with title and sets, not {shown(data)}")
        return None
    problems.unknown_keys(path, data, ("title", "sets", "version", "position"), APP)
    _required(data, ("title", "sets"), path, place, problems)
    title = data.get("title")
    if title is None:
        title = DEFAULT_TITLE
    elif not isinstance(title, str):
        problems.error((*path, "title"), place, f"title must be text, not {shown(title)}")
        title = DEFAULT_TITLE
    name, changed = name_for(title, DEFAULT_TITLE)
    if changed:
        problems.warn((*path, "title"), place, changed)
    owner = f' (workout "{name}")' if in_backup else ""
    if in_backup:
        place = f'workout {int(path[-1]) + 1} "{name}"'
    sets = data.get("sets")
    if sets is None:  # JAWT: Workout(sets: null) is one set of one exercise
        sets = [{"repetitions": None, "exercises": None}]
    if not isinstance(sets, list):
        problems.error((*path, "sets"), place, f"sets must be a list of sets, not {shown(sets)}")
        return None
    parts: list[Part] = []
    duration = 0
    for index, item in enumerate(sets):
        part, seconds = _set(item, (*path, "sets", index), index, owner, problems)
        duration += seconds  # Workout.duration: each Set.duration added
        if part is not None:
            parts.append(part)
    steps = sum(len(part.intervals) * part.rounds for part in parts)
    if steps > most_steps:
        problems.error(
            (*path, "sets"),
            place,
            f"would have more than {most_steps:,} exercises played: make it shorter",
        )
    if not parts and "sets" in data and not problems.errors:
        problems.error(
            (*path, "sets"), place, "has no exercise that lasts any time: there is nothing to time"
        )
        return None
    return Workout(
        title=name,
        app=APP,
        parts=tuple(parts),
        source_seconds=float(COUNTDOWN + duration),
        source=source,
        get_ready=COUNTDOWN,
        notes=(
            "JAWT counts down 10 s before the first exercise (the get-ready here), then",
            "plays its exercises back to back: no rest but its rest exercises.",
        ),
    )


def _set(
    data: Any, path: DocPath, index: int, owner: str, problems: Problems
) -> tuple[Part | None, int]:
    """A set as a block, and its length as JAWT computes it (`Set.duration`: its
    exercises' durations added, times its repetitions)."""
    place = f"set {index + 1}{owner}"
    if not isinstance(data, dict):
        problems.error(
            path, place, f"must be an object with repetitions and exercises, not {shown(data)}"
        )
        return None, 0
    problems.unknown_keys(path, data, ("repetitions", "exercises", "id"), APP)
    _required(data, ("repetitions", "exercises"), path, place, problems)
    repetitions = data.get("repetitions")
    if repetitions is None:  # JAWT's default
        repetitions = 1
    elif not _whole(repetitions):
        problems.error(
            (*path, "repetitions"),
            place,
            f"repetitions must be a whole number, not {shown(repetitions)}",
        )
        repetitions = None  # its exercises are still checked
    exercises = data.get("exercises")
    if exercises is None:
        exercises = [{"name": None, "duration": None}]
    if not isinstance(exercises, list):
        problems.error(
            (*path, "exercises"), place, f"exercises must be a list, not {shown(exercises)}"
        )
        return None, 0
    intervals = []
    seconds = 0
    for number, item in enumerate(exercises):
        interval, duration = _exercise(item, (*path, "exercises", number), number, place, problems)
        seconds += duration
        if interval is not None:
            intervals.append(interval)
    if not exercises and "exercises" in data:
        problems.warn(path, place, "has no exercises: left out, as JAWT leaves it")
    if repetitions is None:
        return None, 0
    if repetitions == 0:
        problems.warn(
            (*path, "repetitions"), place, "repetitions 0: left out, as JAWT never plays it"
        )
        return None, 0
    if not intervals:
        return None, 0
    first = next((interval.name for interval in intervals if not interval.rest), "Rest")
    return Part(f"Set {index + 1}: {first}", tuple(intervals), rounds=repetitions), (
        seconds * repetitions
    )


def _exercise(
    data: Any, path: DocPath, number: int, owner: str, problems: Problems
) -> tuple[Interval | None, int]:
    """An exercise as a step (None if it lasts no time), and its duration."""
    place = f"exercise {number + 1} of {owner}"
    if not isinstance(data, dict):
        problems.error(path, place, f"must be an object with name and duration, not {shown(data)}")
        return None, 0
    problems.unknown_keys(path, data, ("name", "duration", "id"), APP)
    _required(data, ("name", "duration"), path, place, problems)
    raw = data.get("name")
    if raw is None:
        raw = DEFAULT_NAME
    elif not isinstance(raw, str):
        problems.error((*path, "name"), place, f"name must be text, not {shown(raw)}")
        return None, 0
    name, changed = name_for(raw, DEFAULT_NAME)
    place = f'exercise {number + 1} "{name}" of {owner}'
    if changed:
        problems.warn((*path, "name"), place, changed)
    duration = data.get("duration")
    if duration is None:
        duration = DEFAULT_DURATION
    elif not _whole(duration):
        fix = _whole_fix(duration)
        problems.error(
            (*path, "duration"),
            place,
            f"duration must be a whole number of seconds, 0 or more, not {shown(duration)}{fix}",
        )
        return None, 0
    if duration == 0:
        problems.warn((*path, "duration"), place, "lasts 0 s: left out, as JAWT never shows it")
        return None, 0
    return Interval(name, Decimal(duration), rest=is_rest(name)), duration


def _whole_fix(value: Any) -> str:
    """'; write 30' for 30.0, '; write 30 or 31' for 30.5; else nothing."""
    if not isinstance(value, float) or not math.isfinite(value) or value < 0:
        return ""
    low, high = math.floor(value), math.ceil(value)
    return f"; write {low}" if low == high else f"; write {low} or {high}"


def _whole(value: Any) -> bool:
    """A whole number of 0 or more, as JAWT's reader takes it (`as int`: 30.0 is not one)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _required(
    data: dict[str, Any], keys: tuple[str, ...], path: DocPath, place: str, problems: Problems
) -> None:
    missing = [key for key in keys if key not in data]
    if missing:
        problems.error(
            path,
            place,
            f"has no {or_join(missing)}, which JAWT requires: add "
            + ", ".join(f'"{key}"' for key in missing),
        )
