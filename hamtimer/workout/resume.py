"""The records a workout begins with: every step not reached, or, when it resumes an
interrupted workout, the records of the steps before the one it resumes at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hamtimer.events import StepRecord, StepStatus


def initial_records(
    steps: int, start_index: int, prior: Sequence[StepRecord] | None
) -> list[StepRecord]:
    """One record a step: copies of `prior`'s records before `start_index`, the rest (and
    any prior record at or after it) not reached."""
    records = [
        StepRecord(index=i, status=StepStatus.NOT_REACHED, started=0.0) for i in range(steps)
    ]
    for record in prior or ():
        if 0 <= record.index < start_index:
            records[record.index] = replace(record)
    return records
