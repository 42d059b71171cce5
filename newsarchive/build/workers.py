"""Work spread over all cores (concurrent.futures): the full build's two phases
(articles.py, full.py) and looking at the input files (inputfiles.py).

The output is byte-identical to a serial build: the workers run the same pure functions on
the same values, and results come back in input order. Workers are forked: they inherit
their inputs (the articles' paths, the Site) through the executor's initializer arguments,
which the fork start method hands over without pickling; only results travel back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from ..core import urls
from ..core.model import SiteConfig
from ..entities.matcher import Matcher, find_mentions
from .collector import collector_off, frozen_while_forked

MIN_PARALLEL = 200  # below this many articles, starting workers costs more than it saves
MIN_CHUNK = 16  # articles: the smallest task, about 25 ms of a worker's time

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")
# What a worker runs for each task: work(state, task). state holds the inputs and whatever
# the work keeps for the worker's next tasks (a Jinja environment, a matcher); a serial run
# is work(dict(inputs), everything).
Work = Callable[[dict[str, Any], T], R]


class _Worker(Generic[T, R]):
    """A worker process's own work and state, made by _start in the worker."""

    def __init__(self, work: Work[T, R], inputs: Mapping[str, Any]) -> None:
        self.work, self.state = work, dict(inputs)


# The worker's own: set by _start (the executor's initializer), which runs in each worker
# process and never in the parent; the parent keeps what it hands over in its own locals.
_worker: _Worker[Any, Any] | None = None


def _start(work: Work[T, R], inputs: Mapping[str, Any]) -> None:
    """A worker's first act: keep its work and inputs, turn its cyclic collector off
    (collector.py says why), and let an interrupt end it.

    Ctrl-C interrupts the whole process group: a worker that caught it as KeyboardInterrupt
    would send it back and go on with the tasks queued for it (3 s more at 5,000 articles);
    ended at once instead, the parent raises its own KeyboardInterrupt and stops.
    """
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    collector_off()
    _worker = _Worker(work, inputs)


def _run(task: Any) -> Any:
    """One task in a worker (what the executor sends: the task alone, pickled)."""
    assert _worker is not None, "run in a worker started by _start only"
    return _worker.work(_worker.state, task)


def worker_count() -> int:
    """The cores this process may use (NEWSARCHIVE_WORKERS overrides, 1 means serial)."""
    wanted = os.environ.get("NEWSARCHIVE_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0))


@contextlib.contextmanager
def worker_pool(
    work: Work[T, R], inputs: Mapping[str, Any], workers: int
) -> Iterator[Callable[[Iterable[T]], Iterator[R]]]:
    """`workers` forked processes that run work(state, task) for the tasks given to the map
    this yields, results in task order (a worker's exception is raised by the iteration,
    its traceback chained). Every task is handed out when map is called, so the caller may
    do work of its own before it iterates. On leaving, tasks not started are cancelled and
    the workers are waited for."""
    with _forked(work, inputs, workers) as executor:

        def run(tasks: Iterable[T]) -> Iterator[R]:
            return executor.map(_run, tasks)

        yield run


def run_beside(
    work: Work[T, R], inputs: Mapping[str, Any], tasks: list[T], own: Callable[[], S], workers: int
) -> tuple[S, list[R]]:
    """What `own()` returns and the results of work(state, task) for each task (in task
    order), on `workers` cores: `workers - 1` forked processes take the tasks one by one
    while this process does its own work, and this one then takes them too, until none is
    left. Each process takes the next task from a counter they share, so whichever is free
    takes it (tasks that shrink towards the end let them finish together). A worker's
    exception is raised here.

    One process fewer than `workers`: this process's own work fills the core, and every
    forked process costs memory, since each object it reads, it copies (reading changes
    the object's reference count), and rendering the lists reads every article's view: at
    100,000 articles 0.6-0.8 GB a worker."""
    counter = multiprocessing.get_context("fork").Value("i", 0)  # the next task's index
    shared = {**inputs, _TAKING: (work, tasks, counter)}
    with _forked(_take_tasks, shared, max(1, workers - 1)) as executor:
        futures = [executor.submit(_run, None) for _ in range(max(1, workers - 1))]
        try:
            mine = own()
            done = dict(_take_tasks(dict(shared), None))
        except BaseException:
            with counter.get_lock():  # the workers stop after the task each is on
                counter.value = len(tasks)
            raise
        for future in futures:
            done.update(future.result())
    return mine, [done[index] for index in range(len(tasks))]


_TAKING = "run_beside"  # where _take_tasks finds the work, the tasks and their counter


def _take_tasks(state: dict[str, Any], _: None) -> list[tuple[int, Any]]:
    """Run the tasks that this process takes from the shared counter (run_beside), each with
    its index, until none is left."""
    work, tasks, counter = state[_TAKING]
    done: list[tuple[int, Any]] = []
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(tasks):
            return done
        done.append((index, work(state, tasks[index])))


@contextlib.contextmanager
def _forked(
    work: Work[T, R], inputs: Mapping[str, Any], workers: int
) -> Iterator[ProcessPoolExecutor]:
    """An executor of `workers` forked processes that each run _start(work, inputs) first; on
    leaving, its tasks not started are cancelled and the processes waited for. The parent's
    objects stay frozen meanwhile (collector.py says why)."""
    with frozen_while_forked():
        executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),  # inputs inherited, not pickled
            initializer=_start,
            initargs=(work, inputs),
        )
        try:
            yield executor
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


def task_ranges(count: int, workers: int, smallest: int = MIN_CHUNK) -> list[range]:
    """Consecutive ranges over count items that shrink towards the end: each the workers'
    share of what is left, halved. Big first ones cost little to hand out; the small last
    ones let the workers finish together (the first free worker takes the next)."""
    parts: list[range] = []
    start = 0
    while start < count:
        size = max(smallest, -(-(count - start) // (2 * workers)))
        parts.append(range(start, min(start + size, count)))
        start += size
    return parts


Finder = Callable[[str], Any]
Linker = Callable[[str], str]


def matching(matcher: Matcher, config: SiteConfig) -> tuple[Finder, Linker]:
    """The mention finder and entity-page link a body is rendered with."""

    def find(text: str) -> Any:
        return find_mentions(matcher, text)

    def href(entity_id: str) -> str:
        return urls.href(config, urls.entity("ar", entity_id))

    return find, href
