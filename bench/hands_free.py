"""The bundled circuit, hands-free, with a voice: the real command in tmux, start to summary.

Starts `hamtimer --hands-free` in a private tmux session (80×24) with ALSA's default device
capturing into WAV files (a standalone configuration, as the tests use; `--device default`
plays on the machine's own device instead), presses Enter on the start screen once the voice
line is shown, then watches the screen and presses one unbound key ("x", what a foot pedal
would type) `--hold` seconds into each hold to fatigue, and nothing else. It stops at the
summary and reports: the keys pressed, the wall time from Enter to the summary, the summary's
own line, and what was heard: every captured stream told apart as a tone (44.1 kHz) or a
phrase (the voice's rate), each phrase matched to its text by its samples against the
phrase cache.

    python bench/hands_free.py                       # real speed: about 22 minutes
    python bench/hands_free.py --speed 20 --hold 2   # a rehearsal, about 70 s
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
import wave
from pathlib import Path

CAPTURE_CONFIG = """\
pcm.!default {
    type file
    slave.pcm { type null }
    file "CAPTURE"
    format "wav"
    truncate false
}
"""


SOCKET = f"hamtimer-bench-{uuid.uuid4().hex[:6]}"
"""A private tmux server: nothing else on the machine can kill the session."""


def tmux(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run a tmux command on the private server."""
    return subprocess.run(["tmux", "-L", SOCKET, *arguments], capture_output=True, text=True)


def screen(session: str) -> str:
    """The tmux pane's text."""
    return tmux("capture-pane", "-p", "-t", session).stdout


def samples(path: Path) -> tuple[int, bytes]:
    """A WAV's rate and frames (the capture plugin's header sizes may be wrong: read raw)."""
    raw = path.read_bytes()
    at = raw.find(b"data")
    rate = int.from_bytes(raw[24:28], "little") if len(raw) > 28 else 0
    return rate, raw[at + 8 :] if at >= 0 else b""


def phrase_texts(cache: Path, texts: list[str]) -> dict[bytes, str]:
    """The first samples of every cached phrase → its text."""
    from hamtimer.voice import find_engines, phrase_path

    engines, _ = find_engines()
    found: dict[bytes, str] = {}
    for engine in engines:
        for text in texts:
            path = phrase_path(cache, engine, text, 0.8)
            if path.is_file():
                with wave.open(str(path), "rb") as source:
                    found[source.readframes(2000)] = text
    return found


def main(argv: list[str] | None = None) -> int:
    """Run it; print the report; exit 1 when it did not reach the summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--hold", type=float, default=40.0, help="seconds held (workout time)")
    parser.add_argument("--device", choices=["capture", "default"], default="capture")
    parser.add_argument("--cache", type=Path, help="the phrase cache (default: a fresh one)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="hamtimer-hands-free-"))
    cache = args.cache or folder / "cache"
    env = {
        "HAMTIMER_DATA_DIR": str(folder / "data"),
        "HAMTIMER_CONFIG_DIR": str(folder / "config"),
        "HAMTIMER_CACHE_DIR": str(cache),
        "TERM": "xterm-256color",
    }
    if args.device == "capture":
        config = folder / "asound.conf"
        config.write_text(CAPTURE_CONFIG.replace("CAPTURE", str(folder / "captured.wav")))
        env["ALSA_CONFIG_PATH"] = str(config)
    session = f"hamtimer-hands-free-{uuid.uuid4().hex[:6]}"
    settings = " ".join(f"{key}={value}" for key, value in env.items())
    command = f"env {settings} {sys.executable} -m hamtimer --hands-free --speed {args.speed:g}"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command + "; sleep 30")
    keys: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while "voice: " not in screen(session) or "starting" in screen(session):
            if time.monotonic() > deadline:
                raise SystemExit(f"no voice line:\n{screen(session)}")
            time.sleep(0.2)
        start_screen = screen(session)
        tmux("send-keys", "-t", session, "Enter")
        began = time.monotonic()
        keys.append("Enter (start)")
        pressed_for: set[str] = set()
        held_since: dict[str, float] = {}
        while True:
            text = screen(session)
            if "Workout finished" in text or "Workout ended" in text:
                break
            step = re.search(r"step (\d+) of", text)
            where = step.group(1) if step else "?"
            if " HOLD" in text and where not in pressed_for:
                held_since.setdefault(where, time.monotonic())
                if time.monotonic() - held_since[where] >= args.hold / args.speed:
                    tmux("send-keys", "-t", session, "x")
                    keys.append(f"x (hold, step {where})")
                    pressed_for.add(where)
            if time.monotonic() - began > 3600 / args.speed + 600:
                raise SystemExit(f"no summary after an hour:\n{text}")
            time.sleep(0.1)
        took = time.monotonic() - began
        summary = screen(session)
        time.sleep(5)  # the end phrase
    finally:
        tmux("kill-server")
    print(f"hamtimer hands-free run: speed {args.speed:g}, hold {args.hold:g} s, in {folder}")
    print(
        "start screen:",
        *[line.strip() for line in start_screen.splitlines() if line.strip()][-6:],
        sep="\n  ",
    )
    print(f"keys pressed ({len(keys)}):", *keys, sep="\n  ")
    print(f"Enter → summary: {took:.1f} s wall time ({took * args.speed / 60:.2f} min of workout)")
    print(
        "summary:", *[line.strip() for line in summary.splitlines() if line.strip()][:4], sep="\n  "
    )
    if args.device == "capture":
        from hamtimer.circuit import open_circuit
        from hamtimer.plan import build_plan, speech
        from hamtimer.voice import plan_lines

        _, circuit = open_circuit(None)
        texts = plan_lines(build_plan(circuit, hands_free=True))
        texts += [speech.finished(minutes * 60) for minutes in range(1, 90)]
        known = phrase_texts(cache, texts)
        tones = phrases = 0
        heard: list[str] = []
        for path in sorted(folder.glob("captured.wav*")):
            rate, data = samples(path)
            if rate == 44_100:
                tones += 1
            elif data:
                phrases += 1
                heard.append(
                    known.get(
                        data[:4000],
                        f"(a phrase not in the plan's list, {len(data) / 2 / rate:.2f} s)",
                    )
                )
        print(f"heard: {tones} tone streams (incl. the silent probe), {phrases} phrases")
        print("phrases in order:", *heard, sep="\n  ")
    os.environ.pop("ALSA_CONFIG_PATH", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
