"""Start-up, idle cost, memory and history scale: hamtimer beside a bare Textual countdown, in
one run.

    python bench/startup.py [--launches 7] [--seconds 40] [--scale 2000,20000]
    python bench/startup.py --termdown PATH      # add termdown to the comparison
    python bench/startup.py --scale ""           # without the history sizes (quicker)

Three programs, each in a real 80×24 terminal (tmux on a private socket), in the same run
and taking turns (launches) or side by side (the rest) so they see the same machine:

- the floor: `bench/floor.py`, Textual's `Digits` counting down on a deadline-aligned timer;
- termdown, when given (`pip install termdown` in any venv, then `--termdown PATH`);
- hamtimer: `hamtimer --sound off` on temp folders and an empty history, its modules
  compiled to bytecode first (as an installed package's are). Its cache folder is
  a temp one too: an untimed first launch of each program compiles the circuit and caches
  the plan (and reads every file once); the timed ones start from the cache, as every start
  after the first does.

For each: the first frame (from `tmux new-session` to the first text on screen; best and
median of `--launches`, the programs taking turns), then, all at their rest at once (a 60 s
rest between sets for hamtimer, the countdown for the floor), over the same `--seconds` (cut
into `--windows`, the median window kept, so a burst of load spoils one window at most): CPU
as % of one core (each thread's run time as the scheduler counts it, in nanoseconds), peak
memory (VmHWM), wake-ups a second of the main thread (its voluntary context switches) and
the number of threads. Ratios are to the floor.

Then the history at each size of `--scale` against 3 workouts (folders filled through the
real store, as `bench/history.py` does): hamtimer's first frame (against the floor), its
peak memory at the rest, `hamtimer history` (best of `--launches`, against its time on 3
workouts) and the history screen (`h` on the start screen to its table on screen, against
3 workouts). Last, the slowest imports on the way to hamtimer's first frame, from
`python -X importtime`, and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from terminal import Cost, Tmux, find_process, launch_times, quiet_costs, status_mb

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
FLOOR = BENCH / "floor.py"
HAMTIMER_NEEDLE = "hamtimer"
TARGETS = {"first frame": 1.25, "CPU": 1.3, "peak memory": 1.25}
SCALE_TARGETS = {"first frame": 1.35, "history": 1.5}
"""With a large history: the first frame against the floor, `hamtimer history` and the
history screen against their times with 3 workouts."""
HISTORY_SHOWN = "Recent workouts"
"""The history screen's table: on screen once the screen is."""


@dataclass
class Program:
    """How to start one program, what its first frame shows, and how to reach a rest."""

    label: str
    command: str
    first_text: str
    needle: str
    to_rest: Callable[[Tmux, str], None]


def floor_program() -> Program:
    command = f"env TERM=xterm-256color {shlex.quote(sys.executable)} {shlex.quote(str(FLOOR))} 60"
    return Program("floor (Textual Digits)", command, "REST floor", "floor.py", lambda t, n: None)


def termdown_program(path: str) -> Program:
    command = f"env TERM=xterm-256color {shlex.quote(path)} 60"
    return Program("termdown", command, "88", "termdown", lambda t, n: None)


HAMTIMER = Path(sys.executable).with_name("hamtimer")


def hamtimer_program(folder: Path, data: Path | None = None) -> Program:
    """hamtimer on `folder`'s config and cache, with the history in `data` (else its own)."""
    env = (
        f"TERM=xterm-256color HAMTIMER_CONFIG_DIR={shlex.quote(str(folder / 'config'))} "
        f"HAMTIMER_CACHE_DIR={shlex.quote(str(folder / 'cache'))}"
    )
    args = f"--sound off --data-dir {shlex.quote(str(data or folder / 'data'))}"
    command = f"env {env} {shlex.quote(str(HAMTIMER))} {args}"

    def to_rest(tmux: Tmux, name: str) -> None:
        """Enter, then skip to the 60 s rest between sets (step 5), a key a screen."""
        tmux.wait_for(name, "Press Enter to start")
        tmux.keys(name, "Enter")
        tmux.wait_for(name, "step 1 of")
        for index in range(1, 5):
            tmux.keys(name, "n")
            tmux.wait_for(name, f"step {index + 1} of")

    return Program("hamtimer", command, "Press Enter to start", HAMTIMER_NEEDLE, to_rest)


def threads(pid: int) -> int:
    """How many threads a process has."""
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


def rest_together(
    tmux: Tmux, programs: Sequence[Program], seconds: float, windows: int
) -> dict[str, tuple[list[Cost], int]]:
    """Start every program and bring each to its rest, then measure them all over the same
    `seconds`, cut into `windows` back to back: each one's cost in each window, and its
    threads. (A shared machine's load comes and goes: within one window, the programs see
    the same; the median over the windows leaves out a window that a burst spoiled.)"""
    pids = {}
    try:
        for program in programs:
            name = f"rest-{program.needle.replace('.', '-')}"
            tmux.start(name, program.command)
            tmux.wait_for(name, program.first_text)
            program.to_rest(tmux, name)
            pids[program.label] = (name, find_process(tmux.pane_pid(name), program.needle))
        time.sleep(2.0)  # past the first frames of the rest
        every = [pid for _, pid in pids.values()]
        costs = [quiet_costs(tmux, every, seconds / windows) for _ in range(windows)]
        return {
            label: ([window[place] for window in costs], threads(pid))
            for place, (label, (_, pid)) in enumerate(pids.items())
        }
    finally:
        for program in programs:
            if program.label in pids:
                tmux.end(pids[program.label][0], program.needle)


def interleaved_launches(
    tmux: Tmux, programs: Sequence[Program], runs: int
) -> dict[str, list[float]]:
    """`launch_times` of each program, taking turns (one untimed launch each first: the
    plan cache filled, the files read once), so that all see the same load."""
    found: dict[str, list[float]] = {program.label: [] for program in programs}
    for run in range(runs + 1):
        for program in programs:
            times = launch_times(tmux, 1, program.command, program.first_text, program.needle)
            if run:
                found[program.label].extend(times)
    return found


def fill_history(data: Path, workouts: int) -> None:
    """N workouts in the history in `data`, through the real store (as bench/history.py)."""
    if workouts:
        subprocess.run(
            [sys.executable, str(BENCH / "history.py"), "--fill", str(data), str(workouts)],
            check=True,
        )


def peak_at_rest(tmux: Tmux, program: Program) -> float:
    """Peak memory (VmHWM, MB) once the program has reached the rest, as `rest_measure`."""
    name = "peak-at-rest"
    tmux.start(name, program.command)
    try:
        tmux.wait_for(name, program.first_text)
        program.to_rest(tmux, name)
        pid = find_process(tmux.pane_pid(name), program.needle)
        time.sleep(2.0)
        return status_mb(pid, "VmHWM")
    finally:
        tmux.end(name, program.needle)


def history_command(data: Path, runs: int) -> list[float]:
    """Wall seconds of `hamtimer history` on `data`, output thrown away, `runs` times."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(
            [str(HAMTIMER), "history", "--data-dir", str(data)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - began)
    return times


def history_screen(tmux: Tmux, program: Program, runs: int) -> list[float]:
    """Seconds from `h` on the start screen (the history opened, a second after the first
    frame) to the history screen's table on screen, `runs` times."""
    times = []
    for run in range(runs):
        name = f"history-screen-{run}"
        tmux.start(name, program.command)
        try:
            tmux.wait_for(name, program.first_text)
            time.sleep(1.0)  # the history opened on its thread: the screen alone is timed
            began = time.perf_counter()
            tmux.keys(name, "h")
            times.append(tmux.wait_for(name, HISTORY_SHOWN) - began)
        finally:
            tmux.end(name, program.needle)
    return times


@dataclass
class Scale:
    """hamtimer with one size of history."""

    workouts: int
    floor: list[float]
    launches: list[float]
    peak_mb: float
    command: list[float]
    screen: list[float]


def measure_scale(tmux: Tmux, folder: Path, sizes: Sequence[int], runs: int) -> list[Scale]:
    """Each history size in a data folder of its own (3 first: the yardstick); the first
    frames taking turns with the floor's."""
    found = []
    floor = floor_program()
    for workouts in (3, *sizes):
        data = folder / f"history-{workouts}"
        fill_history(data, workouts)
        program = hamtimer_program(folder, data)
        launches = interleaved_launches(tmux, [floor, program], runs)
        found.append(
            Scale(
                workouts,
                launches[floor.label],
                launches[program.label],
                peak_at_rest(tmux, program),
                history_command(data, runs),
                history_screen(tmux, program, runs),
            )
        )
    return found


def print_scale(scales: list[Scale]) -> None:
    """The table of history sizes, and the ratios against the floor and against 3."""
    base = scales[0]
    first, history = SCALE_TARGETS["first frame"], SCALE_TARGETS["history"]
    print(
        f"\nthe history at scale (targets: first frame ≤ {first}× the floor, taking turns with "
        f"it; hamtimer history and the history screen ≤ {history}× their times with 3 "
        "workouts):"
    )
    print(
        f"{'workouts':>9} {'first frame best/median':>24} {'× floor':>8} {'peak MB':>8} "
        f"{'history cmd':>12} {'× 3':>6} {'screen':>8} {'× 3':>6}"
    )
    for scale in scales:
        best, median = min(scale.launches) * 1000, statistics.median(scale.launches) * 1000
        print(
            f"{scale.workouts:9} {best:13.0f} / {median:5.0f} ms "
            f"{ratio(min(scale.launches), min(scale.floor)):>8} {scale.peak_mb:8.1f} "
            f"{min(scale.command) * 1000:9.0f} ms {ratio(min(scale.command), min(base.command)):>6}"
            f" {min(scale.screen) * 1000:5.0f} ms {ratio(min(scale.screen), min(base.screen)):>6}"
        )


def import_costs(top: int = 12) -> list[str]:
    """The slowest imports (cumulative µs) on the way to the first frame."""
    code = "import hamtimer.cli, hamtimer.tui.launch"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
    )
    rows = []
    for line in done.stderr.splitlines()[1:]:
        own, total, name = (part.strip() for part in line.replace("import time:", "").split("|"))
        rows.append((int(total), int(own), name))
    rows.sort(reverse=True)
    return [
        f"  {total / 1000:7.1f} ms  (self {own / 1000:5.1f})  {name}"
        for total, own, name in rows[:top]
    ]


def percent(cost: Cost) -> float:
    """CPU as % of one core."""
    return cost.percent


def wakes(cost: Cost) -> float:
    """Wake-ups of the main thread a second."""
    return cost.wakes / cost.seconds


def median_of(costs: Sequence[Cost], measure: Callable[[Cost], float]) -> float:
    """The median window's figure."""
    return statistics.median(measure(cost) for cost in costs)


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:5.2f}×" if floor else "  n/a"


def compile_package() -> None:
    """hamtimer's modules compiled to bytecode, as pip compiles an installed package's (and
    Textual's are): a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile
    every module from source at every start (25 ms more here), which no installed hamtimer
    does."""
    import compileall

    compileall.compile_dir(REPO / "hamtimer", quiet=1)


def sizes(text: str) -> list[int]:
    """`--scale`: history sizes, comma separated ('' for none)."""
    return [int(part) for part in text.split(",") if part.strip()]


def load() -> str:
    """The load average: the machine is shared, and every figure depends on it."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: Sequence[str] | None = None) -> int:
    """Launch, measure, print the tables and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--windows", type=int, default=4, help="the rest cut into this many")
    parser.add_argument("--scale", type=sizes, default=sizes("2000,20000"), metavar="N,N")
    parser.add_argument("--termdown", help="path of a termdown to compare with")
    args = parser.parse_args(argv)
    compile_package()
    before = load()
    with tempfile.TemporaryDirectory(prefix="hamtimer-startup-") as scratch:
        folder = Path(scratch)
        programs = [floor_program()]
        if args.termdown:
            programs.append(termdown_program(args.termdown))
        programs.append(hamtimer_program(folder))
        tmux = Tmux()
        rows: dict[str, tuple[list[float], list[Cost], int]] = {}
        try:
            launches = interleaved_launches(tmux, programs, args.launches)
            rests = rest_together(tmux, programs, args.seconds, args.windows)
            for program in programs:
                rows[program.label] = (launches[program.label], *rests[program.label])
            scales = measure_scale(tmux, folder, args.scale, args.launches) if args.scale else []
        finally:
            tmux.close()
    floor_launches, floor_costs, _ = rows[programs[0].label]
    print(
        f"python {sys.version.split()[0]}; {args.launches} launches each; "
        f"{args.seconds:g} s of a 60 s rest in {args.windows} windows (CPU and wake-ups: the "
        f"median window); load average {before} before, {load()} after"
    )
    print(
        f"{'':24} {'first frame best/median':>24} {'CPU %':>7} {'peak MB':>8} "
        f"{'wakes/s':>8} {'threads':>7}"
    )
    for label, (launches, costs, count) in rows.items():
        best, median = min(launches) * 1000, statistics.median(launches) * 1000
        print(
            f"{label:24} {best:10.0f} / {median:5.0f} ms"
            f" {median_of(costs, percent):9.2f} {max(c.peak_mb for c in costs):8.1f}"
            f" {median_of(costs, wakes):8.2f} {count:7}"
        )
    launches, costs, _ = rows["hamtimer"]
    windows = list(zip(costs, floor_costs, strict=True))
    cpu = [percent(ours) / percent(floor) for ours, floor in windows if percent(floor)]
    targets = ", ".join(f"{name} ≤ {value}×" for name, value in TARGETS.items())
    print(f"\nhamtimer against the floor (targets: {targets}):")
    print(
        f"  first frame {ratio(min(launches), min(floor_launches))}"
        f"   CPU {statistics.median(cpu):5.2f}×"
        f"   peak memory {ratio(costs[-1].peak_mb, floor_costs[-1].peak_mb)}"
        f"   wake-ups {ratio(median_of(costs, wakes), median_of(floor_costs, wakes))}"
    )
    print("  CPU in each window: " + "  ".join(f"{value:.2f}×" for value in cpu))
    if scales:
        print_scale(scales)
    print("\nslowest imports on the way to the first frame (python -X importtime):")
    print("\n".join(import_costs()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
