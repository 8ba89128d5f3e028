"""Programmes: weeks of sessions, each a circuit with changes, followed over time.

- `model` — the file format (pydantic, loaded only to check a file).
- `load` — reading a file, with every problem at its line; the circuits it names.
- `apply` — a session's changes applied to its circuit.
- `schedule` — the sessions, where a runner stands, the suggested dates (pure).
- `library` — finding a programme by name. `kinds` — its error.

The names that need pydantic load on first use.
"""

from __future__ import annotations

from hamtimer.programme.kinds import ProgrammeError
from hamtimer.programme.library import (
    ProgrammeFile,
    available,
    find_programme,
    user_programmes_dir,
)

__all__ = [
    "ProgrammeError",
    "ProgrammeFile",
    "available",
    "find_programme",
    "user_programmes_dir",
]
