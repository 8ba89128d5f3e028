"""Names a package exports but loads on first use, so that importing the package stays cheap
(the start screen's first frame waits for every module on its way)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: each name in `where` is imported from the module
    it maps to when first asked for, and kept in the package from then on."""

    def attribute(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    return attribute
