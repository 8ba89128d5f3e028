"""Where a workout as a whole is: before, during or after the run."""

from __future__ import annotations

from enum import StrEnum


class WorkoutState(StrEnum):
    """Where the workout as a whole is: READY, then active (RUNNING or PAUSED), then over
    (FINISHED or ABANDONED). Only `start()` acts on a READY workout, and nothing on one over."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    ABANDONED = "abandoned"

    @property
    def active(self) -> bool:
        """True while the workout is under way: RUNNING or PAUSED."""
        return self in (WorkoutState.RUNNING, WorkoutState.PAUSED)

    @property
    def over(self) -> bool:
        """True once the workout has ended: FINISHED or ABANDONED."""
        return self in (WorkoutState.FINISHED, WorkoutState.ABANDONED)
