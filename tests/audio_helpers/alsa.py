"""Hearing for real in tests: ALSA configurations that capture to a file, or have no device.

Each test writes its own *standalone* configuration and selects it with `ALSA_CONFIG_PATH`.
Standalone matters: a file that includes the system `alsa.conf` and then overrides
`pcm.!default` loses, because `alsa.conf` loads `/etc/asound.conf` and `~/.asoundrc` after it,
so a developer's own sound setup would win.

Test modules import the fixtures `capture_fixture` and `no_device_fixture` and ask for them
as `capture` and `no_device`.

The capture device is ALSA's `file` plugin with a `null` slave: everything played is written
to a WAV file (one per opened stream; `truncate false` numbers the next ones `NAME.0001`,
`NAME.0002`, … instead of overwriting) and consumed at once, with no clock. It proves what was
played and in what order, not when. The file name comes from an environment variable through
`@func getenv`, evaluated at every open, so each test names its own.

libasound does re-read its configuration when `ALSA_CONFIG_PATH` changes within a process
(checked with alsa-lib 1.2.8), but the sound layer plays through simpleaudio in a player
process of its own anyway, which takes the environment as it is when the player is opened.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from audio_helpers.analysis import Audio, Segment, read_wav, segments
from hamtimer.sound import DESIGNS, Cue, simpleaudio_problem

CAPTURE_VAR = "HAMTIMER_TEST_CAPTURE"
REQUIRE_VAR = "HAMTIMER_REQUIRE_AUDIO"

CAPTURE_CONFIG = f"""\
# hamtimer test: capture everything played on the default device into a WAV file.
pcm.!default {{
    type file
    slave.pcm {{ type null }}
    file {{ @func getenv vars [ {CAPTURE_VAR} ] default "/dev/null" }}
    format "wav"
    truncate {{truncate}}
}}
"""

NO_DEVICE_CONFIG = """\
# hamtimer test: a default device that cannot open, and makes libasound complain on stderr.
pcm.!default { type hw card "nosuchcard" }
"""


def audio_required() -> bool:
    """True when HAMTIMER_REQUIRE_AUDIO is set (CI): missing audio parts fail, not skip."""
    return os.environ.get(REQUIRE_VAR, "") not in ("", "0")


def need(available: bool, what: str) -> None:
    """Skip the test when `what` is missing here — or fail it when audio is required."""
    if available:
        return
    if audio_required():
        pytest.fail(f"{what} is missing, and {REQUIRE_VAR} says the real-audio tests must run")
    pytest.skip(f"{what} is missing (set {REQUIRE_VAR}=1 to make this a failure)")


def need_simpleaudio() -> None:
    """The test plays through simpleaudio (the `sound` extra)."""
    problem = simpleaudio_problem()
    need(problem is None, f"simpleaudio ({problem})")


def need_aplay() -> None:
    """The test plays through `aplay` (Debian: alsa-utils)."""
    need(shutil.which("aplay") is not None, "aplay (apt install alsa-utils)")


def classify(found: list[Segment]) -> Cue | None:
    """Which cue these beeps are: same number of beeps, each within 3 % of its designed
    pitch and 10 ms of its designed length."""
    for cue, design in DESIGNS.items():
        if len(found) != len(design.beeps):
            continue
        if all(
            abs(segment.frequency - beep.frequency) <= 0.03 * beep.frequency
            and abs(segment.seconds - beep.seconds) <= 0.010
            for segment, beep in zip(found, design.beeps, strict=True)
        ):
            return cue
    return None


@dataclass
class Capture:
    """A capture device set up for one test: where the WAVs land, and reading them back."""

    base: Path
    config: Path
    monkeypatch: pytest.MonkeyPatch = field(repr=False)

    def files(self) -> list[Path]:
        """Every captured stream, in the order the streams were opened."""
        pattern = re.compile(re.escape(self.base.name) + r"(?:\.(\d+))?$")
        numbered = []
        for path in self.base.parent.iterdir():
            match = pattern.fullmatch(path.name)
            if match:
                numbered.append((int(match.group(1) or -1), path))
        return [path for _, path in sorted(numbered)]

    def audio(self) -> list[Audio]:
        """The captured streams that hold sound (silent ones, such as probes, left out)."""
        found = []
        for path in self.files():
            audio = read_wav(path)
            if segments(audio):
                found.append(audio)
        return found

    def cues(self) -> list[Cue | None]:
        """Each loud stream identified as a cue (None where it matches no design)."""
        return [classify(segments(audio)) for audio in self.audio()]

    def use(self, config_text: str) -> None:
        """Switch this test's ALSA configuration (for players opened from now on)."""
        self.config.write_text(config_text)


def capture_config(truncate: bool = False) -> str:
    """The capture configuration; `truncate=True` reuses one file name for every stream."""
    return CAPTURE_CONFIG.replace("{truncate}", "true" if truncate else "false")


@pytest.fixture(name="capture")
def capture_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Capture:
    """Point ALSA's default device at a WAV capture in `tmp_path` for this test."""
    config = tmp_path / "asound.conf"
    config.write_text(capture_config())
    folder = tmp_path / "captured"
    folder.mkdir()
    base = folder / "cue.wav"
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    monkeypatch.setenv(CAPTURE_VAR, str(base))
    for variable in ("PULSE_SERVER", "PIPEWIRE_REMOTE"):
        monkeypatch.delenv(variable, raising=False)
    return Capture(base, config, monkeypatch)


@pytest.fixture(name="no_device")
def no_device_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ALSA at a configuration whose default device cannot open."""
    config = tmp_path / "no-device.conf"
    config.write_text(NO_DEVICE_CONFIG)
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    # players that go around ALSA (paplay, pw-play) must not find a sound server either
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-pulse-server'}")
    monkeypatch.setenv("PIPEWIRE_REMOTE", str(tmp_path / "no-pipewire-server"))
    return config
