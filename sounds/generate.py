"""Regenerate the cue sounds: `python sounds/generate.py [FOLDER]` (default: this folder).

The sounds are designed in `hamtimer/sound/tones.py` (`DESIGNS`: the pitch, length and beeps of
each cue); change them there, run this script, and commit the WAVs it writes. A test checks
that the shipped WAVs are exactly what this script writes, so the two cannot drift apart.

Pure Python, nothing beyond hamtimer itself; works from a checkout without installing.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Write every sound file into the folder given, or next to this script."""
    if (HERE.parent / "hamtimer" / "__init__.py").is_file():
        sys.path.insert(0, str(HERE.parent))  # a checkout: use its hamtimer, installed or not
    from hamtimer.sound.tones import DESIGNS, write_wavs

    why = {cue.filename: design.why for cue, design in DESIGNS.items()}
    folder = Path(argv[0]) if argv else HERE
    for path in write_wavs(folder):
        print(f"{path.name:18} {path.stat().st_size:6} bytes  {why.get(path.name, '')}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
