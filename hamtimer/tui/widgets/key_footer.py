"""`KeyFooter`: the footer of keys, keeping only the essential ones on a small terminal."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, bool], ...]
"""The keys a footer shows: key, description, enabled."""


class KeyFooter(Footer):
    """Textual's footer, with every key but the `essential` actions marked `-optional`;
    a compact screen's CSS hides those (`AdaptiveScreen`), the keys still work.

    Its keys are composed with the screen, so they are in the first frame, and composed
    again only when the keys shown change (Textual's footer composes itself again at every
    change of the bindings, the first one included); each key is made with its classes and
    its compact setting, so that none is styled twice before it is drawn. A key a shown
    action, the first bound to it, as Textual's footer does (no binding groups).
    """

    def __init__(self, essential: Iterable[str] = (), *, compact: bool = False) -> None:
        super().__init__(show_command_palette=False, compact=compact)
        self.essential = frozenset(essential)
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        """Textual's keys (`FooterKey`), the optional ones marked."""
        self._shown = self._keys()
        actions: set[str] = set()
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            optional = binding.action not in self.essential
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
                classes=" ".join(
                    name for name, on in (("-optional", optional), ("-compact", self.compact)) if on
                ),
            )
            key.set_reactive(FooterKey.compact, self.compact)
            yield key
        self.styles.grid_size_columns = len(actions)

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
