"""The garbage collector at the moments the timer can afford it.

A Textual screen that is replaced leaves cycles of widgets, styles and strips that only a
full collection frees, and Python runs one only when the long-lived objects have grown by a
quarter. So the app collects once the start screen stands idle (the history opened) and
again as the workout begins (the start screen is gone by then), and each time moves
everything alive into the collector's permanent generation (`gc.freeze`): later collections
walk only what was made since, which takes a millisecond or two instead of 20–45 ms — the
cost Python's own full collection, falling where it may, once added to opening the history
screen. Each new step restyles the timer's screen, and Textual styles the parts
of a widget (the footer's keys, words and highlight) through nodes made for the purpose, a cycle
each, the last ones left for the collector: the screen collects them once the new step is
drawn, or they would pile up at some 0.1–0.3 MB a step until Python's own full collection,
tens of steps later. As the app ends, what was set aside is handed back.
"""

from __future__ import annotations

import gc


def settle_memory() -> None:
    """Free what start-up left behind (as the workout begins: the start screen and its keys),
    then set the rest aside from the collector: it lives as long as the app. What an earlier
    settling set aside goes back to the collector first, so what has died since is freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def release_memory() -> None:
    """The app ends: what was set aside goes back to the collector (a process that goes on,
    such as a test run, gets it back)."""
    gc.unfreeze()


def collect_garbage() -> None:
    """A full collection of what is not set aside: what the last step's styling left."""
    gc.collect()
