"""Modules imported when first used, so the command line's ``--help`` (and any command that does
not need them) starts without loading pandas, DuckDB and the engines (issue 14: ``--help`` <= 0.3 s).

``store = lazy.module("dashboard.store")`` binds a module object whose code runs on its first
attribute access (the standard library's :class:`importlib.util.LazyLoader`); a module already
imported is returned as it is. pandas goes through :func:`deferred` instead.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def module(name: str) -> ModuleType:
    """``name``, imported when one of its attributes is first read."""
    if name in sys.modules:
        return sys.modules[name]
    parent = name.rpartition(".")[0]
    if parent:
        importlib.import_module(parent)  # a package's __init__ is light here; its submodule waits
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"no module named {name!r}", name=name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[name] = loaded
    spec.loader.exec_module(loaded)
    if parent:
        setattr(sys.modules[parent], name.rpartition(".")[2], loaded)
    return loaded


class _Deferred:
    """A module's stand-in that imports it when one of its attributes is first read (see :func:`deferred`)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"<deferred module {self._name!r}>"


def deferred(name: str) -> ModuleType:
    """Like :func:`module`, but nothing goes into ``sys.modules`` until the first attribute is read. For
    pandas: DuckDB looks for pandas in ``sys.modules`` and, finding :func:`module`'s stand-in there,
    reads it (binding a date parameter does), which loads pandas into a command that needs none."""
    if name in sys.modules:
        return sys.modules[name]
    return _Deferred(name)  # type: ignore[return-value]


def exports(package: str, parts: dict[str, tuple[str, ...]]):
    """A package's public names, each read from its part (``{"loading": ("load", ...)}``) when first
    used: returns ``(__getattr__, __dir__, __all__)`` for the package to bind, so importing the package
    (or a light part of it) loads none of the heavy ones."""
    origin = {name: part for part, names in parts.items() for name in names}

    def getattr_(name: str):
        if name not in origin:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        namespace = sys.modules[package].__dict__
        namespace[name] = getattr(importlib.import_module(f"{package}.{origin[name]}"), name)
        return namespace[name]

    def dir_() -> list[str]:
        return sorted({*sys.modules[package].__dict__, *origin})

    return getattr_, dir_, sorted(origin)
