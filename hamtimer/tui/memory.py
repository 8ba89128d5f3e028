"""The garbage collector at the moments the timer can afford it.

A Textual screen that is replaced leaves cycles of widgets, styles and strips that only a
full collection frees, and Python runs one only when the long-lived objects have grown by a
quarter. So the app collects once as the workout begins (the start screen is gone by then)
and then moves everything alive into the collector's permanent generation (`gc.freeze`):
later collections walk only what the workout made since, which takes a millisecond or two
instead of 30–45 ms. Each new step restyles the timer's screen, and Textual styles the parts
of a widget (the footer's keys, words and highlight) through nodes made for the purpose, a cycle
each, the last ones left for the collector: the screen collects them once the new step is
drawn, or they would pile up at some 0.1–0.3 MB a step until Python's own full collection,
tens of steps later. As the app ends, what was set aside is handed back.
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
    """A full collection of what is not set aside: what the last step's styling left."""
    gc.collect()
