"""The build's whole policy for Python's cyclic garbage collector (and freed memory): when it
is paused, what is frozen, when it runs. Process state, no I/O.

Why: a build makes millions of objects and next to no cycles, and reference counting frees
what becomes garbage anyway; the collector walking those objects again and again cost more
than the work itself where many are made at once (loading a cache file, gathering results
from workers, an edit loading stored views: a fifth to two thirds of it, measured where each
is used). So:
- around such work the collector is paused (collector_paused), and what the work made that
  lives to the end of the process is frozen first, or the collector's first pass would walk
  all of it (30 ms after an edit that loaded thousands of views);
- forked workers run with it off for good (collector_off): parsing makes no cycles, and
  there it spent a tenth of the time; rendering makes a few (a worker that rendered 6,000
  pages held 1,100 objects in cycles, 97 KB: its Jinja environment), and collecting as it
  went cost 5% of the worker's time;
- the parent freezes its objects before forking workers (frozen_while_forked), so that no
  collection walks (or, in a worker, copies page by page) what the workers inherited;
- before workers fork or Pagefind runs, one collection and malloc_trim hand freed memory
  back to the system (release_freed_memory);
- the dev server, which lives on after a build, unfreezes what the build froze
  (thaw_after_build), so that it is collected as the garbage it then becomes;
- build.py leaves with os._exit: the output is written, and freeing every object the build
  made, one by one, would only cost time (30 ms after a 1,000-article build, more for larger).
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
    frozen before the collector is back on."""
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
    """Unpickle what the build keeps to its end, frozen before the collector is back on."""
    with collector_paused(keep=True):
        return pickle.loads(data)


def collector_off() -> None:
    """The cyclic collector off for the rest of this process (a forked worker)."""
    gc.disable()


@contextlib.contextmanager
def frozen_while_forked() -> Iterator[None]:
    """This process's objects frozen while the block forks workers and waits for them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def thaw_after_build() -> None:
    """What a build froze made collectable again, in a process that outlives the build."""
    gc.unfreeze()


def release_freed_memory() -> None:
    """Hand the memory the build has freed back to the system, before forking workers that
    would each be counted with it, or before Pagefind needs it.

    glibc keeps freed blocks for reuse and malloc_trim returns them: measured 131 -> 96 MB in
    the build process after rendering 5,000 articles (924 -> 733 MB before the build kept less).
    """
    gc.collect()
    import ctypes.util  # here: a build that frees nothing does not pay for importing it

    libc_name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(libc_name), "malloc_trim", None) if libc_name else None
    if trim is not None:
        trim(0)
