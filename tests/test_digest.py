"""SHA-256 without OpenSSL: the same digests as hashlib's, and OpenSSL's module never loaded."""

from __future__ import annotations

import hashlib
import importlib
import subprocess
import sys
from types import ModuleType

import pytest

from hamtimer import digest
from hamtimer.digest import sha256_bytes, sha256_hex

SAMPLES = [b"", b"abc", "Nordic hamstring curl · 3 × 6–8".encode(), bytes(range(256)) * 300]


@pytest.mark.parametrize("data", SAMPLES, ids=["empty", "abc", "unicode", "75 KiB"])
def test_the_digests_are_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    assert sha256_bytes(data) == hashlib.sha256(data).digest()


def test_hashing_a_circuit_loads_no_openssl() -> None:
    """A fresh process: what every start does to know its circuit file by its hash."""
    script = (
        "import sys\n"
        "from hamtimer.circuit.source import circuit_hash\n"
        "print(circuit_hash(b'x'))\n"
        "print('_hashlib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    hexdigest, openssl = done.stdout.split()
    assert hexdigest == hashlib.sha256(b"x").hexdigest()
    assert openssl == "False"


def test_without_cpythons_own_sha256_hashlib_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def without_builtin(name: str, package: str | None = None) -> ModuleType:
        if name in ("_sha2", "_sha256"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_builtin)
    found = digest._find()
    assert found is hashlib.sha256
    assert found(b"abc").hexdigest() == hashlib.sha256(b"abc").hexdigest()
