"""`KeyFooter`: the footer of keys, keeping only the essential ones on a small terminal."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer, with every key but the `essential` actions marked `-optional`;
    a compact screen's CSS hides those (`AdaptiveScreen`), the keys still work."""

    def __init__(self, essential: Iterable[str] = (), *, compact: bool = False) -> None:
        super().__init__(show_command_palette=False, compact=compact)
        self.essential = frozenset(essential)

    def compose(self) -> ComposeResult:
        """Textual's keys, the optional ones marked."""
        for widget in super().compose():
            action = getattr(widget, "action", None)  # a key (Textual's FooterKey)
            if isinstance(action, str) and action not in self.essential:
                widget.add_class("-optional")
            yield widget
