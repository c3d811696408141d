"""Figures remembered by what they are built from, so a room of sessions looking at the same view
builds each chart once (issue 14: building the NRR page's three figures was a third of a render).

A builder wrapped with :func:`remembered` is pure (its figure depends only on its arguments), so
equal arguments, compared by their pickled bytes (frames included), give the figure built before.
That figure is shared: draw it, never change it (``st.plotly_chart`` only reads a figure).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)


def remembered(builder: F, *, size: int = 256) -> F:
    """``builder`` with its last ``size`` figures kept by their arguments; arguments that cannot be
    pickled build a fresh figure every time."""
    kept: OrderedDict[bytes, object] = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(builder)
    def build(*args, **kwargs):
        try:
            key = hashlib.blake2b(pickle.dumps((args, sorted(kwargs.items())), protocol=pickle.HIGHEST_PROTOCOL),
                                  digest_size=16).digest()
        except (pickle.PicklingError, TypeError, AttributeError):
            return builder(*args, **kwargs)
        with lock:
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        figure = builder(*args, **kwargs)
        with lock:
            kept[key] = figure
            while len(kept) > size:
                kept.popitem(last=False)
        return figure

    build.forget = kept.clear  # for tests
    return build  # type: ignore[return-value]
