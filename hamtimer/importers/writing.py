"""A workout read from another app, written as a circuit file (TOML) and named for it.

The file says in comments where it came from and why its rests are 0, so that a runner who
opens it knows what to change; every exercise is timed work of kind "cardio" (neither app
says what an exercise trains), and the comments say to change it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hamtimer.circuit.kinds import BlockRole
from hamtimer.importers.shape import Part, Workout
from hamtimer.plan.steps import format_duration

MAX_STEM = 60
"""The longest file name (without `.toml`) made from a title."""


def file_stem(title: str) -> str:
    """A circuit's file name from its title: lower case, words joined by '-'; what a runner
    types after `hamtimer` ("Threshold 2" → "threshold-2")."""
    words = re.sub(r"[^\w]+|_", " ", title.casefold()).split()
    stem = "-".join(words)[:MAX_STEM].strip("-")
    return stem or "workout"


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:  # half of a pair, which no file can hold
            out.append("\ufffd")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _number(seconds: Decimal) -> str:
    return f"{seconds.normalize():f}"


def circuit_text(workout: Workout) -> str:
    """The circuit file of a workout: valid, and lasting what the source app says."""
    lines = [
        f"# A {workout.app} workout, imported by `hamtimer import`.",
        *(f"# {note}" for note in workout.notes),
        "# So every rest hamtimer would add is 0 here, and the plan lasts as long as in "
        f"{workout.app}: {format_duration(float(workout.seconds))}.",
        f'# Every exercise is timed work of kind "cardio", as {workout.app} does not say what it',
        "# trains: change the kind (strength, plyometric, ...) for `hamtimer check` to advise",
        "# on the order of the exercises.",
        "",
        f"name = {toml_string(workout.title)}",
        f"description = {toml_string(f'Imported from {workout.app} ({workout.source}).')}",
        "",
        "[timing]",
        f"get_ready = {workout.get_ready}",
        "switch_sides = 0",
        "rest_between_exercises = 0",
        "rest_between_sets = 0",
        "rest_between_blocks = 0",
    ]
    for part in workout.parts:
        lines.extend(_block(part))
    return "\n".join(lines) + "\n"


def _block(part: Part) -> list[str]:
    lines = ["", "[[blocks]]", f"name = {toml_string(part.name)}"]
    if part.role is not BlockRole.MAIN:
        lines.append(f'role = "{part.role.value}"')
    if part.rounds > 1:
        lines += ['mode = "circuit"', f"sets = {part.rounds}"]
    if part.rest_between_rounds is not None:
        lines.append(
            f"rest_between_sets = {_number(part.rest_between_rounds)}"
            "  # after every round but the last"
        )
    for interval in part.intervals:
        lines += ["", "[[blocks.exercises]]"]
        if interval.rest:
            lines += ['kind = "rest"', f"name = {toml_string(interval.name)}"]
        else:
            lines += [f"name = {toml_string(interval.name)}", 'kind = "cardio"']
        lines.append(f"seconds = {_number(interval.seconds)}")
    return lines
