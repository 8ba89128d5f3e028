"""Stand-ins for sound players that cannot run here: small shell scripts first on PATH."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest


def stand_in(folder: Path, name: str, body: str) -> Path:
    """An executable shell script called `name` in `folder`."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def on_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Put the stand-ins first on PATH (the darwin chain looks for nothing else)."""
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
