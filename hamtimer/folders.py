"""Where hamtimer's files live: what it ships, the runner's own circuits, the history.

Every folder can be moved by an environment variable, so tests and a runner with an odd
home never touch the real one. Bundled folders (`circuits/`, `sounds/`) sit at the top of
the repository and are copied into the package when it is built, so there are two places
to look: inside the installed package, and beside it in a source checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_CONFIG_DIR = "HAMTIMER_CONFIG_DIR"
ENV_DATA_DIR = "HAMTIMER_DATA_DIR"
ENV_CACHE_DIR = "HAMTIMER_CACHE_DIR"


def bundled_dir(name: str) -> Path:
    """The bundled folder `name` ('circuits' or 'sounds'), installed (in the package's
    folder, where this module is) or in a checkout (beside it)."""
    package = Path(__file__).resolve().parent
    installed = package / name
    if installed.is_dir():
        return installed
    return package.parent / name


def config_dir() -> Path:
    """The runner's settings and circuits: `$HAMTIMER_CONFIG_DIR`, else the platform's."""
    base = os.environ.get(ENV_CONFIG_DIR)
    return Path(base) if base else Path(platformdirs.user_config_dir("hamtimer"))


def data_dir(override: Path | None = None) -> Path:
    """Where history lives: `--data-dir`, else `HAMTIMER_DATA_DIR`, else the platform's.

    The override order lets tests and a runner with a read-only home pick a folder
    without touching the real one.
    """
    if override is not None:
        return override.expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("hamtimer"))


def cache_dir() -> Path:
    """What can be made again (the voice's phrases): `$HAMTIMER_CACHE_DIR`, else the
    platform's cache folder (`~/.cache/hamtimer` on Linux)."""
    env = os.environ.get(ENV_CACHE_DIR)
    return Path(env).expanduser() if env else Path(platformdirs.user_cache_dir("hamtimer"))
