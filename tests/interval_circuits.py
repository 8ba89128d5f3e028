"""Circuits with blocks timed by the clock, written as a runner writes them (shared by tests)."""

from __future__ import annotations

from pathlib import Path

# 0 get ready 5 s | 1 Burpee 10 reps (minute 1) | 2 rest of minute 1 | 3 Burpee (minute 2) | …
# ten intervals of 60 s: 600 s after the get-ready.
EMOM = """
name = "Burpee EMOM"
[timing]
get_ready = 5
[[blocks]]
name = "Ten minutes"
mode = "emom"
sets = 10
[[blocks.exercises]]
name = "Burpee"
kind = "cardio"
reps = 10
cue = "Chest to the floor"
"""

# 0 get ready 5 s | 1 the AMRAP: a 300 s cap, rounds of push-ups, squats and a plank.
AMRAP = """
name = "Metcon"
[timing]
get_ready = 5
[[blocks]]
name = "Five minutes"
mode = "amrap"
time_cap = 300
[[blocks.exercises]]
name = "Push-up"
kind = "strength"
reps = 10
[[blocks.exercises]]
name = "Air squat"
kind = "strength"
reps = 15
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = 30
"""

# 0 get ready 10 s | 1 work 20 s | 2 rest 10 s | … | 15 work 20 s: eight intervals.
TABATA = """
name = "Tabata"
[[blocks]]
name = "Climbers"
mode = "intervals"
sets = 8
rest_between_sets = 10
[[blocks.exercises]]
name = "Mountain climber"
kind = "cardio"
seconds = 20
"""

# An AMRAP of 60 s, then an EMOM of two 30 s intervals: rounds and intervals in one workout.
BOTH = """
name = "Both"
[timing]
get_ready = 5
rest_between_blocks = 20
[[blocks]]
name = "Quick AMRAP"
mode = "amrap"
time_cap = 60
[[blocks.exercises]]
name = "Push-up"
kind = "strength"
reps = 5
[[blocks]]
name = "Quick EMOM"
mode = "emom"
every = 30
sets = 2
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 10
"""


def write(folder: Path, text: str, name: str = "intervals.toml") -> Path:
    """`text` as a circuit file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
