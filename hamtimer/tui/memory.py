"""The garbage collector at the moments the timer can afford it.

A Textual screen that is replaced, or a footer whose keys are made again, leaves cycles of
widgets, styles and strips that only a full collection frees, and Python runs one only when
the long-lived objects have grown by a quarter: until then each step of a workout would add
its leftovers to the process (0.4 MB a step measured at 80×24). So the app collects once as
the workout begins and then moves everything alive into the collector's permanent
generation (`gc.freeze`): later collections walk only what the workout made since, which
takes a millisecond or two instead of 30–45 ms, and the footer runs one each time it has
made its keys again (a step whose keys differ from the last one's). As the app ends, what
was set aside is handed back.
"""

from __future__ import annotations

import gc


def settle_memory() -> None:
    """Free what start-up left behind (the start screen and its keys), then set the rest aside
    from the collector for good: it lives as long as the app."""
    gc.collect()
    gc.freeze()


def release_memory() -> None:
    """The app ends: what was set aside goes back to the collector (a process that goes on,
    such as a test run, gets it back)."""
    gc.unfreeze()


def collect_garbage() -> None:
    """A full collection of what is not set aside: what the last step left."""
    gc.collect()
