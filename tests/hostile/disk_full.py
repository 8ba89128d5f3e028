"""The disk fills up during a workout: run inside a small tmpfs by `test_disk_full.py`.

    python tests/hostile/disk_full.py DISK SCENARIO

DISK is a mounted tmpfs of a few hundred KB; the data folder is DISK/data. The real app
runs a 12-step circuit through Textual's Pilot with a fake clock: three steps done, then a
filler file takes every free byte, then the rest of the workout, the summary, and `q`.
SCENARIO says what happens to the space:

* `back-before-leaving` — the filler goes while the summary shows, so the retry at exit saves;
* `back-after-leaving` — the app leaves on a full disk, then the filler goes;
* `never-anywhere` — the temporary folder is on the full disk too, and the space never comes
  back before leaving.

Then the next start: the real `hamtimer history` command on the same data folder, once
the space is back. It prints one JSON object of what it saw: the summary's words, where the
workout is kept, what the app told at exit, the kept files, and what the next start said.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hamtimer.tui.screens.summary import SummaryScreen
from tests.tui.conftest import make_harness

TWELVE = """
name = "Twelve"
[timing]
get_ready = 5
[[blocks]]
name = "Only"
sets = 6
rest_between_sets = 10
[[blocks.exercises]]
name = "Wall sit"
kind = "isometric"
seconds = 20
"""


def fill(disk: Path) -> Path:
    """Take every free byte of `disk` with one file; the file."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as file, contextlib.suppress(OSError):
        while True:
            file.write(b"\0" * 4096)
    return filler


async def workout(disk: Path, scenario: str) -> dict[str, object]:
    data = disk / "data"
    circuit = disk / "twelve.toml"
    circuit.write_text(TWELVE, encoding="utf-8")
    harness = make_harness(data, circuit=str(circuit))
    seen: dict[str, object] = {}
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        while harness.workout.index < 3:
            await harness.advance(pilot, 20)
        filler = fill(disk)
        await harness.complete(pilot, {})
        assert isinstance(harness.app.screen, SummaryScreen), type(harness.app.screen)
        harness.session._writer.submit(lambda: None).result()  # type: ignore[union-attr]
        await pilot.pause()
        seen["summary"] = harness.text("summary-text")
        seen["unsaved"] = harness.text("summary-unsaved")
        seen["kept_at"] = str(harness.session.kept_at)
        if scenario == "back-before-leaving":
            filler.unlink()
        await pilot.press("q")
    harness.session.close()
    seen["told_at_exit"] = harness.session.told_at_exit()
    harness.store.close()
    if scenario != "back-before-leaving":
        filler.unlink()
    seen["kept_files"] = kept_files(data)
    return seen


def kept_files(data: Path) -> list[str]:
    """The kept-workout files of the data folder and of the temporary folder."""
    return sorted(
        str(path)
        for folder in (data, Path(tempfile.gettempdir()))
        for path in folder.glob("*unsaved-*.json")
    )


def next_start(data: Path) -> dict[str, object]:
    """The real command, started again on the data folder: what it says."""
    done = subprocess.run(
        [sys.executable, "-m", "hamtimer", "history", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=60,
        check=False,
    )
    return {"code": done.returncode, "out": done.stdout, "err": done.stderr}


def main(disk: Path, scenario: str) -> None:
    if scenario == "never-anywhere":
        os.environ["TMPDIR"] = str(disk / "tmp")
        (disk / "tmp").mkdir()
        tempfile.tempdir = None
    seen = asyncio.run(workout(disk, scenario))
    if scenario == "never-anywhere":  # the runner saves the line told at exit, as asked
        told: list[str] = seen["told_at_exit"]  # type: ignore[assignment]
        lines = [line for message in told for line in message.splitlines()]
        record = next(line for line in lines if line.startswith("{"))
        record_id = json.loads(record)["id"]
        (disk / "data" / f"unsaved-{record_id}.json").write_text(record, encoding="utf-8")
    seen["next_start"] = next_start(disk / "data")
    seen["kept_after_next_start"] = kept_files(disk / "data")
    print(json.dumps(seen))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
