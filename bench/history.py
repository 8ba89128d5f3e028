"""History at any size: `hamtimer history` with 2,000 workouts against 3, and what a workout costs.

    python bench/history.py [--workouts 2000] [--runs 5]

Builds two data folders through the real store (3 workouts, and N: finished, abandoned and
rehearsed, of two circuits), then times the real command in a subprocess, best and median
of `--runs`, each folder in turn so both see the same machine. Also prints the database's
size per workout, the cost of opening the history and looking for a workout to resume (what
the app's history thread pays after its first frame), of what the history screen reads (the
newest workouts and the hold trends), of the hold targets, and of loading every workout
(`--json` and the exports).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hamtimer.circuit import open_circuit  # noqa: E402
from hamtimer.events import StepRecord, StepStatus  # noqa: E402
from hamtimer.history import HistoryStore, Outcome, WorkoutRecord  # noqa: E402
from hamtimer.history.database import DB_FILE  # noqa: E402
from hamtimer.plan import Plan, StepKind, WorkMode, build_plan  # noqa: E402

START = datetime(2021, 1, 1, 7, 0, tzinfo=UTC)


def records(plan: Plan, upto: int, day: int) -> list[StepRecord]:
    """Engine records of a workout done up to `upto`, with holds that vary by day."""
    made = []
    for step in plan.steps[:upto]:
        held = None
        seconds = step.estimate
        if step.mode is WorkMode.OPEN:
            held = seconds = 35.0 + (day * 7) % 20 + (3.5 if step.side == "right" else 0.0)
        done = StepStatus.DONE if step.kind is StepKind.WORK else StepStatus.TIMED_OUT
        made.append(
            StepRecord(
                index=step.index,
                status=done,
                started=0.0,
                ended=seconds,
                active_seconds=seconds + 0.123,
                paused_seconds=0.0,
                held_seconds=held,
            )
        )
    return made


def fill(folder: Path, count: int) -> float:
    """`count` workouts through the store, one save each; seconds it took."""
    found, circuit = open_circuit(None)
    plans = [build_plan(circuit), build_plan(circuit, challenge=True)]
    store = HistoryStore(folder)
    began = time.perf_counter()
    for day in range(count):
        plan = plans[day % 7 == 3]
        begun = WorkoutRecord.begin(
            plan,
            circuit_ref="hamstring" if day % 5 else "/home/runner/mine.toml",
            circuit_hash=found.digest(),
            speed=20.0 if day % 11 == 0 else 1.0,
            now=START + timedelta(days=day),
        )
        abandoned = day % 9 == 4
        upto = 20 if abandoned else len(plan)
        store.save(
            begun.ended(
                plan,
                records(plan, upto, day),
                Outcome.ABANDONED if abandoned else Outcome.FINISHED,
                now=begun.started_at + timedelta(minutes=25),
            )
        )
    store.close()
    return time.perf_counter() - began


def command_seconds(folder: Path, *extra: str) -> float:
    """Wall time of `hamtimer history` on `folder`, output thrown away."""
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hamtimer", "history", "--data-dir", str(folder), *extra],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    return time.perf_counter() - began


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return times


def show(label: str, times: list[float]) -> str:
    best, median = min(times) * 1000, statistics.median(times) * 1000
    return f"{label:<38} best {best:7.1f} ms  median {median:7.1f} ms"


def main() -> int:
    """Build, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workouts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--fill", nargs=2, metavar=("FOLDER", "COUNT"), help="only write COUNT workouts into FOLDER"
    )
    args = parser.parse_args()
    if args.fill:
        fill(Path(args.fill[0]), int(args.fill[1]))
        return 0
    with tempfile.TemporaryDirectory(prefix="hamtimer-bench-") as scratch:
        small, large = Path(scratch) / "three", Path(scratch) / "many"
        fill(small, 3)
        fill_seconds = fill(large, args.workouts)
        empty = Path(scratch) / "empty"
        HistoryStore(empty).check_writable()
        base = (empty / DB_FILE).stat().st_size
        size = (large / DB_FILE).stat().st_size
        print(
            f"python {sys.version.split()[0]}; {args.workouts} workouts written in "
            f"{fill_seconds:.1f} s ({fill_seconds / args.workouts * 1000:.1f} ms a save)"
        )
        print(f"database: {size / 1e6:.2f} MB, {(size - base) / args.workouts:.0f} bytes a workout")

        small_times, large_times = [], []
        for _ in range(args.runs):  # interleaved: both folders see the same machine
            small_times.append(command_seconds(small))
            large_times.append(command_seconds(large))
        print(show("hamtimer history, 3 workouts", small_times))
        print(show(f"hamtimer history, {args.workouts} workouts", large_times))
        ratio = min(large_times) / min(small_times)
        print(f"ratio (best {args.workouts} / best 3): {ratio:.2f}  (target ≤ 1.5)")

        for extra in (["--json"], ["--export", "csv"], ["--all"]):
            times = [command_seconds(large, *extra) for _ in range(max(1, args.runs // 2))]
            print(show(f"hamtimer history {' '.join(extra)}, {args.workouts}", times))

        digest = open_circuit(None)[0].digest()

        def open_and_look() -> object:
            store = HistoryStore(large)
            store.check_writable()  # the app opens it to write: every page checked
            found = store.resumable(digest), store.abandon_other_versions("hamstring", digest)
            store.close()
            return found

        print(show("app's open (checked) + look for resume", timed(open_and_look, args.runs)))

        def screen_reads() -> object:
            store = HistoryStore(large)
            shown = store.workouts(limit=10), store.hold_trends(latest=10)
            store.close()
            return shown

        def targets() -> object:
            store = HistoryStore(large)
            found = store.hold_targets()
            store.close()
            return found

        def load_all() -> object:
            store = HistoryStore(large)
            loaded = store.workouts()
            store.close()
            return loaded

        print(show("history screen: newest 10 + trends", timed(screen_reads, args.runs)))
        print(show("hold targets (read at Enter)", timed(targets, args.runs)))
        print(show(f"load all {args.workouts} (--json, exports)", timed(load_all, args.runs)))
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
