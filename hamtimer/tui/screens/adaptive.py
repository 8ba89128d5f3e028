"""`AdaptiveScreen`: a screen that changes its layout with the terminal's size."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen

from hamtimer.tui.widgets.key_footer import KeyFooter
from hamtimer.tui.widgets.too_small import TooSmall, size_class


class AdaptiveScreen(Screen[Any]):
    """Adds the class `-compact` or `-too-small` for the CSS to lay out small terminals.

    Every subclass composes a `TooSmall` widget; the CSS shows it, and hides everything
    else, below the smallest usable size. A compact screen's `KeyFooter` shows only its
    essential keys. Nothing but layout changes on resize: the
    workout's time lives in the engine, so a resize can never lose or skip time.
    """

    DEFAULT_CSS = """
    AdaptiveScreen.-too-small TooSmall { display: block; }
    """

    def on_mount(self) -> None:
        """Lay out for the size we start at."""
        self._adapt(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        """Lay out again after the terminal changed size."""
        self._adapt(event.size.width, event.size.height)

    def _adapt(self, width: int, height: int) -> None:
        layout = size_class(width, height)
        self.set_class(layout == "compact", "-compact")
        self.set_class(layout == "too-small", "-too-small")
        self.query_one(TooSmall).show_size(width, height)
        for footer in self.query(KeyFooter):
            footer.compact = layout == "compact"

    def swap_classes(self, family: frozenset[str], wanted: set[str]) -> None:
        """Make `wanted` the screen's classes of `family`, in two steps at most: each change
        of classes restyles the whole screen, and changing them one by one would do it
        several times (the timer's look changes this way at every new step)."""
        stale = [name for name in family if name in self.classes and name not in wanted]
        if stale:
            self.remove_class(*stale)
        missing = [name for name in wanted if name not in self.classes]
        if missing:
            self.add_class(*missing)
