"""`KeyFooter`: the footer of keys, keeping only the essential ones on a small terminal."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, bool], ...]
"""The keys a footer shows: key, description, enabled."""


class KeyFooter(Footer):
    """Textual's footer, with every key but the `essential` actions marked `-optional`;
    a compact screen's CSS hides those (`AdaptiveScreen`), the keys still work.

    Its keys are composed with the screen, so they are in the first frame, and composed
    again only when the keys shown change (Textual's footer composes itself again at every
    change of the bindings, the first one included)."""

    def __init__(self, essential: Iterable[str] = (), *, compact: bool = False) -> None:
        super().__init__(show_command_palette=False, compact=compact)
        self.essential = frozenset(essential)
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        """Textual's keys, the optional ones marked."""
        self._shown = self._keys()
        for widget in super().compose():
            action = getattr(widget, "action", None)  # a key (Textual's FooterKey)
            if isinstance(action, str) and action not in self.essential:
                widget.add_class("-optional")
            yield widget

    def _keys(self) -> Shown:
        return tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Compose the keys again when the ones shown changed."""
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return
        super().bindings_changed(screen)
