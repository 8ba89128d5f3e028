"""`KeyFooter`: the footer of keys, keeping only the essential ones on a small terminal."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from hamtimer.tui.memory import collect_garbage

Shown = tuple[tuple[str, str, bool], ...]
"""The keys a footer shows: key, description, enabled."""


class KeyFooter(Widget, can_focus=False, can_focus_children=False):
    """A key a shown action, as Textual's footer draws them (its `FooterKey`s, the first key
    bound to each action; no binding groups, no command palette), every key but the
    `essential` actions marked `-optional`: a compact screen's CSS hides those
    (`AdaptiveScreen`), the keys still work.

    Its keys are made with the screen, so they are in the first frame, each with its classes
    set (none is styled twice before it is drawn), and made again only when the keys shown
    change. It is not Textual's `Footer`, whose style sheet (groups, compact and palette
    rules, none used here) costs the first frame more than the keys themselves.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        layout: horizontal;
        width: 1fr;
        height: 1;
        dock: bottom;
        overflow: hidden hidden;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self, essential: Iterable[str] = ()) -> None:
        super().__init__()
        self.essential = frozenset(essential)
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        """Textual's keys (`FooterKey`), the optional ones marked."""
        self._shown = self._keys()
        actions: set[str] = set()
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
                classes="" if binding.action in self.essential else "-optional",
            )
            key.set_reactive(FooterKey.compact, False)
            yield key

    def _keys(self) -> Shown:
        return tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.show
        )

    def on_mount(self) -> None:
        """Hear of every change of the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """No more news of a screen that is gone."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Make the keys again when the ones shown changed (while the app has the focus, as
        Textual's footer does: it is told again when the focus comes back)."""
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._keys() != self._shown:
            self.call_after_refresh(self._make_keys_again)

    async def _make_keys_again(self) -> None:
        """The keys made anew, and the old ones freed at once (`collect_garbage`): a key is
        a cycle of widget, styles and messages that would otherwise stay for many steps."""
        await self.recompose()
        collect_garbage()
