"""Workouts of other interval timers, read and written as circuits: `hamtimer import`.

`reading` tells a file's format from its content and reads it safely; each app has its
reader, which follows that app's own code, defaults included (`qintervals`: YAML,
`jawt`: Just Another Workout Timer's JSON) and computes the workout's length as the app
does; `shape` is what they make (blocks of timed work and written rests), `writing` the
circuit file made of it. YAML comes through `yamltree` (PyYAML, the optional `import`
extra), with the line of every key. Problems are told as a circuit's are (`problems`):
every one at once, with its line (YAML) or its path in the document (JSON), and the fix.
"""

from __future__ import annotations

from hamtimer.importers.problems import ImportFileError
from hamtimer.importers.reading import FORMATS, read_import
from hamtimer.importers.shape import Reading, Workout
from hamtimer.importers.writing import circuit_text, file_stem

__all__ = [
    "FORMATS",
    "ImportFileError",
    "Reading",
    "Workout",
    "circuit_text",
    "file_stem",
    "read_import",
]
