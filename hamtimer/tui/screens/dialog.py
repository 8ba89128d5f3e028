"""`Dialog`: the look shared by hamtimer's modal screens (a box centred over the screen)."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal screen whose content sits in a `.dialog` box in the middle."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog .dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $accent;
        background: $panel;
    }
    Dialog .dialog Static { width: 100%; height: auto; }
    """
