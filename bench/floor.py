"""The floor: the least a Textual countdown can cost, to measure hamtimer against.

    python bench/floor.py [SECONDS]

Textual's `Digits` showing a countdown of SECONDS (default 60), redrawn by one timer set to
the next whole second of a monotonic deadline (not a fixed tick), nothing else: no CSS
file, no screens, no models. `startup.py` launches it beside hamtimer in the same terminal
and compares first frame, CPU while counting, peak memory and wake-ups.
"""

from __future__ import annotations

import math
import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Static

TITLE = "REST floor"


class Countdown(App[None]):
    """A 1 Hz, deadline-aligned countdown in big digits."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.deadline = time.monotonic() + seconds

    def compose(self) -> ComposeResult:
        yield Static(TITLE)
        yield Digits(self._text())

    def _text(self) -> str:
        left = max(0, math.ceil(self.deadline - time.monotonic() - 1e-6))
        return f"{left // 60}:{left % 60:02d}"

    def on_mount(self) -> None:
        self._tick()

    def _tick(self) -> None:
        self.query_one(Digits).update(self._text())
        left = self.deadline - time.monotonic()
        if left > 0:
            self.set_timer(left - math.floor(left - 1e-6) + 0.001, self._tick)


if __name__ == "__main__":
    Countdown(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0).run()
