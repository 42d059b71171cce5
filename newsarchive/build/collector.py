"""Pausing Python's cyclic garbage collector around work that makes many objects and few
cycles (process state, no I/O).

Loading a cache file, gathering results from workers, or an edit loading stored views makes
tens of thousands of objects; the collector walking them again and again cost more than the
work itself (a fifth to two thirds of it, measured where each is used). Reference counting
still frees what becomes garbage.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def collector_paused(keep: bool = False) -> Iterator[None]:
    """The cyclic collector off for the block (left off if it was off already).

    keep: what the block made lives to the end of the process (a CLI edit's views): it is
    frozen before the collector is back on, whose first pass would walk all of it (30 ms
    after an edit that loaded thousands of views)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_on:
            gc.enable()


def unpickled_to_keep(data: bytes) -> Any:
    """Unpickle what the build keeps to its end, and freeze it before the collector is back
    on: otherwise its next young-generation pass walks every one of the new objects."""
    with collector_paused(keep=True):
        return pickle.loads(data)
