"""The shipped cue WAVs: current with their generator, distinct, clean and loud."""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from audio_helpers.alsa import classify
from audio_helpers.analysis import read_wav, segments

from hamtimer.sound import DESIGNS, Cue, sounds_dir
from hamtimer.sound.tones import PROBE_FILE, SAMPLE_RATE

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "sounds" / "generate.py"


def test_sounds_dir_is_the_checkout_folder_here() -> None:
    """In a checkout (editable install), the WAVs are read from the repo's `sounds/`."""
    assert sounds_dir() == REPO / "sounds"
    assert {path.name for path in sounds_dir().glob("*.wav")} == {
        *(cue.filename for cue in Cue),
        PROBE_FILE,
    }


def test_the_shipped_wavs_are_what_the_generator_writes(tmp_path: Path) -> None:
    """Run the generator script (as a user would) into a fresh folder: byte-identical files.
    If this fails, a design changed without regenerating: `python sounds/generate.py`."""
    subprocess.run([sys.executable, str(GENERATOR), str(tmp_path)], check=True, capture_output=True)
    written = sorted(path.name for path in tmp_path.glob("*.wav"))
    shipped = sorted(path.name for path in (REPO / "sounds").glob("*.wav"))
    assert written == shipped
    stale = [
        name
        for name in written
        if (tmp_path / name).read_bytes() != (REPO / "sounds" / name).read_bytes()
    ]
    assert not stale, f"regenerate with `python sounds/generate.py`: {stale}"


@pytest.mark.parametrize("cue", list(Cue))
def test_each_wav_matches_its_design(cue: Cue) -> None:
    """Beep count, pitch (±3 %) and length (±10 ms) as designed; 16-bit mono 44.1 kHz."""
    audio = read_wav(sounds_dir() / cue.filename)
    assert audio.rate == SAMPLE_RATE
    found = segments(audio)
    design = DESIGNS[cue]
    assert len(found) == len(design.beeps)
    for segment, beep in zip(found, design.beeps, strict=True):
        assert segment.frequency == pytest.approx(beep.frequency, rel=0.03)
        assert segment.seconds == pytest.approx(beep.seconds, abs=0.010)
    assert classify(found) is cue


@pytest.mark.parametrize("cue", list(Cue))
def test_each_wav_is_loud_and_does_not_click(cue: Cue) -> None:
    """Peak near −2 dBFS to carry across a room; starts and ends at silence (fades)."""
    samples = read_wav(sounds_dir() / cue.filename).samples
    assert max(abs(value) for value in samples) >= 0.75 * 32767
    assert abs(samples[0]) < 200 and abs(samples[-1]) < 200
    # no jump between neighbouring samples larger than the steepest slope of the tone itself
    steepest = max(abs(b - a) for a, b in pairwise(samples))
    assert steepest < 0.6 * 32767


def test_every_beep_is_long_enough_to_hear_except_the_rep_tick() -> None:
    for cue, design in DESIGNS.items():
        shortest = min(beep.seconds for beep in design.beeps)
        assert shortest >= (0.08 if cue is Cue.REP else 0.15), cue


@pytest.mark.parametrize(("one", "other"), list(combinations(list(Cue), 2)))
def test_cues_are_distinct(one: Cue, other: Cue) -> None:
    """Two cues differ in the number of beeps, or in pitch by more than a semitone (6 %),
    or in length by 100 ms or more: a tired runner can tell them apart."""
    a, b = DESIGNS[one].beeps, DESIGNS[other].beeps
    if len(a) != len(b):
        return
    differs = any(
        abs(x.frequency - y.frequency) / min(x.frequency, y.frequency) > 0.06
        or abs(x.seconds - y.seconds) >= 0.1
        for x, y in zip(a, b, strict=True)
    )
    assert differs, (one, other)


def test_the_probe_is_silent() -> None:
    assert not segments(read_wav(sounds_dir() / PROBE_FILE))
