"""A circuit file's bytes and their hash, read safely and without validating anything.

The start-up path reads the file and hashes it here; only a file whose compiled plan is not
cached yet goes on to `hamtimer.circuit.load` (pydantic).
"""

from __future__ import annotations

from pathlib import Path

from hamtimer.circuit.kinds import CircuitFileError
from hamtimer.digest import sha256_hex
from hamtimer.files import KIB, FileReadError, read_bytes

MAX_BYTES = 256 * KIB
"""The largest circuit file read: the bundled circuit is 4 KB; a 2,000-step one about 60 KB."""


def read_bytes_of(path: Path) -> bytes:
    """A circuit file's bytes (`hamtimer.files.read_bytes` with the circuit size limit)."""
    try:
        return read_bytes(path, limit=MAX_BYTES, what="a circuit")
    except FileReadError as error:
        fix = "; give a circuit .toml file" if "folder" in error.reason else ""
        raise CircuitFileError(f"{error}{fix}") from None


def circuit_hash(source: Path | bytes) -> str:
    """The sha256 of a circuit file's bytes: a workout resumes only on the same file."""
    data = read_bytes_of(source) if isinstance(source, Path) else source
    return sha256_hex(data)
