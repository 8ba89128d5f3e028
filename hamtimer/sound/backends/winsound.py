"""Windows' own `winsound`: the system player on Windows."""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

from hamtimer.sound.backends.base import (
    Backend,
    BackendFailedError,
    BackendUnavailableError,
    Played,
)
from hamtimer.sound.tones import PROBE_FILE, Cue


class WinsoundBackend(Backend):
    """Windows' own `winsound`: asynchronous, in-process, no device to hang on.

    A new cue cuts off one still playing (winsound plays one sound at a time); cues are short
    and rarely overlap.
    """

    name = "winsound"
    speaks = True

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.module: Any = None

    def open(self, timeout: float) -> None:
        """Import winsound and play the silent probe synchronously."""
        try:
            self.module = importlib.import_module("winsound")
        except ImportError:
            raise BackendUnavailableError("only on Windows") from None
        flags = self.module.SND_FILENAME | self.module.SND_NODEFAULT
        try:
            self.module.PlaySound(str(self.folder / PROBE_FILE), flags)
        except RuntimeError as error:
            raise BackendUnavailableError(f"could not play ({error})") from None

    def play(self, cue: Cue, requested: float) -> None:
        """Start the cue asynchronously."""
        module = self.module
        flags = module.SND_FILENAME | module.SND_ASYNC | module.SND_NODEFAULT
        try:
            module.PlaySound(str(self.folder / cue.filename), flags)
        except RuntimeError as error:
            raise BackendFailedError(f"winsound failed ({error})") from None
        self.on_played(Played(cue, self.name, requested, time.monotonic()))

    def play_file(self, path: Path, seconds: float, requested: float) -> None:
        """Start a phrase asynchronously (a cue that follows cuts it off)."""
        module = self.module
        flags = module.SND_FILENAME | module.SND_ASYNC | module.SND_NODEFAULT
        try:
            module.PlaySound(str(path), flags)
        except RuntimeError as error:
            raise BackendFailedError(f"winsound failed ({error})") from None
        self.on_played(Played(None, self.name, requested, time.monotonic(), phrase=path))
