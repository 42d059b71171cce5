"""The pool of forked workers and the calling process: results in task order, inherited
inputs, failures raised in the parent; the chunks of articles handed to it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from newsarchive.forkpool import ForkPool, WorkerFailed
from newsarchive.parallel import MIN_CHUNK, _chunks


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[ForkPool]:
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    pool = ForkPool(2)
    try:
        yield pool
    finally:
        pool.close()
    assert forked
    for pid in forked:  # every worker was reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def in_a_worker() -> bool:
    """Whether this runs in a forked worker (the calling process takes tasks too)."""
    return os.getpid() != PARENT


PARENT = os.getpid()


def test_results_come_back_in_task_order_from_both_processes(pool: ForkPool) -> None:
    def slow_first(task: int) -> tuple[int, int]:
        time.sleep(0.02 * (8 - task))  # the first tasks finish last
        return task * task, os.getpid()

    results = list(pool.map(slow_first, range(9)))
    assert [square for square, _ in results] == [n * n for n in range(9)]
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() in pids  # one worker forked, and this process


def test_workers_see_the_inputs_as_they_were_when_map_was_called(pool: ForkPool) -> None:
    inputs = {"text": "قبل"}

    def read(task: int) -> tuple[bool, str]:
        time.sleep(0.05)
        return in_a_worker(), inputs["text"]

    results = pool.map(read, range(6))  # the worker is forked here
    inputs["text"] = "بعد"
    seen = set(results)
    assert (True, "قبل") in seen and (True, "بعد") not in seen


def test_an_exception_in_a_worker_is_raised_in_the_parent(pool: ForkPool) -> None:
    def fail_in_a_worker(task: int) -> int:
        if in_a_worker():
            raise ValueError(f"bad task {task}")
        time.sleep(0.05)
        return task

    with pytest.raises(ValueError, match="bad task") as raised:
        list(pool.map(fail_in_a_worker, range(6)))
    # where it failed in the worker travels with it
    assert "in a worker: Traceback" in "".join(raised.value.__notes__)
    assert "in fail_in_a_worker" in "".join(raised.value.__notes__)


def test_a_worker_that_dies_fails_the_map(pool: ForkPool) -> None:
    def die_in_a_worker(task: int) -> int:
        if in_a_worker():
            os._exit(3)
        time.sleep(0.05)
        return task

    with pytest.raises(WorkerFailed, match=r"a worker died: .* of 4 not done"):
        list(pool.map(die_in_a_worker, range(4)))


def test_a_result_that_does_not_pickle_is_a_clear_failure(pool: ForkPool) -> None:
    def unpicklable_from_a_worker(task: int) -> object:
        time.sleep(0.05)
        return (lambda: task) if in_a_worker() else task

    with pytest.raises(WorkerFailed, match=r"task \d+: .*pickle"):
        list(pool.map(unpicklable_from_a_worker, range(4)))


def test_a_worker_never_waits_for_a_busy_parent(pool: ForkPool) -> None:
    """Results far bigger than a pipe holds: while the parent reads none (busy with work of
    its own before it iterates), the worker still goes on from task to task."""
    started = time.monotonic()

    def big(task: int) -> tuple[float, bytes]:
        return time.monotonic() - started, bytes([task]) * (3 << 20)

    results = pool.map(big, range(4))
    time.sleep(1.5)  # the parent is busy: the worker does every task meanwhile
    arrived = list(results)
    assert [(len(r), r[:1], r[-1:]) for _, r in arrived] == [
        (3 << 20, bytes([n]), bytes([n])) for n in range(4)
    ]
    assert all(finished < 1.5 for finished, _ in arrived)


def test_a_failure_ends_the_other_workers_at_once(pool: ForkPool) -> None:
    def fail_here_hang_there(task: int) -> int:
        if in_a_worker():
            time.sleep(60)
        raise ValueError("bad")

    started = time.monotonic()
    with pytest.raises(ValueError):
        list(pool.map(fail_here_hang_there, range(2)))
    pool.close()
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [0, 1, 15, 16, 17, 220, 1000, 20_000])
def test_chunks_cover_every_article_once_and_shrink_to_the_end(count: int, workers: int) -> None:
    chunks = _chunks(count, workers)
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    if count:
        assert sizes[0] == min(count, max(MIN_CHUNK, -(-count // (2 * workers))))
        assert sizes[-1] <= MIN_CHUNK  # the workers finish together


def test_a_fork_that_fails_leaves_no_worker_nor_open_file(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fork = os.fork
    forks: list[int] = []

    def fork_once() -> int:
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forks.append(real_fork())
        return forks[-1]

    before = set(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", fork_once)
    pool = ForkPool(3)
    with pytest.raises(BlockingIOError):
        pool.map(abs, range(6))
    pool.close()
    assert forks and set(os.listdir("/proc/self/fd")) == before
    with pytest.raises(ChildProcessError):  # the one worker forked was reaped
        os.waitpid(forks[0], os.WNOHANG)
