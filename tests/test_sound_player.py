"""The sound layer without a sound device: the chain, off, the bell, muting, notices, and the
players that cannot run here (macOS `afplay`, Windows `winsound`) through stand-ins."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from audio_helpers.alsa import need, need_simpleaudio
from audio_helpers.standins import on_path, stand_in

from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind
from hamtimer.sound import Cue, Played, SoundPlayer, open_sound, sounds_dir
from hamtimer.sound.backends import (
    BellBackend,
    OffBackend,
    SimpleaudioBackend,
    SystemPlayer,
    WinsoundBackend,
    chain,
    simpleaudio_distribution,
    simpleaudio_verdict,
)
from hamtimer.sound.tones import PROBE_FILE

posix_only = pytest.mark.skipif(os.name != "posix", reason="stand-in players are shell scripts")


def names(mode: str, platform: str) -> list[str]:
    return [backend.label for backend in chain(mode, sounds_dir(), platform=platform)]


@pytest.mark.parametrize(
    ("mode", "platform", "expected"),
    [
        (
            "auto",
            "linux",
            [
                "simpleaudio",
                "aplay (system player)",
                "paplay (system player)",
                "pw-play (system player)",
                "terminal bell",
                "off",
            ],
        ),
        ("auto", "darwin", ["simpleaudio", "afplay (system player)", "terminal bell", "off"]),
        ("auto", "win32", ["simpleaudio", "winsound", "terminal bell", "off"]),
        ("simpleaudio", "linux", ["simpleaudio", "off"]),
        (
            "system",
            "linux",
            ["aplay (system player)", "paplay (system player)", "pw-play (system player)", "off"],
        ),
        ("system", "darwin", ["afplay (system player)", "off"]),
        ("bell", "linux", ["terminal bell", "off"]),
        ("off", "linux", ["off"]),
    ],
)
def test_the_chain_for_each_mode(mode: str, platform: str, expected: list[str]) -> None:
    """auto tries everything, best first; a forced mode tries its own kind, then silence."""
    assert names(mode, platform) == expected


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sound mode 'loud'"):
        open_sound("loud")


@pytest.mark.parametrize(
    ("distribution", "python", "dev_mode", "refused"),
    [
        ("simpleaudio-patched", (3, 11), False, False),
        ("simpleaudio-patched", (3, 11), True, False),
        ("simpleaudio-patched", (3, 13), True, False),
        ("simpleaudio", (3, 11), False, False),
        ("simpleaudio", (3, 11), True, True),  # aborts under -X dev
        ("simpleaudio", (3, 12), False, True),  # segfaults
        ("simpleaudio", (3, 13), False, True),
        ("unknown", (3, 12), False, False),
    ],
)
def test_the_upstream_simpleaudio_is_refused_where_it_crashes(
    distribution: str, python: tuple[int, int], dev_mode: bool, refused: bool
) -> None:
    verdict = simpleaudio_verdict(distribution, python, dev_mode=dev_mode)
    assert (verdict is not None) is refused
    if refused:
        assert verdict is not None and "pip install simpleaudio-patched" in verdict


def test_missing_simpleaudio_says_how_to_get_it() -> None:
    verdict = simpleaudio_verdict(None, (3, 11), dev_mode=False)
    assert verdict is not None and "hamtimer[sound]" in verdict and "libasound2-dev" in verdict


def test_the_installed_simpleaudio_is_the_patched_one() -> None:
    """What the `sound` extra installs: the module comes from simpleaudio-patched."""
    need_simpleaudio()
    assert simpleaudio_distribution() == "simpleaudio-patched"


def test_off_plays_nothing() -> None:
    played: list[Played] = []
    with open_sound("off", on_played=played.append) as player:
        assert player.backend_name == "sound: off"
        for cue in Cue:
            player.play(cue)
    assert played == []


class Bell:
    """Counts rings and the threads they were rung on (what the app passes: `app.bell`)."""

    def __init__(self) -> None:
        self.threads: list[int] = []

    def __call__(self) -> None:
        self.threads.append(threading.get_ident())


def test_the_bell_rings_once_per_cue_on_the_callers_thread() -> None:
    bell = Bell()
    with open_sound("bell", bell=bell) as player:
        assert player.backend_name == "sound: terminal bell"
        for cue in Cue:
            player.play(cue)
    assert bell.threads == [threading.get_ident()] * len(Cue)


def test_set_bell_swaps_the_ring_for_the_apps_own() -> None:
    """The app exists only after the sound is opened: it hands over `app.bell` later."""
    first, second = Bell(), Bell()
    with open_sound("bell", bell=first) as player:
        player.play(Cue.GO)
        player.set_bell(second)
        player.play(Cue.GO)
    assert len(first.threads) == 1 and len(second.threads) == 1


def test_without_a_bell_or_a_terminal_auto_ends_in_silence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Under pytest stdout is not a terminal: "\\a" would land in a pipe or a file."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no system player either
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "missing.conf"))
    with open_sound("auto") as player:
        assert player.backend_name == "sound: off"
        described = player.describe()
    assert "terminal bell: stdout is not a terminal" in described
    assert "aplay (system player): not found" in described


def test_a_forced_bell_writes_bel_to_stdout_without_a_bell_function(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with open_sound("bell") as player:
        player.play(Cue.COUNTDOWN)
        player.play(Cue.GO)
    assert capfd.readouterr().out == "\a\a"


def test_muted_plays_nothing_until_unmuted() -> None:
    bell = Bell()
    with open_sound("bell", bell=bell) as player:
        player.toggle_mute()
        assert player.muted
        for cue in Cue:
            player.play(cue)
        assert bell.threads == []
        player.toggle_mute()
        assert not player.muted
        player.play(Cue.GO)
    assert len(bell.threads) == 1


def test_a_bell_that_fails_is_dropped_with_one_notice() -> None:
    notices: list[str] = []
    rings = 0

    def broken_bell() -> None:
        nonlocal rings
        rings += 1
        raise OSError("terminal gone")

    with open_sound("bell", bell=broken_bell, notice=notices.append) as player:
        for cue in Cue:
            player.play(cue)  # never raises
        assert player.backend_name == "sound: off"
    assert rings == 1
    assert notices == [
        "sound: terminal bell failed (the bell failed (OSError: terminal gone)); using off"
    ]


def test_the_listener_plays_each_events_cue_and_skips_stale_ones() -> None:
    """An event far past its due time (the machine slept) is not played late."""
    from audio_helpers.drive import REST_CIRCUIT, plan_of

    plan = plan_of(REST_CIRCUIT)
    clock = FakeClock(100.0)
    bell = Bell()
    with open_sound("bell", bell=bell) as player:
        listen = player.listener(lambda: plan, clock, max_late=1.0)
        listen(Event(EventKind.GO, 99.5, 0))  # half a second late: played
        listen(Event(EventKind.COUNTDOWN, 98.0, 1, count=3))  # two seconds late: silent
        listen(Event(EventKind.STEP_ENDED, 100.0, 0))  # no cue
        player.listener(plan)(Event(EventKind.FINISHED, 1.0, 2))  # no clock: always played
    assert len(bell.threads) == 2


def test_play_never_raises_after_close() -> None:
    bell = Bell()
    player = open_sound("bell", bell=bell)
    player.close()
    player.close()
    player.play(Cue.GO)
    assert bell.threads == []


def test_a_notice_that_raises_does_not_stop_the_cues() -> None:
    def bad_notice(line: str) -> None:
        raise RuntimeError("ui gone")

    def broken_bell() -> None:
        raise OSError("x")

    with open_sound("bell", bell=broken_bell, notice=bad_notice) as player:
        player.play(Cue.GO)
        player.play(Cue.GO)


# --- stand-ins for what cannot run here ----------------------------------------------------


def wait_for(condition: object, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.01)
    return False


@posix_only
def test_afplay_on_macos_gets_each_cues_wav(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The macOS chain with a stand-in `afplay` that logs its arguments."""
    log = tmp_path / "afplay.log"
    stand_in(tmp_path / "bin", "afplay", f'echo "$@" >> "{log}"')
    on_path(monkeypatch, tmp_path / "bin")
    played: list[Played] = []
    backends = chain("system", sounds_dir(), platform="darwin")
    with SoundPlayer(backends, on_played=played.append) as player:
        assert player.backend_name == "sound: afplay (system player)"
        player.play(Cue.COUNTDOWN)
        assert wait_for(lambda: len(played) == 1)  # one at a time: the log keeps their order
        player.play(Cue.GO)
    lines = log.read_text().splitlines()
    assert lines == [str(sounds_dir() / name) for name in (PROBE_FILE, "countdown.wav", "go.wav")]
    assert [record.cue for record in played] == [Cue.COUNTDOWN, Cue.GO]


@posix_only
def test_a_player_that_cannot_play_is_passed_over_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_in(tmp_path / "bin", "afplay", "exit 3")
    on_path(monkeypatch, tmp_path / "bin")
    with SoundPlayer(chain("system", sounds_dir(), platform="darwin")) as player:
        assert player.backend_name == "sound: off"
        assert "afplay (system player): could not play (exit code 3" in player.describe()


@posix_only
def test_a_player_that_hangs_at_start_is_given_up_on_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_in(tmp_path / "bin", "afplay", "exec sleep 30")
    on_path(monkeypatch, tmp_path / "bin")
    began = time.monotonic()
    player = SoundPlayer(chain("system", sounds_dir(), platform="darwin"), probe_timeout=0.3)
    assert time.monotonic() - began < 2.0
    assert player.backend_name == "sound: off"
    assert "did not finish a silent sound within 0.3 s" in player.describe()
    player.close()


@posix_only
def test_a_player_that_starts_failing_mid_workout_is_dropped_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stand-in works until a flag file appears; then the bell takes over, with one
    notice delivered on the caller's thread."""
    flag = tmp_path / "broken"
    stand_in(tmp_path / "bin", "afplay", f'[ -e "{flag}" ] && exit 1; exit 0')
    on_path(monkeypatch, tmp_path / "bin")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "missing.conf"))  # no simpleaudio
    notices: list[tuple[str, int]] = []
    bell = Bell()
    backends = chain("auto", sounds_dir(), platform="darwin", bell=bell)
    with SoundPlayer(
        backends, notice=lambda line: notices.append((line, threading.get_ident()))
    ) as player:
        assert player.backend_name == "sound: afplay (system player)"
        player.play(Cue.GO)
        assert wait_for(lambda: not player.backend.busy())
        flag.touch()
        player.play(Cue.COUNTDOWN)
        assert wait_for(lambda: player.backend_name == "sound: terminal bell")
        assert bell.threads == []  # the failed cue is not rung late from a background thread
        for _ in range(3):
            player.play(Cue.REP)
    assert notices == [
        (
            "sound: afplay (system player) failed (afplay failed (exit code 1)); "
            "using terminal bell",
            threading.get_ident(),
        )
    ]
    assert len(bell.threads) == 3


@posix_only
def test_overlapping_cues_each_get_a_player(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten cues at once: ten processes, all reaped, no error."""
    log = tmp_path / "log"
    stand_in(tmp_path / "bin", "afplay", f'sleep 0.2; echo "$1" >> "{log}"')
    on_path(monkeypatch, tmp_path / "bin")
    notices: list[str] = []
    with SoundPlayer(
        chain("system", sounds_dir(), platform="darwin"), notice=notices.append
    ) as player:
        began = time.monotonic()
        for _ in range(10):
            player.play(Cue.REP)
        assert time.monotonic() - began < 0.05  # play() only queues
    assert log.read_text().count("rep.wav") == 10
    assert notices == []


class FakeWinsound(SimpleNamespace):
    """A stand-in for Windows' `winsound` module, recording what it was asked to play."""

    SND_FILENAME = 0x20000
    SND_ASYNC = 0x1
    SND_NODEFAULT = 0x2

    def __init__(self) -> None:
        super().__init__(calls=[])

    def PlaySound(self, sound: str, flags: int) -> None:  # noqa: N802 - winsound's name
        self.calls.append((Path(sound).name, flags))


def test_winsound_plays_asynchronously(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWinsound()
    monkeypatch.setitem(sys.modules, "winsound", fake)
    with SoundPlayer([WinsoundBackend(sounds_dir())]) as player:
        assert player.backend_name == "sound: winsound"
        player.play(Cue.GO)
        assert wait_for(lambda: len(fake.calls) == 2)
    probe, go = fake.calls
    assert probe == (PROBE_FILE, fake.SND_FILENAME | fake.SND_NODEFAULT)
    assert go == ("go.wav", fake.SND_FILENAME | fake.SND_ASYNC | fake.SND_NODEFAULT)


def test_winsound_is_only_on_windows() -> None:
    if sys.platform == "win32":
        pytest.skip("this is Windows")
    with SoundPlayer([WinsoundBackend(sounds_dir())]) as player:
        assert player.backend_name == "sound: off"
        assert "winsound: only on Windows" in player.describe()


def test_missing_sounds_are_reported_not_raised(tmp_path: Path) -> None:
    """A broken install without its WAVs: every player is passed over with the reason."""
    backends = [SimpleaudioBackend(tmp_path), SystemPlayer("sh", tmp_path), OffBackend()]
    with SoundPlayer(backends) as player:
        assert player.backend_name == "sound: off"
        described = player.describe()
    assert f"sh (system player): no cue sounds in {tmp_path}" in described
    if "simpleaudio: not installed" not in described:
        assert "simpleaudio: cannot read the cue sounds" in described


def test_the_bell_backend_counts_as_played() -> None:
    played: list[Played] = []
    bell = Bell()
    with SoundPlayer([BellBackend(bell)], on_played=played.append) as player:
        player.play(Cue.DONE)
    assert [(record.cue, record.backend) for record in played] == [(Cue.DONE, "terminal bell")]
    assert played[0].started >= played[0].requested


def test_need_fails_instead_of_skipping_when_audio_is_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CI sets HAMTIMER_REQUIRE_AUDIO=1: a missing audio part must fail the run."""
    monkeypatch.setenv("HAMTIMER_REQUIRE_AUDIO", "1")
    with pytest.raises(pytest.fail.Exception, match="must run"):
        need(False, "a sound card")
    monkeypatch.delenv("HAMTIMER_REQUIRE_AUDIO")
    with pytest.raises(pytest.skip.Exception):
        need(False, "a sound card")
