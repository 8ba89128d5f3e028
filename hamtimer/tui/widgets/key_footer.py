"""`KeyFooter`: the screen's keys on one line, keeping only the essential ones on a small
terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class FooterEntry:
    """A key the footer shows: what a click on it presses, how it is drawn, what it does."""

    key: str
    shown_key: str
    description: str
    action: str
    enabled: bool = True
    tooltip: str = ""
    optional: bool = False


@dataclass(frozen=True)
class FooterLook:
    """The styles a footer line is drawn with (from the footer's component classes)."""

    key: Style
    description: Style
    hover: Style


def footer_line(
    entries: Sequence[FooterEntry], look: FooterLook, *, compact: bool, hovered: str | None
) -> tuple[Text, list[tuple[FooterEntry, int, int]]]:
    """The line of keys (" n Skip " each, the key in its own style, a disabled one dimmed,
    the one under the mouse highlighted), and where each shown entry is: (entry, start,
    end) in cells. A compact footer leaves out the optional entries."""
    line = Text(no_wrap=True, overflow="crop", end="")
    placed: list[tuple[FooterEntry, int, int]] = []
    for entry in entries:
        if compact and entry.optional:
            continue
        start = line.cell_len
        item = Text.assemble(
            (f" {entry.shown_key} ", look.key), (f"{entry.description} ", look.description)
        )
        if entry.action == hovered:
            item.stylize_before(look.hover)
        if not entry.enabled:
            item.stylize_before(Style(dim=True))
        line.append_text(item)
        placed.append((entry, start, line.cell_len))
    return line, placed


class KeyFooter(Widget, can_focus=False):
    """A key for each action the screen shows now, drawn as Textual's footer draws its keys
    (the first key bound to each action; no binding groups, no command palette), every
    action but the `essential` ones optional: a compact screen leaves those out, the keys
    still work. A click on a key presses it; a disabled one rings the bell.

    One widget draws the whole line: the footer changes with every step of a workout (a
    rest, a hold, a pause), and a widget a key (Textual's `FooterKey`, some 55 KB each
    with its styles) would be restyled or made again each time.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        width: 1fr;
        height: 1;
        dock: bottom;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    compact: reactive[bool] = reactive(False)
    """True on a compact screen: only the essential keys are shown."""

    entries: reactive[tuple[FooterEntry, ...]] = reactive(())
    """The keys shown now, left to right."""

    hovered: reactive[str | None] = reactive(None)
    """The action of the key under the mouse."""

    def __init__(self, essential: Iterable[str] = ()) -> None:
        super().__init__()
        self.essential = frozenset(essential)

    def on_mount(self) -> None:
        """The screen's keys now, and news of every change of them."""
        self.set_reactive(KeyFooter.entries, self._entries(self.screen))
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """No more news of a screen that is gone."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _entries(self, screen: Screen[object]) -> tuple[FooterEntry, ...]:
        shown: dict[str, FooterEntry] = {}
        for _, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = FooterEntry(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip,
                    optional=binding.action not in self.essential,
                )
        return tuple(shown.values())

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """The keys for what the screen shows now (while the app has the focus, as Textual's
        footer does: it is told again when the focus comes back)."""
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.entries = self._entries(screen)

    def placed(self) -> list[tuple[FooterEntry, int, int]]:
        """The keys on the line: each entry, and the cells it takes (start, end)."""
        return self._line()[1]

    def _line(self) -> tuple[Text, list[tuple[FooterEntry, int, int]]]:
        look = FooterLook(
            *(
                self.get_component_rich_style(f"key-footer--{part}", partial=True)
                for part in ("key", "description", "hover")
            )
        )
        return footer_line(self.entries, look, compact=self.compact, hovered=self.hovered)

    def render(self) -> Text:
        """The line of keys."""
        return self._line()[0]

    def _entry_at(self, x: int) -> FooterEntry | None:
        return next((entry for entry, start, end in self.placed() if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse, with its tooltip."""
        entry = self._entry_at(event.x)
        self.hovered = entry.action if entry else None
        self.tooltip = entry.tooltip if entry and entry.tooltip else None

    def on_leave(self) -> None:
        """No key is under the mouse."""
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key clicked (the bell for a key that does nothing now)."""
        entry = self._entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
