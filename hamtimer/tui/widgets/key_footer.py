"""`KeyFooter`: the footer of keys, keeping only the essential ones on a small terminal."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[Binding, bool], ...]
"""The keys a footer shows: the binding shown for each action, and whether it is enabled."""


class KeyFooter(Widget, can_focus=False, can_focus_children=False):
    """A key a shown action, as Textual's footer draws them (its `FooterKey`s, the first key
    bound to each action; no binding groups, no command palette), every key but the
    `essential` actions marked `-optional`: a compact screen's CSS hides those
    (`AdaptiveScreen`), the keys still work.

    Its keys are made once, with the screen: one for every action the screen could show,
    so they are in the first frame, each with its classes set. When the screen's keys
    change (a rest, a hold, a pause), each key is shown or hidden (`-hidden`), enabled or
    dimmed in place: no widget is made or freed on the way through a workout. It is not
    Textual's `Footer`, whose style sheet (groups, compact and palette rules, none used
    here) costs the first frame more than the keys themselves, and which makes all its
    keys again at every change.
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
    KeyFooter FooterKey.-hidden { display: none; }
    """

    def __init__(self, essential: Iterable[str] = ()) -> None:
        super().__init__()
        self.essential = frozenset(essential)
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        """A key (Textual's `FooterKey`) for each action the screen may show, in the order
        the screen lists its bindings, those it does not show now hidden."""
        shown = self._keys()
        self._shown = tuple(shown.values())
        for binding in possible_bindings(self.screen):
            binding, enabled = shown.get(binding.action, (binding, True))
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=binding.tooltip,
                classes=" ".join(self._key_classes(binding.action, binding.action in shown)),
            )
            key.set_reactive(FooterKey.compact, False)
            yield key

    def _key_classes(self, action: str, shown: bool) -> list[str]:
        return [
            *(() if action in self.essential else ("-optional",)),
            *(() if shown else ("-hidden",)),
        ]

    def _keys(self) -> dict[str, tuple[Binding, bool]]:
        """What the screen shows now: action → the first active binding of the action, and
        whether it is enabled."""
        shown: dict[str, tuple[Binding, bool]] = {}
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled)
        return shown

    def on_mount(self) -> None:
        """Hear of every change of the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """No more news of a screen that is gone."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Show, hide, enable and dim the keys for what the screen shows now (while the app
        has the focus, as Textual's footer does: it is told again when the focus comes
        back)."""
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        shown = self._keys()
        if tuple(shown.values()) == self._shown:
            return
        self._shown = tuple(shown.values())
        for key in self.query_children(FooterKey):
            binding, enabled = shown.get(key.action, (None, True))
            key.set_class(binding is None, "-hidden")
            if binding is None:
                continue
            if (key.key, key.description, key._disabled) != (
                binding.key,
                binding.description,
                not enabled,
            ):  # another key or word for the action (its first key taken), or dimmed
                key.key, key.description = binding.key, binding.description
                key.key_display = self.app.get_key_display(binding)
                key._disabled = not enabled  # FooterKey's own: a click on it rings the bell
                key.set_class(not enabled, "-disabled")
                key.refresh(layout=True)


def possible_bindings(screen: Screen[object]) -> list[Binding]:
    """The first binding of each action that `screen` may show in its footer, whether or
    not it shows it now, in the order of its binding chain (`Screen.active_bindings`
    walks the same chain, so what it shows is always in this order)."""
    seen: set[str] = set()
    found: list[Binding] = []
    for _, bindings in screen._modal_binding_chain:  # Textual's own, as active_bindings
        for _, binding in bindings:
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                found.append(binding)
    return found
