"""Start-up, idle cost and memory: hamtimer beside a bare Textual countdown, in one run.

    python bench/startup.py [--launches 5] [--seconds 30] [--workouts 0]
    python bench/startup.py --termdown PATH      # add termdown to the comparison

Three programs, each in a real 80×24 terminal (tmux on a private socket), one after the
other in the same run so they see the same machine:

- the floor: `bench/floor.py`, Textual's `Digits` counting down on a deadline-aligned timer;
- termdown, when given (`pip install termdown` in any venv, then `--termdown PATH`);
- hamtimer: `hamtimer --sound off` on temp folders (`--workouts N` puts N workouts in its
  history first). Its cache folder is a temp one too: the first launch compiles the circuit
  and caches the plan, the later ones start from the cache (the first-frame "best" is a
  start from the cache, as every start after the first is).

For each: the first frame (from `tmux new-session` to the first text on screen; best and
median of `--launches`), then, over `--seconds` of a 60 s rest, CPU as % of one core, peak
memory (VmHWM), wake-ups a second of the main thread (its voluntary context switches) and
the number of threads. Ratios are to the floor. Last, the slowest imports on the way to
hamtimer's first frame, from `python -X importtime`.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from terminal import Cost, Tmux, find_process, launch_times, quiet_cost

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
FLOOR = BENCH / "floor.py"
HAMTIMER_NEEDLE = "hamtimer"
TARGETS = {"first frame": 1.25, "CPU": 1.3, "peak memory": 1.25}


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


def hamtimer_program(folder: Path) -> Program:
    hamtimer = Path(sys.executable).with_name("hamtimer")
    env = (
        f"TERM=xterm-256color HAMTIMER_CONFIG_DIR={shlex.quote(str(folder / 'config'))} "
        f"HAMTIMER_CACHE_DIR={shlex.quote(str(folder / 'cache'))}"
    )
    args = f"--sound off --data-dir {shlex.quote(str(folder / 'data'))}"
    command = f"env {env} {shlex.quote(str(hamtimer))} {args}"

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


def rest_measure(tmux: Tmux, program: Program, seconds: float) -> tuple[Cost, int]:
    """Start the program, bring it to a rest, let it settle, measure quietly."""
    name = f"rest-{program.needle.replace('.', '-')}"
    tmux.start(name, program.command)
    try:
        tmux.wait_for(name, program.first_text)
        program.to_rest(tmux, name)
        pid = find_process(tmux.pane_pid(name), program.needle)
        time.sleep(2.0)  # past the first frames of the rest
        return quiet_cost(tmux, pid, seconds), threads(pid)
    finally:
        tmux.end(name, program.needle)


def fill_history(folder: Path, workouts: int) -> None:
    """N workouts in the history, through the real store (as bench/history.py does)."""
    if workouts:
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "history.py"),
                "--fill",
                str(folder / "data"),
                str(workouts),
            ],
            check=True,
        )


def import_costs(top: int = 12) -> list[str]:
    """The slowest imports (cumulative µs) on the way to the first frame."""
    code = "import hamtimer.cli, hamtimer.tui.app"
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


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:5.2f}×" if floor else "  n/a"


def main(argv: Sequence[str] | None = None) -> int:
    """Launch, measure, print the table and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workouts", type=int, default=0)
    parser.add_argument("--termdown", help="path of a termdown to compare with")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hamtimer-startup-") as scratch:
        folder = Path(scratch)
        fill_history(folder, args.workouts)
        programs = [floor_program()]
        if args.termdown:
            programs.append(termdown_program(args.termdown))
        programs.append(hamtimer_program(folder))
        tmux = Tmux()
        rows: dict[str, tuple[list[float], Cost, int]] = {}
        try:
            for program in programs:
                launches = launch_times(
                    tmux, args.launches, program.command, program.first_text, program.needle
                )
                cost, count = rest_measure(tmux, program, args.seconds)
                rows[program.label] = (launches, cost, count)
        finally:
            tmux.close()
    floor_launches, floor_cost, _ = rows[programs[0].label]
    print(
        f"python {sys.version.split()[0]}; {args.launches} launches each; "
        f"{args.seconds:g} s of a 60 s rest; history: {args.workouts} workouts"
    )
    print(
        f"{'':24} {'first frame best/median':>24} {'CPU %':>7} {'peak MB':>8} "
        f"{'wakes/s':>8} {'threads':>7}"
    )
    for label, (launches, cost, count) in rows.items():
        wakes = cost.wakes / cost.seconds
        best, median = min(launches) * 1000, statistics.median(launches) * 1000
        print(
            f"{label:24} {best:10.0f} / {median:5.0f} ms"
            f" {cost.percent:9.2f} {cost.peak_mb:8.1f} {wakes:8.2f} {count:7}"
        )
    launches, cost, _ = rows["hamtimer"]
    print(
        "\nhamtimer against the floor (targets: first frame ≤ 1.25×, CPU ≤ 1.3×, memory ≤ 1.25×):"
    )
    print(
        f"  first frame {ratio(min(launches), min(floor_launches))}"
        f"   CPU {ratio(cost.percent, floor_cost.percent)}"
        f"   peak memory {ratio(cost.peak_mb, floor_cost.peak_mb)}"
        f"   wake-ups {ratio(cost.wakes, floor_cost.wakes)}"
    )
    print("\nslowest imports on the way to the first frame (python -X importtime):")
    print("\n".join(import_costs()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
