"""Finding a programme by name or path: the bundled programmes and the runner's own.

A runner's own programmes live in the `programmes` folder of hamtimer's config folder,
beside their `circuits`; one with the same name as a bundled programme takes its place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hamtimer.folders import bundled_dir, config_dir
from hamtimer.programme.kinds import ProgrammeError


def user_programmes_dir() -> Path:
    """The runner's own programmes: `$HAMTIMER_CONFIG_DIR/programmes`, else the platform's."""
    return config_dir() / "programmes"


@dataclass(frozen=True)
class ProgrammeFile:
    """A programme file found by name: where it is, and whether it came with hamtimer."""

    name: str
    path: Path
    origin: str  # "bundled", "yours" or "file"


def available() -> list[ProgrammeFile]:
    """Every programme by name; a runner's own file hides a bundled one of the same name."""
    found: dict[str, ProgrammeFile] = {}
    for origin, folder in (
        ("bundled", bundled_dir("programmes")),
        ("yours", user_programmes_dir()),
    ):
        try:
            paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        except OSError:
            paths = []
        for path in paths:
            found[path.stem] = ProgrammeFile(path.stem, path, origin)
    return sorted(found.values(), key=lambda item: item.name)


def find_programme(ref: str) -> ProgrammeFile:
    """A programme by name (bundled or the runner's own) or by path to a .toml file."""
    as_path = Path(ref).expanduser()
    if ref.endswith(".toml") or os.sep in ref or "/" in ref:
        return ProgrammeFile(as_path.stem, as_path.resolve(), "file")
    programmes = available()
    for item in programmes:
        if item.name == ref:
            return item
    names = ", ".join(item.name for item in programmes) or "(none)"
    raise ProgrammeError(
        f"no programme named '{ref}'. Programmes: {names}. Give a path to a .toml file, "
        f"or put yours in {user_programmes_dir()}"
    )
