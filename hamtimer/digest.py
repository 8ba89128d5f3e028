"""SHA-256 digests without loading OpenSSL.

`hashlib` loads OpenSSL's libcrypto as it is imported: 0.6 MB more in every process that
hashes a circuit file at start-up, which every start does (the plan cache and the history
know a file by its hash). CPython's own SHA-256 (`_sha2` from 3.12, `_sha256` in 3.11)
gives the same digests; `hashlib` is the fallback for a Python built without it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol


class _Hash(Protocol):
    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


def _find() -> Callable[[bytes], _Hash]:
    for name in ("_sha2", "_sha256"):
        try:
            found: Callable[[bytes], _Hash] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return found
    import hashlib

    return hashlib.sha256


_SHA256 = _find()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, as 64 hex digits."""
    return _SHA256(data).hexdigest()


def sha256_bytes(data: bytes) -> bytes:
    """The SHA-256 of `data`, as its 32 bytes."""
    return _SHA256(data).digest()
