"""How long the voice takes to make the bundled circuit's phrases, from a cold cache.

Starts the synthesis process as the app does (`open_voice`'s engine chain, or `--engine`),
asks for every phrase of the bundled circuit hands-free in order of need (`plan_lines`), and
prints the engine's start-up, each phrase's synthesis time against its length, the totals,
and when the first phrases the workout needs were ready. Then asks again, to show the cache.

    python bench/voice_synthesis.py                  # Piper (the `voice` extra)
    python bench/voice_synthesis.py --engine system  # espeak-ng / say
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from hamtimer.circuit import open_circuit
from hamtimer.plan import build_plan
from hamtimer.voice import Synthesizer, find_engines, plan_lines


def main(argv: list[str] | None = None) -> int:
    """Synthesise, print the figures; exit 1 when no engine works."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["auto", "piper", "system"], default="auto")
    args = parser.parse_args(argv)
    _, circuit = open_circuit(None)
    texts = plan_lines(build_plan(circuit, hands_free=True))
    engines, missing = find_engines(args.engine)
    root = Path(tempfile.mkdtemp(prefix="hamtimer-synthesis-"))
    began = time.perf_counter()
    synthesizer = Synthesizer(engines, root=root, missing=missing)
    synthesizer.open()
    opened = time.perf_counter() - began
    print(f"{synthesizer.line()}; engine started in {opened:.2f} s")
    if synthesizer.engine is None:
        return 1
    asked = time.perf_counter()
    ready_at: dict[str, float] = {}

    def note(text: str) -> None:
        ready_at.setdefault(text, time.perf_counter() - asked)

    synthesizer.on_ready = note
    synthesizer.want(texts)
    while synthesizer.pending():
        time.sleep(0.01)
    total = time.perf_counter() - asked
    synthesizer.close()
    made = synthesizer.made
    took = [item.took for item in made]
    speech = [item.seconds for item in made]
    print(f"{len(made)} phrases ({sum(speech):.1f} s of speech) made in {total:.1f} s")
    print(
        f"per phrase: median {statistics.median(took):.3f} s, max {max(took):.3f} s; "
        f"per second of speech: {sum(took) / sum(speech):.3f} s"
    )
    for text in texts[:3]:
        print(f"ready {ready_at.get(text, float('nan')):6.2f} s after asking: {text}")
    for item in made:
        print(f"  {item.took:6.3f} s for {item.seconds:5.2f} s  {item.text}")
    again = Synthesizer(find_engines(args.engine)[0], root=root)
    again.open()
    began = time.perf_counter()
    again.want(texts)
    while again.pending():
        time.sleep(0.01)
    print(
        f"again, from the cache: {len(texts)} phrases ready in "
        f"{time.perf_counter() - began:.3f} s, {len(again.made)} synthesised"
    )
    again.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
