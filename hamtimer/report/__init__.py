"""Every text, table and JSON of a workout's result, for the screens and the commands.

- `text` — plain strings: completion ('46/48 · 2 skipped'), holds per side, durations.
- `tables` — Rich renderables: the summary, `hamtimer history`'s table, the recent table
  and trend captions of the history screen.
- `chart` — the history screen's chart of holds per side: bars from zero, values printed.
- `export` — JSON, JSON Lines and CSV for other tools.
- `rendered` — a renderable drawn once for each width a screen asks for.
"""

from hamtimer.report.chart import LATEST, HoldChart
from hamtimer.report.export import (
    FORMATS,
    csv_rows,
    json_text,
    record_json,
    write_csv,
    write_export,
    write_json,
    write_jsonl,
)
from hamtimer.report.rendered import RenderedOnce
from hamtimer.report.tables import (
    history_table,
    holds_table,
    recent_table,
    summary_text,
    trend_caption,
)
from hamtimer.report.text import (
    circuit_text,
    completion_text,
    duration_text,
    emom_text,
    hold_line,
    holds_text,
    intervals_text,
    local_time,
    range_text,
    ranges_text,
    rehearsal_text,
    rounds_text,
    sets_text,
    waiting_text,
    weaker_side,
)

__all__ = [
    "FORMATS",
    "LATEST",
    "HoldChart",
    "RenderedOnce",
    "circuit_text",
    "completion_text",
    "csv_rows",
    "duration_text",
    "emom_text",
    "history_table",
    "hold_line",
    "holds_table",
    "holds_text",
    "intervals_text",
    "json_text",
    "local_time",
    "range_text",
    "ranges_text",
    "recent_table",
    "record_json",
    "rehearsal_text",
    "rounds_text",
    "sets_text",
    "summary_text",
    "trend_caption",
    "waiting_text",
    "weaker_side",
    "write_csv",
    "write_export",
    "write_json",
    "write_jsonl",
]
