"""Memory through a long rest: whether what a second draws piles up.

    python bench/rest_memory.py [--samples 13] [--every 10] [--speed 20]

The bundled circuit with a 90-minute rest between sets (a copy in a temp folder), run by
`hamtimer run --speed 20 --sound off` in a real 80×24 terminal (tmux on a private socket),
skipped to that rest: then its resident memory (VmRSS) and peak (VmHWM) every `--every`
seconds, `--samples` times. At ×20 each wall second shows twenty seconds of the rest, so
two minutes show forty minutes of it: a cache that keeps what each second draws shows as a
climb that does not level off.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from terminal import Tmux, find_process, status_mb

REPO = Path(__file__).resolve().parent.parent
HAMTIMER = Path(sys.executable).with_name("hamtimer")
REST = 5400
"""Seconds of the rest between sets in the copy of the circuit."""


def long_rest_circuit(folder: Path) -> Path:
    """The bundled circuit with a `REST` s rest between sets, written to `folder`."""
    text = (REPO / "circuits" / "hamstring.toml").read_text(encoding="utf-8")
    changed = text.replace("rest_between_sets = 60", f"rest_between_sets = {REST}")
    if changed == text:
        raise SystemExit("the bundled circuit no longer says rest_between_sets = 60")
    path = folder / "long-rest.toml"
    path.write_text(changed, encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run to the rest, then print the memory every few seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=13)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--speed", type=float, default=20.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hamtimer-rest-memory-") as scratch:
        folder = Path(scratch)
        circuit = long_rest_circuit(folder)
        env = " ".join(
            f"{name}={shlex.quote(str(folder / sub))}"
            for name, sub in (("HAMTIMER_CONFIG_DIR", "config"), ("HAMTIMER_CACHE_DIR", "cache"))
        )
        command = (
            f"env TERM=xterm-256color {env} {shlex.quote(str(HAMTIMER))} run "
            f"{shlex.quote(str(circuit))} --sound off --speed {args.speed:g} "
            f"--data-dir {shlex.quote(str(folder / 'data'))}"
        )
        tmux = Tmux()
        try:
            tmux.start("rest", command)
            tmux.wait_for("rest", "Press Enter to start", 30)
            tmux.keys("rest", "Enter")
            tmux.wait_for("rest", "step 1 of")
            while "step 5 of" not in tmux.capture("rest"):  # the rest between sets
                tmux.keys("rest", "n")
                time.sleep(0.5)
            pid = find_process(tmux.pane_pid("rest"), "hamtimer")
            print(f"hamtimer at ×{args.speed:g} in a {REST // 60}-minute rest, 80×24")
            print(f"{'wall s':>7} {'rest s':>7} {'VmRSS MB':>9} {'VmHWM MB':>9}")
            began = time.monotonic()
            for _ in range(args.samples):
                wall = time.monotonic() - began
                rss, peak = status_mb(pid, "VmRSS"), status_mb(pid, "VmHWM")
                print(f"{wall:7.0f} {wall * args.speed:7.0f} {rss:9.2f} {peak:9.2f}")
                time.sleep(args.every)
            tmux.end("rest", "hamtimer")
        finally:
            tmux.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
