"""Workout history: every workout, in progress or ended, kept in one SQLite file.

- `records` — what is kept of a workout (`WorkoutRecord`, `StepEntry`), made from the
  engine's records; pure.
- `holds` — hold-to-fatigue analysis over records (best hold per side, trends, uneven sides,
  the targets a runner holds against).
- `store` — `HistoryStore`: saving and reading records, resume, two hamtimers at once.
- `database` — the file: schema, migrations, damaged or foreign files set aside.
- `rows` — records to rows and back. `legacy` — importing a 0.1.0 data folder.
- `intervals` — what the EMOM and AMRAP blocks came to (rounds, intervals on time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.lazy import lazy_names

if TYPE_CHECKING:
    from hamtimer.history.holds import (
        HoldTarget,
        HoldTrend,
        SideHolds,
        TrendPoint,
        hold_targets,
        hold_trend,
        holds_by_side,
    )
    from hamtimer.history.intervals import IntervalResults, interval_results
    from hamtimer.history.records import (
        COMPLETED,
        ENDED,
        HistoryError,
        Outcome,
        StepEntry,
        WorkoutRecord,
        circuit_matches,
        plan_entries,
        step_entries,
        utc_now,
    )
    from hamtimer.history.store import HistoryStore

# Each name loads with its module when first asked for: the store (and SQLite) only for the
# store, so that the timer's first frame and a quick look at the file need neither.
__getattr__ = lazy_names(
    __name__,
    {
        **dict.fromkeys(
            (
                "HoldTarget",
                "HoldTrend",
                "SideHolds",
                "TrendPoint",
                "hold_targets",
                "hold_trend",
                "holds_by_side",
            ),
            "hamtimer.history.holds",
        ),
        **dict.fromkeys(("IntervalResults", "interval_results"), "hamtimer.history.intervals"),
        **dict.fromkeys(
            (
                "COMPLETED",
                "ENDED",
                "HistoryError",
                "Outcome",
                "StepEntry",
                "WorkoutRecord",
                "circuit_matches",
                "plan_entries",
                "step_entries",
                "utc_now",
            ),
            "hamtimer.history.records",
        ),
        "HistoryStore": "hamtimer.history.store",
    },
)

__all__ = [
    "COMPLETED",
    "ENDED",
    "HistoryError",
    "HistoryStore",
    "HoldTarget",
    "HoldTrend",
    "IntervalResults",
    "Outcome",
    "SideHolds",
    "StepEntry",
    "TrendPoint",
    "WorkoutRecord",
    "circuit_matches",
    "hold_targets",
    "hold_trend",
    "holds_by_side",
    "interval_results",
    "plan_entries",
    "step_entries",
    "utc_now",
]
